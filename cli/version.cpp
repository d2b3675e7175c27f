#include "cli/commands.h"
#include "linkproof_version.h"  // generated at build time (cmake/version.cmake)
#include "solver/z3_version.h"

namespace lp::cli {

std::string version_text() {
  std::string out = "linkproof ";
  out += kLinkproofVersion;
  out += "\ncommit ";
  out += kLinkproofCommit;
  out += "\nZ3 ";
  out += z3_version();
  out += '\n';
  return out;
}

}  // namespace lp::cli

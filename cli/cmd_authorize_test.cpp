// `authorize` reads its request as text, as the JSON reader reads a policy: a value that is not
// well-formed UTF-8 (only argv can carry one; corpus cases are JSON) is bad input, exit 2.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/args.h"
#include "cli/commands.h"

namespace lp::cli {
namespace {

int authorize(const Argv& argv, std::string& err_text) {
  std::istringstream in;
  std::ostringstream out, err;
  int code = cmd_authorize(argv, in, out, err);
  err_text = err.str();
  return code;
}

TEST(Authorize, RequestValuesMustBeUtf8) {
  const std::string policy = std::string(LINKPROOF_ROOT) + "/corpus/authz/wildcard-everything/p.json";
  std::string err;
  EXPECT_EQ(authorize({"--policy", policy, "--action", "ecs:A", "--resource", "caf\xC3\xA9"}, err), kExitOk) << err;
  EXPECT_EQ(authorize({"--policy", policy, "--action", "ecs:A", "--resource", "caf\xFF"}, err), kExitBadInput);
  EXPECT_NE(err.find("--resource: the value is not well-formed UTF-8"), std::string::npos) << err;
  EXPECT_EQ(authorize({"--policy", policy, "--action", "ecs:\xC0\xAF", "--resource", "*"}, err), kExitBadInput);
  EXPECT_EQ(authorize({"--policy", policy, "--action", "ecs:A", "--resource", "*", "--context", "k=\xED\xA0\x80"}, err),
            kExitBadInput);
}

}  // namespace
}  // namespace lp::cli

// What `audit` and `diff` share: their options, the settings read from them, and the bundled
// data both need (the service-linked role policy, the action catalogue).
#pragma once

#include <iosfwd>
#include <optional>
#include <set>
#include <string>

#include "cli/args.h"
#include "lang/catalogue.h"
#include "lang/world_loader.h"
#include "solver/audit/audit.h"

namespace lp::cli {

std::set<std::string> audit_value_options(std::set<std::string> own);

struct AuditSetup {
  WorldOptions world;
  audit::Settings settings;
  std::optional<Policy> slr;
  std::optional<Catalogue> catalogue;
};

// Reads the settings options and loads the bundled data into `setup` (its Settings then point at
// them: keep `setup` where it is). Returns an exit code when something is wrong (after a message).
std::optional<int> read_audit_setup(const Args& args, const char* command, AuditSetup& setup, std::ostream& err);

// Writes a report file; false (and a message) when it cannot.
bool write_file(const std::string& path, const std::string& text, std::ostream& err);

}  // namespace lp::cli

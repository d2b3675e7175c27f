// Where the bundled data lives (policies/) and which documents it holds. The documents are read by
// the same loaders as user input (design.md, "Built-in documents").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/diagnostic.h"
#include "lang/policy.h"
#include "lang/settings.h"

namespace lp {

// The bundled data folder (the source tree's policies/, installed as <prefix>/share/linkproof):
// `override` (--catalogue) if given, else $LINKPROOF_POLICIES, else the data of the running
// binary's own prefix: <bin>/../share/linkproof (an installed <prefix>/bin/linkproof, or a test
// binary in <build>/<room>/), else <bin>/share/linkproof (<build>/linkproof: the build tree mirrors
// the prefix). A folder counts only if it holds actions/. No path is compiled in, so an installed
// tree can be moved.
std::optional<std::string> policies_dir(const std::optional<std::string>& override = std::nullopt);

// The folders policies_dir() tries after the override and the environment, in order, for the
// binary at `executable`.
std::vector<std::string> prefix_data_dirs(const std::string& executable);

struct BundledPolicy {
  std::string path;
  std::string name;  // file stem: the policy's name in RAM
  PolicyKind kind = PolicyKind::Identity;
  std::string display;  // "<builtin>/system/AliyunPrivateLinkFullAccess.json": the name in diagnostics
};

// AliyunServiceRolePolicyForPrivatelink and the system policies under policies/system/.
std::vector<BundledPolicy> bundled_policy_files(const std::string& dir);

// Reads and parses one bundled document with the parser user input goes through; its SourceRefs
// name it by `display` ("<builtin>/..."). Appends LP-IO / LP-JSON / LP-RAM errors; nullopt on error.
std::optional<Policy> load_bundled_policy(const BundledPolicy& b, const PolicySettings& settings, Diagnostics& diags);

}  // namespace lp

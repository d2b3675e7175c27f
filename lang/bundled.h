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

// The policies/ directory: `override` if given, else $LINKPROOF_POLICIES, else ../policies next to
// the running binary (build/linkproof -> policies/), else the source tree's policies/.
std::optional<std::string> policies_dir(const std::optional<std::string>& override = std::nullopt);

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

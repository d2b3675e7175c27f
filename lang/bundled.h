// Where the bundled data lives (policies/) and which documents it holds. The documents are read by
// the same loaders as user input (design.md, "Built-in documents").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/policy.h"

namespace lp {

// The policies/ directory: `override` if given, else $LINKPROOF_POLICIES, else ../policies next to
// the running binary (build/linkproof -> policies/), else the source tree's policies/.
std::optional<std::string> policies_dir(const std::optional<std::string>& override = std::nullopt);

struct BundledPolicy {
  std::string path;
  std::string name;  // file stem: the policy's name in RAM
  PolicyKind kind = PolicyKind::Identity;
};

// AliyunServiceRolePolicyForPrivatelink and the system policies under policies/system/.
std::vector<BundledPolicy> bundled_policy_files(const std::string& dir);

}  // namespace lp

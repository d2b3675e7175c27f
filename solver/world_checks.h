// Static checks of one world snapshot: every rule of shared/spec/privatelink-rules.md that can be
// decided without a solver. Each finding is a Diagnostic whose code is the rule id (PL-EP-03, ...),
// whose object is the id of the object concerned and whose place is that object's source location.
#pragma once

#include "lang/diagnostic.h"
#include "lang/policy.h"
#include "lang/settings.h"
#include "lang/world.h"

namespace lp {

// PL-CN-01: limits are versioned data; the check names the rule set it used.
enum class BandwidthRules {
  Guide20220418,  // default: the guide's 100-1024 Mbps
  Api2026,        // the current API for CLB backends: 100-10240 Mbps (reference.md §3.6)
};

struct CheckSettings {
  BandwidthRules bandwidth = BandwidthRules::Guide20220418;
  PolicySettings policy;
};

// `default_slr_policy`: the bundled AliyunServiceRolePolicyForPrivatelink, used for accounts whose
// world gives no policy of their own for the service-linked role (PL-RL-01); may be null.
Diagnostics check_world(const World& w, const Policy* default_slr_policy, const CheckSettings& s = {});

// The actions endpoint creation needs through the service-linked role (PL-RL-01).
const std::vector<std::string>& slr_required_actions();

// PL-EP-05 / PL-EP-06 as predicates (also used by the lifecycle checks): empty when fine, else why.
std::string endpoint_name_problem(const std::string& name);
std::string description_problem(const std::string& description);

}  // namespace lp

// Static checks of one world snapshot: every rule of shared/spec/privatelink-rules.md that can be
// decided without a solver. Each finding is a Diagnostic whose code is the rule id (PL-EP-03, ...),
// whose object is the id of the object concerned and whose place is that object's source location.
#pragma once

#include "lang/diagnostic.h"
#include "lang/policy.h"
#include "lang/settings.h"
#include "lang/world.h"
#include "solver/verdict.h"

namespace lp {

// PL-CN-01: limits are versioned data; the check names the rule set it used.
enum class BandwidthRules {
  Guide20220418,  // default: the guide's 100-1024 Mbps
  Api2026,        // the current API for CLB backends: 100-10240 Mbps (reference.md §3.6)
};

struct CheckSettings {
  BandwidthRules bandwidth = BandwidthRules::Guide20220418;
  PolicySettings policy;
  WorldSettings world;
};

// `default_slr_policy`: the bundled AliyunServiceRolePolicyForPrivatelink, used for accounts whose
// world gives no policy of their own for the service-linked role (PL-RL-01); may be null.
Diagnostics check_world(const World& w, const Policy* default_slr_policy, const CheckSettings& s = {});

// The actions endpoint creation needs through the service-linked role (PL-RL-01).
const std::vector<std::string>& slr_required_actions();

// ---- predicates shared by `check` and `reach` (one decision, one place) ----

// Whether an endpoint zone in status `z` forwards traffic: Connected and Migrated do (reference.md
// §3.12), Migrating does under PL-RS-06's smooth migration (WorldSettings::migrating_zone).
bool zone_forwards(ZoneStatus z, const WorldSettings& s);

// A reason a service resource carries no traffic, with the rule it breaks.
struct ResourceProblem {
  const char* rule;
  std::string why;
};

// PL-SV-01 (and PL-RS-02) on one CLB, whatever service it serves: billing, address type, network
// type, PrivateLink flag, region, zone and backup zone in the region table and in the CLB's region,
// the CLB's VPC in the CLB's region. Empty when the CLB is fit.
std::vector<ResourceProblem> clb_problems(const World& w, const Clb& lb);

// clb_problems plus the resource's own PL-RS-02 rules: the CLB in the service's region and in the
// zone the resource is attached for. Empty when the resource can carry traffic (listeners and
// backends aside: PL-SV-02 depends on the port asked about).
std::vector<ResourceProblem> resource_problems(const World& w, const EndpointService& sv, const ServiceResource& r);

// Whether the whitelist of `sv` admits account `account` (an index): the owner always (PL-WL-01),
// an entry naming the account (UserId or UserARN, reference.md §3.7), an entry naming every account
// as WorldSettings::whitelist_wildcard says (Unknown under the default). `why` names the deciding entry.
Verdict whitelist_admits(const World& w, const EndpointService& sv, size_t account, const WorldSettings& s,
                         std::string* why = nullptr);

// PL-EP-05 / PL-EP-06 as predicates (also used by the lifecycle checks): empty when fine, else why.
std::string endpoint_name_problem(const std::string& name);
std::string description_problem(const std::string& description);

}  // namespace lp

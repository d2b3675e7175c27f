// The PrivateLink lifecycle as a transition system (docs/lifecycle.md): every operation of PL-RL-03,
// the security-group rule changes and the RAM operations through which a principal widens its own
// access, each a checked transition over a forked copy of the World (style.md §15). One row per
// operation in operations.cpp: API parameters, caller, RAM action and resource, preconditions with
// their rule ids, effect, asynchronous states.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lang/plan.h"
#include "lang/world.h"
#include "solver/evaluator.h"
#include "solver/reach.h"
#include "solver/world_checks.h"

namespace lp::lifecycle {

// RAM resources an operation is authorized against (reference.md §2.2 lists, for some actions, a
// required first resource and further ones, e.g. CreateVpcEndpoint: vpcendpoint/*, the security
// group, the vSwitch and the VPC).
enum class RamResources {
  All,      // default: every resource the action's row lists must be allowed
  Primary,  // only the first (required) one
};

// A forced replacement (ResourceReplaceMode Force) "switches at once and the connection may be
// interrupted" (reference.md §3.8).
enum class ForcedMigration {
  Drops,     // default: a transient loss for every pair the zone served
  Seamless,  // no transient loss
};

struct LifecycleSettings {
  ReachSettings reach;
  BandwidthRules bandwidth = BandwidthRules::Guide20220418;  // PL-CN-01
  RamResources ram_resources = RamResources::All;
  ForcedMigration forced_migration = ForcedMigration::Drops;
  // Accounts without the resource-scheduling privilege (reference.md §3.8: the quota-centre
  // whitelist privatelink_whitelist/svc_res_mgt_uat that UpdateVpcEndpointZoneConnectionResource-
  // Attribute needs). Held by default (PL-OP-04).
  std::set<std::string> without_scheduling_privilege;
};

// A smooth migration's old resource, still serving beside the new one until
// DisableVpcEndpointZoneConnection with ReplacedResource cleans it (PL-RS-06, PL-RS-08).
struct ReplacedResource {
  std::string endpoint, zone;
  size_t clb = kNone;  // index into World::clbs (CLBs are never removed by an operation)
  std::string eni;
  Cidr ip;
  bool has_ip = false;
};

// The world a plan has built so far, plus what the World type does not hold.
struct LifecycleState {
  World world;
  std::vector<ReplacedResource> replaced;
  std::set<std::string> sessions;  // role ARNs assumed by AssumeRole
  size_t created = 0;              // objects created so far (for generated ids)
};

struct Principal {
  enum class Kind { Root, User, Role } kind = Kind::Root;
  std::string arn, account, name;
};
// acs:ram::<account>:root | acs:ram::<account>:user/<name> | acs:ram::<account>:role/<name>;
// nullopt and `why` otherwise.
std::optional<Principal> parse_principal(const std::string& arn, std::string* why);

// One failed precondition: the rule it enforces, the object concerned and where that object is in
// the world; `plan_where` is the plan value that names it (the argument, else the step).
struct Failure {
  std::string rule;
  std::string message;
  std::string object;
  SourceRef where;
  SourceRef plan_where;
};

// One RAM request of a step (reference.md §2.2 resource, §2.1 condition key).
struct RamCheck {
  std::string action, resource;
  std::vector<std::pair<std::string, std::string>> context;
};

struct DecidingStatement {
  std::string policy;  // world policy id (or the bundled name)
  std::string layer;   // identity | control | trust
  size_t statement = 0;
  std::string effect, sid;
  SourceRef where;
};

struct Authorization {
  bool evaluated = false;
  Decision decision = Decision::ImplicitDeny;
  std::string how;  // one line: "account root", "user alice: Allow on every request", ...
  std::vector<RamCheck> checks;
  std::optional<RamCheck> refused;  // the first request that was not allowed
  std::vector<DecidingStatement> statements;
};

// Authorizes every request as `p` against its policies in the world (identity: user + groups, or
// the role; control policies of the account bound RAM users and roles; an account root holds every
// permission of its account, reference.md §1.8 [D14]).
Authorization authorize(const World& w, const Principal& p, const std::vector<RamCheck>& checks, const PolicySettings& s);

// ---- the operation table ----

struct Operation {
  const char* name;        // the API name
  const char* side;        // consumer | provider | network | ram
  const char* caller;      // who calls it
  const char* action;      // RAM action
  const char* resource;    // resource ARN(s) authorized against (reference.md §2.2, §1.3)
  std::vector<const char*> params;  // API parameters; a trailing '?' marks an optional one
  std::vector<std::pair<const char*, const char*>> preconditions;  // (rule id, what must hold)
  const char* effect;
  const char* async;       // asynchronous states, as the API polls them
};

const std::vector<Operation>& operations();
const Operation* find_operation(const std::string& name);

// The table as Markdown (docs/lifecycle.md prints it; a test keeps them equal).
std::string operations_markdown();

// ---- one step ----

struct StepOutcome {
  bool accepted = false;
  std::vector<Failure> failed;
  Authorization authorization;
  std::vector<std::string> notes;              // what the step did beyond the obvious (e.g. a zone left in Wait)
  std::optional<World> transient;              // the reachability view of the unsettled state in between, when it differs
  std::set<std::string> services;              // services whose reachability the step can change
  bool all_services = false;                   // ... or every service (security-group changes)
};

// Checks the step against the state; when every precondition holds and RAM allows the caller,
// applies it (settled state) and returns accepted. A refused step leaves `st` unchanged.
StepOutcome apply_step(LifecycleState& st, const PlanStep& step, const LifecycleSettings& s);

// The same judgement without the effect (`st` is left as it is): `accepted` says whether apply_step
// would accept the step (the search tries many steps on one state).
StepOutcome judge_step(LifecycleState& st, const PlanStep& step, const LifecycleSettings& s);

// The world reachability is computed on: the state's world plus, for every smooth migration not yet
// cleaned, the old resource as a zone entry in status Migrated (reference.md §3.6 Zones[].Replaced*).
World reach_view(const LifecycleState& st);

}  // namespace lp::lifecycle

// Internal to the lifecycle room: what one operation's function sees while it checks and applies a
// step (the arguments, the caller, the state) and the small helpers every operation shares.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "solver/lifecycle/lifecycle.h"

namespace lp::lifecycle {

struct Ctx {
  LifecycleState& st;
  const PlanStep& step;
  const LifecycleSettings& s;
  const Principal& caller;
  size_t caller_account;  // index into World::accounts
  StepOutcome& out;
  std::vector<RamCheck> checks;
  bool judge_only = false;  // judge_step: proceed() never lets the effect run

  World& w() { return st.world; }
  const Account& account() { return st.world.accounts[caller_account]; }

  // Where an argument is in the plan file (the step's args when the argument is absent).
  SourceRef at(const char* name) const;
  void fail(const char* rule, const std::string& object, const SourceRef& where, const std::string& message,
            const SourceRef& plan_where = {});
  bool ok() const { return out.failed.empty(); }

  // Arguments. A missing required one or a wrong JSON type is a PL-OP-05 failure.
  std::optional<std::string> str(const char* name);
  std::optional<std::string> opt_str(const char* name);
  std::optional<bool> opt_bool(const char* name);
  std::optional<int> opt_int(const char* name);
  std::vector<std::string> str_list(const char* name, bool required);
  // One of the API's words for an enumerated argument.
  std::optional<std::string> word(const char* name, std::initializer_list<const char*> allowed, bool required);

  // Objects named by an argument; a failure (PL-OP-01) when they do not exist.
  size_t endpoint(const char* name = "EndpointId");
  size_t service(const char* name = "ServiceId");
  size_t security_group(const char* name = "SecurityGroupId");
  size_t vpc(const char* name = "VpcId");
  size_t vswitch(const std::string& id, const SourceRef& plan_where);
  size_t clb(const std::string& id, const SourceRef& plan_where);

  // PL-OP-02: the caller's account owns the object.
  void owns(size_t account, const std::string& object, const SourceRef& where, const char* arg);
  // PL-OP-03: the service is Active.
  void active(const EndpointService& sv);

  // A RAM request the step makes (the first one is the action's required resource).
  void ram(const std::string& resource, std::vector<std::pair<std::string, std::string>> context = {});
  void ram_action(const std::string& action, const std::string& resource);
  // Evaluates the requests as the caller and records a PL-RL-03 failure when not allowed; true
  // when the step may apply its effect (no failure at all).
  bool proceed();

  // The reachability the step can change.
  void touch(size_t service_index) { out.services.insert(st.world.services[service_index].id); }
  void touch_all() { out.all_services = true; }
  // Records the current (partly applied) state as the unsettled one in between.
  void transient() { out.transient = reach_view(st); }
};

using Apply = void (*)(Ctx&);
Apply find_apply(const std::string& op);

// ---- ARNs (reference.md §1.3) ----
std::string endpoint_arn(const std::string& region, const std::string& account, const std::string& id);
std::string service_arn(const std::string& region, const std::string& account, const std::string& id);
std::string ecs_arn(const std::string& region, const std::string& account, const std::string& kind, const std::string& id);
std::string vpc_arn(const std::string& region, const std::string& account, const std::string& kind, const std::string& id);
std::string ram_arn(const std::string& account, const std::string& kind, const std::string& name);

// ---- shared effects ----
size_t auto_resource(const EndpointService& sv, const std::string& zone);  // PL-RS-05; kNone when none
// Connects one zone: its assigned resource, else an auto-allocatable one of its zone; a zone with
// none stays Wait and a note says so (PL-CN-03, PL-RS-05).
void connect_zone(Ctx& c, Endpoint& e, EndpointZone& z, const EndpointService& sv);
// One address of a VPC belongs to one ENI (docs/world-format.md, LP-WORLD-006): the addresses
// held in `vpc` by instances, endpoint zones and the old ENIs of smooth migrations still to clean.
std::vector<uint32_t> held_addresses(const LifecycleState& st, size_t vpc);
// The lowest address of the vSwitch after its first that no ENI of its VPC holds.
uint32_t free_address(const LifecycleState& st, size_t vswitch);
Cidr host_address(uint32_t a);  // a as an IPv4 /32
void reindex(World& w);                      // rebuilds the id maps after a removal
void remove_endpoint(World& w, size_t e);
void remove_service(World& w, size_t sv);
void remove_service_resource(World& w, size_t sv, size_t r);
std::string zone_object(const Endpoint& e, const std::string& zone);  // "ep-1/cn-hangzhou-h"

// The operations, one function each (ops_consumer.cpp, ops_provider.cpp, ops_connection.cpp,
// ops_network.cpp, ops_ram.cpp).
void CreateVpcEndpoint(Ctx&);
void DeleteVpcEndpoint(Ctx&);
void UpdateVpcEndpointAttribute(Ctx&);
void AttachSecurityGroupToVpcEndpoint(Ctx&);
void DetachSecurityGroupFromVpcEndpoint(Ctx&);
void AddZoneToVpcEndpoint(Ctx&);
void RemoveZoneFromVpcEndpoint(Ctx&);
void ListVpcEndpointConnections(Ctx&);
void CreateVpcEndpointService(Ctx&);
void UpdateVpcEndpointServiceAttribute(Ctx&);
void DeleteVpcEndpointService(Ctx&);
void AttachResourceToVpcEndpointService(Ctx&);
void DetachResourceFromVpcEndpointService(Ctx&);
void EnableVpcEndpointConnection(Ctx&);
void DisableVpcEndpointConnection(Ctx&);
void UpdateVpcEndpointConnectionAttribute(Ctx&);
void AddUserToVpcEndpointService(Ctx&);
void RemoveUserFromVpcEndpointService(Ctx&);
void EnableVpcEndpointZoneConnection(Ctx&);
void DisableVpcEndpointZoneConnection(Ctx&);
void UpdateVpcEndpointZoneConnectionResourceAttribute(Ctx&);
void UpdateVpcEndpointServiceResourceAttribute(Ctx&);
void AuthorizeSecurityGroup(Ctx&);
void AuthorizeSecurityGroupEgress(Ctx&);
void RevokeSecurityGroup(Ctx&);
void RevokeSecurityGroupEgress(Ctx&);
void AttachPolicyToUser(Ctx&);
void AttachPolicyToGroup(Ctx&);
void AttachPolicyToRole(Ctx&);
void DetachPolicyFromUser(Ctx&);
void DetachPolicyFromGroup(Ctx&);
void DetachPolicyFromRole(Ctx&);
void CreatePolicyVersion(Ctx&);
void AddUserToGroup(Ctx&);
void AssumeRole(Ctx&);

}  // namespace lp::lifecycle

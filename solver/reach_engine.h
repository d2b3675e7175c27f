// The reachability engine behind reach() and who() (solver/reach.h, docs/reach.md): one world and
// its settings, indexed once; `now` in reach.cpp, `could` in reach_could.cpp, `who` in
// reach_who.cpp. Private to solver/reach*.cpp.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "solver/reach.h"
#include "solver/reach_sets.h"
#include "solver/world_checks.h"

namespace lp::reach_engine {

using namespace reach_sets;  // the address sets the engine reasons over

struct Engine {
  const World& w;
  const ReachSettings& s;
  Index ix;

  std::vector<std::vector<size_t>> vpcs_of_account, vswitches_of_vpc;
  std::vector<std::unordered_set<size_t>> whitelist_of_service;  // the accounts (indexes) an entry names
  std::vector<bool> wildcard_of_service;                              // an entry names every account
  std::vector<bool> policies_mention_service;  // per account: a policy conditions on the service id
  std::vector<std::vector<bool>> resource_fit;  // per service, per resource: resource_problems is empty
  mutable std::unordered_map<size_t, bool> slr_cache;

  Engine(const World& world, const ReachSettings& settings);

  size_t account_index(const std::string& id) const {
    auto it = w.account_index.find(id);
    return it == w.account_index.end() ? kNone : it->second;
  }

  bool fit(const EndpointService& sv, size_t resource) const {
    return resource_fit[static_cast<size_t>(&sv - w.services.data())][resource];
  }

  // PL-WL-01 through the predicate `check` uses (whitelist_admits); the sets only make it fast.
  Verdict whitelisted(const EndpointService& sv, size_t account, std::string* why = nullptr) const {
    size_t i = static_cast<size_t>(&sv - w.services.data());
    bool named = account == sv.account || whitelist_of_service[i].count(account);
    if (!why && named) return Verdict::Yes;
    if (!named && !wildcard_of_service[i]) {
      if (why) *why = "account " + w.accounts[account].id + " is not in the whitelist of " + sv.id;
      return Verdict::No;
    }
    return whitelist_admits(w, sv, account, s.world, why);
  }

  std::vector<int> listener_ports(const Clb& lb, IpProtocol p) const {
    std::vector<int> out;
    for (const auto& l : lb.listeners)
      if (listener_carries(l, p)) out.push_back(l.port);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  const Listener* listener_on(const Clb& lb, int port, IpProtocol p) const {
    for (const auto& l : lb.listeners)
      if (l.port == port && listener_carries(l, p)) return &l;
    return nullptr;
  }

  void add_tail(ReachAnswer& a, const Clb& lb, int port, IpProtocol p) const {
    if (const Listener* l = listener_on(lb, port, p))
      a.path.push_back({"listener", lb.id + ":" + std::to_string(port),
                        std::string(listener_protocol_name(l->protocol)) + " " + std::to_string(port), l->where});
    for (size_t b : lb.backends)
      a.path.push_back({"backend", w.instances[b].id, w.instances[b].ip.to_string(), w.instances[b].where});
  }

  // The client's own egress to the ENI (its groups; an address that is no instance of the world has
  // no known groups and is not checked).
  std::optional<SgVerdict> client_egress(uint32_t client, uint32_t eni, IpProtocol p, int port, const std::vector<std::string>& eni_groups,
                                         const std::vector<size_t>* client_groups) const {
    if (!client_groups) return std::nullopt;
    Packet pk{Direction::Egress, p, host(client), host(eni), port};
    return evaluate_packet(group_ptrs(w, *client_groups), pk, {eni_groups}, s.sg);
  }

  std::string zone_states() const {
    return s.world.migrating_zone == MigratingZoneRule::Serves ? "Connected, Migrated or Migrating" : "Connected or Migrated";
  }

  // ---- now ----

  ReachAnswer now(const ReachQuery& q) const;

  // ---- could ----

  // A principal of account x (a RAM user or role) that may call every action on the resource.
  struct Capability {
    std::string principal;
    SourceRef where;
  };

  mutable std::map<std::pair<size_t, std::string>, std::optional<Capability>> principal_cache;

  std::optional<Capability> principal_allowed(size_t x, const std::vector<std::pair<std::string, std::string>>& calls,
                                              const std::string& service_id) const;

  bool slr_allows(size_t x) const;

  bool slr_allows_uncached(size_t x) const;

  // What X may build alone toward service sv: per usable (VPC, vSwitch, resource) an option.
  struct Option {
    size_t vpc, vswitch, resource;
  };

  struct CouldPlan {
    std::vector<ReachCause> causes;
    std::vector<ReachCause> unknowns;  // a whitelist entry whose meaning is UNCONFIRMED
    std::vector<Option> options;
    std::optional<Capability> who;
  };

  CouldPlan could_plan(size_t x, const EndpointService& sv, IpProtocol p, std::optional<int> port) const;

  // The sources the new ENI accepts in security group g (cached: the same for every option).
  mutable std::map<std::tuple<size_t, int, int>, std::pair<IntervalSet, IntervalSet>> accepted_cache;  // (g, port, proto)
  const std::pair<IntervalSet, IntervalSet>& accepted_in(size_t g, IpProtocol p, int port) const;

  // Who could reach through a new endpoint of option `opt` in security group g on (p, port): the
  // client instances whose own egress reaches some free address of the vSwitch, and the other client
  // addresses of the VPC (no groups of their own), among the sources g accepts. The account chooses
  // the ENI's address (reference.md §3.8, CreateVpcEndpoint `ip`) and, among the VPC's existing
  // groups, the endpoint's group (PL-EP-02). `unknown` receives clients a prefix list leaves open.
  IntervalSet could_clients(const Option& opt, size_t g, IpProtocol p, int port, IntervalSet* unknown) const;

  ReachAnswer could(const ReachQuery& q) const;

  // A yes that rests on a whitelist entry whose meaning is UNCONFIRMED is unknown.
  static ReachAnswer settle_yes(ReachAnswer a, const CouldPlan& plan);

  // ---- who ----

  void who_now(WhoAnswer& out, const std::string& service, const std::string& account) const;

  void who_could(WhoAnswer& out, const std::string& service, const std::string& account) const;

  // Ports with the same client set become one entry with port ranges.
  static void emit(WhoAnswer& out, const std::map<std::tuple<std::string, std::string, int>, std::map<int, IntervalSet>>& acc);
};

}  // namespace lp::reach_engine

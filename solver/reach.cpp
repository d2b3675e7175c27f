// reach() and who() (solver/reach.h, docs/reach.md): the engine's index of the world and the `now`
// question; `could` is in reach_could.cpp, `who` in reach_who.cpp, the address sets in reach_sets.cpp.
#include "solver/reach.h"

#include <algorithm>
#include <stdexcept>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "solver/evaluator.h"
#include "solver/sg_symbolic.h"
#include "solver/reach_engine.h"
#include "solver/world_checks.h"

namespace lp {

namespace reach_engine {

Engine::Engine(const World& world, const ReachSettings& settings)
    : w(world), s(settings), ix(world), vpcs_of_account(world.accounts.size()), vswitches_of_vpc(world.vpcs.size()) {
  for (size_t v = 0; v < w.vpcs.size(); ++v)
    if (w.vpcs[v].account != kNone) vpcs_of_account[w.vpcs[v].account].push_back(v);
  for (size_t vs = 0; vs < w.vswitches.size(); ++vs)
    if (w.vswitches[vs].vpc != kNone) vswitches_of_vpc[w.vswitches[vs].vpc].push_back(vs);
  for (const auto& sv : w.services) {
    std::unordered_set<size_t> named;
    bool wildcard = false;
    for (const auto& entry : sv.whitelist) {
      WhitelistEntry e = parse_whitelist_entry(entry);
      if (e.kind == WhitelistEntry::Kind::Account)
        if (auto it = w.account_index.find(e.account); it != w.account_index.end()) named.insert(it->second);
      wildcard |= e.kind == WhitelistEntry::Kind::AllAccounts;
    }
    whitelist_of_service.push_back(std::move(named));
    wildcard_of_service.push_back(wildcard);
  }
  for (const auto& sv : w.services) {
    std::vector<bool> fit;
    for (const auto& r : sv.resources) fit.push_back(resource_problems(w, sv, r).empty());
    resource_fit.push_back(std::move(fit));
  }
  for (const auto& a : w.accounts) {
    bool mentions = false;
    auto scan = [&](const std::vector<size_t>& ps) {
      for (size_t p : ps)
        for (const auto& st : w.policies[p].policy.statements)
          for (const auto& c : st.conditions) mentions |= c.key_folded == "privatelink:vpcendpointserviceid";
    };
    for (const auto& u : a.users) scan(u.policies);
    for (const auto& g : a.groups) scan(g.policies);
    for (const auto& r : a.roles) scan(r.policies);
    scan(a.control_policies);
    policies_mention_service.push_back(mentions);
  }
}

ReachAnswer Engine::now(const ReachQuery& q) const {
  ReachAnswer a;
  size_t x = account_index(q.account);
  const EndpointService* sv = w.service(q.service);
  auto cause = [&](std::string rule, std::string object, SourceRef where, std::string message) {
    for (const auto& c : a.causes)
      if (c.rule == rule && c.message == message) return;
    a.causes.push_back({std::move(rule), std::move(object), std::move(where), std::move(message)});
  };
  std::vector<ReachCause> unknowns;
  bool any_endpoint = false;
  for (const auto& e : w.endpoints) {
    if (e.account != x || e.services.size() != 1 || &w.services[e.services[0]] != sv || e.vpc == kNone) continue;
    any_endpoint = true;
    bool blocked = false;
    if (e.status != EndpointStatus::Active) {
      cause("LP-REACH-001", e.id, e.where, "endpoint " + e.id + " is " + endpoint_status_name(e.status) + ", not Active");
      blocked = true;
    }
    if (e.connection != ConnectionStatus::Connected) {
      bool waiting = e.connection == ConnectionStatus::Connecting || e.connection == ConnectionStatus::Pending;
      cause(waiting ? "PL-SV-05" : "PL-CN-04", e.id, e.where,
            "the connection of endpoint " + e.id + " to " + sv->id + " is " + connection_status_name(e.connection) +
                (waiting ? ": it waits for the provider to accept" : ", not Connected"));
      blocked = true;
    }
    if (sv->status != ServiceStatus::Active) {
      cause("LP-REACH-002", sv->id, sv->where, "service " + sv->id + " is " + service_status_name(sv->status) + ", not Active");
      blocked = true;
    }
    if (e.business_status != BusinessStatus::Normal || sv->business_status != BusinessStatus::Normal) {
      cause("LP-REACH-005", e.id, e.where,
            "endpoint " + e.id + " is " + business_status_name(e.business_status) + " and service " + sv->id + " is " +
                business_status_name(sv->business_status) + ": both must be Normal");
      blocked = true;
    }
    if (e.security_groups.empty()) {
      cause("PL-EP-09", e.id, e.where, "endpoint " + e.id + " has no security group: its ENIs accept nothing");
      blocked = true;
    }
    if (blocked) continue;
    std::vector<std::string> eni_group_ids = group_ids(w, e.security_groups);
    for (const auto& z : e.zones) {
      std::string zid = e.id + "/" + z.zone;
      if (!zone_forwards(z.status, s.world)) {
        cause("PL-RS-01", zid, z.where,
              "zone " + z.zone + " of " + e.id + " is " + zone_status_name(z.status) + ", not " + zone_states());
        continue;
      }
      if (z.resource == kNone) {
        cause("PL-RS-01", zid, z.where, "zone " + z.zone + " of " + e.id + " has no assigned service resource");
        continue;
      }
      if (!z.has_ip || z.ip.v6 || z.vswitch == kNone) {
        cause("PL-EP-04", zid, z.where, "zone " + z.zone + " of " + e.id + " has no IPv4 ENI address in the world");
        continue;
      }
      const ServiceResource& res = sv->resources[z.resource];
      if (res.clb == kNone) continue;
      const Clb& lb = w.clbs[res.clb];
      auto problems = resource_problems(w, *sv, res);
      for (const auto& p : problems)
        cause(p.rule, lb.id, lb.where, "resource " + lb.id + " of " + sv->id + " carries no traffic: CLB " + lb.id + " " + p.why);
      if (!problems.empty()) continue;
      std::vector<int> ports = listener_ports(lb, q.protocol);
      if (q.port) {
        if (std::find(ports.begin(), ports.end(), *q.port) == ports.end()) {
          cause("PL-SV-02", lb.id, lb.where,
                "CLB " + lb.id + " has no " + protocol_name(q.protocol) + " listener on port " + std::to_string(*q.port));
          continue;
        }
        ports = {*q.port};
      } else if (ports.empty()) {
        cause("PL-SV-02", lb.id, lb.where, std::string("CLB ") + lb.id + " has no " + protocol_name(q.protocol) + " listener");
        continue;
      }
      if (lb.backends.empty()) {
        cause("PL-SV-02", lb.id, lb.where, "CLB " + lb.id + " has no backend server");
        continue;
      }
      uint32_t eni = v4(z.ip);
      // Clients: the client instances of the endpoint's VPC, or the one address asked about.
      if (q.from) {
        std::string why = ix.not_a_client(e.vpc, *q.from);
        if (!why.empty()) {
          cause("LP-REACH-003", q.from->to_string(), e.where,
                "client " + q.from->to_string() + " is no client address of VPC " + w.vpcs[e.vpc].id + " of endpoint " + e.id + ": " + why);
          continue;
        }
      }
      auto clients = vpc_clients(ix, e.vpc, q.from);
      for (int port : ports) {
        for (const auto& [cip, inst] : clients) {
          auto egress = client_egress(cip, eni, q.protocol, port, eni_group_ids, inst ? &inst->security_groups : nullptr);
          Packet in{Direction::Ingress, q.protocol, host(cip), host(eni), port};
          std::vector<std::string> client_groups = inst ? group_ids(w, inst->security_groups) : ix.groups_of(cip);
          SgVerdict ingress = evaluate_packet(group_ptrs(w, e.security_groups), in, {client_groups}, s.sg);
          std::string flow = std::string(protocol_name(q.protocol)) + "/" + std::to_string(port) + " from " + ip_text(cip) +
                             " to ENI " + ip_text(eni);
          if (egress && egress->unknown) {
            unknowns.push_back({"LP-REACH-004", inst->id, inst->where, "client " + inst->id + " egress " + flow + ": " + egress->reason});
            continue;
          }
          if (ingress.unknown) {
            unknowns.push_back({"PL-EP-11", e.id, e.where, "endpoint " + e.id + " ingress " + flow + ": " + ingress.reason});
            continue;
          }
          if (egress && egress->policy == RulePolicy::Drop) {
            cause("LP-REACH-004", egress->group ? egress->group->id : inst->id, egress->rule ? egress->rule->where : inst->where,
                  "client " + inst->id + " egress drops " + flow + ": " + rule_text(*egress));
            continue;
          }
          if (ingress.policy == RulePolicy::Drop) {
            cause("PL-EP-11", ingress.group ? ingress.group->id : e.id, ingress.rule ? ingress.rule->where : e.where,
                  "endpoint " + e.id + " security groups drop " + flow + ": " + rule_text(ingress));
            continue;
          }
          // A complete path.
          a.verdict = Verdict::Yes;
          a.causes.clear();
          a.path = {
              {"client", inst ? inst->id : ip_text(cip), ip_text(cip) + " -> " + ip_text(eni) + ":" + std::to_string(port) + "/" +
                                                               protocol_name(q.protocol),
               inst ? inst->where : SourceRef{}},
              {"client-egress", egress ? decided_by(*egress) : "default",
               egress ? rule_text(*egress) : "the client is not an instance of the world: its own groups are not checked",
               egress && egress->rule ? egress->rule->where : SourceRef{}},
              {"endpoint-ingress", decided_by(ingress),
               rule_text(ingress), ingress.rule ? ingress.rule->where : SourceRef{}},
              {"endpoint", e.id, "in VPC " + w.vpcs[e.vpc].id, e.where},
              {"eni", z.eni.empty() ? zid : z.eni, ip_text(eni) + " in vSwitch " + w.vswitches[z.vswitch].id, z.where},
              {"zone", z.zone, std::string("status ") + zone_status_name(z.status), z.where},
              {"connection", e.id + "/" + sv->id, connection_status_name(e.connection), e.where},
              {"service-resource", lb.id, "resource of " + sv->id + " in zone " + res.zone, res.where},
          };
          add_tail(a, lb, port, q.protocol);
          return a;
        }
      }
      // No instance got through and the client was left open: ask Z3 for any other client address
      // of the VPC that the endpoint's groups accept (an address that is no instance has no groups
      // of its own to check), then replay the witness through the concrete evaluator.
      if (!q.from) {
        SgSymbolic sym(w, e.security_groups, q.protocol, s.sg);
        if (!sym.ok()) {
          unknowns.push_back({"PL-EP-11", e.id, e.where, sym.reason()});
          continue;
        }
        std::vector<IntervalSet::Range> instance_ips;
        for (const auto& c : clients) instance_ips.push_back({c.first, c.first});
        IntervalSet sources = ix.clients_of_vpc[e.vpc].subtract(IntervalSet::of_ranges(instance_ips));
        IntervalSet port_set;
        for (int port : ports) port_set = port_set.unite(IntervalSet::range(port, port));
        SgSymbolic::Search found =
            sources.empty() ? SgSymbolic::Search{} : sym.witness(sources, port_set, {}, s.solver);
        if (!found.unknown.empty()) unknowns.push_back({"PL-EP-11", e.id, e.where, found.unknown});
        const auto& hit = found.hit;
        if (!hit) {
          if (found.unknown.empty())
            cause("PL-EP-11", e.id, e.where,
                  "the security groups of " + e.id + " let no other client address of " + w.vpcs[e.vpc].id + " in on " +
                      protocol_name(q.protocol) + " port" + (ports.size() > 1 ? "s" : "") + " " + std::to_string(ports.front()) +
                      (ports.size() > 1 ? "..." : ""));
          continue;
        }
        auto [cip, port] = *hit;
        Packet in{Direction::Ingress, q.protocol, host(cip), host(eni), port};
        SgVerdict replay = evaluate_packet(group_ptrs(w, e.security_groups), in, {ix.groups_of(cip)}, s.sg);
        if (replay.unknown || replay.policy != RulePolicy::Accept)
          throw std::logic_error("internal error: the Z3 witness " + ip_text(cip) + ":" + std::to_string(port) +
                                 " is not accepted by the concrete evaluator (" + rule_text(replay) + ")");
        a.verdict = Verdict::Yes;
        a.causes.clear();
        a.path = {{"client", ip_text(cip), ip_text(cip) + " -> " + ip_text(eni) + ":" + std::to_string(port) + "/" +
                                               protocol_name(q.protocol) + " (a client address of " + w.vpcs[e.vpc].id +
                                               " that is no instance, found by Z3 and replayed)", {}},
                  {"endpoint-ingress", decided_by(replay),
                   rule_text(replay), replay.rule ? replay.rule->where : SourceRef{}},
                  {"endpoint", e.id, "in VPC " + w.vpcs[e.vpc].id, e.where},
                  {"eni", z.eni.empty() ? zid : z.eni, ip_text(eni) + " in vSwitch " + w.vswitches[z.vswitch].id, z.where},
                  {"zone", z.zone, std::string("status ") + zone_status_name(z.status), z.where},
                  {"connection", e.id + "/" + sv->id, connection_status_name(e.connection), e.where},
                  {"service-resource", lb.id, "resource of " + sv->id + " in zone " + res.zone, res.where}};
        add_tail(a, lb, port, q.protocol);
        return a;
      }
    }
  }
  if (!any_endpoint) {
    cause("PL-EP-02", q.account, x != kNone ? w.accounts[x].where : SourceRef{},
          "account " + q.account + " has no endpoint to service " + q.service + " in any of its VPCs");
    std::string why;
    if (x != kNone && whitelisted(*sv, x, &why) == Verdict::No)
      cause("PL-WL-01", sv->id, sv->whitelist_where.line ? sv->whitelist_where : sv->where, why);
  }
  if (!unknowns.empty()) {  // a path left undecided may get through: never "does not reach"
    a.verdict = Verdict::Unknown;
    a.causes.insert(a.causes.end(), unknowns.begin(), unknowns.end());
    return a;
  }
  a.verdict = Verdict::No;
  return a;
}

}  // namespace reach_engine

using reach_engine::Engine;
using reach_sets::Index;


IntervalSet accepted_sources(const World& w, const std::vector<size_t>& groups, IpProtocol protocol, int port,
                             const SgSettings& s, IntervalSet* unknown) {
  Index ix(w);
  return accepted_sources_indexed(ix, groups, protocol, port, s, unknown);
}

std::vector<std::string> groups_of_address(const World& w, uint32_t ip) { return Index(w).groups_of(ip); }

IntervalSet client_addresses(const World& w, size_t vpc) { return Index(w).clients_of_vpc.at(vpc); }

// Explicit unknown values (docs/world-format.md "Unknown values") that a pair through `service`
// depends on: on the service, its CLBs and their backends, the endpoints to it, their VPCs and
// vSwitches. A zone's ENI id only names a path step and is left out.
static std::vector<const UnknownValue*> unknowns_for_service(const World& w, const std::string& service) {
  std::vector<const UnknownValue*> out;
  const EndpointService* sv = w.service(service);
  if (w.unknowns.empty() || !sv) return out;
  std::unordered_set<std::string> ids{sv->id};
  for (const auto& r : sv->resources)
    if (r.clb != kNone) {
      ids.insert(w.clbs[r.clb].id);
      for (size_t b : w.clbs[r.clb].backends) ids.insert(w.instances[b].id);
    }
  for (const auto& e : w.endpoints)
    for (size_t x : e.services)
      if (&w.services[x] == sv) {
        ids.insert(e.id);
        if (e.vpc != kNone) ids.insert(w.vpcs[e.vpc].id);
        for (const auto& z : e.zones)
          if (z.vswitch != kNone) ids.insert(w.vswitches[z.vswitch].id);
      }
  for (const auto& u : w.unknowns)
    if (ids.count(u.object) && !(u.member.size() >= 4 && u.member.compare(u.member.size() - 4, 4, "/eni") == 0)) out.push_back(&u);
  return out;
}

static ReachCause unknown_cause(const UnknownValue& u) {
  return {"LP-WORLD-011", u.object, u.where,
          u.member + " of " + u.object + " is unknown (" + u.address + (u.reason.empty() ? "" : ": " + u.reason) + ")"};
}

ReachAnswer reach(const World& w, const ReachQuery& q, const ReachSettings& s) {
  if (auto unknown = unknowns_for_service(w, q.service); !unknown.empty() && w.account(q.account)) {
    ReachAnswer a;
    a.verdict = Verdict::Unknown;
    for (const auto* u : unknown) a.causes.push_back(unknown_cause(*u));
    return a;
  }
  Engine engine(w, s);
  if (!w.account(q.account) || !w.service(q.service)) {
    ReachAnswer a;
    a.verdict = Verdict::No;
    a.causes.push_back({"PL-EP-02", !w.account(q.account) ? q.account : q.service, {},
                        std::string("no ") + (!w.account(q.account) ? "account " + q.account : "service " + q.service) +
                            " in the world"});
    return a;
  }
  return q.mode == ReachMode::Now ? engine.now(q) : engine.could(q);
}

WhoAnswer who(const World& w, const std::string& service, const std::string& account, ReachMode mode, const ReachSettings& s) {
  Engine engine(w, s);
  WhoAnswer out;
  out.mode = mode;
  if (mode == ReachMode::Now) engine.who_now(out, service, account);
  else engine.who_could(out, service, account);
  for (const auto& sv : w.services) {  // explicit unknown values: the service's pairs are unknown
    if (!service.empty() && sv.id != service) continue;
    auto unknown = unknowns_for_service(w, sv.id);
    if (unknown.empty()) continue;
    out.reach.erase(std::remove_if(out.reach.begin(), out.reach.end(), [&](const WhoEntry& e) { return e.service == sv.id; }),
                    out.reach.end());
    for (const auto* u : unknown) out.unknown.push_back(unknown_cause(*u));
  }
  return out;
}

}  // namespace lp

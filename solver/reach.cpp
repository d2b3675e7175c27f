#include "solver/reach.h"

#include <algorithm>
#include <stdexcept>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "solver/evaluator.h"
#include "solver/sg_symbolic.h"
#include "solver/world_checks.h"

namespace lp {

namespace {

uint32_t v4(const Cidr& c) { return c.v4(); }

Cidr host(uint32_t ip) {
  Cidr c;
  c.bytes[0] = static_cast<uint8_t>(ip >> 24);
  c.bytes[1] = static_cast<uint8_t>(ip >> 16);
  c.bytes[2] = static_cast<uint8_t>(ip >> 8);
  c.bytes[3] = static_cast<uint8_t>(ip);
  c.prefix = 32;
  return c;
}

std::string ip_text(uint32_t ip) { return host(ip).to_string(); }

bool listener_carries(const Listener& l, IpProtocol p) {
  if (p == IpProtocol::Udp) return l.protocol == ListenerProtocol::Udp;
  return l.protocol != ListenerProtocol::Udp;  // tcp, http and https listeners carry TCP
}

bool zone_up(ZoneStatus z) { return z == ZoneStatus::Connected || z == ZoneStatus::Migrated; }

std::vector<const SecurityGroup*> group_ptrs(const World& w, const std::vector<size_t>& idx) {
  std::vector<const SecurityGroup*> out;
  for (size_t i : idx) out.push_back(&w.security_groups[i]);
  return out;
}

std::vector<std::string> group_ids(const World& w, const std::vector<size_t>& idx) {
  std::vector<std::string> out;
  for (size_t i : idx) out.push_back(w.security_groups[i].id);
  return out;
}

// The address a would-be endpoint ENI takes in a vSwitch (could mode): the middle of the block.
// The real address is chosen by the service; this stands for it in the clients' egress check.
uint32_t representative_eni(const VSwitch& vs) {
  uint32_t size = vs.cidr.prefix >= 32 ? 1 : (uint32_t(1) << (32 - vs.cidr.prefix));
  return (v4(vs.cidr) & ~(size - 1)) + size / 2;
}

std::string rule_text(const SgVerdict& v) { return v.unknown ? v.reason : v.explanation; }

// Everything the reachability questions need to look up repeatedly, built once per call.
struct Index {
  const World& w;
  std::unordered_map<std::string, std::vector<size_t>> members_of_group;  // group id -> instance indexes
  std::unordered_map<uint32_t, std::vector<std::string>> groups_at;       // address -> group ids
  std::vector<std::vector<size_t>> instances_of_vpc;

  explicit Index(const World& world) : w(world), instances_of_vpc(world.vpcs.size()) {
    for (size_t i = 0; i < w.instances.size(); ++i) {
      const Instance& inst = w.instances[i];
      if (inst.ip.v6) continue;
      auto& g = groups_at[v4(inst.ip)];
      for (size_t s : inst.security_groups) {
        g.push_back(w.security_groups[s].id);
        members_of_group[w.security_groups[s].id].push_back(i);
      }
      if (inst.vswitch != kNone) instances_of_vpc[w.vswitches[inst.vswitch].vpc].push_back(i);
    }
    for (const auto& e : w.endpoints)
      for (const auto& z : e.zones)
        if (z.has_ip && !z.ip.v6) {
          auto& g = groups_at[v4(z.ip)];
          for (size_t s : e.security_groups) g.push_back(w.security_groups[s].id);
        }
  }

  IntervalSet members(const std::string& group) const {
    IntervalSet out;
    if (auto it = members_of_group.find(group); it != members_of_group.end())
      for (size_t i : it->second) out = out.unite(IntervalSet::range(v4(w.instances[i].ip), v4(w.instances[i].ip)));
    for (const auto& e : w.endpoints) {
      bool in = false;
      for (size_t s : e.security_groups) in |= w.security_groups[s].id == group;
      if (!in) continue;
      for (const auto& z : e.zones)
        if (z.has_ip && !z.ip.v6) out = out.unite(IntervalSet::range(v4(z.ip), v4(z.ip)));
    }
    return out;
  }

  std::vector<std::string> groups_of(uint32_t ip) const {
    auto it = groups_at.find(ip);
    return it == groups_at.end() ? std::vector<std::string>{} : it->second;
  }
};

// The clients of a VPC: the one address asked about (with its instance, if one has it), or every
// IPv4 instance of the VPC.
std::vector<std::pair<uint32_t, const Instance*>> vpc_clients(const Index& ix, size_t vpc, const std::optional<Cidr>& from) {
  const World& w = ix.w;
  std::vector<std::pair<uint32_t, const Instance*>> out;
  if (from) {
    const Instance* inst = nullptr;
    for (size_t i : ix.instances_of_vpc[vpc])
      if (v4(w.instances[i].ip) == v4(*from)) inst = &w.instances[i];
    out.push_back({v4(*from), inst});
    return out;
  }
  for (size_t i : ix.instances_of_vpc[vpc])
    if (!w.instances[i].ip.v6) out.push_back({v4(w.instances[i].ip), &w.instances[i]});
  return out;
}

IntervalSet accepted_sources_indexed(const Index& ix, const std::vector<size_t>& groups, IpProtocol protocol, int port,
                                     const SgSettings& s, IntervalSet* unknown) {
  const World& w = ix.w;
  IntervalSet undecided = IntervalSet::range(0, 0xFFFFFFFFull), accepted;
  // Intra-group: members of a shared basic group whose policy is Accept (evaluate_packet order).
  IntervalSet intra;
  for (size_t g : groups) {
    const SecurityGroup& sg = w.security_groups[g];
    if (sg.type == SecurityGroupType::Basic && sg.inner_access == InnerAccessPolicy::Accept) intra = intra.unite(ix.members(sg.id));
  }
  if (s.intra_group == IntraGroupRule::BeforeRules) {
    accepted = accepted.unite(intra);
    undecided = undecided.subtract(intra);
  }
  struct Candidate {
    const SecurityGroupRule* rule;
  };
  std::vector<Candidate> rules;
  for (size_t g : groups)
    for (const auto& r : w.security_groups[g].rules)
      if (r.direction == Direction::Ingress) rules.push_back({&r});
  std::stable_sort(rules.begin(), rules.end(), [](const Candidate& a, const Candidate& b) {
    if (a.rule->priority != b.rule->priority) return a.rule->priority < b.rule->priority;
    return a.rule->policy == RulePolicy::Drop && b.rule->policy == RulePolicy::Accept;
  });
  bool ports_matter = protocol == IpProtocol::Tcp || protocol == IpProtocol::Udp;
  for (const auto& c : rules) {
    const SecurityGroupRule& r = *c.rule;
    if (r.protocol != IpProtocol::All && r.protocol != protocol) continue;
    if (ports_matter && !r.ports.contains(port)) continue;
    if (r.peer.kind == RulePeer::Kind::PrefixList) {
      // Every address still undecided may or may not be in the list: unknown from here on.
      if (unknown) *unknown = unknown->unite(undecided);
      undecided = {};
      break;
    }
    IntervalSet peer = r.peer.kind == RulePeer::Kind::Cidr ? IntervalSet::of_cidr(r.peer.cidr) : ix.members(r.peer.group_id);
    IntervalSet hit = undecided.intersect(peer);
    if (r.policy == RulePolicy::Accept) accepted = accepted.unite(hit);
    undecided = undecided.subtract(peer);
  }
  if (s.intra_group == IntraGroupRule::AfterRules) accepted = accepted.unite(undecided.intersect(intra));
  return accepted;  // the rest falls to the ingress default: drop
}

struct Engine {
  const World& w;
  const ReachSettings& s;
  Index ix;

  std::vector<std::vector<size_t>> vpcs_of_account, vswitches_of_vpc;
  std::vector<std::unordered_set<std::string>> whitelist_of_service;
  std::vector<bool> policies_mention_service;  // per account: a policy conditions on the service id
  mutable std::unordered_map<size_t, bool> slr_cache;

  Engine(const World& world, const ReachSettings& settings)
      : w(world), s(settings), ix(world), vpcs_of_account(world.accounts.size()), vswitches_of_vpc(world.vpcs.size()) {
    for (size_t v = 0; v < w.vpcs.size(); ++v)
      if (w.vpcs[v].account != kNone) vpcs_of_account[w.vpcs[v].account].push_back(v);
    for (size_t vs = 0; vs < w.vswitches.size(); ++vs)
      if (w.vswitches[vs].vpc != kNone) vswitches_of_vpc[w.vswitches[vs].vpc].push_back(vs);
    for (const auto& sv : w.services) whitelist_of_service.emplace_back(sv.whitelist.begin(), sv.whitelist.end());
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

  size_t account_index(const std::string& id) const {
    auto it = w.account_index.find(id);
    return it == w.account_index.end() ? kNone : it->second;
  }

  bool whitelisted(const EndpointService& sv, size_t account) const {
    if (account == sv.account) return true;  // PL-WL-01: the owner is on its own whitelist
    return whitelist_of_service[static_cast<size_t>(&sv - w.services.data())].count(w.accounts[account].id) > 0;
  }

  std::vector<int> listener_ports(const Clb& lb, IpProtocol p) const {
    std::vector<int> out;
    for (const auto& l : lb.listeners)
      if (listener_carries(l, p)) out.push_back(l.port);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // The client's own egress to the ENI (its groups; an address that is no instance of the world has
  // no known groups and is not checked).
  std::optional<SgVerdict> client_egress(uint32_t client, uint32_t eni, IpProtocol p, int port, const std::vector<std::string>& eni_groups,
                                         const std::vector<size_t>* client_groups) const {
    if (!client_groups) return std::nullopt;
    Packet pk{Direction::Egress, p, host(client), host(eni), port};
    return evaluate_packet(group_ptrs(w, *client_groups), pk, {eni_groups}, s.sg);
  }

  // ---- now ----

  ReachAnswer now(const ReachQuery& q) const {
    ReachAnswer a;
    size_t x = account_index(q.account);
    const EndpointService* sv = w.service(q.service);
    auto cause = [&](std::string rule, std::string object, SourceRef where, std::string message) {
      for (const auto& c : a.causes)
        if (c.rule == rule && c.message == message) return;
      a.causes.push_back({std::move(rule), std::move(object), std::move(where), std::move(message)});
    };
    std::vector<std::string> unknowns;
    bool any_endpoint = false;
    for (const auto& e : w.endpoints) {
      if (e.account != x || e.services.size() != 1 || &w.services[e.services[0]] != sv) continue;
      any_endpoint = true;
      bool blocked = false;
      if (e.status != EndpointStatus::Active) {
        cause("PL-EP-08", e.id, e.where, "endpoint " + e.id + " is " + endpoint_status_name(e.status) + ", not Active");
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
        cause("PL-SV-08", sv->id, sv->where, "service " + sv->id + " is " + service_status_name(sv->status) + ", not Active");
        blocked = true;
      }
      if (e.business_status != BusinessStatus::Normal || sv->business_status != BusinessStatus::Normal) {
        cause("PL-CN-04", e.id, e.where, "endpoint " + e.id + " or service " + sv->id + " is locked (business status)");
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
        if (!zone_up(z.status)) {
          cause("PL-RS-01", zid, z.where, "zone " + z.zone + " of " + e.id + " is " + zone_status_name(z.status) + ", not Connected");
          continue;
        }
        if (z.resource == kNone) {
          cause("PL-RS-01", zid, z.where, "zone " + z.zone + " of " + e.id + " has no assigned service resource");
          continue;
        }
        if (!z.has_ip || z.ip.v6) {
          cause("PL-EP-04", zid, z.where, "zone " + z.zone + " of " + e.id + " has no IPv4 ENI address in the world");
          continue;
        }
        const ServiceResource& res = sv->resources[z.resource];
        const Clb& lb = w.clbs[res.clb];
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
        // Clients: the instances of the endpoint's VPC, or the one address asked about.
        if (q.from && (q.from->v6 || !w.vpcs[e.vpc].cidr.contains(*q.from))) {
          cause("PL-EP-07", q.from->to_string(), e.where,
                "client " + q.from->to_string() + " is not in VPC " + w.vpcs[e.vpc].id + " of endpoint " + e.id);
          continue;
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
            if ((egress && egress->unknown) || ingress.unknown) {
              unknowns.push_back(egress && egress->unknown ? egress->reason : ingress.reason);
              continue;
            }
            if (egress && egress->policy == RulePolicy::Drop) {
              cause("PL-EP-11", egress->group ? egress->group->id : (inst ? inst->id : ip_text(cip)),
                    egress->rule ? egress->rule->where : (inst ? inst->where : e.where),
                    "client " + (inst ? inst->id + " " : std::string()) + "egress drops " + flow + ": " + rule_text(*egress));
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
                {"client-egress", egress && egress->rule ? egress->rule->id : "default",
                 egress ? rule_text(*egress) : "the client is not an instance of the world: its own groups are not checked",
                 egress && egress->rule ? egress->rule->where : SourceRef{}},
                {"endpoint-ingress", ingress.rule ? ingress.rule->id : (ingress.group ? ingress.group->id : "default"),
                 rule_text(ingress), ingress.rule ? ingress.rule->where : SourceRef{}},
                {"endpoint", e.id, "in VPC " + w.vpcs[e.vpc].id, e.where},
                {"eni", z.eni.empty() ? zid : z.eni, ip_text(eni) + " in vSwitch " + w.vswitches[z.vswitch].id, z.where},
                {"zone", z.zone, std::string("status ") + zone_status_name(z.status), z.where},
                {"connection", e.id + "/" + sv->id, connection_status_name(e.connection), e.where},
                {"service-resource", lb.id, "resource of " + sv->id + " in zone " + res.zone, res.where},
            };
            for (const auto& l : lb.listeners)
              if (l.port == port && listener_carries(l, q.protocol)) {
                a.path.push_back({"listener", lb.id + ":" + std::to_string(port),
                                  std::string(listener_protocol_name(l.protocol)) + " " + std::to_string(port), l.where});
                break;
              }
            for (size_t b : lb.backends)
              a.path.push_back({"backend", w.instances[b].id, ip_text(v4(w.instances[b].ip)), w.instances[b].where});
            return a;
          }
        }
        // No instance got through and the client was left open: ask Z3 for any other address of
        // the VPC that the endpoint's groups accept (an address that is no instance has no groups
        // of its own to check), then replay the witness through the concrete evaluator.
        if (!q.from) {
          SgSymbolic sym(w, e.security_groups, q.protocol, s.sg);
          if (!sym.ok()) {
            unknowns.push_back(sym.reason());
            continue;
          }
          std::vector<uint32_t> taken;
          for (size_t i : ix.instances_of_vpc[e.vpc]) taken.push_back(v4(w.instances[i].ip));
          IntervalSet port_set;
          for (int port : ports) port_set = port_set.unite(IntervalSet::range(port, port));
          std::string why_unknown;
          auto hit = sym.witness(IntervalSet::of_cidr(w.vpcs[e.vpc].cidr), port_set, taken, &why_unknown);
          if (!why_unknown.empty()) unknowns.push_back("Z3: " + why_unknown);
          if (!hit) {
            if (why_unknown.empty())
              cause("PL-EP-11", e.id, e.where,
                    "the security groups of " + e.id + " let no other address of " + w.vpcs[e.vpc].id + " in on " +
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
                                                 protocol_name(q.protocol) + " (an address of " + w.vpcs[e.vpc].id +
                                                 " that is no instance, found by Z3 and replayed)", {}},
                    {"endpoint-ingress", replay.rule ? replay.rule->id : (replay.group ? replay.group->id : "default"),
                     rule_text(replay), replay.rule ? replay.rule->where : SourceRef{}},
                    {"endpoint", e.id, "in VPC " + w.vpcs[e.vpc].id, e.where},
                    {"eni", z.eni.empty() ? zid : z.eni, ip_text(eni) + " in vSwitch " + w.vswitches[z.vswitch].id, z.where},
                    {"zone", z.zone, std::string("status ") + zone_status_name(z.status), z.where},
                    {"connection", e.id + "/" + sv->id, connection_status_name(e.connection), e.where},
                    {"service-resource", lb.id, "resource of " + sv->id + " in zone " + res.zone, res.where},
                    {"listener", lb.id + ":" + std::to_string(port), protocol_name(q.protocol), lb.where}};
          for (size_t b : lb.backends)
            a.path.push_back({"backend", w.instances[b].id, ip_text(v4(w.instances[b].ip)), w.instances[b].where});
          return a;
        }
      }
    }
    if (!any_endpoint) {
      cause("PL-EP-02", q.account, x != kNone ? w.accounts[x].where : SourceRef{},
            "account " + q.account + " has no endpoint to service " + q.service + " in any of its VPCs");
    }
    if (x != kNone && !whitelisted(*sv, x) && !any_endpoint)
      cause("PL-WL-01", sv->id, sv->whitelist_where.line ? sv->whitelist_where : sv->where,
            "account " + q.account + " is not in the whitelist of " + sv->id);
    if (!unknowns.empty() && a.causes.empty()) {
      a.verdict = Verdict::Unknown;
      for (const auto& u : unknowns) a.causes.push_back({"PL-EP-11", "", {}, u});
      return a;
    }
    a.verdict = Verdict::No;
    return a;
  }

  // ---- could ----

  // A principal of account x (a RAM user or role) that may call every action on the resource.
  struct Capability {
    std::string principal;
    SourceRef where;
  };

  mutable std::map<std::pair<size_t, std::string>, std::optional<Capability>> principal_cache;

  std::optional<Capability> principal_allowed(size_t x, const std::vector<std::pair<std::string, std::string>>& calls,
                                              const std::string& service_id) const {
    const Account& acct = w.accounts[x];
    auto try_set = [&](const std::vector<size_t>& policy_idx, const std::string& arn) {
      PolicySet set;
      for (size_t p : policy_idx) set.identity.push_back(w.policies[p].policy);
      if (!acct.control_policies.empty()) {
        set.control.emplace();
        for (size_t p : acct.control_policies) set.control->push_back(w.policies[p].policy);
      }
      for (const auto& [action, resource] : calls) {
        Request r;
        r.principal = arn;
        r.action = action;
        r.resource = resource;
        r.add_context("privatelink:VpcEndpointServiceId", service_id);
        if (evaluate(set, r, s.policy) != Decision::Allow) return false;
      }
      return true;
    };
    for (const auto& u : acct.users) {
      std::vector<size_t> ps = u.policies;
      for (size_t g : u.groups) ps.insert(ps.end(), acct.groups[g].policies.begin(), acct.groups[g].policies.end());
      std::string arn = "acs:ram::" + acct.id + ":user/" + u.name;
      if (try_set(ps, arn)) return Capability{arn, u.where};
    }
    for (const auto& r : acct.roles) {
      std::string arn = "acs:ram::" + acct.id + ":role/" + r.name;
      if (try_set(r.policies, arn)) return Capability{arn, r.where};
    }
    return std::nullopt;
  }

  bool slr_allows(size_t x) const {
    if (auto it = slr_cache.find(x); it != slr_cache.end()) return it->second;
    return slr_cache[x] = slr_allows_uncached(x);
  }

  bool slr_allows_uncached(size_t x) const {
    const Account& acct = w.accounts[x];
    const Policy* p = acct.service_linked_role_policy ? &w.policies[*acct.service_linked_role_policy].policy : s.default_slr_policy;
    if (!p) return false;
    PolicySet set;
    set.identity.push_back(*p);
    for (const auto& action : slr_required_actions()) {
      Request r;
      r.action = action;
      r.resource = "*";
      r.principal = "privatelink.aliyuncs.com";
      if (evaluate(set, r, s.policy) != Decision::Allow) return false;
    }
    return true;
  }

  // What X may build alone toward service sv: per usable (VPC, vSwitch, resource) an option.
  struct Option {
    size_t vpc, vswitch, resource;
  };

  struct CouldPlan {
    std::vector<ReachCause> causes;
    std::vector<Option> options;
    std::optional<Capability> who;
  };

  CouldPlan could_plan(size_t x, const EndpointService& sv, IpProtocol p, std::optional<int> port) const {
    CouldPlan plan;
    const Account& acct = w.accounts[x];
    auto cause = [&](const char* rule, const std::string& object, const SourceRef& where, std::string message) {
      plan.causes.push_back({rule, object, where, std::move(message)});
    };
    if (!whitelisted(sv, x))
      cause("PL-WL-01", sv.id, sv.whitelist_where.line ? sv.whitelist_where : sv.where,
            "account " + acct.id + " is not in the whitelist of " + sv.id + "; only the provider can add it");
    if (!sv.auto_accept && x != sv.account)
      cause("PL-SV-05", sv.id, sv.where, "service " + sv.id + " does not auto-accept: a new connection waits for the provider");
    if (sv.status != ServiceStatus::Active || sv.business_status != BusinessStatus::Normal)
      cause("PL-SV-08", sv.id, sv.where, "service " + sv.id + " is " + service_status_name(sv.status) + " / " +
                                             business_status_name(sv.business_status));
    std::vector<std::pair<std::string, std::string>> calls;
    std::string region = sv.region;
    std::string ep_arn = "acs:privatelink:" + region + ":" + acct.id + ":vpcendpoint/ep-linkproof-new";
    for (const char* a : {"privatelink:CreateVpcEndpoint", "privatelink:AddZoneToVpcEndpoint", "privatelink:AttachSecurityGroupToVpcEndpoint"})
      calls.push_back({a, ep_arn});
    if (!acct.privatelink_activated) calls.push_back({"privatelink:OpenPrivateLinkService", "*"});
    // The answer depends on the service only when a policy of the account conditions on it.
    if (policies_mention_service[x]) {
      plan.who = principal_allowed(x, calls, sv.id);
    } else {
      auto key = std::make_pair(x, region);
      auto it = principal_cache.find(key);
      if (it == principal_cache.end()) it = principal_cache.emplace(key, principal_allowed(x, calls, sv.id)).first;
      plan.who = it->second;
    }
    if (!plan.who)
      cause("PL-RL-03", acct.id, acct.where,
            "no RAM user or role of account " + acct.id + " may call CreateVpcEndpoint, AddZoneToVpcEndpoint and "
            "AttachSecurityGroupToVpcEndpoint on " + ep_arn + (acct.privatelink_activated ? "" : " (and OpenPrivateLinkService)"));
    if (!slr_allows(x))
      cause("PL-RL-01", acct.id, acct.where,
            "the service-linked role of account " + acct.id + " does not grant what endpoint creation needs");
    bool any_resource = false;
    for (size_t ri = 0; ri < sv.resources.size(); ++ri) {
      const ServiceResource& res = sv.resources[ri];
      const Clb& lb = w.clbs[res.clb];
      auto ports = listener_ports(lb, p);
      bool has_port = port ? std::find(ports.begin(), ports.end(), *port) != ports.end() : !ports.empty();
      if (!has_port || lb.backends.empty()) continue;
      any_resource = true;
      for (size_t v : vpcs_of_account[x]) {
        if (w.vpcs[v].region != region) continue;
        for (size_t vs : vswitches_of_vpc[v])
          if (w.vswitches[vs].zone == res.zone) plan.options.push_back({v, vs, ri});
      }
    }
    if (!any_resource)
      cause("PL-SV-02", sv.id, sv.where,
            "no resource of " + sv.id + " has a " + protocol_name(p) + " listener" + (port ? " on port " + std::to_string(*port) : "") +
                " and backends");
    else if (plan.options.empty())
      cause("PL-EP-03", acct.id, acct.where,
            "account " + acct.id + " has no vSwitch in " + region + " in a zone where " + sv.id + " has a usable resource");
    return plan;
  }

  ReachAnswer could(const ReachQuery& q) const {
    ReachQuery nq = q;
    nq.mode = ReachMode::Now;
    ReachAnswer existing = now(nq);
    if (existing.verdict == Verdict::Yes) {
      existing.path.insert(existing.path.begin(), {"existing", q.account, "reachable now: acting alone includes doing nothing", {}});
      return existing;
    }
    ReachAnswer a;
    size_t x = account_index(q.account);
    const EndpointService& sv = *w.service(q.service);
    CouldPlan plan = could_plan(x, sv, q.protocol, q.port);
    if (!plan.causes.empty()) {
      a.verdict = Verdict::No;
      a.causes = plan.causes;
      return a;
    }
    // Clients: the instances of the chosen VPC (or the address asked about); their own egress
    // must let the traffic out. The new endpoint's security group is X's to choose (docs/reach.md).
    for (const auto& opt : plan.options) {
      const VSwitch& vs = w.vswitches[opt.vswitch];
      const ServiceResource& res = sv.resources[opt.resource];
      const Clb& lb = w.clbs[res.clb];
      std::vector<int> ports = q.port ? std::vector<int>{*q.port} : listener_ports(lb, q.protocol);
      uint32_t eni = representative_eni(vs);
      if (q.from && (q.from->v6 || !w.vpcs[opt.vpc].cidr.contains(*q.from))) continue;
      auto clients = vpc_clients(ix, opt.vpc, q.from);
      if (!q.from) {
        // Any other address of the VPC is a client too (no groups of its own to check), as in who.
        IntervalSet others = IntervalSet::of_cidr(w.vpcs[opt.vpc].cidr);
        for (const auto& c : clients) others = others.subtract(IntervalSet::range(c.first, c.first));
        if (!others.empty()) clients.push_back({static_cast<uint32_t>(others.ranges().front().lo), nullptr});
      }
      for (int port : ports)
        for (const auto& [cip, inst] : clients) {
          auto egress = client_egress(cip, eni, q.protocol, port, {}, inst ? &inst->security_groups : nullptr);
          if (egress && (egress->unknown || egress->policy == RulePolicy::Drop)) {
            a.causes.push_back({"PL-EP-11", egress->group ? egress->group->id : inst->id, egress->rule ? egress->rule->where : inst->where,
                                "client " + inst->id + " egress to a new endpoint ENI in " + vs.id + " on " + protocol_name(q.protocol) +
                                    "/" + std::to_string(port) + ": " + rule_text(*egress)});
            continue;
          }
          a.verdict = Verdict::Yes;
          a.causes.clear();
          a.path = {{"principal", plan.who->principal, "may create the endpoint, add the zone and attach a security group", plan.who->where},
                    {"client", inst ? inst->id : ip_text(cip), ip_text(cip) + " -> new ENI in " + vs.id + ":" + std::to_string(port),
                     inst ? inst->where : SourceRef{}},
                    {"client-egress", egress && egress->rule ? egress->rule->id : "default",
                     egress ? rule_text(*egress) : "an address that is no instance of the world: its own groups are not checked",
                     egress && egress->rule ? egress->rule->where : SourceRef{}},
                    {"endpoint", "(new)", "in VPC " + w.vpcs[opt.vpc].id + " with a security group of " + q.account + " accepting the client",
                     {}},
                    {"zone", res.zone, "vSwitch " + vs.id, vs.where},
                    {"connection", "(new)/" + sv.id, sv.auto_accept || x == sv.account ? "accepted automatically" : "", sv.where},
                    {"service-resource", lb.id, "resource of " + sv.id + " in zone " + res.zone, res.where},
                    {"listener", lb.id + ":" + std::to_string(port), protocol_name(q.protocol), lb.where}};
          for (size_t b : lb.backends)
            a.path.push_back({"backend", w.instances[b].id, ip_text(v4(w.instances[b].ip)), w.instances[b].where});
          return a;
        }
    }
    a.verdict = Verdict::No;
    if (a.causes.empty() && q.from)
      a.causes.push_back({"PL-EP-07", q.from->to_string(), {}, "client " + q.from->to_string() +
                                                                   " is in no VPC of account " + q.account +
                                                                   " with a vSwitch in a zone of " + sv.id});
    return a;
  }

  // ---- who ----

  void who_now(WhoAnswer& out, const std::string& service, const std::string& account) const {
    // (account, service, protocol) -> port -> clients
    std::map<std::tuple<std::string, std::string, int>, std::map<int, IntervalSet>> acc;
    for (const auto& e : w.endpoints) {
      if (e.services.size() != 1 || e.account == kNone) continue;
      const EndpointService& sv = w.services[e.services[0]];
      const std::string& xid = w.accounts[e.account].id;
      if ((!service.empty() && sv.id != service) || (!account.empty() && xid != account)) continue;
      if (e.status != EndpointStatus::Active || e.connection != ConnectionStatus::Connected || sv.status != ServiceStatus::Active ||
          e.business_status != BusinessStatus::Normal || sv.business_status != BusinessStatus::Normal || e.security_groups.empty())
        continue;
      std::vector<std::string> eni_group_ids = group_ids(w, e.security_groups);
      IntervalSet vpc_block = IntervalSet::of_cidr(w.vpcs[e.vpc].cidr);
      for (const auto& z : e.zones) {
        if (!zone_up(z.status) || z.resource == kNone || !z.has_ip || z.ip.v6) continue;
        const Clb& lb = w.clbs[sv.resources[z.resource].clb];
        if (lb.backends.empty()) continue;
        uint32_t eni = v4(z.ip);
        for (IpProtocol p : {IpProtocol::Tcp, IpProtocol::Udp}) {
          for (int port : listener_ports(lb, p)) {
            IntervalSet unknown;
            IntervalSet clients = vpc_block.intersect(accepted_sources_indexed(ix, e.security_groups, p, port, s.sg, &unknown));
            // Instances whose own egress drops (or is undecidable) are not clients.
            for (size_t i : ix.instances_of_vpc[e.vpc]) {
              const Instance& inst = w.instances[i];
              if (inst.ip.v6) continue;
              uint32_t cip = v4(inst.ip);
              auto eg = client_egress(cip, eni, p, port, eni_group_ids, &inst.security_groups);
              if (eg && (eg->unknown || eg->policy == RulePolicy::Drop)) {
                clients = clients.subtract(IntervalSet::range(cip, cip));
                if (eg->unknown && vpc_block.contains(cip) && !unknown.contains(cip))
                  out.unknown.push_back({"PL-EP-11", inst.id, inst.where, eg->reason});
              }
            }
            unknown = unknown.intersect(vpc_block);
            if (!unknown.empty())
              out.unknown.push_back({"PL-EP-11", e.id, e.where,
                                     "sources " + unknown.cidrs().front() + (unknown.cidrs().size() > 1 ? " and more" : "") +
                                         " of " + xid + " to " + sv.id + " " + protocol_name(p) + "/" + std::to_string(port) +
                                         " depend on a prefix list whose entries are not known"});
            if (clients.empty()) continue;
            auto& slot = acc[{xid, sv.id, static_cast<int>(p)}][port];
            slot = slot.unite(clients);
          }
        }
      }
    }
    emit(out, acc);
  }

  void who_could(WhoAnswer& out, const std::string& service, const std::string& account) const {
    std::map<std::tuple<std::string, std::string, int>, std::map<int, IntervalSet>> acc;
    std::map<std::tuple<size_t, uint32_t, int, int>, IntervalSet> egress_cache;  // (VPC, ENI, port, protocol)
    // What is reachable now is reachable if X acts alone (doing nothing).
    WhoAnswer now_answer;
    who_now(now_answer, service, account);
    for (const auto& e : now_answer.reach)
      for (const auto& r : e.ports.ranges())
        for (uint64_t port = r.lo; port <= r.hi; ++port) {
          auto& slot = acc[{e.account, e.service, static_cast<int>(e.protocol)}][static_cast<int>(port)];
          slot = slot.unite(e.clients);
        }
    out.unknown = now_answer.unknown;
    for (size_t x = 0; x < w.accounts.size(); ++x) {
      if (!account.empty() && w.accounts[x].id != account) continue;
      for (const auto& sv : w.services) {
        if (!service.empty() && sv.id != service) continue;
        for (IpProtocol p : {IpProtocol::Tcp, IpProtocol::Udp}) {
          // Cheap refusals first: most pairs of a large matrix end here (the plan would say the same).
          if (!whitelisted(sv, x) || (!sv.auto_accept && x != sv.account) || sv.status != ServiceStatus::Active ||
              sv.business_status != BusinessStatus::Normal)
            continue;
          CouldPlan plan = could_plan(x, sv, p, std::nullopt);
          if (!plan.causes.empty()) continue;
          for (const auto& opt : plan.options) {
            const VSwitch& vs = w.vswitches[opt.vswitch];
            const Clb& lb = w.clbs[sv.resources[opt.resource].clb];
            uint32_t eni = representative_eni(vs);
            IntervalSet vpc_block = IntervalSet::of_cidr(w.vpcs[opt.vpc].cidr);
            for (int port : listener_ports(lb, p)) {
              auto key = std::make_tuple(opt.vpc, eni, port, static_cast<int>(p));
              auto cached = egress_cache.find(key);
              if (cached == egress_cache.end()) {
                IntervalSet clients = vpc_block;
                for (size_t i : ix.instances_of_vpc[opt.vpc]) {
                  const Instance& inst = w.instances[i];
                  if (inst.ip.v6) continue;
                  auto eg = client_egress(v4(inst.ip), eni, p, port, {}, &inst.security_groups);
                  if (eg && (eg->unknown || eg->policy == RulePolicy::Drop))
                    clients = clients.subtract(IntervalSet::range(v4(inst.ip), v4(inst.ip)));
                }
                cached = egress_cache.emplace(key, std::move(clients)).first;
              }
              const IntervalSet& clients = cached->second;
              if (clients.empty()) continue;
              auto& slot = acc[{w.accounts[x].id, sv.id, static_cast<int>(p)}][port];
              slot = slot.unite(clients);
            }
          }
        }
      }
    }
    emit(out, acc);
  }

  // Ports with the same client set become one entry with port ranges.
  static void emit(WhoAnswer& out, const std::map<std::tuple<std::string, std::string, int>, std::map<int, IntervalSet>>& acc) {
    for (const auto& [key, ports] : acc) {
      std::vector<std::pair<IntervalSet, IntervalSet>> groups;  // (ports, clients)
      for (const auto& [port, clients] : ports) {
        const IntervalSet& same = clients;  // Clang 14 cannot capture a structured binding in a lambda
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.second == same; });
        if (it == groups.end()) groups.push_back({IntervalSet::range(port, port), clients});
        else it->first = it->first.unite(IntervalSet::range(port, port));
      }
      for (auto& [p, c] : groups)
        out.reach.push_back({std::get<0>(key), std::get<1>(key), static_cast<IpProtocol>(std::get<2>(key)), p, c});
    }
  }
};

}  // namespace

IntervalSet accepted_sources(const World& w, const std::vector<size_t>& groups, IpProtocol protocol, int port,
                             const SgSettings& s, IntervalSet* unknown) {
  Index ix(w);
  return accepted_sources_indexed(ix, groups, protocol, port, s, unknown);
}

std::vector<std::string> groups_of_address(const World& w, uint32_t ip) { return Index(w).groups_of(ip); }

ReachAnswer reach(const World& w, const ReachQuery& q, const ReachSettings& s) {
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
  return out;
}

}  // namespace lp

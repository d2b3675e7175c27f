#include "solver/reach.h"

#include <algorithm>
#include <stdexcept>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "solver/evaluator.h"
#include "solver/sg_symbolic.h"
#include "solver/reach_sets.h"
#include "solver/world_checks.h"

namespace lp {

namespace {

using namespace reach_sets;

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

  Engine(const World& world, const ReachSettings& settings)
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

  ReachAnswer now(const ReachQuery& q) const {
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
          std::string why_unknown;
          auto hit = sources.empty() ? std::nullopt : sym.witness(sources, port_set, {}, &why_unknown);
          if (!why_unknown.empty()) unknowns.push_back({"PL-EP-11", e.id, e.where, "Z3: " + why_unknown});
          if (!hit) {
            if (why_unknown.empty())
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
    if (!unknowns.empty()) {
      a.verdict = Verdict::Unknown;
      a.causes = unknowns;
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
    std::vector<ReachCause> unknowns;  // a whitelist entry whose meaning is UNCONFIRMED
    std::vector<Option> options;
    std::optional<Capability> who;
  };

  CouldPlan could_plan(size_t x, const EndpointService& sv, IpProtocol p, std::optional<int> port) const {
    CouldPlan plan;
    const Account& acct = w.accounts[x];
    auto cause = [&](const char* rule, const std::string& object, const SourceRef& where, std::string message) {
      plan.causes.push_back({rule, object, where, std::move(message)});
    };
    std::string why;
    Verdict listed = whitelisted(sv, x);
    if (listed != Verdict::Yes) whitelisted(sv, x, &why);
    if (listed == Verdict::No)
      cause("PL-WL-01", sv.id, sv.whitelist_where.line ? sv.whitelist_where : sv.where, why + "; only the provider can add it");
    else if (listed == Verdict::Unknown)
      plan.unknowns.push_back({"PL-WL-01", sv.id, sv.whitelist_where.line ? sv.whitelist_where : sv.where, why});
    if (!sv.auto_accept && x != sv.account)
      cause("PL-SV-05", sv.id, sv.where, "service " + sv.id + " does not auto-accept: a new connection waits for the provider");
    if (sv.status != ServiceStatus::Active || sv.business_status != BusinessStatus::Normal)
      cause(sv.status != ServiceStatus::Active ? "LP-REACH-002" : "LP-REACH-005", sv.id, sv.where,
            "service " + sv.id + " is " + service_status_name(sv.status) + " / " + business_status_name(sv.business_status) +
                ", not Active / Normal");
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
    bool any_resource = false, any_fit = false;
    for (size_t ri = 0; ri < sv.resources.size(); ++ri) {
      const ServiceResource& res = sv.resources[ri];
      if (res.clb == kNone) continue;
      const Clb& lb = w.clbs[res.clb];
      auto ports = listener_ports(lb, p);
      bool has_port = port ? std::find(ports.begin(), ports.end(), *port) != ports.end() : !ports.empty();
      if (!has_port || lb.backends.empty()) continue;
      any_resource = true;
      if (!fit(sv, ri)) continue;  // PL-SV-01 / PL-RS-02: carries no traffic
      any_fit = true;
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
    else if (!any_fit) {
      for (const auto& res : sv.resources)
        if (res.clb != kNone)
          for (const auto& pr : resource_problems(w, sv, res))
            cause(pr.rule, w.clbs[res.clb].id, w.clbs[res.clb].where,
                  "resource " + w.clbs[res.clb].id + " of " + sv.id + " carries no traffic: CLB " + w.clbs[res.clb].id + " " + pr.why);
    } else if (plan.options.empty())
      cause("PL-EP-03", acct.id, acct.where,
            "account " + acct.id + " has no vSwitch in " + region + " in a zone where " + sv.id + " has a usable resource");
    return plan;
  }

  // The sources the new ENI accepts in security group g (cached: the same for every option).
  mutable std::map<std::tuple<size_t, int, int>, std::pair<IntervalSet, IntervalSet>> accepted_cache;  // (g, port, proto)
  const std::pair<IntervalSet, IntervalSet>& accepted_in(size_t g, IpProtocol p, int port) const {
    auto key = std::make_tuple(g, port, static_cast<int>(p));
    auto it = accepted_cache.find(key);
    if (it == accepted_cache.end()) {
      IntervalSet unknown;
      IntervalSet acc = accepted_sources_indexed(ix, {g}, p, port, s.sg, &unknown);
      it = accepted_cache.emplace(key, std::make_pair(std::move(acc), std::move(unknown))).first;
    }
    return it->second;
  }

  // Who could reach through a new endpoint of option `opt` in security group g on (p, port): the
  // client instances whose own egress reaches some free address of the vSwitch, and the other client
  // addresses of the VPC (no groups of their own), among the sources g accepts. The account chooses
  // the ENI's address (reference.md §3.8, CreateVpcEndpoint `ip`) and, among the VPC's existing
  // groups, the endpoint's group (PL-EP-02). `unknown` receives clients a prefix list leaves open.
  IntervalSet could_clients(const Option& opt, size_t g, IpProtocol p, int port, IntervalSet* unknown) const {
    const IntervalSet free = ix.free_in(opt.vswitch);
    if (free.empty()) return {};
    const auto& [accepted, open] = accepted_in(g, p, port);
    const IntervalSet& space = ix.clients_of_vpc[opt.vpc];
    if (unknown) *unknown = unknown->unite(open.intersect(space));
    std::vector<IntervalSet::Range> instance_ips, ok;
    for (size_t i : ix.instances_of_vpc[opt.vpc]) {
      const Instance& inst = w.instances[i];
      uint32_t ip = v4(inst.ip);
      instance_ips.push_back({ip, ip});
      if (!accepted.contains(ip)) continue;
      IntervalSet open_out;
      if (!accepted_destinations(w, inst.security_groups, p, port, g, s.sg, &open_out).intersect(free).empty()) ok.push_back({ip, ip});
      else if (unknown && !open_out.intersect(free).empty()) *unknown = unknown->unite(IntervalSet::range(ip, ip));
    }
    IntervalSet others = accepted.intersect(space).subtract(IntervalSet::of_ranges(instance_ips));
    if (free.size() == 1) others = others.subtract(free);  // the ENI needs an address of its own
    return others.unite(IntervalSet::of_ranges(ok));
  }

  ReachAnswer could(const ReachQuery& q) const {
    ReachQuery nq = q;
    nq.mode = ReachMode::Now;
    ReachAnswer existing = now(nq);
    if (existing.verdict == Verdict::Yes) {
      existing.path.insert(existing.path.begin(), {"existing", q.account, "reachable now: acting alone includes doing nothing", {}});
      return existing;
    }
    // What is reachable now is reachable acting alone: an open `now` keeps `could` open.
    auto settle = [&](ReachAnswer a) {
      if (a.verdict == Verdict::No && existing.verdict == Verdict::Unknown) {
        a.verdict = Verdict::Unknown;
        a.causes = existing.causes;
      }
      return a;
    };
    ReachAnswer a;
    a.verdict = Verdict::No;
    size_t x = account_index(q.account);
    const EndpointService& sv = *w.service(q.service);
    CouldPlan plan = could_plan(x, sv, q.protocol, q.port);
    if (!plan.causes.empty()) {
      a.causes = plan.causes;
      return settle(a);
    }
    std::vector<ReachCause> unknowns;
    auto cause = [&](std::string rule, std::string object, SourceRef where, std::string message) {
      for (const auto& c : a.causes)
        if (c.rule == rule && c.message == message) return;
      a.causes.push_back({std::move(rule), std::move(object), std::move(where), std::move(message)});
    };
    for (const auto& opt : plan.options) {
      const VSwitch& vs = w.vswitches[opt.vswitch];
      const Vpc& vpc = w.vpcs[opt.vpc];
      const ServiceResource& res = sv.resources[opt.resource];
      const Clb& lb = w.clbs[res.clb];
      const auto& groups = ix.groups_of_vpc[opt.vpc];
      if (groups.empty()) {
        cause("PL-EP-02", vpc.id, vpc.where,
              "VPC " + vpc.id + " has no security group: a new endpoint needs one in its VPC, and creating one is not modelled");
        continue;
      }
      if (q.from) {
        std::string why = ix.not_a_client(opt.vpc, *q.from);
        if (!why.empty()) {
          cause("LP-REACH-003", q.from->to_string(), vpc.where, "client " + q.from->to_string() + " is no client address of VPC " + vpc.id + ": " + why);
          continue;
        }
      }
      IntervalSet free = ix.free_in(opt.vswitch);
      if (free.empty()) {
        cause("PL-EP-04", vs.id, vs.where, "vSwitch " + vs.id + " has no free address for a new endpoint ENI");
        continue;
      }
      std::vector<int> ports = q.port ? std::vector<int>{*q.port} : listener_ports(lb, q.protocol);
      auto clients = vpc_clients(ix, opt.vpc, q.from);
      for (int port : ports) {
        std::string on = std::string(protocol_name(q.protocol)) + "/" + std::to_string(port);
        auto yes = [&](uint32_t cip, const Instance* inst, size_t g, uint32_t eni, const SgVerdict& ingress,
                       const std::optional<SgVerdict>& egress) {
          a.verdict = Verdict::Yes;
          a.causes.clear();
          const SecurityGroup& sg = w.security_groups[g];
          a.path = {{"principal", plan.who->principal, "may create the endpoint, add the zone and attach a security group", plan.who->where},
                    {"client", inst ? inst->id : ip_text(cip), ip_text(cip) + " -> new ENI " + ip_text(eni) + " in " + vs.id + ":" +
                                                                   std::to_string(port) + "/" + protocol_name(q.protocol),
                     inst ? inst->where : SourceRef{}},
                    {"client-egress", egress ? decided_by(*egress) : "default",
                     egress ? rule_text(*egress) : "an address that is no instance of the world: its own groups are not checked",
                     egress && egress->rule ? egress->rule->where : SourceRef{}},
                    {"endpoint-ingress", ingress.rule ? ingress.rule->id : sg.id, rule_text(ingress),
                     ingress.rule ? ingress.rule->where : sg.where},
                    {"endpoint", "(new)", "in VPC " + vpc.id + " with security group " + sg.id + ", ENI address " + ip_text(eni) +
                                              " chosen by " + q.account, sg.where},
                    {"zone", res.zone, "vSwitch " + vs.id, vs.where},
                    {"connection", "(new)/" + sv.id, sv.auto_accept || x == sv.account ? "accepted automatically" : "", sv.where},
                    {"service-resource", lb.id, "resource of " + sv.id + " in zone " + res.zone, res.where}};
          add_tail(a, lb, port, q.protocol);
        };
        for (const auto& [cip, inst] : clients) {
          IntervalSet usable = free.subtract(IntervalSet::range(cip, cip));
          if (usable.empty()) continue;
          uint32_t any_eni = static_cast<uint32_t>(usable.ranges().front().lo);
          bool got_in = false;
          for (size_t g : groups) {
            Packet in{Direction::Ingress, q.protocol, host(cip), host(any_eni), port};
            SgVerdict ingress = evaluate_packet({&w.security_groups[g]}, in, {ix.groups_of(cip)}, s.sg);
            if (ingress.unknown) {
              unknowns.push_back({"PL-EP-11", w.security_groups[g].id, w.security_groups[g].where, ingress.reason});
              continue;
            }
            if (ingress.policy != RulePolicy::Accept) continue;
            got_in = true;
            if (!inst) {
              yes(cip, nullptr, g, any_eni, ingress, std::nullopt);
              return settle_yes(a, plan);
            }
            IntervalSet open_out;
            IntervalSet dest = accepted_destinations(w, inst->security_groups, q.protocol, port, g, s.sg, &open_out).intersect(usable);
            if (dest.empty()) {
              if (!open_out.intersect(usable).empty())
                unknowns.push_back({"LP-REACH-004", inst->id, inst->where,
                                    "client " + inst->id + " egress on " + on + " to a new ENI in " + vs.id +
                                        " depends on a prefix list whose entries are not known, or on mixed group types"});
              else
                cause("LP-REACH-004", inst->id, inst->where,
                      "client " + inst->id + " egress drops " + on + " to every free address of " + vs.id +
                          " (with the new endpoint in " + w.security_groups[g].id + ")");
              continue;
            }
            uint32_t eni = static_cast<uint32_t>(dest.ranges().front().lo);
            auto egress = client_egress(cip, eni, q.protocol, port, {w.security_groups[g].id}, &inst->security_groups);
            if (egress->unknown || egress->policy != RulePolicy::Accept)
              throw std::logic_error("internal error: egress of " + inst->id + " to " + ip_text(eni) +
                                     " is not accepted by the concrete evaluator (" + rule_text(*egress) + ")");
            yes(cip, inst, g, eni, ingress, egress);
            return settle_yes(a, plan);
          }
          if (!got_in)
            cause("PL-EP-11", vpc.id, vpc.where,
                  "no security group of " + vpc.id + " accepts " + on + " from " + (inst ? inst->id + " " : std::string()) + ip_text(cip) +
                      " on ingress, so no new endpoint in it would");
        }
        if (!q.from) {
          // Any other client address of the VPC (no groups of its own to check), as in who.
          for (size_t g : groups) {
            IntervalSet others = could_clients(opt, g, q.protocol, port, nullptr);
            std::vector<IntervalSet::Range> instance_ips;
            for (const auto& c : clients) instance_ips.push_back({c.first, c.first});
            others = others.subtract(IntervalSet::of_ranges(instance_ips));
            if (others.empty()) continue;
            uint32_t cip = static_cast<uint32_t>(others.ranges().front().lo);
            IntervalSet usable = free.subtract(IntervalSet::range(cip, cip));
            uint32_t eni = static_cast<uint32_t>(usable.ranges().front().lo);
            Packet in{Direction::Ingress, q.protocol, host(cip), host(eni), port};
            SgVerdict ingress = evaluate_packet({&w.security_groups[g]}, in, {ix.groups_of(cip)}, s.sg);
            if (ingress.unknown || ingress.policy != RulePolicy::Accept)
              throw std::logic_error("internal error: " + ip_text(cip) + " is not accepted by the concrete evaluator (" +
                                     rule_text(ingress) + ")");
            yes(cip, nullptr, g, eni, ingress, std::nullopt);
            return settle_yes(a, plan);
          }
          IntervalSet open;
          for (size_t g : groups) could_clients(opt, g, q.protocol, port, &open);
          if (!open.empty())
            unknowns.push_back({"PL-EP-11", vpc.id, vpc.where,
                                "clients " + open.cidrs().front() + (open.cidrs().size() > 1 ? " and more" : "") + " of " + vpc.id +
                                    " on " + on + " depend on a prefix list whose entries are not known"});
          else
            cause("PL-EP-11", vpc.id, vpc.where,
                  "no security group of " + vpc.id + " accepts any other client address on " + on + " on ingress");
        }
      }
    }
    if (!unknowns.empty()) {
      a.verdict = Verdict::Unknown;
      a.causes = unknowns;
      a.path.clear();
      return a;
    }
    if (a.causes.empty())
      cause("PL-EP-03", q.account, w.accounts[x].where, "account " + q.account + " has no usable option toward " + sv.id);
    return settle(a);
  }

  // A yes that rests on a whitelist entry whose meaning is UNCONFIRMED is unknown.
  static ReachAnswer settle_yes(ReachAnswer a, const CouldPlan& plan) {
    if (plan.unknowns.empty()) return a;
    a.verdict = Verdict::Unknown;
    a.path.clear();
    a.causes = plan.unknowns;
    return a;
  }

  // ---- who ----

  void who_now(WhoAnswer& out, const std::string& service, const std::string& account) const {
    // (account, service, protocol) -> port -> clients
    std::map<std::tuple<std::string, std::string, int>, std::map<int, IntervalSet>> acc;
    for (const auto& e : w.endpoints) {
      if (e.services.size() != 1 || e.account == kNone || e.vpc == kNone) continue;
      const EndpointService& sv = w.services[e.services[0]];
      const std::string& xid = w.accounts[e.account].id;
      if ((!service.empty() && sv.id != service) || (!account.empty() && xid != account)) continue;
      if (e.status != EndpointStatus::Active || e.connection != ConnectionStatus::Connected || sv.status != ServiceStatus::Active ||
          e.business_status != BusinessStatus::Normal || sv.business_status != BusinessStatus::Normal || e.security_groups.empty())
        continue;
      std::vector<std::string> eni_group_ids = group_ids(w, e.security_groups);
      const IntervalSet& space = ix.clients_of_vpc[e.vpc];
      for (const auto& z : e.zones) {
        if (!zone_forwards(z.status, s.world) || z.resource == kNone || !z.has_ip || z.ip.v6 || z.vswitch == kNone) continue;
        const ServiceResource& res = sv.resources[z.resource];
        if (res.clb == kNone || !fit(sv, z.resource)) continue;
        const Clb& lb = w.clbs[res.clb];
        if (lb.backends.empty()) continue;
        uint32_t eni = v4(z.ip);
        for (IpProtocol p : {IpProtocol::Tcp, IpProtocol::Udp}) {
          for (int port : listener_ports(lb, p)) {
            IntervalSet unknown;
            IntervalSet clients = space.intersect(accepted_sources_indexed(ix, e.security_groups, p, port, s.sg, &unknown));
            // Instances whose own egress drops (or is undecidable) are not clients.
            for (size_t i : ix.instances_of_vpc[e.vpc]) {
              const Instance& inst = w.instances[i];
              uint32_t cip = v4(inst.ip);
              auto eg = client_egress(cip, eni, p, port, eni_group_ids, &inst.security_groups);
              if (eg && (eg->unknown || eg->policy == RulePolicy::Drop)) {
                clients = clients.subtract(IntervalSet::range(cip, cip));
                if (eg->unknown && !unknown.contains(cip)) out.unknown.push_back({"LP-REACH-004", inst.id, inst.where, eg->reason});
              }
            }
            unknown = unknown.intersect(space);
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
    std::map<std::tuple<size_t, size_t, int, int>, IntervalSet> cache;  // (VPC, vSwitch, port, protocol): over the VPC's groups
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
        // Cheap refusals first: most pairs of a large matrix end here (the plan would say the same).
        if ((!sv.auto_accept && x != sv.account) || sv.status != ServiceStatus::Active || sv.business_status != BusinessStatus::Normal)
          continue;
        Verdict listed = whitelisted(sv, x);
        if (listed == Verdict::No) continue;
        bool reported = false;
        for (IpProtocol p : {IpProtocol::Tcp, IpProtocol::Udp}) {
          CouldPlan plan = could_plan(x, sv, p, std::nullopt);
          if (!plan.causes.empty()) continue;
          for (const auto& opt : plan.options) {
            const Clb& lb = w.clbs[sv.resources[opt.resource].clb];
            for (int port : listener_ports(lb, p)) {
              auto key = std::make_tuple(opt.vpc, opt.vswitch, port, static_cast<int>(p));
              auto cached = cache.find(key);
              if (cached == cache.end()) {
                IntervalSet all;
                for (size_t g : ix.groups_of_vpc[opt.vpc]) {
                  IntervalSet open;
                  all = all.unite(could_clients(opt, g, p, port, &open));
                  if (!open.empty())
                    out.unknown.push_back({"PL-EP-11", w.vpcs[opt.vpc].id, w.vpcs[opt.vpc].where,
                                           "clients " + open.cidrs().front() + (open.cidrs().size() > 1 ? " and more" : "") + " of " +
                                               w.vpcs[opt.vpc].id + " to a new endpoint in " + w.security_groups[g].id + " on " +
                                               protocol_name(p) + "/" + std::to_string(port) +
                                               " depend on a prefix list whose entries are not known, or on mixed group types"});
                }
                cached = cache.emplace(key, std::move(all)).first;
              }
              const IntervalSet& clients = cached->second;
              if (clients.empty()) continue;
              if (listed == Verdict::Unknown) {
                std::string why;
                whitelisted(sv, x, &why);
                if (!reported) out.unknown.push_back({"PL-WL-01", sv.id, sv.whitelist_where.line ? sv.whitelist_where : sv.where, why});
                reported = true;
                continue;
              }
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
      for (const auto& entry : ports) {
        const int port = entry.first;
        const IntervalSet& clients = entry.second;  // a plain reference: lambdas may not capture bindings (C++20, clang)
        auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.second == clients; });
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

IntervalSet client_addresses(const World& w, size_t vpc) { return Index(w).clients_of_vpc.at(vpc); }

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

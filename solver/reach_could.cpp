// `could`: what an account obtains acting alone (docs/reach.md): its RAM identities, its
// service-linked role, the options a new endpoint has, and the clients of each option.
#include <algorithm>
#include <map>
#include <stdexcept>

#include "solver/evaluator.h"
#include "solver/reach_engine.h"
#include "solver/world_checks.h"

namespace lp::reach_engine {

std::optional<Engine::Capability> Engine::principal_allowed(size_t x, const std::vector<std::pair<std::string, std::string>>& calls,
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

bool Engine::slr_allows(size_t x) const {
  if (auto it = slr_cache.find(x); it != slr_cache.end()) return it->second;
  return slr_cache[x] = slr_allows_uncached(x);
}

bool Engine::slr_allows_uncached(size_t x) const {
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

Engine::CouldPlan Engine::could_plan(size_t x, const EndpointService& sv, IpProtocol p, std::optional<int> port) const {
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

const std::pair<IntervalSet, IntervalSet>& Engine::accepted_in(size_t g, IpProtocol p, int port) const {
  auto key = std::make_tuple(g, port, static_cast<int>(p));
  auto it = accepted_cache.find(key);
  if (it == accepted_cache.end()) {
    IntervalSet unknown;
    IntervalSet acc = accepted_sources_indexed(ix, {g}, p, port, s.sg, &unknown);
    it = accepted_cache.emplace(key, std::make_pair(std::move(acc), std::move(unknown))).first;
  }
  return it->second;
}

IntervalSet Engine::could_clients(const Option& opt, size_t g, IpProtocol p, int port, IntervalSet* unknown) const {
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

ReachAnswer Engine::could(const ReachQuery& q) const {
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

ReachAnswer Engine::settle_yes(ReachAnswer a, const CouldPlan& plan) {
  if (plan.unknowns.empty()) return a;
  a.verdict = Verdict::Unknown;
  a.path.clear();
  a.causes = plan.unknowns;
  return a;
}

}  // namespace lp::reach_engine

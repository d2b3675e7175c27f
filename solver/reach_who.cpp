// `who`: the reachability matrix as interval sets (docs/reach.md), now and could.
#include <algorithm>
#include <map>
#include <stdexcept>

#include "solver/evaluator.h"
#include "solver/reach_engine.h"
#include "solver/world_checks.h"

namespace lp::reach_engine {

void Engine::who_now(WhoAnswer& out, const std::string& service, const std::string& account) const {
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

void Engine::who_could(WhoAnswer& out, const std::string& service, const std::string& account) const {
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

void Engine::emit(WhoAnswer& out, const std::map<std::tuple<std::string, std::string, int>, std::map<int, IntervalSet>>& acc) {
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

}  // namespace lp::reach_engine

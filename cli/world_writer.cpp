#include "cli/world_writer.h"

#include <filesystem>
#include <map>

namespace lp::cli {

namespace {

nlohmann::json patterns(const PatternSet& p) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& i : p.items) list.push_back(i.text);
  return list;
}

std::string rule_line(const SecurityGroupRule& r) {
  std::string out = std::string(direction_name(r.direction)) + " " + rule_policy_name(r.policy) + " " + protocol_name(r.protocol);
  if ((r.protocol == IpProtocol::Tcp || r.protocol == IpProtocol::Udp) && !r.ports.all()) {
    (out += ' ') += std::to_string(r.ports.from);  // appended, not prepended: lang/text.h cat()
    if (r.ports.to != r.ports.from) (out += '-') += std::to_string(r.ports.to);
  }
  out += r.direction == Direction::Ingress ? " from " : " to ";
  out += r.peer.kind == RulePeer::Kind::Cidr ? r.peer.cidr.to_string() : r.peer.kind == RulePeer::Kind::Group ? r.peer.group_id : r.peer.prefix_list;
  (out += " priority ") += std::to_string(r.priority);
  if (!r.description.empty() && r.description.find('"') == std::string::npos) out += " \"" + r.description + "\"";
  return out;
}

std::vector<std::string> policy_ids(const World& w, const std::vector<size_t>& idx) {
  std::vector<std::string> out;
  for (size_t i : idx) out.push_back(w.policies[i].id);
  return out;
}

}  // namespace

nlohmann::json policy_json(const Policy& p) {
  nlohmann::json statements = nlohmann::json::array();
  for (const auto& st : p.statements) {
    nlohmann::json s;
    s["Effect"] = effect_name(st.effect);
    if (st.sid) s["Sid"] = *st.sid;
    if (st.action.present) s[st.action.negated ? "NotAction" : "Action"] = patterns(st.action);
    if (st.resource.present) s[st.resource.negated ? "NotResource" : "Resource"] = patterns(st.resource);
    if (st.principal.present) {
      bool any = false;
      std::map<std::string, nlohmann::json> by_kind;
      for (const auto& e : st.principal.entries) {
        if (e.kind == PrincipalKind::Any) any = true;
        else by_kind[principal_kind_name(e.kind)].push_back(e.value);
      }
      if (any && by_kind.empty()) s["Principal"] = "*";
      else {
        nlohmann::json pj = nlohmann::json::object();
        for (auto& [k, v] : by_kind) pj[k] = v;
        if (any) pj["RAM"].push_back("*");
        s["Principal"] = pj;
      }
    }
    if (!st.conditions.empty()) {
      nlohmann::json cj = nlohmann::json::object();
      for (const auto& c : st.conditions) {
        nlohmann::json values = nlohmann::json::array();
        for (const auto& v : c.values) values.push_back(v.text);
        cj[c.op.spelled][c.key] = values;
      }
      s["Condition"] = cj;
    }
    statements.push_back(s);
  }
  return {{"Version", p.version.empty() ? "1" : p.version}, {"Statement", statements}};
}

nlohmann::json world_json(const World& w) {
  nlohmann::json j;
  j["linkproof"] = 1;
  if (!w.regions.file.empty() && w.regions.file.rfind("<builtin>", 0) != 0)
    j["regions"] = std::filesystem::absolute(w.regions.file).lexically_normal().string();
  nlohmann::json policies = nlohmann::json::array();
  for (const auto& p : w.policies) {
    const char* kind = p.policy.kind == PolicyKind::Trust ? "trust" : p.policy.kind == PolicyKind::Control ? "control" : "identity";
    policies.push_back({{"id", p.id}, {"document", policy_json(p.policy)}, {"kind", kind}});
  }
  j["policies"] = policies;
  nlohmann::json accounts = nlohmann::json::array();
  for (const auto& a : w.accounts) {
    nlohmann::json aj = {{"id", a.id}, {"privatelink_activated", a.privatelink_activated}};
    nlohmann::json users = nlohmann::json::array(), groups = nlohmann::json::array(), roles = nlohmann::json::array();
    for (const auto& g : a.groups) groups.push_back({{"name", g.name}, {"policies", policy_ids(w, g.policies)}});
    for (const auto& u : a.users) {
      std::vector<std::string> gs;
      for (size_t g : u.groups) gs.push_back(a.groups[g].name);
      users.push_back({{"name", u.name}, {"groups", gs}, {"policies", policy_ids(w, u.policies)}});
    }
    for (const auto& r : a.roles) {
      nlohmann::json rj = {{"name", r.name}, {"policies", policy_ids(w, r.policies)}};
      if (r.trust_policy) rj["trust_policy"] = w.policies[*r.trust_policy].id;
      roles.push_back(rj);
    }
    aj["users"] = users;
    aj["groups"] = groups;
    aj["roles"] = roles;
    aj["control_policies"] = policy_ids(w, a.control_policies);
    if (a.service_linked_role_policy) aj["service_linked_role_policy"] = w.policies[*a.service_linked_role_policy].id;
    accounts.push_back(aj);
  }
  j["accounts"] = accounts;
  nlohmann::json vpcs = nlohmann::json::array(), vswitches = nlohmann::json::array(), groups = nlohmann::json::array(),
                 instances = nlohmann::json::array(), clbs = nlohmann::json::array(), services = nlohmann::json::array(),
                 endpoints = nlohmann::json::array();
  for (const auto& v : w.vpcs)
    vpcs.push_back({{"id", v.id}, {"account", w.accounts[v.account].id}, {"region", v.region}, {"cidr", v.cidr.to_string()}});
  for (const auto& v : w.vswitches)
    vswitches.push_back({{"id", v.id}, {"vpc", w.vpcs[v.vpc].id}, {"zone", v.zone}, {"cidr", v.cidr.to_string()}});
  for (const auto& g : w.security_groups) {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& r : g.rules) rules.push_back(rule_line(r));
    nlohmann::json gj = {{"id", g.id}, {"vpc", g.vpc_id}, {"type", g.type == SecurityGroupType::Basic ? "basic" : "enterprise"},
                         {"rules", rules}};
    if (g.type == SecurityGroupType::Basic) gj["inner_access"] = g.inner_access == InnerAccessPolicy::Accept ? "accept" : "drop";
    if (!g.name.empty()) gj["name"] = g.name;
    groups.push_back(gj);
  }
  auto sg_ids = [&](const std::vector<size_t>& idx) {
    std::vector<std::string> out;
    for (size_t i : idx) out.push_back(w.security_groups[i].id);
    return out;
  };
  for (const auto& i : w.instances) {
    Cidr host = i.ip;
    std::string ip = host.to_string();
    if (auto slash = ip.find('/'); slash != std::string::npos) ip = ip.substr(0, slash);
    instances.push_back({{"id", i.id}, {"vswitch", w.vswitches[i.vswitch].id}, {"ip", ip}, {"security_groups", sg_ids(i.security_groups)}});
  }
  for (const auto& lb : w.clbs) {
    nlohmann::json listeners = nlohmann::json::array();
    for (const auto& l : lb.listeners) {
      nlohmann::json lj = {{"protocol", listener_protocol_name(l.protocol)}, {"port", l.port}};
      if (l.backend_port) lj["backend_port"] = l.backend_port;
      listeners.push_back(lj);
    }
    std::vector<std::string> backends;
    for (size_t b : lb.backends) backends.push_back(w.instances[b].id);
    nlohmann::json cj = {{"id", lb.id}, {"account", w.accounts[lb.account].id}, {"region", lb.region}, {"zone", lb.zone},
                         {"billing", lb.billing == ClbBilling::PayAsYouGo ? "pay-as-you-go" : "subscription"},
                         {"address_type", lb.address_type == ClbAddressType::Intranet ? "intranet" : "internet"},
                         {"network_type", lb.network_type == ClbNetworkType::Vpc ? "vpc" : "classic"},
                         {"privatelink", lb.privatelink_enabled}, {"listeners", listeners}, {"backends", backends}};
    if (!lb.backup_zone.empty()) cj["backup_zone"] = lb.backup_zone;
    if (lb.vpc != kNone) cj["vpc"] = w.vpcs[lb.vpc].id;
    clbs.push_back(cj);
  }
  for (const auto& sv : w.services) {
    nlohmann::json res = nlohmann::json::array();
    for (const auto& r : sv.resources)
      res.push_back({{"clb", w.clbs[r.clb].id}, {"zone", r.zone}, {"auto_allocation", r.auto_allocation}});
    nlohmann::json sj = {{"id", sv.id}, {"account", w.accounts[sv.account].id}, {"region", sv.region},
                         {"auto_accept", sv.auto_accept}, {"zone_affinity", sv.zone_affinity}, {"bandwidth", sv.bandwidth},
                         {"status", service_status_name(sv.status)}, {"business_status", business_status_name(sv.business_status)},
                         {"whitelist", sv.whitelist}, {"resources", res}};
    if (sv.has_description) sj["description"] = sv.description;
    services.push_back(sj);
  }
  for (const auto& e : w.endpoints) {
    nlohmann::json zones = nlohmann::json::array();
    for (const auto& z : e.zones) {
      nlohmann::json zj = {{"zone", z.zone}, {"vswitch", w.vswitches[z.vswitch].id}, {"status", zone_status_name(z.status)}};
      if (!z.eni.empty()) zj["eni"] = z.eni;
      if (z.has_ip) {
        std::string ip = z.ip.to_string();
        if (auto slash = ip.find('/'); slash != std::string::npos) ip = ip.substr(0, slash);
        zj["ip"] = ip;
      }
      if (z.resource != kNone && e.services.size() == 1) zj["resource"] = w.clbs[w.services[e.services[0]].resources[z.resource].clb].id;
      zones.push_back(zj);
    }
    std::vector<std::string> svc;
    for (size_t s : e.services) svc.push_back(w.services[s].id);
    nlohmann::json ej = {{"id", e.id}, {"account", w.accounts[e.account].id}, {"region", e.region}, {"vpc", w.vpcs[e.vpc].id},
                         {"security_groups", sg_ids(e.security_groups)}, {"status", endpoint_status_name(e.status)},
                         {"business_status", business_status_name(e.business_status)},
                         {"connection", connection_status_name(e.connection)}, {"zones", zones}};
    if (svc.size() == 1) ej["service"] = svc[0];
    else ej["service"] = svc;
    if (e.bandwidth) ej["bandwidth"] = e.bandwidth;
    if (e.has_name) ej["name"] = e.name;
    if (e.has_description) ej["description"] = e.description;
    endpoints.push_back(ej);
  }
  j["vpcs"] = vpcs;
  j["vswitches"] = vswitches;
  j["security_groups"] = groups;
  j["instances"] = instances;
  j["clbs"] = clbs;
  j["services"] = services;
  j["endpoints"] = endpoints;
  return j;
}

}  // namespace lp::cli

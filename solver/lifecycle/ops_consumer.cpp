// Consumer-side operations: the endpoint's account (privatelink-rules.md "Endpoint"; reference.md §3.8).
#include <algorithm>
#include <set>

#include "solver/lifecycle/ctx.h"

namespace lp::lifecycle {

namespace {

bool whitelisted(const World& w, const EndpointService& sv, size_t account) {
  if (account == sv.account) return true;  // PL-WL-01: the owner is on its own whitelist
  return std::find(sv.whitelist.begin(), sv.whitelist.end(), w.accounts[account].id) != sv.whitelist.end();
}

bool slr_allows(const World& w, const Account& a, const LifecycleSettings& s) {
  const Policy* p = a.service_linked_role_policy ? &w.policies[*a.service_linked_role_policy].policy : s.reach.default_slr_policy;
  if (!p) return false;
  PolicySet set;
  set.identity.push_back(*p);
  for (const auto& action : slr_required_actions()) {
    Request r;
    r.principal = "privatelink.aliyuncs.com";
    r.action = action;
    r.resource = "*";
    if (evaluate(set, r, s.reach.policy) != Decision::Allow) return false;
  }
  return true;
}

size_t distinct_zones(const EndpointService& sv) {
  std::set<std::string> zones;
  for (const auto& r : sv.resources) zones.insert(r.zone);
  return zones.size();
}

bool has_resource_in(const EndpointService& sv, const std::string& zone) {
  return std::any_of(sv.resources.begin(), sv.resources.end(), [&](const ServiceResource& r) { return r.zone == zone; });
}

// PL-EP-11: one ENI cannot be in a basic and an enterprise group at once (reference.md §4.1).
bool mixed_types(const World& w, const std::vector<size_t>& groups) {
  bool basic = false, enterprise = false;
  for (size_t g : groups) (w.security_groups[g].type == SecurityGroupType::Basic ? basic : enterprise) = true;
  return basic && enterprise;
}

void name_rules(Ctx& c, const std::string& object, const SourceRef& where) {
  if (auto n = c.opt_str("EndpointName"))
    if (auto why = endpoint_name_problem(*n); !why.empty()) c.fail("PL-EP-05", object, where, "EndpointName: " + why, c.at("EndpointName"));
  if (auto d = c.opt_str("EndpointDescription"))
    if (auto why = description_problem(*d); !why.empty())
      c.fail("PL-EP-06", object, where, "EndpointDescription: " + why, c.at("EndpointDescription"));
}

// The endpoint named by EndpointId, owned by the caller (PL-OP-01, PL-OP-02); kNone otherwise.
size_t own_endpoint(Ctx& c) {
  size_t e = c.endpoint();
  if (e == kNone) return kNone;
  const Endpoint& ep = c.w().endpoints[e];
  c.owns(ep.account, ep.id, ep.where, "EndpointId");
  c.ram(endpoint_arn(ep.region, c.w().accounts[ep.account].id, ep.id));
  return e;
}

const EndpointService* service_of(const World& w, const Endpoint& e) {
  return e.services.size() == 1 ? &w.services[e.services[0]] : nullptr;
}

// One zone of a new or existing endpoint: its vSwitch (in the VPC and the zone, PL-EP-04,
// PL-EP-03), the service's resource there (PL-EP-03), the ENI address.
std::optional<EndpointZone> zone_of(Ctx& c, const std::string& object, size_t vpc, const EndpointService* sv,
                                    const std::string& zone, const std::string& vswitch_id, const std::optional<std::string>& ip,
                                    const SourceRef& plan_where) {
  size_t vs = c.vswitch(vswitch_id, plan_where);
  if (vs == kNone) return std::nullopt;
  const VSwitch& v = c.w().vswitches[vs];
  bool good = true;
  if (v.vpc != vpc) {
    c.fail("PL-EP-04", v.id, v.where, "vSwitch " + v.id + " is not in VPC " + c.w().vpcs[vpc].id + " of " + object, plan_where);
    good = false;
  }
  if (v.zone != zone) {
    c.fail("PL-EP-03", v.id, v.where, "vSwitch " + v.id + " is in zone " + v.zone + ", not in ZoneId " + zone, plan_where);
    good = false;
  }
  if (sv && !has_resource_in(*sv, zone)) {
    c.fail("PL-EP-03", sv->id, sv->where, "service " + sv->id + " has no resource in zone " + zone, plan_where);
    good = false;
  }
  EndpointZone z;
  z.zone = zone;
  z.vswitch = vs;
  z.status = ZoneStatus::Wait;
  if (ip) {
    auto addr = parse_ip(*ip);
    if (!addr || !v.cidr.contains(*addr)) {
      c.fail("PL-EP-04", v.id, v.where, "ip " + *ip + " is not an address of vSwitch " + v.id + " (" + v.cidr.to_string() + ")",
             plan_where);
      good = false;
    } else if (auto held = held_addresses(c.st, vpc); !addr->v6 && std::count(held.begin(), held.end(), addr->v4())) {
      // One address of a VPC belongs to one ENI (LP-WORLD-006): the API refuses an ip in use.
      c.fail("PL-EP-04", v.id, v.where, "ip " + *ip + " is already held by an ENI of VPC " + c.w().vpcs[vpc].id, plan_where);
      good = false;
    } else {
      z.ip = *addr;
      z.has_ip = true;
    }
  }
  if (!good) return std::nullopt;
  return z;
}

void give_address(const LifecycleState& st, const std::string& endpoint, EndpointZone& z) {
  z.eni = "eni-" + endpoint + "-" + z.zone;
  if (z.has_ip) return;
  z.ip = host_address(free_address(st, z.vswitch));
  z.has_ip = true;
}

}  // namespace

void CreateVpcEndpoint(Ctx& c) {
  World& w = c.w();
  const Account& acct = c.account();
  std::string id = c.opt_str("EndpointId").value_or("ep-plan" + std::to_string(c.st.created + 1));
  if (w.endpoint_index.count(id)) c.fail("PL-OP-09", id, w.endpoint(id)->where, "an endpoint " + id + " exists already", c.at("EndpointId"));
  if (!acct.privatelink_activated)
    c.fail("PL-GEN-02", acct.id, acct.where, "account " + acct.id + " has not activated PrivateLink", c.step.caller_where);
  size_t svi = c.service();
  size_t vpc = c.vpc();
  auto groups_ids = c.str_list("SecurityGroupId", true);
  const PlanValue* zones = c.step.arg("Zone");
  const EndpointService* sv = svi == kNone ? nullptr : &w.services[svi];
  std::string region = vpc != kNone ? w.vpcs[vpc].region : sv ? sv->region : "*";
  std::vector<std::pair<std::string, std::string>> context;
  if (sv) context.push_back({"privatelink:VpcEndpointServiceId", sv->id});
  c.ram(endpoint_arn(region, acct.id, "*"), context);
  if (vpc != kNone) c.owns(w.vpcs[vpc].account, w.vpcs[vpc].id, w.vpcs[vpc].where, "VpcId");
  if (sv) {
    if (!whitelisted(w, *sv, c.caller_account))
      c.fail("PL-WL-01", sv->id, sv->whitelist_where.line ? sv->whitelist_where : sv->where,
             "account " + acct.id + " is not on the whitelist of " + sv->id, c.at("ServiceId"));
    c.active(*sv);
  }
  std::vector<size_t> groups;
  if (groups_ids.empty() && c.step.arg("SecurityGroupId"))
    c.fail("PL-EP-02", id, {}, "an endpoint needs at least one security group", c.at("SecurityGroupId"));
  for (const auto& g : groups_ids) {
    auto it = w.sg_index.find(g);
    if (it == w.sg_index.end()) {
      c.fail("PL-OP-01", g, {}, "no security group " + g + " in the world", c.at("SecurityGroupId"));
      continue;
    }
    const SecurityGroup& sg = w.security_groups[it->second];
    if (vpc != kNone && sg.vpc_id != w.vpcs[vpc].id)
      c.fail("PL-EP-02", sg.id, sg.where, "security group " + sg.id + " is in VPC " + sg.vpc_id + ", not in " + w.vpcs[vpc].id,
             c.at("SecurityGroupId"));
    if (vpc != kNone) c.ram(ecs_arn(region, acct.id, "securitygroup", sg.id));
    groups.push_back(it->second);
  }
  if (mixed_types(w, groups))
    c.fail("PL-EP-11", id, {}, "the security groups mix basic and enterprise groups", c.at("SecurityGroupId"));
  if (groups.size() > 10) c.fail("PL-OP-06", id, {}, "more than 10 security groups", c.at("SecurityGroupId"));
  std::vector<EndpointZone> new_zones;
  if (!zones) {
    c.fail("PL-OP-05", id, {}, "CreateVpcEndpoint needs the parameter Zone", c.step.args_where);
  } else if (zones->kind != PlanValue::Kind::List) {
    c.fail("PL-OP-05", id, {}, "Zone must be a list of {ZoneId, VSwitchId, ip}", zones->where);
  } else {
    std::set<std::string> seen;
    for (const auto& item : zones->items) {
      const PlanValue* zid = item.kind == PlanValue::Kind::Object ? item.field("ZoneId") : nullptr;
      const PlanValue* vsw = item.kind == PlanValue::Kind::Object ? item.field("VSwitchId") : nullptr;
      const PlanValue* ip = item.kind == PlanValue::Kind::Object ? item.field("ip") : nullptr;
      bool extra = false;
      for (const auto& [k, _] : item.fields) extra |= k != "ZoneId" && k != "VSwitchId" && k != "ip";
      if (!zid || !vsw || zid->kind != PlanValue::Kind::String || vsw->kind != PlanValue::Kind::String || extra ||
          (ip && ip->kind != PlanValue::Kind::String)) {
        c.fail("PL-OP-05", id, {}, "each Zone entry is {\"ZoneId\": string, \"VSwitchId\": string, \"ip\": optional string}", item.where);
        continue;
      }
      if (!seen.insert(zid->text).second) {
        c.fail("PL-EP-10", id, {}, "zone " + zid->text + " is given twice", item.where);
        continue;
      }
      if (vpc == kNone) continue;
      c.ram(vpc_arn(region, acct.id, "vswitch", vsw->text));
      auto z = zone_of(c, id, vpc, sv, zid->text, vsw->text, ip ? std::optional<std::string>(ip->text) : std::nullopt, item.where);
      if (z) new_zones.push_back(*z);
    }
    if (zones->items.size() > 10) c.fail("PL-OP-06", id, {}, "more than 10 zones at creation", zones->where);
    if (sv && seen.size() > distinct_zones(*sv))
      c.fail("PL-EP-10", id, sv->where,
             std::to_string(seen.size()) + " zones, but " + sv->id + " has resources in " + std::to_string(distinct_zones(*sv)),
             zones->where);
  }
  if (vpc != kNone) c.ram(vpc_arn(region, acct.id, "vpc", w.vpcs[vpc].id));
  name_rules(c, id, {});
  if (!slr_allows(w, acct, c.s))
    c.fail("PL-RL-01", acct.id, acct.where,
           "the service-linked role policy of account " + acct.id + " does not allow what endpoint creation needs", c.step.where);
  if (!c.proceed()) return;

  Endpoint e;
  e.id = id;
  e.account = c.caller_account;
  e.region = w.vpcs[vpc].region;
  e.vpc = vpc;
  e.services = {svi};
  if (auto n = c.opt_str("EndpointName")) e.name = *n, e.has_name = true;
  if (auto d = c.opt_str("EndpointDescription")) e.description = *d, e.has_description = true;
  e.security_groups = groups;
  e.status = EndpointStatus::Active;
  e.connection = ConnectionStatus::Disconnected;
  e.where = c.step.where;
  for (auto& z : new_zones) {
    give_address(c.st, id, z);
    z.where = c.step.where;
    e.zones.push_back(z);
  }
  // PL-SV-05: an auto-accepting service accepts the new connection at once.
  if (sv->auto_accept) {
    e.connection = ConnectionStatus::Connected;
    for (auto& z : e.zones) connect_zone(c, e, z, *sv);
  } else {
    c.out.notes.push_back("the connection of " + id + " waits for the provider: " + sv->id + " does not auto-accept (PL-SV-05)");
  }
  w.endpoints.push_back(std::move(e));
  reindex(w);
  ++c.st.created;
  // The new ENIs are members of their groups: group-peer and intra-group rules of any endpoint may
  // now accept them (solver/reach.h accepted_sources), so every service may change.
  c.touch_all();
}

void DeleteVpcEndpoint(Ctx& c) {
  size_t e = own_endpoint(c);
  if (e != kNone) {
    const Endpoint& ep = c.w().endpoints[e];
    if (!ep.zones.empty())
      c.fail("PL-EP-08", ep.id, ep.where, "endpoint " + ep.id + " still has " + std::to_string(ep.zones.size()) + " zone(s); remove them first",
             c.at("EndpointId"));
  }
  if (!c.proceed()) return;
  if (c.w().endpoints[e].services.size() == 1) c.touch(c.w().endpoints[e].services[0]);
  remove_endpoint(c.w(), e);
}

void UpdateVpcEndpointAttribute(Ctx& c) {
  size_t e = own_endpoint(c);
  if (e != kNone) name_rules(c, c.w().endpoints[e].id, c.w().endpoints[e].where);
  if (!c.proceed()) return;
  Endpoint& ep = c.w().endpoints[e];
  if (auto n = c.opt_str("EndpointName")) ep.name = *n, ep.has_name = true;
  if (auto d = c.opt_str("EndpointDescription")) ep.description = *d, ep.has_description = true;
}

void AttachSecurityGroupToVpcEndpoint(Ctx& c) {
  size_t e = own_endpoint(c);
  size_t g = c.security_group();
  if (e != kNone && g != kNone) {
    const Endpoint& ep = c.w().endpoints[e];
    const SecurityGroup& sg = c.w().security_groups[g];
    c.ram(ecs_arn(ep.region, c.w().accounts[ep.account].id, "securitygroup", sg.id));
    if (sg.vpc_id != c.w().vpcs[ep.vpc].id)
      c.fail("PL-EP-02", sg.id, sg.where, "security group " + sg.id + " is in VPC " + sg.vpc_id + ", not in " + c.w().vpcs[ep.vpc].id,
             c.at("SecurityGroupId"));
    if (std::find(ep.security_groups.begin(), ep.security_groups.end(), g) != ep.security_groups.end())
      c.fail("PL-OP-09", sg.id, sg.where, sg.id + " is attached to " + ep.id + " already", c.at("SecurityGroupId"));
    std::vector<size_t> after = ep.security_groups;
    after.push_back(g);
    if (mixed_types(c.w(), after))
      c.fail("PL-EP-11", sg.id, sg.where, "attaching " + sg.id + " would put the ENIs of " + ep.id + " in basic and enterprise groups",
             c.at("SecurityGroupId"));
    if (after.size() > 10) c.fail("PL-OP-06", ep.id, ep.where, "more than 10 security groups per endpoint ENI", c.at("SecurityGroupId"));
  }
  if (!c.proceed()) return;
  c.w().endpoints[e].security_groups.push_back(g);
  c.touch_all();  // the ENIs' addresses now count as members of the group (group-peer rules anywhere)
}

void DetachSecurityGroupFromVpcEndpoint(Ctx& c) {
  size_t e = own_endpoint(c);
  size_t g = c.security_group();
  if (e != kNone && g != kNone) {
    const Endpoint& ep = c.w().endpoints[e];
    const SecurityGroup& sg = c.w().security_groups[g];
    c.ram(ecs_arn(ep.region, c.w().accounts[ep.account].id, "securitygroup", sg.id));
    if (std::find(ep.security_groups.begin(), ep.security_groups.end(), g) == ep.security_groups.end())
      c.fail("PL-OP-09", sg.id, sg.where, sg.id + " is not attached to " + ep.id, c.at("SecurityGroupId"));
    else if (ep.security_groups.size() == 1)
      c.fail("PL-EP-09", ep.id, ep.where, sg.id + " is the last security group of " + ep.id, c.at("SecurityGroupId"));
  }
  if (!c.proceed()) return;
  auto& gs = c.w().endpoints[e].security_groups;
  gs.erase(std::find(gs.begin(), gs.end(), g));
  c.touch_all();
}

void AddZoneToVpcEndpoint(Ctx& c) {
  size_t e = own_endpoint(c);
  auto zone = c.str("ZoneId");
  auto vsw = c.str("VSwitchId");
  auto ip = c.opt_str("ip");
  std::optional<EndpointZone> z;
  if (e != kNone && zone && vsw) {
    const Endpoint& ep = c.w().endpoints[e];
    const EndpointService* sv = service_of(c.w(), ep);
    for (const auto& existing : ep.zones)
      if (existing.zone == *zone)
        c.fail("PL-OP-09", zone_object(ep, *zone), existing.where, ep.id + " has a zone " + *zone + " already", c.at("ZoneId"));
    if (sv && ep.zones.size() + 1 > distinct_zones(*sv))
      c.fail("PL-EP-10", ep.id, ep.where,
             ep.id + " would have " + std::to_string(ep.zones.size() + 1) + " zones, but " + sv->id + " has resources in " +
                 std::to_string(distinct_zones(*sv)),
             c.at("ZoneId"));
    z = zone_of(c, ep.id, ep.vpc, sv, *zone, *vsw, ip, c.at("VSwitchId"));
  }
  if (!c.proceed()) return;
  Endpoint& ep = c.w().endpoints[e];
  give_address(c.st, ep.id, *z);
  z->where = c.step.where;
  ep.zones.push_back(*z);
  const EndpointService* sv = service_of(c.w(), ep);
  if (sv && ep.connection == ConnectionStatus::Connected && sv->auto_accept) connect_zone(c, ep, ep.zones.back(), *sv);
  c.touch_all();  // a new group member, as in CreateVpcEndpoint
}

void RemoveZoneFromVpcEndpoint(Ctx& c) {
  size_t e = own_endpoint(c);
  auto zone = c.str("ZoneId");
  size_t zi = kNone;
  if (e != kNone && zone) {
    const Endpoint& ep = c.w().endpoints[e];
    for (size_t i = 0; i < ep.zones.size(); ++i)
      if (ep.zones[i].zone == *zone) zi = i;
    if (zi == kNone) c.fail("PL-OP-01", zone_object(ep, *zone), ep.where, ep.id + " has no zone " + *zone, c.at("ZoneId"));
  }
  if (!c.proceed()) return;
  Endpoint& ep = c.w().endpoints[e];
  ep.zones.erase(ep.zones.begin() + static_cast<long>(zi));
  auto& rp = c.st.replaced;
  rp.erase(std::remove_if(rp.begin(), rp.end(), [&](const ReplacedResource& r) { return r.endpoint == ep.id && r.zone == *zone; }),
           rp.end());
  c.touch_all();  // a group member less, as in CreateVpcEndpoint
}

}  // namespace lp::lifecycle

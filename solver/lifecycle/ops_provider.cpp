// Provider-side operations on the service, its resources and its whitelist: the service's account
// (privatelink-rules.md "Endpoint service", "Whitelist"; reference.md §3.8).
#include <algorithm>

#include "solver/lifecycle/provider.h"

namespace lp::lifecycle {

// The service named by ServiceId, owned by the caller (PL-OP-01, PL-OP-02).
size_t own_service(Ctx& c, bool must_be_active) {
  size_t s = c.service();
  if (s == kNone) return kNone;
  const EndpointService& sv = c.w().services[s];
  c.owns(sv.account, sv.id, sv.where, "ServiceId");
  c.ram(service_arn(sv.region, c.w().accounts[sv.account].id, sv.id));
  if (must_be_active) c.active(sv);
  return s;
}

// The endpoint named by EndpointId, connected to service s (PL-OP-01).
size_t endpoint_of(Ctx& c, size_t s) {
  size_t e = c.endpoint();
  if (e == kNone || s == kNone) return kNone;
  const Endpoint& ep = c.w().endpoints[e];
  if (ep.services.size() != 1 || ep.services[0] != s) {
    c.fail("PL-OP-01", ep.id, ep.where, "endpoint " + ep.id + " does not connect to " + c.w().services[s].id, c.at("EndpointId"));
    return kNone;
  }
  return e;
}

size_t zone_index(Ctx& c, size_t e) {
  auto zone = c.str("ZoneId");
  if (e == kNone || !zone) return kNone;
  const Endpoint& ep = c.w().endpoints[e];
  for (size_t i = 0; i < ep.zones.size(); ++i)
    if (ep.zones[i].zone == *zone) return i;
  c.fail("PL-OP-01", zone_object(ep, *zone), ep.where, ep.id + " has no zone " + *zone, c.at("ZoneId"));
  return kNone;
}

namespace {

std::pair<int, int> bandwidth_range(const LifecycleSettings& s) {
  return s.bandwidth == BandwidthRules::Guide20220418 ? std::pair{100, 1024} : std::pair{100, 10240};
}

}  // namespace

void bandwidth(Ctx& c, const char* name, const std::string& object, const SourceRef& where) {
  auto b = c.opt_int(name);
  if (!b) return;
  auto [lo, hi] = bandwidth_range(c.s);
  if (*b < lo || *b > hi)
    c.fail("PL-CN-01", object, where,
           std::string(name) + " " + std::to_string(*b) + " Mbps is outside " + std::to_string(lo) + "-" + std::to_string(hi) +
               " (rule set " + (c.s.bandwidth == BandwidthRules::Guide20220418 ? "guide 20220418" : "api") + ")",
           c.at(name));
}

// PL-SV-01 / PL-RS-02: a CLB fit to serve the service.
void clb_fit(Ctx& c, const Clb& lb, const std::string& region, const std::optional<std::string>& zone, const SourceRef& plan_where) {
  std::vector<std::string> why;
  if (lb.billing != ClbBilling::PayAsYouGo) why.push_back("not pay-as-you-go");
  if (lb.address_type != ClbAddressType::Intranet) why.push_back("not intranet");
  if (lb.network_type != ClbNetworkType::Vpc) why.push_back("not in a VPC");
  if (!lb.privatelink_enabled) why.push_back("PrivateLink is off");
  if (!why.empty()) {
    std::string m;
    for (const auto& y : why) m += (m.empty() ? "" : ", ") + y;
    c.fail("PL-SV-01", lb.id, lb.where, "CLB " + lb.id + " is not fit for PrivateLink: " + m, plan_where);
  }
  if (!region.empty() && lb.region != region)
    c.fail("PL-RS-02", lb.id, lb.where, "CLB " + lb.id + " is in " + lb.region + ", the service in " + region, plan_where);
  if (zone && *zone != lb.zone)
    c.fail("PL-RS-02", lb.id, lb.where, "ZoneId " + *zone + " is not the zone " + lb.zone + " of CLB " + lb.id, plan_where);
}

void resource_type(Ctx& c, const std::optional<std::string>& type, const SourceRef& plan_where) {
  if (type && *type != "slb")
    c.fail("PL-SV-01", *type, {}, "ResourceType \"" + *type + "\": this guide's only service resource type is a CLB (\"slb\")",
           plan_where);
}

size_t resource_of(Ctx& c, size_t s, const std::string& clb_id, const SourceRef& plan_where) {
  if (s == kNone) return kNone;
  const EndpointService& sv = c.w().services[s];
  for (size_t r = 0; r < sv.resources.size(); ++r)
    if (c.w().clbs[sv.resources[r].clb].id == clb_id) return r;
  c.fail("PL-OP-01", clb_id, sv.where, clb_id + " is not a resource of " + sv.id, plan_where);
  return kNone;
}

bool replaced_pending(const LifecycleState& st, const std::string& endpoint, const std::string& zone) {
  return std::any_of(st.replaced.begin(), st.replaced.end(),
                     [&](const ReplacedResource& r) { return r.endpoint == endpoint && r.zone == zone; });
}


void ListVpcEndpointConnections(Ctx& c) {
  if (c.step.arg("ServiceId")) own_service(c, false);
  else c.ram(service_arn("*", c.caller.account, "*"));
  c.proceed();
}

void CreateVpcEndpointService(Ctx& c) {
  World& w = c.w();
  const Account& acct = c.account();
  std::string id = c.opt_str("ServiceId").value_or("epsrv-plan" + std::to_string(c.st.created + 1));
  if (w.service_index.count(id)) c.fail("PL-OP-09", id, w.service(id)->where, "a service " + id + " exists already", c.at("ServiceId"));
  if (!acct.privatelink_activated)
    c.fail("PL-GEN-02", acct.id, acct.where, "account " + acct.id + " has not activated PrivateLink", c.step.caller_where);
  EndpointService sv;
  sv.id = id;
  sv.account = c.caller_account;
  sv.where = c.step.where;
  sv.whitelist_where = c.step.where;
  const PlanValue* res = c.step.arg("Resource");
  std::vector<size_t> clbs;
  if (!res || res->kind != PlanValue::Kind::List || res->items.empty()) {
    c.fail("PL-SV-04", id, {}, "a service needs at least one resource [{ResourceId, ResourceType, ZoneId}]", c.at("Resource"));
  } else {
    if (res->items.size() > 10) c.fail("PL-OP-06", id, {}, "more than 10 resources at creation", res->where);
    for (const auto& item : res->items) {
      const PlanValue* rid = item.kind == PlanValue::Kind::Object ? item.field("ResourceId") : nullptr;
      const PlanValue* type = item.kind == PlanValue::Kind::Object ? item.field("ResourceType") : nullptr;
      const PlanValue* zone = item.kind == PlanValue::Kind::Object ? item.field("ZoneId") : nullptr;
      if (!rid || rid->kind != PlanValue::Kind::String || (type && type->kind != PlanValue::Kind::String) ||
          (zone && zone->kind != PlanValue::Kind::String)) {
        c.fail("PL-OP-05", id, {}, "each Resource entry is {\"ResourceId\": string, \"ResourceType\": \"slb\", \"ZoneId\": string}",
               item.where);
        continue;
      }
      resource_type(c, type ? std::optional<std::string>(type->text) : std::nullopt, item.where);
      size_t lb = c.clb(rid->text, item.where);
      if (lb == kNone) continue;
      const Clb& clb = w.clbs[lb];
      if (sv.region.empty()) sv.region = clb.region;
      c.owns(clb.account, clb.id, clb.where, "Resource");
      clb_fit(c, clb, sv.region, zone ? std::optional<std::string>(zone->text) : std::nullopt, item.where);
      c.ram_action("privatelink:CreateVpcEndpointService", "acs:slb:" + clb.region + ":" + acct.id + ":loadbalancer/" + clb.id);
      clbs.push_back(lb);
    }
  }
  c.checks.insert(c.checks.begin(), RamCheck{"privatelink:CreateVpcEndpointService",
                                             service_arn(sv.region.empty() ? "*" : sv.region, acct.id, "*"), {}});
  if (auto d = c.opt_str("ServiceDescription"))
    if (auto why = description_problem(*d); !why.empty()) c.fail("PL-EP-06", id, {}, "ServiceDescription: " + why, c.at("ServiceDescription"));
  bandwidth(c, "ConnectBandwidth", id, {});
  auto auto_accept = c.opt_bool("AutoAcceptEnabled");
  auto affinity = c.opt_bool("ZoneAffinityEnabled");
  if (!c.proceed()) return;
  sv.auto_accept = auto_accept.value_or(false);
  sv.zone_affinity = affinity.value_or(false);
  if (auto b = c.opt_int("ConnectBandwidth")) sv.bandwidth = *b;
  if (auto d = c.opt_str("ServiceDescription")) sv.description = *d, sv.has_description = true;
  for (size_t lb : clbs) sv.resources.push_back({lb, w.clbs[lb].zone, true, c.step.where});
  w.services.push_back(std::move(sv));
  reindex(w);
  ++c.st.created;
}

void UpdateVpcEndpointServiceAttribute(Ctx& c) {
  size_t s = own_service(c, true);
  std::string id = s == kNone ? "" : c.w().services[s].id;
  SourceRef where = s == kNone ? SourceRef{} : c.w().services[s].where;
  bandwidth(c, "ConnectBandwidth", id, where);
  if (auto d = c.opt_str("ServiceDescription"))
    if (auto why = description_problem(*d); !why.empty()) c.fail("PL-EP-06", id, where, "ServiceDescription: " + why, c.at("ServiceDescription"));
  auto auto_accept = c.opt_bool("AutoAcceptEnabled");
  auto affinity = c.opt_bool("ZoneAffinityEnabled");
  if (!c.proceed()) return;
  EndpointService& sv = c.w().services[s];
  // Turning auto-accept on does not accept the connections already waiting (docs/lifecycle.md).
  if (auto_accept) sv.auto_accept = *auto_accept;
  if (affinity) sv.zone_affinity = *affinity;
  if (auto b = c.opt_int("ConnectBandwidth")) sv.bandwidth = *b;
  if (auto d = c.opt_str("ServiceDescription")) sv.description = *d, sv.has_description = true;
}

void DeleteVpcEndpointService(Ctx& c) {
  size_t s = own_service(c, false);
  if (s != kNone) {
    const EndpointService& sv = c.w().services[s];
    for (const auto& e : c.w().endpoints)
      if (e.services.size() == 1 && e.services[0] == s && e.connection != ConnectionStatus::Disconnected)
        c.fail("PL-SV-08", e.id, e.where,
               "the connection of endpoint " + e.id + " is " + connection_status_name(e.connection) + "; reject it first",
               c.at("ServiceId"));
    if (!sv.resources.empty())
      c.fail("PL-SV-08", sv.id, sv.where, sv.id + " still has " + std::to_string(sv.resources.size()) + " service resource(s); remove them first",
             c.at("ServiceId"));
  }
  if (!c.proceed()) return;
  c.touch(s);
  remove_service(c.w(), s);
}

void AttachResourceToVpcEndpointService(Ctx& c) {
  size_t s = own_service(c, true);
  auto rid = c.str("ResourceId");
  auto type = c.word("ResourceType", {"slb", "alb", "nlb", "gwlb"}, true);
  auto zone = c.opt_str("ZoneId");
  resource_type(c, type, c.at("ResourceType"));
  size_t lb = rid ? c.clb(*rid, c.at("ResourceId")) : kNone;
  if (s != kNone && lb != kNone) {
    const EndpointService& sv = c.w().services[s];
    const Clb& clb = c.w().clbs[lb];
    c.ram("acs:slb:" + clb.region + ":" + c.caller.account + ":loadbalancer/" + clb.id);
    c.owns(clb.account, clb.id, clb.where, "ResourceId");
    clb_fit(c, clb, sv.region, zone, c.at("ResourceId"));
    for (const auto& r : sv.resources)
      if (r.clb == lb) c.fail("PL-OP-09", clb.id, r.where, clb.id + " is a resource of " + sv.id + " already", c.at("ResourceId"));
  }
  if (!c.proceed()) return;
  // A newly attached resource allows auto-allocation (docs/lifecycle.md).
  c.w().services[s].resources.push_back({lb, c.w().clbs[lb].zone, true, c.step.where});
  c.touch(s);
}

void DetachResourceFromVpcEndpointService(Ctx& c) {
  size_t s = own_service(c, true);
  auto rid = c.str("ResourceId");
  resource_type(c, c.opt_str("ResourceType"), c.at("ResourceType"));
  size_t r = rid ? resource_of(c, s, *rid, c.at("ResourceId")) : kNone;
  if (r != kNone) {
    const EndpointService& sv = c.w().services[s];
    size_t lb = sv.resources[r].clb;
    c.ram("acs:slb:" + c.w().clbs[lb].region + ":" + c.caller.account + ":loadbalancer/" + *rid);
    for (const auto& e : c.w().endpoints) {
      if (e.services.size() != 1 || e.services[0] != s) continue;
      for (const auto& z : e.zones)
        if (z.resource == r)
          c.fail("PL-SV-09", zone_object(e, z.zone), z.where,
                 "zone " + z.zone + " of " + e.id + " uses " + *rid + " (" + zone_status_name(z.status) +
                     "); disallow its auto-allocation and replace it first (PL-RS-09)",
                 c.at("ResourceId"));
    }
    for (const auto& rp : c.st.replaced)
      if (rp.clb == lb && c.w().endpoint(rp.endpoint) && c.w().endpoint(rp.endpoint)->services == std::vector<size_t>{s})
        c.fail("PL-SV-09", rp.endpoint + "/" + rp.zone, c.w().endpoint(rp.endpoint)->where,
               *rid + " still serves zone " + rp.zone + " of " + rp.endpoint +
                   " after a smooth migration; clean the old connection first (PL-RS-09)",
               c.at("ResourceId"));
  }
  if (!c.proceed()) return;
  remove_service_resource(c.w(), s, r);
  c.touch(s);
}

void AddUserToVpcEndpointService(Ctx& c) {
  size_t s = own_service(c, true);
  auto users = c.str("UserId");
  std::vector<std::string> ids;
  if (users) {
    size_t start = 0;
    while (start <= users->size()) {  // PL-WL-02: comma separated
      size_t comma = users->find(',', start);
      std::string id = users->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (id.empty() || !std::all_of(id.begin(), id.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
        c.fail("PL-WL-02", id, {}, "UserId \"" + id + "\" is not an account id", c.at("UserId"));
      else ids.push_back(id);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  if (s != kNone)
    for (const auto& id : ids) {
      const EndpointService& sv = c.w().services[s];
      if (std::find(sv.whitelist.begin(), sv.whitelist.end(), id) != sv.whitelist.end() || c.w().accounts[sv.account].id == id)
        c.fail("PL-OP-09", sv.id, sv.whitelist_where.line ? sv.whitelist_where : sv.where, "account " + id + " is on the whitelist of " + sv.id + " already",
               c.at("UserId"));
    }
  if (!c.proceed()) return;
  for (const auto& id : ids) c.w().services[s].whitelist.push_back(id);
}

void RemoveUserFromVpcEndpointService(Ctx& c) {
  size_t s = own_service(c, true);
  auto id = c.str("UserId");
  if (s != kNone && id) {
    const EndpointService& sv = c.w().services[s];
    if (std::find(sv.whitelist.begin(), sv.whitelist.end(), *id) == sv.whitelist.end())
      c.fail("PL-OP-09", sv.id, sv.whitelist_where.line ? sv.whitelist_where : sv.where, "account " + *id + " is not on the whitelist of " + sv.id,
             c.at("UserId"));
  }
  if (!c.proceed()) return;
  auto& wl = c.w().services[s].whitelist;
  wl.erase(std::remove(wl.begin(), wl.end(), *id), wl.end());
  // PL-WL-03 (ASSUMPTION, default): existing connections survive the removal.
}

void UpdateVpcEndpointServiceResourceAttribute(Ctx& c) {
  size_t s = own_service(c, true);
  auto rid = c.str("ResourceId");
  auto allowed = c.opt_bool("AutoAllocatedEnabled");
  if (!allowed && !c.step.arg("AutoAllocatedEnabled"))
    c.fail("PL-OP-05", c.step.op, {}, "UpdateVpcEndpointServiceResourceAttribute needs the parameter AutoAllocatedEnabled", c.step.args_where);
  size_t r = rid ? resource_of(c, s, *rid, c.at("ResourceId")) : kNone;
  if (r != kNone && allowed && !*allowed) {
    const EndpointService& sv = c.w().services[s];
    bool another = false;
    for (size_t i = 0; i < sv.resources.size(); ++i)
      another |= i != r && sv.resources[i].zone == sv.resources[r].zone && sv.resources[i].auto_allocation;
    if (!another)
      c.fail("PL-RS-07", *rid, sv.resources[r].where,
             "disallowing auto-allocation of " + *rid + " would leave zone " + sv.resources[r].zone + " of " + sv.id +
                 " with no auto-allocatable resource",
             c.at("AutoAllocatedEnabled"));
  }
  if (!c.proceed()) return;
  c.w().services[s].resources[r].auto_allocation = *allowed;
}

}  // namespace lp::lifecycle

// Provider-side operations on connections and zone connections, and the scheduling of a zone's
// resource (privatelink-rules.md "Connections", "Service resource scheduling"; reference.md §3.8).
#include <algorithm>

#include "solver/lifecycle/provider.h"

namespace lp::lifecycle {

void EnableVpcEndpointConnection(Ctx& c) {
  size_t s = own_service(c, true);
  size_t e = endpoint_of(c, s);
  if (e != kNone) {
    const Endpoint& ep = c.w().endpoints[e];
    const EndpointService& sv = c.w().services[s];
    if (ep.connection != ConnectionStatus::Disconnected && ep.connection != ConnectionStatus::Connecting)
      c.fail("PL-CN-02", ep.id, ep.where,
             "the connection of " + ep.id + " is " + connection_status_name(ep.connection) + "; accepting needs Disconnected",
             c.at("EndpointId"));
    const std::string& consumer = c.w().accounts[ep.account].id;
    if (ep.account != sv.account && std::find(sv.whitelist.begin(), sv.whitelist.end(), consumer) == sv.whitelist.end())
      c.fail("PL-WL-03", sv.id, sv.whitelist_where.line ? sv.whitelist_where : sv.where,
             "account " + consumer + " of " + ep.id + " is no longer on the whitelist of " + sv.id, c.at("EndpointId"));
    bandwidth(c, "Bandwidth", ep.id, ep.where);
  }
  c.word("TrafficControlMode", {"BandwidthLimit"}, false);
  if (!c.proceed()) return;
  Endpoint& ep = c.w().endpoints[e];
  const EndpointService& sv = c.w().services[s];
  ep.connection = ConnectionStatus::Connected;
  if (auto b = c.opt_int("Bandwidth")) ep.bandwidth = *b;
  for (auto& z : ep.zones)
    if (z.status == ZoneStatus::Wait || z.status == ZoneStatus::Disconnected) connect_zone(c, ep, z, sv);
  c.touch(s);
}

void DisableVpcEndpointConnection(Ctx& c) {
  size_t s = own_service(c, false);
  size_t e = endpoint_of(c, s);
  if (e != kNone && c.w().endpoints[e].connection == ConnectionStatus::Disconnected)
    c.fail("PL-OP-09", c.w().endpoints[e].id, c.w().endpoints[e].where, "the connection of " + c.w().endpoints[e].id + " is Disconnected already",
           c.at("EndpointId"));
  if (!c.proceed()) return;
  Endpoint& ep = c.w().endpoints[e];
  ep.connection = ConnectionStatus::Disconnected;
  for (auto& z : ep.zones) {
    z.status = ZoneStatus::Disconnected;
    z.resource = kNone;
    z.resource_id.clear();
  }
  auto& rp = c.st.replaced;
  rp.erase(std::remove_if(rp.begin(), rp.end(), [&](const ReplacedResource& r) { return r.endpoint == ep.id; }), rp.end());
  c.touch(s);
}

void UpdateVpcEndpointConnectionAttribute(Ctx& c) {
  size_t s = own_service(c, false);
  size_t e = endpoint_of(c, s);
  if (e != kNone) bandwidth(c, "Bandwidth", c.w().endpoints[e].id, c.w().endpoints[e].where);
  c.word("TrafficControlMode", {"BandwidthLimit"}, false);
  if (!c.proceed()) return;
  if (auto b = c.opt_int("Bandwidth")) c.w().endpoints[e].bandwidth = *b;
}

void EnableVpcEndpointZoneConnection(Ctx& c) {
  size_t s = own_service(c, true);
  size_t e = endpoint_of(c, s);
  size_t zi = zone_index(c, e);
  if (zi != kNone) {
    const Endpoint& ep = c.w().endpoints[e];
    const EndpointZone& z = ep.zones[zi];
    if (ep.connection != ConnectionStatus::Connected)
      c.fail("PL-OP-10", ep.id, ep.where,
             "the connection of " + ep.id + " is " + connection_status_name(ep.connection) + "; connecting one zone needs it Connected",
             c.at("EndpointId"));
    if (z.status != ZoneStatus::Wait && z.status != ZoneStatus::Disconnected)
      c.fail("PL-RS-04", zone_object(ep, z.zone), z.where, "zone " + z.zone + " of " + ep.id + " is " + zone_status_name(z.status) +
                                                               ", not Wait or Disconnected",
             c.at("ZoneId"));
    if (z.resource == kNone && auto_resource(c.w().services[s], z.zone) == kNone)
      c.fail("PL-RS-04", c.w().services[s].id, c.w().services[s].where,
             "zone " + z.zone + " has no assigned resource and " + c.w().services[s].id + " no auto-allocatable one there", c.at("ZoneId"));
  }
  if (!c.proceed()) return;
  Endpoint& ep = c.w().endpoints[e];
  connect_zone(c, ep, ep.zones[zi], c.w().services[s]);
  c.touch(s);
}

void DisableVpcEndpointZoneConnection(Ctx& c) {
  size_t s = own_service(c, false);
  size_t e = endpoint_of(c, s);
  size_t zi = zone_index(c, e);
  bool replaced = c.opt_bool("ReplacedResource").value_or(false);
  if (zi != kNone) {
    const Endpoint& ep = c.w().endpoints[e];
    const EndpointZone& z = ep.zones[zi];
    std::string zo = zone_object(ep, z.zone);
    if (ep.connection != ConnectionStatus::Connected)
      c.fail("PL-RS-08", ep.id, ep.where, "the connection of " + ep.id + " is " + connection_status_name(ep.connection) + ", not Connected",
             c.at("EndpointId"));
    if (z.status != ZoneStatus::Connected && z.status != ZoneStatus::Migrated)
      c.fail("PL-RS-08", zo, z.where, "zone " + z.zone + " is " + zone_status_name(z.status) + ", not Connected", c.at("ZoneId"));
    if (z.resource == kNone) c.fail("PL-RS-08", zo, z.where, "zone " + z.zone + " has no resource assigned", c.at("ZoneId"));
    bool pending = replaced_pending(c.st, ep.id, z.zone);
    if (replaced && !pending)
      c.fail("PL-RS-08", zo, z.where, "zone " + z.zone + " has no replaced resource to clean (no smooth migration)",
             c.at("ReplacedResource"));
    if (!replaced && pending)
      c.fail("PL-RS-08", zo, z.where,
             "zone " + z.zone + " still has the old resource of a smooth migration; clean it first (ReplacedResource true)",
             c.at("ZoneId"));
  }
  if (!c.proceed()) return;
  Endpoint& ep = c.w().endpoints[e];
  EndpointZone& z = ep.zones[zi];
  if (replaced) {
    auto& rp = c.st.replaced;
    rp.erase(std::remove_if(rp.begin(), rp.end(), [&](const ReplacedResource& r) { return r.endpoint == ep.id && r.zone == z.zone; }),
             rp.end());
  } else {
    z.status = ZoneStatus::Disconnected;
    z.resource = kNone;
    z.resource_id.clear();
  }
  c.touch(s);
}

void UpdateVpcEndpointZoneConnectionResourceAttribute(Ctx& c) {
  if (c.s.without_scheduling_privilege.count(c.caller.account))
    c.fail("PL-OP-04", c.caller.account, c.account().where,
           "account " + c.caller.account + " lacks the resource-scheduling privilege (quota privatelink_whitelist/svc_res_mgt_uat)",
           c.step.caller_where);
  size_t s = own_service(c, true);
  size_t e = endpoint_of(c, s);
  size_t zi = zone_index(c, e);
  auto mode = c.word("ResourceAllocateMode", {"Auto", "Manual"}, false);
  auto replace = c.word("ResourceReplaceMode", {"Graceful", "Force"}, false);
  auto rid = c.opt_str("ResourceId");
  auto type = c.word("ResourceType", {"slb", "alb"}, false);
  resource_type(c, type, c.at("ResourceType"));
  size_t target = kNone;
  bool connected = false;
  if (zi != kNone) {
    const EndpointService& sv = c.w().services[s];
    const Endpoint& ep = c.w().endpoints[e];
    const EndpointZone& z = ep.zones[zi];
    std::string zo = zone_object(ep, z.zone);
    auto target_resource = [&](const char* rule) {
      if (!rid || !type) {
        c.fail("PL-OP-05", zo, z.where, "this change needs ResourceId and ResourceType", c.step.args_where);
        return;
      }
      target = resource_of(c, s, *rid, c.at("ResourceId"));
      if (target != kNone && sv.resources[target].zone != z.zone) {
        c.fail(rule, *rid, sv.resources[target].where, *rid + " serves zone " + sv.resources[target].zone + ", not " + z.zone, c.at("ResourceId"));
        target = kNone;
      }
    };
    if (ep.connection == ConnectionStatus::Disconnected) {
      if (z.status != ZoneStatus::Wait && z.status != ZoneStatus::Disconnected)
        c.fail("PL-RS-04", zo, z.where, "zone " + z.zone + " is " + zone_status_name(z.status) + ", not Wait or Disconnected", c.at("ZoneId"));
      if (!mode) c.fail("PL-RS-04", zo, z.where, "on a Disconnected connection the change is an assignment: give ResourceAllocateMode",
                        c.step.args_where);
      if (replace) c.fail("PL-RS-06", zo, z.where, "ResourceReplaceMode needs a Connected connection", c.at("ResourceReplaceMode"));
      if (mode && *mode == "Manual") target_resource("PL-RS-02");
    } else if (ep.connection == ConnectionStatus::Connected) {
      connected = true;
      if (!replace) c.fail("PL-RS-06", zo, z.where, "on a Connected connection the change is a replacement: give ResourceReplaceMode",
                           c.step.args_where);
      if (mode) c.fail("PL-RS-04", zo, z.where, "ResourceAllocateMode can only change while the connection is Disconnected",
                       c.at("ResourceAllocateMode"));
      if (z.status != ZoneStatus::Connected && z.status != ZoneStatus::Disconnected)
        c.fail("PL-RS-06", zo, z.where, "zone " + z.zone + " is " + zone_status_name(z.status) + ", not Connected or Disconnected", c.at("ZoneId"));
      target_resource("PL-RS-06");
      if (target != kNone && target == z.resource)
        c.fail("PL-RS-06", zo, z.where, *rid + " is the zone's resource already; a replacement needs another one", c.at("ResourceId"));
      if (z.resource != kNone && sv.resources[z.resource].auto_allocation)
        c.fail("PL-RS-06", c.w().clbs[sv.resources[z.resource].clb].id, sv.resources[z.resource].where,
               "the connected resource " + c.w().clbs[sv.resources[z.resource].clb].id +
                   " still allows auto-allocation; disallow it first (PL-RS-09)",
               c.at("ZoneId"));
      if (replaced_pending(c.st, ep.id, z.zone))
        c.fail("PL-RS-08", zo, z.where, "zone " + z.zone + " has a smooth migration still to clean", c.at("ZoneId"));
    } else {
      c.fail("PL-OP-10", ep.id, ep.where, "the connection of " + ep.id + " is " + connection_status_name(ep.connection) +
                                              "; resources change on a Disconnected or Connected connection",
             c.at("EndpointId"));
    }
  }
  if (!c.proceed()) return;
  Endpoint& ep = c.w().endpoints[e];
  EndpointZone& z = ep.zones[zi];
  const EndpointService& sv = c.w().services[s];
  if (!connected) {
    // PL-RS-05: Auto clears a resource specified before.
    z.resource = *mode == "Manual" ? target : kNone;
    z.resource_id = z.resource == kNone ? "" : c.w().clbs[sv.resources[z.resource].clb].id;
    return;
  }
  size_t old = z.resource;
  if (z.status == ZoneStatus::Connected && old != kNone) {
    if (*replace == "Graceful") {
      // Smooth: the old resource keeps serving beside the new one until cleaned (PL-RS-06).
      c.st.replaced.push_back({ep.id, z.zone, sv.resources[old].clb, z.eni, z.ip, z.has_ip});
      // The old and the new ENI coexist (PL-RS-06; reference.md §3.4 Zones[]: ReplacedEniId is
      // the old one): the new resource is served through a new ENI at an address of the zone's
      // vSwitch that no ENI of the VPC holds, the old one keeps its address until cleaned.
      z.eni = "eni-" + ep.id + "-" + z.zone + "-" + c.w().clbs[sv.resources[target].clb].id;
      z.ip = host_address(free_address(c.st, z.vswitch));
      z.has_ip = true;
    } else if (c.s.forced_migration == ForcedMigration::Drops) {
      z.status = ZoneStatus::Migrating;
      z.resource = kNone;
      c.transient();
      z.status = ZoneStatus::Connected;
      c.out.notes.push_back("zone " + z.zone + " of " + ep.id + " switches at once (Force): its connections may drop");
    }
  }
  z.resource = target;
  z.resource_id = c.w().clbs[sv.resources[target].clb].id;
  c.touch(s);
}

}  // namespace lp::lifecycle

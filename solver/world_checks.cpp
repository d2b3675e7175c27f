#include "solver/world_checks.h"

#include <algorithm>
#include <set>

#include "lang/text.h"
#include "solver/evaluator.h"
#include "solver/ip_set.h"

namespace lp {

namespace {

// UTF-8 code points of a string (invalid bytes count as one each; the JSON reader already refused
// invalid UTF-8).
std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (int k = 1; k < n && i + static_cast<size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    out.push_back(cp);
    i += static_cast<size_t>(n);
  }
  return out;
}

bool ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// "Chinese characters": the CJK Unified Ideographs blocks.
bool chinese(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

bool overlaps(const Cidr& a, const Cidr& b) {
  if (a.v6 != b.v6) return false;
  const Cidr& wide = a.prefix <= b.prefix ? a : b;
  Cidr probe = a.prefix <= b.prefix ? b : a;
  probe.prefix = probe.v6 ? 128 : 32;
  return wide.contains(probe);
}

bool inside(const Cidr& inner, const Cidr& outer) {
  if (inner.v6 != outer.v6 || inner.prefix < outer.prefix) return false;
  Cidr probe = inner;
  probe.prefix = inner.v6 ? 128 : 32;
  return outer.contains(probe);
}

class Checker {
 public:
  Checker(const World& w, const Policy* slr, const CheckSettings& s) : w_(w), slr_(slr), s_(s) {}

  Diagnostics run() {
    regions();
    activation();
    addressing();
    for (const auto& e : w_.endpoints) endpoint(e);
    for (const auto& sv : w_.services) service(sv);
    service_linked_roles();
    return std::move(out_);
  }

 private:
  void add(const char* rule, Severity sev, const std::string& object, const SourceRef& where, std::string message) {
    Diagnostic d{rule, sev, where, std::move(message), {}, object};
    out_.add(std::move(d));
  }

  // PL-GEN-01
  void zone_supported(const std::string& zone, const std::string& object, const SourceRef& where, const char* what) {
    if (!zone.empty() && !w_.regions.supports_zone(zone))
      add("PL-GEN-01", Severity::Error, object, where,
          std::string(what) + " zone " + zone + " of " + object + " is not a PrivateLink zone in " + w_.regions.file);
  }
  void region_supported(const std::string& region, const std::string& object, const SourceRef& where) {
    if (!w_.regions.find(region))
      add("PL-GEN-01", Severity::Error, object, where,
          "region " + region + " of " + object + " is not a PrivateLink region in " + w_.regions.file);
  }

  void regions() {
    for (const auto& v : w_.vpcs) region_supported(v.region, v.id, v.where);
    for (const auto& v : w_.vswitches) zone_supported(v.zone, v.id, v.where, "the");
    for (const auto& s : w_.services) {
      region_supported(s.region, s.id, s.where);
      for (const auto& r : s.resources) zone_supported(r.zone, s.id, r.where, "the resource");
    }
    for (const auto& e : w_.endpoints) {
      region_supported(e.region, e.id, e.where);
      for (const auto& z : e.zones) zone_supported(z.zone, e.id, z.where, "the endpoint");
    }
  }

  // PL-GEN-02
  void activation() {
    for (const auto& e : w_.endpoints)
      if (e.account != kNone && !w_.accounts[e.account].privatelink_activated)
        add("PL-GEN-02", Severity::Error, e.id, e.where,
            "account " + w_.accounts[e.account].id + " owns endpoint " + e.id + " but has not activated PrivateLink");
    for (const auto& s : w_.services)
      if (s.account != kNone && !w_.accounts[s.account].privatelink_activated)
        add("PL-GEN-02", Severity::Error, s.id, s.where,
            "account " + w_.accounts[s.account].id + " owns endpoint service " + s.id + " but has not activated PrivateLink");
  }

  // PL-RS-03: vSwitches inside their VPC, instance IPs inside their vSwitch.
  void addressing() {
    for (const auto& v : w_.vswitches) {
      if (v.vpc == kNone) continue;
      const Vpc& vpc = w_.vpcs[v.vpc];
      if (!inside(v.cidr, vpc.cidr))
        add("PL-RS-03", Severity::Error, v.id, v.where,
            "vSwitch " + v.id + " CIDR " + v.cidr.to_string() + " is not inside VPC " + vpc.id + " CIDR " + vpc.cidr.to_string());
      if (w_.regions.find(vpc.region) && !w_.regions.region_of_zone(v.zone).empty() &&
          w_.regions.region_of_zone(v.zone) != vpc.region)
        add("PL-RS-02", Severity::Error, v.id, v.where,
            "vSwitch " + v.id + " is in zone " + v.zone + ", outside region " + vpc.region + " of VPC " + vpc.id);
    }
    for (const auto& i : w_.instances) {
      if (i.vswitch == kNone) continue;
      const VSwitch& vs = w_.vswitches[i.vswitch];
      if (!vs.cidr.contains(i.ip))
        add("PL-RS-03", Severity::Error, i.id, i.where,
            "instance " + i.id + " IP " + i.ip.to_string() + " is not inside vSwitch " + vs.id + " CIDR " + vs.cidr.to_string());
      // The vSwitch itself may lie outside its VPC: the address must lie inside the VPC too.
      if (vs.vpc != kNone && !w_.vpcs[vs.vpc].cidr.contains(i.ip))
        add("PL-RS-03", Severity::Error, i.id, i.where,
            "instance " + i.id + " IP " + i.ip.to_string() + " is not inside VPC " + w_.vpcs[vs.vpc].id + " CIDR " +
                w_.vpcs[vs.vpc].cidr.to_string());
      bool basic = false, enterprise = false;
      for (size_t g : i.security_groups)
        (w_.security_groups[g].type == SecurityGroupType::Basic ? basic : enterprise) = true;
      if (basic && enterprise)
        add("PL-EP-11", Severity::Error, i.id, i.where,
            "instance " + i.id + " is in a basic and an enterprise security group at once, which ECS refuses (reference.md §4.1)");
    }
  }

  void endpoint(const Endpoint& e) {
    // PL-EP-01
    if (e.services.size() != 1)
      add("PL-EP-01", Severity::Error, e.id, e.where,
          "endpoint " + e.id + " is associated with " + std::to_string(e.services.size()) +
              " endpoint services; an endpoint has exactly one");
    // PL-EP-05, PL-EP-06
    if (e.has_name) {
      if (auto p = endpoint_name_problem(e.name); !p.empty())
        add("PL-EP-05", Severity::Error, e.id, e.where, "endpoint " + e.id + " name \"" + e.name + "\": " + p);
    }
    if (e.has_description) {
      if (auto p = description_problem(e.description); !p.empty())
        add("PL-EP-06", Severity::Error, e.id, e.where, "endpoint " + e.id + " description: " + p);
    }
    // PL-EP-09 and PL-EP-02 (security groups in the endpoint's VPC)
    if (e.security_groups.empty())
      add("PL-EP-09", Severity::Error, e.id, e.where, "endpoint " + e.id + " belongs to no security group; it needs at least one");
    const Vpc* vpc = e.vpc != kNone ? &w_.vpcs[e.vpc] : nullptr;
    {
      bool basic = false, enterprise = false;
      for (size_t g : e.security_groups) (w_.security_groups[g].type == SecurityGroupType::Basic ? basic : enterprise) = true;
      if (basic && enterprise)
        add("PL-EP-11", Severity::Error, e.id, e.where,
            "endpoint " + e.id + " is in a basic and an enterprise security group at once; its ENIs join every group of the "
            "endpoint (PL-EP-09) and ECS refuses an ENI in both types (reference.md §4.1)");
    }
    for (size_t g : e.security_groups) {
      const SecurityGroup& sg = w_.security_groups[g];
      if (vpc && sg.vpc_id != vpc->id)
        add("PL-EP-02", Severity::Error, e.id, e.where,
            "security group " + sg.id + " of endpoint " + e.id + " is in VPC " + sg.vpc_id + ", not in the endpoint's VPC " + vpc->id);
    }
    if (vpc && vpc->region != e.region)
      add("PL-RS-02", Severity::Error, e.id, e.where,
          "endpoint " + e.id + " is in region " + e.region + " but its VPC " + vpc->id + " is in " + vpc->region);
    if (e.account != kNone && vpc && vpc->account != e.account)
      add("PL-EP-02", Severity::Error, e.id, e.where, "endpoint " + e.id + " is in VPC " + vpc->id + " of another account");

    const EndpointService* sv = e.services.size() == 1 ? &w_.services[e.services[0]] : nullptr;
    if (sv) {
      // PL-RS-02: endpoint and service in one region (no cross-region in this model).
      if (sv->region != e.region)
        add("PL-RS-02", Severity::Error, e.id, e.where,
            "endpoint " + e.id + " (" + e.region + ") and its service " + sv->id + " (" + sv->region + ") are in different regions");
      // PL-EP-10
      std::set<std::string> service_zones;
      for (const auto& r : sv->resources) service_zones.insert(r.zone);
      if (e.zones.size() > service_zones.size())
        add("PL-EP-10", Severity::Error, e.id, e.where,
            "endpoint " + e.id + " has " + std::to_string(e.zones.size()) + " zones but its service " + sv->id + " has resources in " +
                std::to_string(service_zones.size()));
      // PL-WL-01 / PL-WL-03: a connection held by an account the whitelist does not name.
      bool connected = e.connection == ConnectionStatus::Connected || e.connection == ConnectionStatus::Connecting;
      if (e.account != kNone && sv->account != kNone && e.account != sv->account) {
        const std::string& acct = w_.accounts[e.account].id;
        bool listed = whitelist_admits(w_, *sv, e.account, s_.world) != Verdict::No;  // a wildcard under "unknown": see service()
        if (!listed && connected)
          add("PL-WL-03", Severity::Warning, e.id, e.where,
              "endpoint " + e.id + " of account " + acct + " holds a " + connection_status_name(e.connection) +
                  " connection to " + sv->id + " although the account is not in its whitelist (removed accounts keep existing "
                  "connections: ASSUMPTION, privatelink-rules.md PL-WL-03)");
      }
      // PL-CN-01
      int bw = e.has_bandwidth || e.bandwidth ? e.bandwidth : sv->bandwidth;  // an explicit 0 is checked too
      bandwidth(bw, e.id, e.where, "connection of endpoint " + e.id);
      // PL-RS-03: the consumer VPC and the provider VPCs talk: the address space each really uses
      // (its CIDR, its vSwitches' blocks, its instances' and ENIs' addresses) may not overlap.
      if (vpc) {
        std::set<size_t> provider_vpcs;
        for (const auto& r : sv->resources) {
          if (r.clb == kNone || w_.clbs[r.clb].vpc == kNone || w_.clbs[r.clb].vpc == e.vpc) continue;
          if (!provider_vpcs.insert(w_.clbs[r.clb].vpc).second) continue;  // one finding per VPC pair
          const Vpc& pv = w_.vpcs[w_.clbs[r.clb].vpc];
          std::string shared = overlap_of(e.vpc, w_.clbs[r.clb].vpc);
          if (!shared.empty())
            add("PL-RS-03", Severity::Error, e.id, e.where,
                "endpoint " + e.id + " connects VPC " + vpc->id + " (" + vpc->cidr.to_string() + ") with VPC " + pv.id + " (" +
                    pv.cidr.to_string() + ") of " + w_.clbs[r.clb].id + ": the address space they use overlaps in " + shared);
        }
      }
    }
    for (const auto& z : e.zones) zone(e, z, sv, vpc);
  }

  // The address space VPC `v` uses: its CIDR, its vSwitches' blocks, the addresses of the instances
  // and endpoint ENIs in those vSwitches. IPv6 blocks are kept apart (compared as CIDRs).
  struct UsedSpace {
    IntervalSet v4;
    std::vector<Cidr> v6;
  };
  UsedSpace used_space(size_t v) {
    UsedSpace u;
    auto add_block = [&](const Cidr& c) {
      if (c.v6) u.v6.push_back(c);
      else u.v4 = u.v4.unite(IntervalSet::of_cidr(c));
    };
    add_block(w_.vpcs[v].cidr);
    for (const auto& vs : w_.vswitches)
      if (vs.vpc == v) add_block(vs.cidr);
    for (const auto& i : w_.instances)
      if (i.vswitch != kNone && w_.vswitches[i.vswitch].vpc == v) add_block(i.ip);
    for (const auto& e : w_.endpoints)
      for (const auto& z : e.zones)
        if (z.has_ip && z.vswitch != kNone && w_.vswitches[z.vswitch].vpc == v) add_block(z.ip);
    return u;
  }

  // The first blocks two VPCs both use ("" when they share no address).
  std::string overlap_of(size_t a, size_t b) {
    UsedSpace ua = used_space(a), ub = used_space(b);
    IntervalSet both = ua.v4.intersect(ub.v4);
    if (!both.empty()) {
      auto blocks = both.cidrs();
      return blocks.front() + (blocks.size() > 1 ? " and " + std::to_string(blocks.size() - 1) + " more block(s)" : "");
    }
    for (const auto& x : ua.v6)
      for (const auto& y : ub.v6)
        if (overlaps(x, y)) return (x.prefix >= y.prefix ? x : y).to_string();
    return {};
  }

  void zone(const Endpoint& e, const EndpointZone& z, const EndpointService* sv, const Vpc* vpc) {
    const std::string obj = e.id + "/" + z.zone;
    const VSwitch* vs = z.vswitch != kNone ? &w_.vswitches[z.vswitch] : nullptr;
    if (vs && vs->zone != z.zone)
      add("PL-EP-03", Severity::Error, e.id, z.where,
          "endpoint " + e.id + " zone " + z.zone + " uses vSwitch " + vs->id + " of zone " + vs->zone);
    if (vs && vpc && vs->vpc != e.vpc)
      add("PL-EP-04", Severity::Error, e.id, z.where,
          "endpoint " + e.id + " zone " + z.zone + " uses vSwitch " + vs->id + ", which is not in the endpoint's VPC " + vpc->id);
    if (vs && z.has_ip && !vs->cidr.contains(z.ip))
      add("PL-EP-04", Severity::Error, e.id, z.where,
          "ENI " + (z.eni.empty() ? obj : z.eni) + " IP " + z.ip.to_string() + " is outside vSwitch " + vs->id + " CIDR " +
              vs->cidr.to_string());
    // The vSwitch may itself lie outside the VPC: the ENI's address must lie inside the VPC too.
    if (vpc && z.has_ip && !vpc->cidr.contains(z.ip))
      add("PL-RS-03", Severity::Error, e.id, z.where,
          "ENI " + (z.eni.empty() ? obj : z.eni) + " IP " + z.ip.to_string() + " is not inside VPC " + vpc->id + " CIDR " +
              vpc->cidr.to_string());
    if (!sv) return;
    bool assigned = !z.resource_id.empty();
    if (assigned && z.resource == kNone)
      add("PL-RS-01", Severity::Error, e.id, z.where,
          "endpoint " + e.id + " zone " + z.zone + " is assigned " + z.resource_id + ", which is not a resource of " + sv->id);
    if (z.resource != kNone) {
      const ServiceResource& r = sv->resources[z.resource];
      if (r.zone != z.zone)
        add("PL-EP-03", Severity::Error, e.id, z.where,
            "endpoint " + e.id + " zone " + z.zone + " is connected to " + z.resource_id + " in zone " + r.zone +
                "; the vSwitch must be in the resource's zone");
    }
    bool zone_up = zone_forwards(z.status, s_.world);  // the predicate `reach` uses
    if (zone_up && !assigned)
      add("PL-RS-01", Severity::Error, e.id, z.where,
          "endpoint " + e.id + " zone " + z.zone + " is " + zone_status_name(z.status) + " but has no assigned service resource");
    if (zone_up && e.connection != ConnectionStatus::Connected)
      add("PL-CN-02", Severity::Error, e.id, z.where,
          "endpoint " + e.id + " zone " + z.zone + " is " + zone_status_name(z.status) + " while the endpoint's connection is " +
              connection_status_name(e.connection));
  }

  void bandwidth(int bw, const std::string& object, const SourceRef& where, const std::string& what) {
    int lo = 100, hi = s_.bandwidth == BandwidthRules::Guide20220418 ? 1024 : 10240;
    const char* set = s_.bandwidth == BandwidthRules::Guide20220418 ? "guide 20220418" : "API 2026 (CLB)";
    if (bw < lo || bw > hi)
      add("PL-CN-01", Severity::Error, object, where,
          "bandwidth " + std::to_string(bw) + " Mbps of " + what + " is outside " + std::to_string(lo) + "-" +
              std::to_string(hi) + " Mbps (rule set: " + set + ")");
  }

  void service(const EndpointService& s) {
    if (s.has_description) {
      if (auto p = description_problem(s.description); !p.empty())
        add("PL-EP-06", Severity::Error, s.id, s.where, "endpoint service " + s.id + " description: " + p);
    }
    if (s.resources.empty())
      add("PL-SV-04", Severity::Error, s.id, s.where, "endpoint service " + s.id + " has no service resource");
    bandwidth(s.bandwidth, s.id, s.where, "the default connection of " + s.id);
    for (const auto& entry : s.whitelist)
      if (parse_whitelist_entry(entry).kind == WhitelistEntry::Kind::AllAccounts) {
        const char* reading = s_.world.whitelist_wildcard == WhitelistWildcardRule::AllAccounts ? "every account"
                              : s_.world.whitelist_wildcard == WhitelistWildcardRule::Ignored  ? "no account"
                                                                                                : "unknown";
        add("PL-WL-01", Severity::Warning, s.id, s.whitelist_where.line ? s.whitelist_where : s.where,
            "whitelist entry \"" + entry + "\" of " + s.id + " names every account, which is UNCONFIRMED (reference.md §3.7): read as " +
                reading + " (setting --whitelist-wildcard, docs/settings.md)");
      }
    std::set<size_t> seen;
    for (const auto& r : s.resources) {
      if (r.clb == kNone) continue;
      const Clb& lb = w_.clbs[r.clb];
      if (lb.region != s.region)
        add("PL-RS-02", Severity::Error, s.id, r.where,
            "resource " + lb.id + " (" + lb.region + ") and service " + s.id + " (" + s.region + ") are in different regions");
      if (lb.zone != r.zone)
        add("PL-RS-02", Severity::Error, s.id, r.where,
            "resource " + lb.id + " is attached for zone " + r.zone + " but the CLB's zone is " + lb.zone);
      if (seen.insert(r.clb).second) clb(lb, s);
    }
  }

  // PL-SV-01, PL-SV-02, PL-SV-03 for a CLB serving `s`.
  void clb(const Clb& lb, const EndpointService& s) {
    for (const auto& p : clb_problems(w_, lb))
      add(p.rule, Severity::Error, lb.id, lb.where,
          "CLB " + lb.id + " (resource of " + s.id + ") " + (std::string(p.rule) == "PL-SV-01" ? "is not fit for PrivateLink: " : "") +
              p.why);
    if (lb.listeners.empty())
      add("PL-SV-02", Severity::Error, lb.id, lb.where, "CLB " + lb.id + " has no listener: it forwards nothing");
    if (lb.backends.empty())
      add("PL-SV-02", Severity::Error, lb.id, lb.where, "CLB " + lb.id + " has no backend server: it forwards nothing");
    for (size_t b : lb.backends) {
      const Instance& i = w_.instances[b];
      if (i.vswitch == kNone) continue;
      const VSwitch& vs = w_.vswitches[i.vswitch];
      const Vpc& v = w_.vpcs[vs.vpc];
      if (v.region != lb.region)
        add("PL-SV-03", Severity::Error, lb.id, lb.where,
            "CLB " + lb.id + " (" + lb.region + ") has backend " + i.id + " in region " + v.region);
    }
  }

  // PL-RL-01: the service-linked role of every account that owns endpoints must still grant what
  // endpoint creation needs.
  void service_linked_roles() {
    std::set<size_t> owners;
    for (const auto& e : w_.endpoints)
      if (e.account != kNone) owners.insert(e.account);
    for (size_t a : owners) {
      const Account& acct = w_.accounts[a];
      const Policy* p = acct.service_linked_role_policy ? &w_.policies[*acct.service_linked_role_policy].policy : slr_;
      if (!p) continue;
      PolicySet set;
      set.identity.push_back(*p);
      std::vector<std::string> missing;
      for (const auto& action : slr_required_actions()) {
        Request r;
        r.action = action;
        r.resource = std::string("*");  // moved in: assigning a 1-character literal trips GCC 12 -O3 (-Wrestrict)
        r.principal = "privatelink.aliyuncs.com";
        if (evaluate(set, r, s_.policy) != Decision::Allow) missing.push_back(action);
      }
      if (missing.empty()) continue;
      add("PL-RL-01", Severity::Error, acct.id, acct.service_linked_role_policy ? w_.policies[*acct.service_linked_role_policy].where : acct.where,
          "the service-linked role policy of account " + acct.id + " (" + p->name + ") no longer allows " + join(missing) +
              " on *, which endpoint creation needs");
    }
  }

  const World& w_;
  const Policy* slr_;
  const CheckSettings& s_;
  Diagnostics out_;
};

}  // namespace

bool zone_forwards(ZoneStatus z, const WorldSettings& s) {
  switch (z) {
    case ZoneStatus::Connected:
    case ZoneStatus::Migrated: return true;
    case ZoneStatus::Migrating: return s.migrating_zone == MigratingZoneRule::Serves;  // PL-RS-06: smooth migration
    default: return false;
  }
}

std::vector<ResourceProblem> clb_problems(const World& w, const Clb& lb) {
  std::vector<ResourceProblem> out;
  auto sv01 = [&](std::string why) { out.push_back({"PL-SV-01", std::move(why)}); };
  if (lb.billing != ClbBilling::PayAsYouGo) sv01("its billing is subscription, not pay-as-you-go");
  if (lb.address_type != ClbAddressType::Intranet) sv01("its address type is internet, not intranet");
  if (lb.network_type != ClbNetworkType::Vpc) sv01("its network type is classic, not VPC");
  if (!lb.privatelink_enabled) sv01("the PrivateLink feature is off");
  if (!w.regions.find(lb.region)) sv01("region " + lb.region + " is not a PrivateLink region in " + w.regions.file);
  if (!w.regions.supports_zone(lb.zone)) sv01("zone " + lb.zone + " is not a PrivateLink zone");
  else if (w.regions.region_of_zone(lb.zone) != lb.region)
    out.push_back({"PL-RS-02", "is in zone " + lb.zone + ", which is not a zone of its region " + lb.region});
  if (!lb.backup_zone.empty()) {
    if (!w.regions.supports_zone(lb.backup_zone)) sv01("backup zone " + lb.backup_zone + " is not a PrivateLink zone");
    else if (w.regions.region_of_zone(lb.backup_zone) != lb.region)
      sv01("backup zone " + lb.backup_zone + " is in region " + w.regions.region_of_zone(lb.backup_zone) + ", not in " + lb.region);
  }
  if (lb.vpc != kNone && w.vpcs[lb.vpc].region != lb.region)
    out.push_back({"PL-RS-02", "is in region " + lb.region + " but its VPC " + w.vpcs[lb.vpc].id + " is in " + w.vpcs[lb.vpc].region});
  return out;
}

std::vector<ResourceProblem> resource_problems(const World& w, const EndpointService& sv, const ServiceResource& r) {
  if (r.clb == kNone) return {{"PL-SV-04", "the resource names no CLB"}};
  const Clb& lb = w.clbs[r.clb];
  std::vector<ResourceProblem> out = clb_problems(w, lb);
  if (lb.region != sv.region)
    out.push_back({"PL-RS-02", "is in region " + lb.region + ", not in the service's region " + sv.region});
  if (lb.zone != r.zone) out.push_back({"PL-RS-02", "is attached for zone " + r.zone + " but its zone is " + lb.zone});
  return out;
}

Verdict whitelist_admits(const World& w, const EndpointService& sv, size_t account, const WorldSettings& s, std::string* why) {
  auto say = [&](std::string text) {
    if (why) *why = std::move(text);
  };
  if (account == kNone) return Verdict::No;
  if (account == sv.account) {
    say("the owner of " + sv.id + " is on its whitelist (PL-WL-01)");
    return Verdict::Yes;
  }
  const std::string& id = w.accounts[account].id;
  const std::string* wildcard = nullptr;
  for (const auto& entry : sv.whitelist) {
    WhitelistEntry e = parse_whitelist_entry(entry);
    if (e.kind == WhitelistEntry::Kind::Account && e.account == id) {
      say("whitelist entry \"" + entry + "\" of " + sv.id + " names account " + id);
      return Verdict::Yes;
    }
    if (e.kind == WhitelistEntry::Kind::AllAccounts && !wildcard) wildcard = &entry;
  }
  if (wildcard && s.whitelist_wildcard == WhitelistWildcardRule::AllAccounts) {
    say("whitelist entry \"" + *wildcard + "\" of " + sv.id + " is read as every account (--whitelist-wildcard all)");
    return Verdict::Yes;
  }
  if (wildcard && s.whitelist_wildcard == WhitelistWildcardRule::Unknown) {
    say("account " + id + " is on the whitelist of " + sv.id + " only through \"" + *wildcard +
        "\", whose meaning is UNCONFIRMED (reference.md §3.7; --whitelist-wildcard all|none decides it)");
    return Verdict::Unknown;
  }
  say("account " + id + " is not in the whitelist of " + sv.id);
  return Verdict::No;
}

const std::vector<std::string>& slr_required_actions() {
  static const std::vector<std::string> actions = {
      "vpc:DescribeVSwitchAttributes",        "ecs:CreateNetworkInterface",
      "ecs:DeleteNetworkInterface",           "ecs:DescribeNetworkInterfaces",
      "ecs:CreateNetworkInterfacePermission", "ecs:DescribeNetworkInterfacePermissions",
      "ecs:DeleteNetworkInterfacePermission"};
  return actions;
}

std::string endpoint_name_problem(const std::string& name) {
  auto cps = code_points(name);
  if (cps.size() < 2 || cps.size() > 128) return "must be 2 to 128 characters, has " + std::to_string(cps.size());
  if (!ascii_letter(cps[0]) && !chinese(cps[0])) return "must start with an English letter or a Chinese character";
  for (char32_t c : cps)
    if (!ascii_letter(c) && !chinese(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_')
      return "may contain only letters, Chinese characters, digits, '-' and '_'";
  return {};
}

std::string description_problem(const std::string& d) {
  auto n = code_points(d).size();
  if (n < 2 || n > 256) return "must be 2 to 256 characters, has " + std::to_string(n);
  if (d.rfind("http://", 0) == 0 || d.rfind("https://", 0) == 0) return "must not begin with http:// or https://";
  return {};
}

Diagnostics check_world(const World& w, const Policy* default_slr_policy, const CheckSettings& s) {
  Diagnostics out = Checker(w, default_slr_policy, s).run();
  // Explicit unknown values (docs/world-format.md "Unknown values"): a finding about an object with
  // one may rest on the default read in its place, so it is reported as unknown (info), naming it.
  for (auto& f : out.items()) {
    std::vector<std::string> why;
    for (const auto* u : w.unknowns_of(f.object.substr(0, f.object.find('/'))))
      if (u->member.size() < 4 || u->member.compare(u->member.size() - 4, 4, "/eni") != 0) why.push_back(u->member + " = " + u->address);
    if (why.empty()) continue;
    f.severity = Severity::Info;
    f.message = "unknown: " + f.message + " (depends on values not known: " + join(why) + ")";
  }
  return out;
}

}  // namespace lp

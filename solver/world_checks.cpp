#include "solver/world_checks.h"

#include <algorithm>
#include <set>

#include "lang/text.h"
#include "solver/evaluator.h"

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
        bool listed = std::find(sv->whitelist.begin(), sv->whitelist.end(), acct) != sv->whitelist.end();
        if (!listed && connected)
          add("PL-WL-03", Severity::Warning, e.id, e.where,
              "endpoint " + e.id + " of account " + acct + " holds a " + connection_status_name(e.connection) +
                  " connection to " + sv->id + " although the account is not in its whitelist (removed accounts keep existing "
                  "connections: ASSUMPTION, privatelink-rules.md PL-WL-03)");
      }
      // PL-CN-01
      int bw = e.bandwidth ? e.bandwidth : sv->bandwidth;
      bandwidth(bw, e.id, e.where, "connection of endpoint " + e.id);
      // PL-RS-03: the consumer VPC and the provider VPCs talk: their CIDRs may not overlap.
      if (vpc) {
        std::set<size_t> provider_vpcs;
        for (const auto& r : sv->resources) {
          if (r.clb == kNone || w_.clbs[r.clb].vpc == kNone || w_.clbs[r.clb].vpc == e.vpc) continue;
          if (!provider_vpcs.insert(w_.clbs[r.clb].vpc).second) continue;  // one finding per VPC pair
          const Vpc& pv = w_.vpcs[w_.clbs[r.clb].vpc];
          if (overlaps(vpc->cidr, pv.cidr))
            add("PL-RS-03", Severity::Error, e.id, e.where,
                "endpoint " + e.id + " connects VPC " + vpc->id + " (" + vpc->cidr.to_string() + ") with VPC " + pv.id + " (" +
                    pv.cidr.to_string() + ") of " + w_.clbs[r.clb].id + ": the CIDR blocks overlap");
        }
      }
    }
    for (const auto& z : e.zones) zone(e, z, sv, vpc);
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
    bool zone_up = z.status == ZoneStatus::Connected || z.status == ZoneStatus::Migrating || z.status == ZoneStatus::Migrated;
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
    auto unfit = [&](const std::string& why) {
      add("PL-SV-01", Severity::Error, lb.id, lb.where, "CLB " + lb.id + " (resource of " + s.id + ") is not fit for PrivateLink: " + why);
    };
    if (lb.billing != ClbBilling::PayAsYouGo) unfit("its billing is subscription, not pay-as-you-go");
    if (lb.address_type != ClbAddressType::Intranet) unfit("its address type is internet, not intranet");
    if (lb.network_type != ClbNetworkType::Vpc) unfit("its network type is classic, not VPC");
    if (!lb.privatelink_enabled) unfit("the PrivateLink feature is off");
    if (!w_.regions.supports_zone(lb.zone)) unfit("zone " + lb.zone + " is not a PrivateLink zone");
    if (!lb.backup_zone.empty() && !w_.regions.supports_zone(lb.backup_zone))
      unfit("backup zone " + lb.backup_zone + " is not a PrivateLink zone");
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
        r.resource = "*";
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

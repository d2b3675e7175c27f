// The importers against the hand-written corpus worlds (docs/import.md): a recorded API snapshot
// of the guide's worked scenario and of the multi-account whitelist scenario import to the same
// world as corpus/world/guide and corpus/world/multi-account-whitelist, compared semantically (same
// objects, same attributes, same reach matrix), not as text.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "lang/bundled.h"
#include "lang/ingest/snapshot.h"
#include "lang/ingest/terraform.h"
#include "lang/text.h"
#include "lang/policy_parser.h"
#include "lang/world_loader.h"
#include "solver/reach.h"

namespace fs = std::filesystem;

namespace lp {
namespace {

const std::string kRoot = LINKPROOF_ROOT;

std::string rule_text(const SecurityGroupRule& r) {
  std::string peer = r.peer.kind == RulePeer::Kind::Cidr    ? r.peer.cidr.to_string()
                     : r.peer.kind == RulePeer::Kind::Group ? "group " + r.peer.group_id
                                                            : "prefix-list " + r.peer.prefix_list;
  return std::string(r.direction == Direction::Ingress ? "ingress" : "egress") + " " +
         (r.policy == RulePolicy::Accept ? "accept" : "drop") + " proto" + std::to_string(static_cast<int>(r.protocol)) +
         " " + std::to_string(r.ports.from) + "/" + std::to_string(r.ports.to) + " " + peer + " priority " +
         std::to_string(r.priority) + " '" + r.description + "'";
}

// Every object and attribute of a world as one line each, ids by name: two worlds are the same
// when these sets are equal. Defaults are made explicit (an endpoint bandwidth of 0 is the
// service's), so a value written out and the same value left to its default compare equal.
std::set<std::string> describe(const World& w) {
  std::set<std::string> out;
  auto acct = [&](size_t i) { return i == kNone ? std::string("-") : w.accounts[i].id; };
  for (const auto& a : w.accounts) {
    out.insert("account " + a.id + " activated=" + std::to_string(a.privatelink_activated) +
               " users=" + std::to_string(a.users.size()) + " groups=" + std::to_string(a.groups.size()) +
               " roles=" + std::to_string(a.roles.size()));
  }
  for (const auto& v : w.vpcs) out.insert("vpc " + v.id + " " + acct(v.account) + " " + v.region + " " + v.cidr.to_string());
  for (const auto& v : w.vswitches)
    out.insert("vswitch " + v.id + " " + w.vpcs[v.vpc].id + " " + v.zone + " " + v.cidr.to_string());
  for (const auto& g : w.security_groups) {
    out.insert("sg " + g.id + " " + g.vpc_id + " type=" + std::to_string(static_cast<int>(g.type)) +
               " inner=" + std::to_string(static_cast<int>(g.inner_access)));
    for (const auto& r : g.rules) out.insert("sg " + g.id + " rule " + rule_text(r));
  }
  for (const auto& i : w.instances) {
    std::string line = "instance " + i.id + " " + w.vswitches[i.vswitch].id + " " + i.ip.to_string();
    for (size_t g : i.security_groups) line += " " + w.security_groups[g].id;
    out.insert(line);
  }
  for (const auto& b : w.clbs) {
    out.insert("clb " + b.id + " " + acct(b.account) + " " + b.region + " " + b.zone + "/" + b.backup_zone + " vpc=" +
               (b.vpc == kNone ? "-" : w.vpcs[b.vpc].id) + " billing=" + std::to_string(static_cast<int>(b.billing)) +
               " address=" + std::to_string(static_cast<int>(b.address_type)) +
               " network=" + std::to_string(static_cast<int>(b.network_type)) + " pl=" + std::to_string(b.privatelink_enabled));
    for (const auto& l : b.listeners)
      out.insert("clb " + b.id + " listener " + listener_protocol_name(l.protocol) + " " + std::to_string(l.port) + "->" +
                 std::to_string(l.backend_port ? l.backend_port : l.port));
    for (size_t i : b.backends) out.insert("clb " + b.id + " backend " + w.instances[i].id);
  }
  for (const auto& s : w.services) {
    std::set<std::string> wl(s.whitelist.begin(), s.whitelist.end());
    wl.erase(acct(s.account));  // the owner is implicit (PL-WL-01)
    std::string list;
    for (const auto& a : wl) list += a + ",";
    out.insert("service " + s.id + " " + acct(s.account) + " " + s.region + " '" + s.description + "' auto=" +
               std::to_string(s.auto_accept) + " affinity=" + std::to_string(s.zone_affinity) +
               " bw=" + std::to_string(s.bandwidth) + " " + service_status_name(s.status) + " " +
               business_status_name(s.business_status) + " whitelist=" + list);
    for (const auto& r : s.resources)
      out.insert("service " + s.id + " resource " + w.clbs[r.clb].id + " " + r.zone + " auto=" + std::to_string(r.auto_allocation));
  }
  for (const auto& e : w.endpoints) {
    std::string services, groups;
    for (size_t s : e.services) services += w.services[s].id + ",";
    for (size_t g : e.security_groups) groups += w.security_groups[g].id + ",";
    int bw = e.bandwidth ? e.bandwidth : e.services.size() == 1 ? w.services[e.services[0]].bandwidth : 0;
    out.insert("endpoint " + e.id + " " + acct(e.account) + " " + e.region + " " + w.vpcs[e.vpc].id + " services=" + services +
               " '" + e.name + "' '" + e.description + "' sgs=" + groups + " " + endpoint_status_name(e.status) + " " +
               business_status_name(e.business_status) + " " + connection_status_name(e.connection) + " bw=" + std::to_string(bw));
    for (const auto& z : e.zones)
      out.insert("endpoint " + e.id + " zone " + z.zone + " " + w.vswitches[z.vswitch].id + " " + z.eni + " " +
                 (z.has_ip ? z.ip.to_string() : "-") + " " + zone_status_name(z.status) + " resource=" + z.resource_id);
  }
  return out;
}

std::vector<std::string> who_lines(const World& w) {
  Diagnostics d;
  auto dir = policies_dir();
  auto slr = load_policy_file(*dir + "/AliyunServiceRolePolicyForPrivatelink.json", {}, d);
  ReachSettings s;
  s.default_slr_policy = slr ? &*slr : nullptr;
  std::vector<std::string> out;
  for (ReachMode mode : {ReachMode::Now, ReachMode::Could}) {
    WhoAnswer a = who(w, "", "", mode, s);
    for (const auto& e : a.reach) {
      std::string line = std::string(mode == ReachMode::Now ? "now " : "could ") + e.account + " " + e.service + " " +
                         std::to_string(static_cast<int>(e.protocol)) + " ports";
      for (const auto& r : e.ports.ranges()) line += cat(" ", std::to_string(r.lo), "-", std::to_string(r.hi));
      line += " clients";
      for (const auto& c : e.clients.cidrs()) line += " " + c;
      out.push_back(line);
    }
    EXPECT_TRUE(a.unknown.empty());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<World> import_and_load(const std::string& snapshot) {
  Diagnostics d;
  auto r = ingest::import_openapi_dir(snapshot, {}, d);
  for (const auto& item : d.items()) ADD_FAILURE() << item.to_string();
  if (!r) return std::nullopt;
  fs::path out = fs::temp_directory_path() / ("linkproof-import-" + fs::path(snapshot).parent_path().filename().string() + ".json");
  std::ofstream(out) << r->world.dump(2);
  auto w = load_world(out.string(), {}, d);
  for (const auto& item : d.items()) ADD_FAILURE() << item.to_string();
  return w;
}

void same_world(const std::string& snapshot, const std::string& world_file) {
  auto imported = import_and_load(kRoot + snapshot);
  ASSERT_TRUE(imported);
  Diagnostics d;
  auto written = load_world(kRoot + world_file, {}, d);
  ASSERT_TRUE(written);
  auto a = describe(*imported), b = describe(*written);
  for (const auto& line : a)
    if (!b.count(line)) ADD_FAILURE() << "only in the imported world: " << line;
  for (const auto& line : b)
    if (!a.count(line)) ADD_FAILURE() << "only in " << world_file << ": " << line;
  auto wa = who_lines(*imported), wb = who_lines(*written);
  EXPECT_FALSE(wa.empty());
  EXPECT_EQ(wa, wb);
}

TEST(ImportOpenapi, GuideSnapshotIsTheGuideWorld) {
  same_world("/corpus/import/guide-snapshot/snapshot", "/corpus/world/guide/world.json");
}

TEST(ImportOpenapi, MultiAccountSnapshotIsTheWhitelistWorld) {
  same_world("/corpus/import/multi-account-snapshot/snapshot", "/corpus/world/multi-account-whitelist/world.json");
}

std::optional<World> import_terraform(const std::string& plan, ingest::PlanSide side) {
  Diagnostics d;
  ingest::TerraformOptions o;
  o.side = side;
  auto r = ingest::import_terraform_file(kRoot + plan, o, d);
  for (const auto& item : d.items()) ADD_FAILURE() << item.to_string();
  if (!r) return std::nullopt;
  std::string text = r->world.dump(1);
  auto w = load_world_text(text, plan + " (imported)", {}, d);
  for (const auto& item : d.items()) ADD_FAILURE() << item.to_string();
  return w;
}

std::set<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  for (const auto& x : a)
    if (!b.count(x)) out.insert(x);
  return out;
}

// The guide as a Terraform state: the same world except what no provider attribute holds - the
// zone's ENI id, and which of the two CLB resources in zone H serves the zone - which are explicit
// unknown values, so reach and who answer unknown for epsrv-guide and name the address.
TEST(ImportTerraform, GuideStateIsTheGuideWorldButTheZoneAssignment) {
  auto imported = import_terraform("/corpus/import/guide-terraform/state.json", ingest::PlanSide::After);
  ASSERT_TRUE(imported);
  Diagnostics d;
  auto written = load_world(kRoot + "/corpus/world/guide/world.json", {}, d);
  ASSERT_TRUE(written);
  auto a = describe(*imported), b = describe(*written);
  EXPECT_EQ(minus(a, b), (std::set<std::string>{
                             "endpoint ep-guide zone cn-hangzhou-h vsw-consumer-h  192.168.1.100 Connected resource="}));
  EXPECT_EQ(minus(b, a), (std::set<std::string>{
                             "endpoint ep-guide zone cn-hangzhou-h vsw-consumer-h eni-guide-h 192.168.1.100 Connected resource=lb-clb1"}));
  std::set<std::string> unknown;
  for (const auto& u : imported->unknowns) unknown.insert(u.object + " " + u.member + " " + u.address);
  EXPECT_EQ(unknown, (std::set<std::string>{"ep-guide zones/0/eni alicloud_privatelink_vpc_endpoint_zone.h.eni_id",
                                            "ep-guide zones/0/resource alicloud_privatelink_vpc_endpoint_zone.h.resource"}));
  ReachSettings s;
  WhoAnswer who_now = who(*imported, "", "", ReachMode::Now, s);
  EXPECT_TRUE(who_now.reach.empty());
  ASSERT_EQ(who_now.unknown.size(), 1u);
  EXPECT_NE(who_now.unknown[0].message.find("alicloud_privatelink_vpc_endpoint_zone.h.resource"), std::string::npos);
  ReachQuery q;
  q.account = "1234567890123456";
  q.service = "epsrv-guide";
  q.port = 80;
  EXPECT_EQ(reach(*imported, q, s).verdict, Verdict::Unknown);
}

// A plan from nothing: the before side is the empty world (valid), the after side names every
// object by its Terraform address.
TEST(ImportTerraform, PlanFromNothing) {
  auto before = import_terraform("/corpus/import/guide-terraform/plan-create.json", ingest::PlanSide::Before);
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->endpoints.empty() && before->services.empty() && before->vpcs.empty());
  auto after = import_terraform("/corpus/import/guide-terraform/plan-create.json", ingest::PlanSide::After);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->endpoints.size(), 1u);
  const Endpoint& e = after->endpoints[0];
  EXPECT_EQ(e.id, "alicloud_privatelink_vpc_endpoint.guide");
  EXPECT_EQ(after->vpcs[e.vpc].id, "alicloud_vpc.consumer");
  ASSERT_EQ(e.services.size(), 1u);
  EXPECT_EQ(after->services[e.services[0]].id, "alicloud_privatelink_vpc_endpoint_service.guide");
  ASSERT_EQ(e.security_groups.size(), 1u);
  EXPECT_EQ(after->security_groups[e.security_groups[0]].id, "alicloud_security_group.endpoint");
  ASSERT_EQ(e.zones.size(), 1u);
  EXPECT_EQ(after->vswitches[e.zones[0].vswitch].id, "alicloud_vswitch.consumer_h");
  EXPECT_EQ(after->services[e.services[0]].resources.size(), 2u);
}

// A plan on the running guide: update in place (endpoint name), replace (the endpoint group's rule
// 80 -> 8080), delete (CLB2's service resource), create (a new vSwitch).
TEST(ImportTerraform, PlanWithUpdateReplaceDeleteCreate) {
  auto before = import_terraform("/corpus/import/guide-terraform/plan-change.json", ingest::PlanSide::Before);
  auto after = import_terraform("/corpus/import/guide-terraform/plan-change.json", ingest::PlanSide::After);
  ASSERT_TRUE(before && after);
  EXPECT_EQ(before->endpoints[0].name, "nginx-endpoint");
  EXPECT_EQ(after->endpoints[0].name, "nginx-ep2");
  auto rules_of = [](const World& w, const std::string& sg) {
    for (const auto& g : w.security_groups)
      if (g.id == sg) return g.rules;
    return std::vector<SecurityGroupRule>{};
  };
  ASSERT_EQ(rules_of(*before, "sg-endpoint").size(), 1u);
  EXPECT_EQ(rules_of(*before, "sg-endpoint")[0].ports.from, 80);
  ASSERT_EQ(rules_of(*after, "sg-endpoint").size(), 1u);
  EXPECT_EQ(rules_of(*after, "sg-endpoint")[0].ports.from, 8080);
  EXPECT_EQ(before->services[0].resources.size(), 2u);
  EXPECT_EQ(after->services[0].resources.size(), 1u);
  EXPECT_EQ(before->vswitches.size(), 2u);
  EXPECT_EQ(after->vswitches.size(), 3u);
  // After: one CLB resource left in zone H, so the zone's assignment is forced (docs/import.md);
  // the endpoint group no longer accepts tcp 80: reach says no, for that reason.
  EXPECT_EQ(after->endpoints[0].zones[0].resource_id, "lb-clb1");
  ReachSettings s;
  ReachQuery q;
  q.account = "1234567890123456";
  q.service = "epsrv-guide";
  q.port = 80;
  q.from = parse_ip("192.168.1.10");  // ECS03
  auto a = reach(*after, q, s);
  EXPECT_EQ(a.verdict, Verdict::No);
  ASSERT_FALSE(a.causes.empty());
  EXPECT_EQ(a.causes[0].rule, "PL-EP-11");
  EXPECT_EQ(reach(*before, q, s).verdict, Verdict::Unknown);  // two CLBs could serve zone H
  // The before side is the running deployment: the same world as the state of it.
  auto state = import_terraform("/corpus/import/guide-terraform/state.json", ingest::PlanSide::After);
  ASSERT_TRUE(state);
  EXPECT_EQ(describe(*before), describe(*state));
}

}  // namespace
}  // namespace lp

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
      for (const auto& r : e.ports.ranges()) line += " " + std::to_string(r.lo) + "-" + std::to_string(r.hi);
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

}  // namespace
}  // namespace lp

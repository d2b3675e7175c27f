// The world loader: references resolved to indexes, located refusals (docs/world-format.md).
#include "lang/world_loader.h"

#include <gtest/gtest.h>

#include <fstream>

namespace lp {
namespace {

std::string write(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(WorldLoader, LoadsTheGuideWithResolvedReferences) {
  Diagnostics d;
  auto w = load_world(std::string(LINKPROOF_ROOT) + "/corpus/world/guide/world.json", {}, d);
  ASSERT_TRUE(w) << (d.empty() ? "" : d.items()[0].to_string());
  ASSERT_EQ(w->endpoints.size(), 1u);
  const Endpoint& e = w->endpoints[0];
  ASSERT_EQ(e.services.size(), 1u);
  EXPECT_EQ(w->services[e.services[0]].id, "epsrv-guide");
  EXPECT_EQ(w->vpcs[e.vpc].id, "vpc-consumer");
  ASSERT_EQ(e.zones.size(), 1u);
  EXPECT_EQ(w->vswitches[e.zones[0].vswitch].id, "vsw-consumer-h");
  EXPECT_EQ(e.zones[0].resource, 0u);  // lb-clb1 is the service's first resource
  EXPECT_EQ(e.zones[0].status, ZoneStatus::Connected);
  EXPECT_EQ(w->security_groups[w->instances[0].security_groups[0]].rules.size(), 1u);
  EXPECT_TRUE(w->regions.supports_zone("cn-hangzhou-h"));
  EXPECT_GT(e.where.line, 0);
}

TEST(WorldLoader, RefusesVersionDanglingAndUnknown) {
  Diagnostics d;
  auto path = write("w1.json", R"({"linkproof": 2,
 "accounts": [{"id": "1"}],
 "vpcs": [{"id": "vpc-1", "account": "2", "region": "cn-hangzhou", "cidr": "10.0.0.0/16", "size": 3}]})");
  EXPECT_FALSE(load_world(path, {}, d));
  std::vector<std::string> codes;
  for (const auto& x : d.items()) codes.push_back(x.code + "@" + std::to_string(x.where.line));
  EXPECT_EQ(codes, (std::vector<std::string>{"LP-WORLD-001@1", "LP-WORLD-002@3", "LP-WORLD-005@3"}));
}

TEST(WorldLoader, CustomRegionTable) {
  auto regions = write("regions.json", R"({"regions": [{"id": "xx-test", "zones": ["xx-test-a"]}]})");
  auto path = write("w2.json", R"({"linkproof": 1, "regions": "regions.json", "accounts": [{"id": "1"}]})");
  Diagnostics d;
  auto w = load_world(path, {}, d);
  ASSERT_TRUE(w) << (d.empty() ? "" : d.items()[0].to_string());
  EXPECT_TRUE(w->regions.supports_zone("xx-test-a"));
  EXPECT_FALSE(w->regions.supports_zone("cn-hangzhou-h"));
}

std::vector<std::string> codes_of(const Diagnostics& d) {
  std::vector<std::string> codes;
  for (const auto& x : d.items()) codes.push_back(x.code + "@" + std::to_string(x.where.line));
  return codes;
}

// A group whose rule is refused still exists: the objects naming it are not dangling references.
TEST(WorldLoader, ARuleErrorIsNotAlsoADanglingGroup) {
  Diagnostics d;
  auto path = write("w3.json", R"({"linkproof": 1,
 "accounts": [{"id": "1"}],
 "vpcs": [{"id": "vpc-1", "account": "1", "region": "cn-hangzhou", "cidr": "10.0.0.0/16"}],
 "vswitches": [{"id": "vsw-1", "vpc": "vpc-1", "zone": "cn-hangzhou-h", "cidr": "10.0.1.0/24"}],
 "security_groups": [{"id": "sg-1", "vpc": "vpc-1", "rules": ["ingress accept tcp 80 from 10.0.0.0/8 priority 0"]}],
 "instances": [{"id": "i-1", "vswitch": "vsw-1", "ip": "10.0.1.10", "security_groups": ["sg-1"]}]})");
  EXPECT_FALSE(load_world(path, {}, d));
  EXPECT_EQ(codes_of(d), (std::vector<std::string>{"LP-SG-001@5"}));
}

// Bad values are located errors, never defaults: an empty block, a block without prefix, an empty
// address, a rule naming an absent group, a duplicate address in one VPC, a missing policy file.
TEST(WorldLoader, BadValuesAreLocatedErrors) {
  Diagnostics d;
  auto path = write("w4.json", R"({"linkproof": 1,
 "policies": [{"id": "p-1", "file": "no-such-policy.json"}],
 "accounts": [{"id": "1"}],
 "vpcs": [{"id": "vpc-1", "account": "1", "region": "cn-hangzhou", "cidr": ""},
          {"id": "vpc-2", "account": "1", "region": "cn-hangzhou", "cidr": "10.0.0.0"}],
 "vswitches": [{"id": "vsw-1", "vpc": "vpc-1", "zone": "cn-hangzhou-h", "cidr": "10.0.1.0/24"}],
 "security_groups": [{"id": "sg-1", "vpc": "vpc-1", "rules": ["ingress accept tcp 80 from sg-ghost"]}],
 "instances": [{"id": "i-1", "vswitch": "vsw-1", "ip": ""}]})");
  EXPECT_FALSE(load_world(path, {}, d));
  EXPECT_EQ(codes_of(d), (std::vector<std::string>{"LP-IO-001@2", "LP-WORLD-001@4", "LP-WORLD-001@5", "LP-WORLD-001@8",
                                                   "LP-WORLD-005@7"}));
  for (const auto& x : d.items()) EXPECT_GT(x.where.column, 0) << x.to_string();

  Diagnostics dup;
  auto path2 = write("w5.json", R"({"linkproof": 1,
 "accounts": [{"id": "1"}],
 "vpcs": [{"id": "vpc-1", "account": "1", "region": "cn-hangzhou", "cidr": "10.0.0.0/16"}],
 "vswitches": [{"id": "vsw-1", "vpc": "vpc-1", "zone": "cn-hangzhou-h", "cidr": "10.0.1.0/24"}],
 "instances": [{"id": "i-1", "vswitch": "vsw-1", "ip": "10.0.1.10"}],
 "endpoints": [{"id": "ep-1", "account": "1", "region": "cn-hangzhou", "vpc": "vpc-1",
                "zones": [{"zone": "cn-hangzhou-h", "vswitch": "vsw-1", "ip": "10.0.1.10"}]}]})");
  EXPECT_FALSE(load_world(path2, {}, dup));
  EXPECT_EQ(codes_of(dup), (std::vector<std::string>{"LP-WORLD-006@7"}));
}

// An empty region or zone would pass every region-table check: refused where it is written.
TEST(WorldLoader, EmptyRegionAndZoneAreRefused) {
  Diagnostics d;
  auto path = write("w6.json", R"({"linkproof": 1,
 "accounts": [{"id": "1"}],
 "vpcs": [{"id": "vpc-1", "account": "1", "region": "", "cidr": "10.0.0.0/16"}],
 "vswitches": [{"id": "vsw-1", "vpc": "vpc-1", "zone": "", "cidr": "10.0.1.0/24"}]})");
  EXPECT_FALSE(load_world(path, {}, d));
  EXPECT_EQ(codes_of(d), (std::vector<std::string>{"LP-WORLD-001@3", "LP-WORLD-001@4"}));
}

// UserId and UserARN whitelist entries (reference.md §3.7).
TEST(WorldLoader, WhitelistEntries) {
  EXPECT_EQ(parse_whitelist_entry("222222222222").account, "222222222222");
  EXPECT_EQ(parse_whitelist_entry("acs:ram:*:222222222222:*").account, "222222222222");
  EXPECT_EQ(parse_whitelist_entry("acs:ram:*:222222222222:*").kind, WhitelistEntry::Kind::Account);
  EXPECT_EQ(parse_whitelist_entry("*").kind, WhitelistEntry::Kind::AllAccounts);
  EXPECT_EQ(parse_whitelist_entry("acs:ram:*::*").kind, WhitelistEntry::Kind::AllAccounts);
  EXPECT_EQ(parse_whitelist_entry("acs:ram:*:2:root").kind, WhitelistEntry::Kind::Invalid);
  EXPECT_EQ(parse_whitelist_entry("acs:ecs:*:2:*").kind, WhitelistEntry::Kind::Invalid);
  EXPECT_EQ(parse_whitelist_entry("").kind, WhitelistEntry::Kind::Invalid);
}

// The world from text (the fuzz target's entry) reads as the same file would.
TEST(WorldLoader, FromText) {
  Diagnostics d;
  auto w = load_world_text(R"({"linkproof": 1, "accounts": [{"id": "1"}]})", "mem.json", {}, d);
  ASSERT_TRUE(w) << (d.empty() ? "" : d.items()[0].to_string());
  EXPECT_EQ(w->accounts.size(), 1u);
  Diagnostics bad;
  EXPECT_FALSE(load_world_text(R"({"linkproof": 1, "accounts": [{"id": 1}]})", "mem.json", {}, bad));
  ASSERT_FALSE(bad.empty());
  EXPECT_EQ(bad.items()[0].where.file, "mem.json");
  EXPECT_EQ(bad.items()[0].where.line, 1);
}

}  // namespace
}  // namespace lp

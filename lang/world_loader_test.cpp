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

}  // namespace
}  // namespace lp

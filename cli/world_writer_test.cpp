// The world a plan leaves behind, written in the world format, loads again and answers `who` as the
// plan's own final state does (docs/lifecycle.md, --write-world).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/world_writer.h"
#include "lang/policy_parser.h"
#include "lang/world_loader.h"
#include "solver/lifecycle/plan_run.h"

namespace lp::cli {
namespace {

namespace fs = std::filesystem;

void round_trip(const std::string& world_file, const std::string& plan_file, size_t steps, bool reachable = true, World* written = nullptr) {
  Diagnostics d;
  auto w = load_world(std::string(LINKPROOF_ROOT) + "/" + world_file, {}, d);
  ASSERT_TRUE(w) << world_file;
  auto plan = load_plan(std::string(LINKPROOF_ROOT) + "/" + plan_file, d);
  ASSERT_TRUE(plan) << plan_file;
  plan->steps.resize(std::min(steps, plan->steps.size()));
  auto slr = load_policy_file(std::string(LINKPROOF_ROOT) + "/policies/AliyunServiceRolePolicyForPrivatelink.json", {}, d, PolicyKind::Identity);
  lifecycle::LifecycleSettings s;
  s.reach.default_slr_policy = slr ? &*slr : nullptr;
  auto r = lifecycle::run_plan(*w, *plan, s);
  ASSERT_TRUE(r.accepted);
  World view = lifecycle::reach_view(r.final_state);
  fs::path out = fs::temp_directory_path() / ("linkproof-written-" + std::to_string(::getpid()) + ".json");
  std::ofstream(out) << world_json(view).dump(2);
  Diagnostics d2;
  auto again = load_world(out.string(), {}, d2);
  ASSERT_TRUE(again) << (d2.empty() ? "" : d2.items().front().to_string());
  fs::remove(out);
  auto m1 = lifecycle::matrix(view, {}, true, s.reach), m2 = lifecycle::matrix(*again, {}, true, s.reach);
  EXPECT_TRUE(lifecycle::same(m1, m2)) << plan_file << " after " << steps << " steps";
  EXPECT_EQ(m1.empty(), !reachable);
  EXPECT_EQ(again->endpoints.size(), view.endpoints.size());
  EXPECT_EQ(again->services.size(), view.services.size());
  for (size_t i = 0; i < view.endpoints.size(); ++i) {
    EXPECT_EQ(again->endpoints[i].connection, view.endpoints[i].connection);
    ASSERT_EQ(again->endpoints[i].zones.size(), view.endpoints[i].zones.size());
    for (size_t z = 0; z < view.endpoints[i].zones.size(); ++z) {
      EXPECT_EQ(again->endpoints[i].zones[z].status, view.endpoints[i].zones[z].status);
      EXPECT_EQ(again->endpoints[i].zones[z].resource, view.endpoints[i].zones[z].resource);
    }
  }
  if (written) *written = *again;
}

TEST(WriteWorld, GuidePlanRoundTrips) { round_trip("corpus/lifecycle/guide/world.json", "corpus/lifecycle/guide/smooth.json", 7); }

TEST(WriteWorld, SmoothMigrationInProgressRoundTrips) {
  // After the graceful replacement, before the cleanup: the old resource is a Migrated zone entry.
  // The old and the new ENI coexist (PL-RS-06) at two addresses of vsw-consumer-h: the old one keeps
  // 192.168.1.100, the new one takes the lowest free address after .0, 192.168.1.1 (.10 is ECS03).
  World w;
  round_trip("corpus/lifecycle/guide/world.json", "corpus/lifecycle/guide/smooth.json", 5, true, &w);
  ASSERT_EQ(w.endpoints.size(), 1u);
  const auto& zones = w.endpoints[0].zones;
  ASSERT_EQ(zones.size(), 2u);
  EXPECT_EQ(zones[0].status, ZoneStatus::Connected);
  EXPECT_EQ(zones[0].ip.to_string(), "192.168.1.1");
  EXPECT_EQ(zones[0].eni, "eni-ep-guide-cn-hangzhou-h-lb-clb2");
  EXPECT_EQ(zones[1].status, ZoneStatus::Migrated);
  EXPECT_EQ(zones[1].ip.to_string(), "192.168.1.100");
  EXPECT_EQ(zones[1].eni, "eni-guide-h");
}

TEST(WriteWorld, RamAndNewEndpointRoundTrip) {
  // A new endpoint waiting for the provider (auto-accept turned off first): nothing reachable yet.
  round_trip("corpus/lifecycle/accounts/world.json", "corpus/lifecycle/refusals/wl-03.json", 2, false);
}

}  // namespace
}  // namespace lp::cli

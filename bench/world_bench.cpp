// Load + check of synthetic worlds (bench/gen_world.py). Target at scale 1 (10,000 ENIs,
// 2,000 security groups with 20,000 rules, 1,000 endpoints, 500 services): under 1 s and 1 GiB.
// Scales run in ascending order, so the peak-RSS counter is the peak up to that scale.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "bench/workload.h"
#include "lang/bundled.h"
#include "lang/policy_parser.h"
#include "lang/world_loader.h"
#include "solver/world_checks.h"

namespace {

std::string world_file(int scale_percent) {
  return lp::bench::generated_file("world-s1-" + std::to_string(scale_percent) + ".json",
                                   "python3 '" LINKPROOF_ROOT "/bench/gen_world.py' --seed 1 --scale " +
                                       std::to_string(scale_percent / 100.0));
}

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void BM_LoadAndCheckWorld(benchmark::State& state) {
  std::string path = world_file(static_cast<int>(state.range(0)));
  lp::Diagnostics setup;
  auto dir = lp::policies_dir();
  auto slr = dir ? lp::load_policy_file(*dir + "/AliyunServiceRolePolicyForPrivatelink.json", {}, setup) : std::nullopt;
  size_t enis = 0, rules = 0, findings = 0;
  for (auto _ : state) {
    lp::Diagnostics d;
    auto w = lp::load_world(path, {}, d);
    if (!w) {
      state.SkipWithError("world did not load");
      return;
    }
    auto f = lp::check_world(*w, slr ? &*slr : nullptr);
    enis = w->instances.size();
    rules = 0;
    for (const auto& g : w->security_groups) rules += g.rules.size();
    findings = f.size();
    benchmark::DoNotOptimize(f);
  }
  state.counters["enis"] = static_cast<double>(enis);
  state.counters["rules"] = static_cast<double>(rules);
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}
BENCHMARK(BM_LoadAndCheckWorld)->Arg(25)->Arg(50)->Arg(100)->Arg(200)->Arg(400)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

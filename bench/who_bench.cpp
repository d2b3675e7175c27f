// `who` over the whole matrix (target: 1,000 accounts x 1,000 services with 20,000
// security-group rules under 5 s and 2 GiB on this machine). Worlds from bench/gen_reach_world.py.
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
#include "solver/reach.h"

namespace {

std::string world_file(int n) {
  return lp::bench::generated_file("reach-s1-" + std::to_string(n) + ".json",
                                   "python3 '" LINKPROOF_ROOT "/bench/gen_reach_world.py' --seed 1 --accounts " +
                                       std::to_string(n) + " --services " + std::to_string(n) + " --rules 20000");
}

void BM_Who(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  lp::ReachMode mode = state.range(1) ? lp::ReachMode::Could : lp::ReachMode::Now;
  lp::Diagnostics d;
  auto w = lp::load_world(world_file(n), {}, d);
  if (!w) {
    state.SkipWithError("world did not load");
    return;
  }
  auto dir = lp::policies_dir();
  auto slr = lp::load_policy_file(*dir + "/AliyunServiceRolePolicyForPrivatelink.json", {}, d);
  lp::ReachSettings s;
  s.default_slr_policy = slr ? &*slr : nullptr;
  size_t rows = 0;
  for (auto _ : state) {
    lp::WhoAnswer a = lp::who(*w, "", "", mode, s);
    rows = a.reach.size();
    benchmark::DoNotOptimize(a);
  }
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["peak_rss_MiB"] = static_cast<double>(u.ru_maxrss) / 1024.0;
  state.counters["pairs"] = static_cast<double>(n) * n;
}
BENCHMARK(BM_Who)->Args({100, 0})->Args({100, 1})->Args({1000, 0})->Args({1000, 1})->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();

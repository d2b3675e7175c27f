// `linkproof import openapi` of a generated snapshot: the `who` benchmark world
// (bench/gen_reach_world.py) written out as API responses by bench/gen_reach_snapshot.py; target
// 1,000 consumer accounts (1,100 account folders, about 28,000 files) under 5 s and 1 GiB. The
// command-line figure: /usr/bin/time -v build/linkproof import openapi DIR -o world.json
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <string>

#include "bench/workload.h"
#include "lang/ingest/snapshot.h"

namespace {

std::string snapshot_dir(int n) {
  return lp::bench::generated_file("snapshot-s1-" + std::to_string(n),
                                   "python3 '" LINKPROOF_ROOT "/bench/gen_reach_snapshot.py' --seed 1 --accounts " +
                                       std::to_string(n) + " --services " + std::to_string(n) + " --rules 20000");
}

void BM_ImportOpenapi(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  std::string dir = snapshot_dir(n);
  size_t endpoints = 0;
  for (auto _ : state) {
    lp::Diagnostics d;
    auto r = lp::ingest::import_openapi_dir(dir, {}, d);
    if (!r) {
      state.SkipWithError("the snapshot did not import");
      return;
    }
    endpoints = r->world["endpoints"].size();
    benchmark::DoNotOptimize(r);
  }
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  state.counters["endpoints"] = static_cast<double>(endpoints);
  state.counters["peak_rss_MiB"] = static_cast<double>(u.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_ImportOpenapi)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();

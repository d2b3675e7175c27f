// `authorize --batch` end to end on the shared workload (target: >= 500,000 decisions/s on
// one core): parse the policy sets once, read every request line, write every answer line.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "bench/workload.h"
#include "cli/commands.h"

namespace {

void BM_BatchSharedWorkload(benchmark::State& state) {
  std::string dir = lp::bench::workload(1, 200, static_cast<int>(state.range(0)));
  std::ifstream f(dir + "/requests.jsonl");
  std::stringstream text;
  text << f.rdbuf();
  const std::string requests = text.str();
  for (auto _ : state) {
    std::istringstream in(requests);
    std::ostringstream out, err;
    int code = lp::cli::run({"authorize", "--policy-sets", dir + "/sets.json", "--batch", "-"}, in, out, err);
    if (code != 0) state.SkipWithError(("authorize --batch failed: " + err.str()).c_str());
    benchmark::DoNotOptimize(out.str().size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["decisions_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * state.range(0)), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BatchSharedWorkload)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

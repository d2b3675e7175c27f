// Concrete evaluator throughput on the shared workload (target: >= 2,000,000 decisions/s
// on one core), and on the large real policies of ../shared/corpus-external/aws-mapped.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "bench/workload.h"
#include "cli/policy_options.h"
#include "cli/request_scanner.h"
#include "lang/policy_parser.h"
#include "solver/evaluator.h"

namespace {

struct Loaded {
  std::vector<lp::PolicySet> sets;
  std::vector<std::pair<size_t, lp::Request>> requests;
};

const Loaded& shared_workload() {
  static const Loaded w = [] {
    Loaded l;
    std::string dir = lp::bench::workload(1, 200, 100000);
    lp::Diagnostics d;
    auto sets = lp::cli::load_policy_sets(dir + "/sets.json", {}, d);
    if (!sets) throw std::runtime_error("workload sets do not parse");
    l.sets = std::move(*sets);
    std::ifstream in(dir + "/requests.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      size_t set = 0;
      lp::Request r;
      if (lp::cli::scan_request(line, set, r)) l.requests.emplace_back(set, std::move(r));
    }
    return l;
  }();
  return w;
}

void BM_EvaluateSharedWorkload(benchmark::State& state) {
  const Loaded& w = shared_workload();
  lp::PolicySettings s;
  size_t i = 0, allowed = 0;
  for (auto _ : state) {
    const auto& [set, r] = w.requests[i];
    allowed += lp::evaluate(w.sets[set], r, s) == lp::Decision::Allow;
    if (++i == w.requests.size()) i = 0;
  }
  benchmark::DoNotOptimize(allowed);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["decisions_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EvaluateSharedWorkload);

void BM_EvaluateWithDeciders(benchmark::State& state) {
  const Loaded& w = shared_workload();
  lp::PolicySettings s;
  std::vector<lp::StatementRef> why;
  size_t i = 0;
  for (auto _ : state) {
    const auto& [set, r] = w.requests[i];
    benchmark::DoNotOptimize(lp::evaluate(w.sets[set], r, s, &why));
    if (++i == w.requests.size()) i = 0;
  }
  state.counters["decisions_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EvaluateWithDeciders);

// Each aws-mapped policy alone as the identity layer, against requests built from its own action
// and resource names (so statements match and conditions are evaluated), a third of them altered.
void BM_EvaluateAwsMapped(benchmark::State& state) {
  static std::vector<lp::PolicySet> sets;
  static std::vector<std::pair<size_t, lp::Request>> requests;
  if (sets.empty()) {
    lp::PolicySettings s;
    s.max_document_chars = 1u << 20;
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(LINKPROOF_SHARED "/corpus-external/aws-mapped"))
      if (e.path().extension() == ".json") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    std::mt19937 rng(7);
    for (const auto& f : files) {
      lp::Diagnostics d;
      auto p = lp::load_policy_file(f, s, d);
      if (!p) continue;
      lp::PolicySet set;
      set.identity.push_back(std::move(*p));
      sets.push_back(std::move(set));
      const auto& st = sets.back().identity[0].statements;
      for (int k = 0; k < 20; ++k) {
        const auto& pick = st[rng() % st.size()];
        lp::Request r;
        r.action = pick.action.items.empty() ? "ec2:DescribeInstances" : pick.action.items[rng() % pick.action.items.size()].text;
        for (auto& c : r.action)
          if (c == '*' || c == '?') c = 'x';
        r.resource = pick.resource.items.empty() ? "*" : pick.resource.items[rng() % pick.resource.items.size()].text;
        for (auto& c : r.resource)
          if (c == '*' || c == '?') c = 'x';
        if (k % 3 == 0) r.action += "Other";
        r.add_context("acs:SourceIp", "10.0.0.1");
        r.add_context("acs:SecureTransport", "true");
        requests.emplace_back(sets.size() - 1, std::move(r));
      }
    }
  }
  lp::PolicySettings s;
  size_t i = 0;
  for (auto _ : state) {
    const auto& [set, r] = requests[i];
    benchmark::DoNotOptimize(lp::evaluate(sets[set], r, s));
    if (++i == requests.size()) i = 0;
  }
  state.counters["policies"] = static_cast<double>(sets.size());
  state.counters["decisions_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EvaluateAwsMapped);

}  // namespace

BENCHMARK_MAIN();

// compare on real policy edits (docs/solver.md): the 111 consecutive-version pairs of
// ../shared/corpus-external/aws-version-pairs, mapped to RAM's grammar in-process the way
// aws-mapped/ was (its README): Version "1", arn:aws: -> acs:, aws: keys -> acs:, Arn* operators ->
// String*, statements with Principal or operators RAM lacks dropped. Reports p50 / p99 per
// comparison and the number of unknowns (targets: p50 < 5 ms, p99 < 50 ms, 0 unknown).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "lang/policy_parser.h"
#include "lang/bundled.h"
#include "solver/z3_compare.h"
#include "solver/z3_questions.h"

namespace {

using nlohmann::json;

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
}

json map_strings(json j) {
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    replace_all(s, "arn:aws:", "acs:");
    replace_all(s, "aws:", "acs:");
    return s;
  }
  if (j.is_array())
    for (auto& x : j) x = map_strings(x);
  return j;
}

std::optional<json> map_document(const json& iam) {
  json out = {{"Version", "1"}, {"Statement", json::array()}};
  json sts = iam.contains("Statement") ? iam["Statement"] : json::array();
  if (sts.is_object()) sts = json::array({sts});
  for (const auto& st : sts) {
    if (st.contains("Principal") || st.contains("NotPrincipal")) continue;
    json m;
    bool keep = true;
    for (auto it = st.begin(); it != st.end(); ++it) {
      if (it.key() == "Condition") {
        json cond = json::object();
        for (auto op = it.value().begin(); op != it.value().end(); ++op) {
          std::string name = op.key();
          if (name.rfind("Arn", 0) == 0) name = "String" + name.substr(3);
          if (name == "Null" || name.find("Binary") != std::string::npos) {
            keep = false;
            break;
          }
          json keys = json::object();
          for (auto k = op.value().begin(); k != op.value().end(); ++k) {
            std::string key = k.key();
            replace_all(key, "aws:", "acs:");
            keys[key] = map_strings(k.value());
          }
          cond[name] = keys;
        }
        m["Condition"] = cond;
      } else if (it.key() == "Action" || it.key() == "NotAction" || it.key() == "Resource" || it.key() == "NotResource") {
        m[it.key()] = map_strings(it.value());
      } else if (it.key() == "Effect" || it.key() == "Sid") {
        m[it.key()] = it.value();
      }
    }
    if (!m.contains("Resource") && !m.contains("NotResource")) m["Resource"] = "*";
    if (keep) out["Statement"].push_back(m);
  }
  return out;
}

std::optional<lp::PolicySet> load_mapped(const std::string& path, const lp::PolicySettings& s) {
  std::ifstream in(path);
  json iam = json::parse(in, nullptr, false);
  if (iam.is_discarded()) return std::nullopt;
  auto mapped = map_document(iam);
  lp::Diagnostics d;
  auto p = lp::parse_policy_text(mapped->dump(), path, s, d);
  if (!p) return std::nullopt;
  lp::PolicySet set;
  set.identity.push_back(std::move(*p));
  return set;
}

struct Pairs {
  lp::PolicySettings settings;
  std::vector<std::pair<lp::PolicySet, lp::PolicySet>> pairs;
  std::vector<std::string> names;
};

const Pairs& version_pairs() {
  static const Pairs loaded = [] {
    Pairs p;
    p.settings.dialect = lp::Dialect::RamExtended;
    p.settings.max_document_chars = 1u << 20;
    const char* only = std::getenv("LINKPROOF_BENCH_ONLY");  // one pair by name, for profiling
    std::vector<std::filesystem::path> dirs;
    for (const auto& e : std::filesystem::directory_iterator(LINKPROOF_SHARED "/corpus-external/aws-version-pairs"))
      if (!only || e.path().filename() == only) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    for (const auto& d : dirs) {
      auto a = load_mapped((d / "a.json").string(), p.settings), b = load_mapped((d / "b.json").string(), p.settings);
      if (a && b) {
        p.pairs.emplace_back(std::move(*a), std::move(*b));
        p.names.push_back(d.filename().string());
      }
    }
    return p;
  }();
  return loaded;
}

// Per query, in order: the time and the answer ("" when unknown), so two encodings compare.
struct Run {
  std::vector<double> ms;
  std::vector<std::string> answer;
};

Run run_pairs(lp::StringEncoding encoding, unsigned timeout_ms) {
  const Pairs& p = version_pairs();
  const bool verbose = std::getenv("LINKPROOF_BENCH_VERBOSE") != nullptr;
  Run run;
  for (size_t i = 0; i < p.pairs.size(); ++i) {
    lp::SolverLimits limits;
    limits.timeout_ms = timeout_ms;
    limits.encoding = encoding;
    auto t0 = std::chrono::steady_clock::now();
    auto r = lp::compare_policy_sets(p.pairs[i].first, p.pairs[i].second, p.settings, limits);
    run.ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    run.answer.push_back(r.relation == lp::Relation::Unknown ? "" : lp::relation_name(r.relation));
    if (verbose)
      std::fprintf(stderr, "%s %s %s %.1f ms %s\n", encoding == lp::StringEncoding::Classes ? "classes" : "sequences",
                   p.names[i].c_str(), lp::relation_name(r.relation), run.ms.back(), r.reason.c_str());
  }
  return run;
}

void report(benchmark::State& state, const Run& run) {
  std::vector<double> ms = run.ms;
  std::sort(ms.begin(), ms.end());
  state.counters["queries"] = static_cast<double>(ms.size());
  state.counters["p50_ms"] = ms.empty() ? 0 : ms[ms.size() / 2];
  state.counters["p99_ms"] = ms.empty() ? 0 : ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  state.counters["max_ms"] = ms.empty() ? 0 : ms.back();
  state.counters["unknown"] = static_cast<double>(std::count(run.answer.begin(), run.answer.end(), ""));
}

// Speed-up = naive time / class time, per query (median) and in total; a timed-out naive query
// counts with the time it was given, so the figure is a lower bound there. A decided naive answer
// must be the class encoding's (`disagree` counts those that are not).
void speedup(benchmark::State& state, const Run& naive, const Run& classes) {
  std::vector<double> ratio;
  double total_naive = 0, total_classes = 0;
  size_t disagree = 0;
  for (size_t i = 0; i < naive.ms.size(); ++i) {
    ratio.push_back(naive.ms[i] / std::max(classes.ms[i], 1e-3));
    total_naive += naive.ms[i];
    total_classes += classes.ms[i];
    disagree += !naive.answer[i].empty() && !classes.answer[i].empty() && naive.answer[i] != classes.answer[i];
  }
  std::sort(ratio.begin(), ratio.end());
  state.counters["speedup_median"] = ratio.empty() ? 0 : ratio[ratio.size() / 2];
  state.counters["speedup_total"] = total_naive / std::max(total_classes, 1e-3);
  state.counters["disagree"] = static_cast<double>(disagree);
}

// The class encoding (the default): targets p50 < 5 ms, p99 < 50 ms, no unknown.
void BM_CompareVersionPairs(benchmark::State& state) {
  Run run;
  for (auto _ : state) run = run_pairs(lp::StringEncoding::Classes, 5000);
  report(state, run);
}
BENCHMARK(BM_CompareVersionPairs)->Iterations(1)->Unit(benchmark::kMillisecond);

// The same pairs with the naive Z3 string/regex encoding, 1 s per check (LINKPROOF_BENCH_NAIVE_MS),
// and the class encoding again, in the same run.
void BM_CompareVersionPairsNaive(benchmark::State& state) {
  const char* limit = std::getenv("LINKPROOF_BENCH_NAIVE_MS");
  const unsigned naive_ms = limit ? static_cast<unsigned>(std::atoi(limit)) : 1000;
  Run naive, classes;
  for (auto _ : state) {
    naive = run_pairs(lp::StringEncoding::Sequences, naive_ms);
    classes = run_pairs(lp::StringEncoding::Classes, 5000);
  }
  report(state, naive);
  speedup(state, naive, classes);
}
BENCHMARK(BM_CompareVersionPairsNaive)->Iterations(1)->Unit(benchmark::kMillisecond);

// ---- open authorize ----

// One open question per policy: its first action item's service with every action of it
// ("svc:*"), on any resource, any principal, the context open. The bundled PrivateLink policies and
// the 1,213 aws-mapped policies (already in RAM's grammar).
struct OpenCase {
  std::string name;
  lp::PolicySet set;
  lp::OpenQuestion question;
};

const std::vector<OpenCase>& open_cases() {
  static const std::vector<OpenCase> cases = [] {
    std::vector<OpenCase> out;
    lp::PolicySettings s;
    s.dialect = lp::Dialect::RamExtended;
    s.max_document_chars = 1u << 20;
    auto add = [&](const std::string& name, std::optional<lp::Policy> p) {
      if (!p || p->statements.empty() || p->statements[0].action.items.empty()) return;
      std::string first = p->statements[0].action.items[0].text;
      OpenCase c;
      c.name = name;
      c.question.action = first.substr(0, first.find(':')) + ":*";
      c.question.resource = "*";
      c.question.resource_pattern = true;
      c.question.context_open = true;
      c.set.identity.push_back(std::move(*p));
      out.push_back(std::move(c));
    };
    lp::Diagnostics d;
    if (auto dir = lp::policies_dir(std::string(LINKPROOF_ROOT) + "/policies"))
      for (const auto& b : lp::bundled_policy_files(*dir)) add(b.display, lp::load_bundled_policy(b, s, d));
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(LINKPROOF_SHARED "/corpus-external/aws-mapped"))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      add(f.filename().string(), lp::parse_policy_text(text, f.string(), s, d));
    }
    return out;
  }();
  return cases;
}

Run run_open(lp::StringEncoding encoding, unsigned timeout_ms, size_t limit) {
  lp::PolicySettings s;
  s.dialect = lp::Dialect::RamExtended;
  Run run;
  const auto& cases = open_cases();
  for (size_t i = 0; i < cases.size() && i < limit; ++i) {
    lp::SolverLimits limits;
    limits.timeout_ms = timeout_ms;
    limits.encoding = encoding;
    auto t0 = std::chrono::steady_clock::now();
    auto a = lp::authorize_open(cases[i].set, cases[i].question, s, limits);
    run.ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    std::string v;
    bool unknown = !a.unsupported.empty();
    for (const auto& o : a.outcomes) {
      v += lp::verdict_name(o.reachable);
      v += ' ';
      unknown |= o.reachable == lp::Verdict::Unknown;
    }
    run.answer.push_back(unknown ? "" : v);
  }
  return run;
}

// Targets as for compare: p50 < 5 ms, p99 < 50 ms, no unknown.
void BM_OpenAuthorize(benchmark::State& state) {
  Run run;
  for (auto _ : state) run = run_open(lp::StringEncoding::Classes, 5000, SIZE_MAX);
  report(state, run);
}
BENCHMARK(BM_OpenAuthorize)->Iterations(1)->Unit(benchmark::kMillisecond);

// The naive encoding on the first LINKPROOF_BENCH_NAIVE_OPEN (default 60) questions, 1 s per check,
// against the class encoding on the same questions.
void BM_OpenAuthorizeNaive(benchmark::State& state) {
  const char* n = std::getenv("LINKPROOF_BENCH_NAIVE_OPEN");
  const size_t limit = n ? static_cast<size_t>(std::atol(n)) : 60;
  const char* ms_env = std::getenv("LINKPROOF_BENCH_NAIVE_MS");
  const unsigned naive_ms = ms_env ? static_cast<unsigned>(std::atoi(ms_env)) : 1000;
  Run naive, classes;
  for (auto _ : state) {
    naive = run_open(lp::StringEncoding::Sequences, naive_ms, limit);
    classes = run_open(lp::StringEncoding::Classes, 5000, limit);
  }
  report(state, naive);
  speedup(state, naive, classes);
}
BENCHMARK(BM_OpenAuthorizeNaive)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

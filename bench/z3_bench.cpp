// compare on real policy edits (issue 5): the 111 consecutive-version pairs of
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
#include "solver/z3_compare.h"

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

void BM_CompareVersionPairs(benchmark::State& state) {
  lp::PolicySettings s;
  s.dialect = lp::Dialect::RamExtended;
  s.max_document_chars = 1u << 20;
  std::vector<std::pair<lp::PolicySet, lp::PolicySet>> pairs;
  std::vector<std::string> names;
  const bool verbose = std::getenv("LINKPROOF_BENCH_VERBOSE") != nullptr;
  const char* only = std::getenv("LINKPROOF_BENCH_ONLY");  // one pair by name, for profiling
  for (const auto& e : std::filesystem::directory_iterator(LINKPROOF_SHARED "/corpus-external/aws-version-pairs")) {
    if (only && e.path().filename() != only) continue;
    auto a = load_mapped((e.path() / "a.json").string(), s), b = load_mapped((e.path() / "b.json").string(), s);
    if (a && b) {
      pairs.emplace_back(std::move(*a), std::move(*b));
      names.push_back(e.path().filename().string());
    }
  }
  std::vector<double> ms;
  size_t unknown = 0, differ = 0;
  for (auto _ : state) {
    ms.clear();
    unknown = differ = 0;
    for (const auto& [a, b] : pairs) {
      auto t0 = std::chrono::steady_clock::now();
      lp::SolverLimits limits;
      limits.timeout_ms = 5000;
      auto r = lp::compare_policy_sets(a, b, s, limits);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      if (verbose)
        std::fprintf(stderr, "%s %s %.1f ms %s\n", names[ms.size() - 1].c_str(), lp::relation_name(r.relation), ms.back(),
                     r.reason.c_str());
      unknown += r.relation == lp::Relation::Unknown;
      differ += r.relation != lp::Relation::Equivalent && r.relation != lp::Relation::Unknown;
    }
  }
  std::sort(ms.begin(), ms.end());
  state.counters["pairs"] = static_cast<double>(pairs.size());
  state.counters["p50_ms"] = ms.empty() ? 0 : ms[ms.size() / 2];
  state.counters["p99_ms"] = ms.empty() ? 0 : ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  state.counters["max_ms"] = ms.empty() ? 0 : ms.back();
  state.counters["unknown"] = static_cast<double>(unknown);
  state.counters["differ"] = static_cast<double>(differ);
}
BENCHMARK(BM_CompareVersionPairs)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

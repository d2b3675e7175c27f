// Lifecycle figures (docs/lifecycle.md "Figures"): a 20-step plan over the 1,000-account generated
// world (bench/gen_reach_world.py) with the reachability delta per step, checked against the full
// recomputation; `find` on the guide world and on a generated 100 x 100 world.
//   python3 bench/gen_reach_world.py --seed 1 --accounts 1000 --services 1000 --rules 20000 --out w1000.json
//   python3 bench/gen_reach_world.py --seed 1 --accounts 100 --services 100 --rules 4000 --out w100.json
//   build/bench/lifecycle_bench w1000.json w100.json
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "lang/policy_parser.h"
#include "lang/world_loader.h"
#include "solver/lifecycle/find.h"
#include "solver/lifecycle/plan_run.h"

using namespace lp;
using namespace lp::lifecycle;
using namespace lp::plan_values;

namespace {

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  Diagnostics d;
  auto slr = load_policy_file(std::string(LINKPROOF_ROOT) + "/policies/AliyunServiceRolePolicyForPrivatelink.json", {}, d, PolicyKind::Identity);
  LifecycleSettings s;
  s.reach.default_slr_policy = slr ? &*slr : nullptr;
  if (argc > 1) {
    auto w = load_world(argv[1], {}, d);
    if (!w) return 2;
    // 20 provider-side steps on the services of the first endpoints: reject, re-accept, bandwidth.
    Plan plan;
    for (size_t i = 0; plan.steps.size() < 20 && i < w->endpoints.size(); ++i) {
      const Endpoint& e = w->endpoints[i];
      if (e.services.size() != 1 || e.connection != ConnectionStatus::Connected) continue;
      const EndpointService& sv = w->services[e.services[0]];
      if (std::find(sv.whitelist.begin(), sv.whitelist.end(), w->accounts[e.account].id) == sv.whitelist.end()) continue;
      std::string caller = "acs:ram::" + w->accounts[sv.account].id + ":root";
      PlanStep off{"DisableVpcEndpointConnection", caller, {{"ServiceId", text(sv.id)}, {"EndpointId", text(e.id)}}, {}, {}, {}, {}};
      PlanStep on{"EnableVpcEndpointConnection", caller, {{"ServiceId", text(sv.id)}, {"EndpointId", text(e.id)}}, {}, {}, {}, {}};
      plan.steps.push_back(off);
      plan.steps.push_back(on);
    }
    PlanOptions delta, full;
    full.full_recompute = true;
    auto t0 = std::chrono::steady_clock::now();
    PlanReport a = run_plan(*w, plan, s, delta);
    double total = seconds_since(t0);
    std::vector<double> per;
    for (const auto& st : a.steps) per.push_back(st.seconds * 1000);
    PlanReport b = run_plan(*w, plan, s, full);
    bool agree = a.steps.size() == b.steps.size();
    for (size_t i = 0; agree && i < a.steps.size(); ++i)
      agree = same(a.steps[i].gained, b.steps[i].gained) && same(a.steps[i].lost, b.steps[i].lost);
    std::vector<double> full_per;
    for (const auto& st : b.steps) full_per.push_back(st.seconds * 1000);
    size_t accepted = 0;
    for (const auto& st : a.steps) accepted += st.outcome.accepted;
    for (const auto& st : a.steps)
      if (!st.outcome.accepted && !st.skipped) std::printf("refused: %s %s\n", st.step->op.c_str(), st.outcome.failed.front().message.c_str());
    std::printf("%zu of %zu steps accepted\n", accepted, a.steps.size());
    std::printf("plan %zu steps on %s: delta per step p50 %.1f ms p99 %.1f ms (full recompute p50 %.1f ms); whole run %.2f s "
                "(with the initial matrix); deltas agree with full recompute: %s\n",
                plan.steps.size(), argv[1], percentile(per, 0.5), percentile(per, 0.99), percentile(full_per, 0.5), total, agree ? "yes" : "NO");
  }
  {
    auto w = load_world(std::string(LINKPROOF_ROOT) + "/corpus/world/guide/world.json", {}, d);
    if (!w) return 2;
    Goal g;
    g.kind = Goal::Kind::Deleted;
    g.id = "epsrv-guide";
    FindLimits limits;
    limits.max_steps = 8;
    limits.max_states = 1000000;
    for (size_t k : {4, 6, 8}) {
      limits.max_steps = k;
      auto t0 = std::chrono::steady_clock::now();
      FindAnswer a = find_plan(*w, g, {"acs:ram::1234567890123456:root"}, s, limits);
      std::printf("find deleted epsrv-guide on the guide world, K=%zu: %s, %zu steps, %zu states, %.3f s\n", k, verdict_name(a.verdict), a.plan.size(),
                  a.states, seconds_since(t0));
    }
  }
  if (argc > 2) {
    auto w = load_world(argv[2], {}, d);
    if (!w) return 2;
    const EndpointService& sv = w->services[0];
    Goal g;
    g.account = w->accounts.back().id;
    g.service = sv.id;
    std::vector<std::string> callers = {"acs:ram::" + g.account + ":root", "acs:ram::" + w->accounts[sv.account].id + ":root"};
    for (size_t k : {1, 2, 3, 4}) {
      FindLimits limits;
      limits.max_steps = k;
      limits.max_states = 1000000;
      auto t0 = std::chrono::steady_clock::now();
      FindAnswer a = find_plan(*w, g, callers, s, limits);
      std::printf("find reach %s %s on %s, K=%zu: %s, %zu steps, %zu states, %.2f s\n", g.account.c_str(), g.service.c_str(), argv[2], k,
                  verdict_name(a.verdict), a.plan.size(), a.states, seconds_since(t0));
      if (a.verdict == Verdict::Yes) break;
    }
  }
  (void)flag;
  return 0;
}

#include "solver/lifecycle/plan_run.h"

#include <algorithm>
#include <chrono>

namespace lp::lifecycle {

namespace {

// Entries of disjoint services side by side (the untouched services and the recomputed ones).
Matrix concat(Matrix a, const Matrix& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

PlanReport run_plan(const World& w, const Plan& plan, const LifecycleSettings& s, const PlanOptions& o) {
  PlanReport r;
  LifecycleState st;
  st.world = w;
  Matrix current = matrix(reach_view(st), {}, true, s.reach, &r.unknown);
  const Matrix start = current;
  std::vector<std::pair<size_t, Matrix>> states;  // after each accepted step
  std::vector<std::pair<size_t, Matrix>> unsettled;
  bool stopped = false;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    StepReport sr;
    sr.index = i;
    sr.step = &plan.steps[i];
    if (stopped) {
      sr.skipped = true;
      r.steps.push_back(std::move(sr));
      continue;
    }
    auto t0 = std::chrono::steady_clock::now();
    auto timed = [&] { sr.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    sr.outcome = apply_step(st, plan.steps[i], s);
    if (!sr.outcome.accepted) {
      r.accepted = false;
      stopped = !o.keep_going;
      timed();
      r.steps.push_back(std::move(sr));
      continue;
    }
    bool all = o.full_recompute || sr.outcome.all_services;
    const std::set<std::string>& touched = sr.outcome.services;
    if (all || !touched.empty()) {
      Matrix before = all ? current : only(current, touched, true);
      Matrix after = st.replaced.empty() ? matrix(st.world, touched, all, s.reach, &r.unknown)
                                         : matrix(reach_view(st), touched, all, s.reach, &r.unknown);
      sr.gained = minus(after, before);
      sr.lost = minus(before, after);
      if (sr.outcome.transient) {
        Matrix between = matrix(*sr.outcome.transient, touched, all, s.reach);
        sr.transient_loss = minus(intersect(before, after), between);
        unsettled.push_back({i, all ? between : concat(only(current, touched, false), between)});
      }
      current = all ? after : concat(only(current, touched, false), after);
    }
    states.push_back({i, current});
    timed();
    r.steps.push_back(std::move(sr));
  }
  // Across the plan: reachable at the start and at the end, lost after some step or in between.
  Matrix kept = intersect(start, current);
  for (const auto& [i, m] : states)
    for (const auto& e : minus(kept, m)) r.transient_loss.push_back({i, false, e});
  for (const auto& [i, m] : unsettled)
    for (const auto& e : minus(kept, m)) r.transient_loss.push_back({i, true, e});
  for (const auto& sr : r.steps)
    if (!sr.transient_loss.empty()) {
      // A loss within one step whose pair is not kept across the plan still counts for that step.
      for (const auto& e : minus(sr.transient_loss, kept)) r.transient_loss.push_back({sr.index, true, e});
    }
  // Each recomputation reports the pairs it could not decide; keep each once.
  std::vector<ReachCause> unique;
  for (const auto& u : r.unknown)
    if (std::none_of(unique.begin(), unique.end(), [&](const ReachCause& x) { return x.object == u.object && x.message == u.message; }))
      unique.push_back(u);
  r.unknown = std::move(unique);
  r.final_state = std::move(st);
  return r;
}

}  // namespace lp::lifecycle

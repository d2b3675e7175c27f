#include "solver/lifecycle/plan_run.h"

namespace lp::lifecycle {

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
    sr.outcome = apply_step(st, plan.steps[i], s);
    if (!sr.outcome.accepted) {
      r.accepted = false;
      stopped = !o.keep_going;
      r.steps.push_back(std::move(sr));
      continue;
    }
    bool all = o.full_recompute || sr.outcome.all_services;
    const std::set<std::string>& touched = sr.outcome.services;
    if (all || !touched.empty()) {
      Matrix before = all ? current : only(current, touched, true);
      Matrix after = matrix(reach_view(st), touched, all, s.reach, &r.unknown);
      sr.gained = minus(after, before);
      sr.lost = minus(before, after);
      if (sr.outcome.transient) {
        Matrix between = matrix(*sr.outcome.transient, touched, all, s.reach);
        sr.transient_loss = minus(intersect(before, after), between);
        unsettled.push_back({i, all ? between : unite(only(current, touched, false), between)});
      }
      current = all ? after : unite(only(current, touched, false), after);
    }
    states.push_back({i, current});
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
  r.final_state = std::move(st);
  return r;
}

}  // namespace lp::lifecycle

// Running a plan: every step checked and, when accepted, applied; the reachability each step gains
// and loses, and what is lost in between (docs/lifecycle.md "linkproof plan").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/plan.h"
#include "solver/lifecycle/lifecycle.h"
#include "solver/lifecycle/matrix.h"

namespace lp::lifecycle {

struct StepReport {
  size_t index = 0;
  const PlanStep* step = nullptr;
  StepOutcome outcome;
  bool skipped = false;  // after a refused step without keep-going
  Matrix gained, lost;
  Matrix transient_loss;  // reachable before and after this step, not in its unsettled state
  double seconds = 0;     // time to judge the step and compute its reachability delta (bench/)
};

struct PlanTransient {
  size_t step = 0;  // the step after which (or during which) the loss holds
  bool during = false;  // in the step's unsettled state rather than after it
  WhoEntry entry;
};

struct PlanReport {
  bool accepted = true;  // every step accepted
  std::vector<StepReport> steps;
  std::vector<PlanTransient> transient_loss;  // reachable at the start and the end, not in between
  std::vector<ReachCause> unknown;            // pairs `who` could not decide
  LifecycleState final_state;
};

struct PlanOptions {
  bool keep_going = false;
  // Recompute the whole matrix after every step instead of the services a step can change (the
  // property test compares both).
  bool full_recompute = false;
};

PlanReport run_plan(const World& w, const Plan& plan, const LifecycleSettings& s, const PlanOptions& o = {});

}  // namespace lp::lifecycle

// The shortest accepted sequence of operations reaching a goal (docs/lifecycle.md "linkproof
// find"): breadth-first over the transition system, each step allowed to one of the callers by RAM
// and by every precondition, with a bound on the length and on the states visited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/plan.h"
#include "solver/lifecycle/lifecycle.h"
#include "solver/verdict.h"

namespace lp::lifecycle {

struct Goal {
  enum class Kind { Reach, NoReach, Deleted } kind = Kind::Reach;
  std::string account, service;  // Reach, NoReach
  IpProtocol protocol = IpProtocol::Tcp;
  std::optional<int> port;       // Reach
  std::string id;                // Deleted: a service or endpoint id
};

struct FindLimits {
  size_t max_steps = 6;
  size_t max_states = 20000;  // distinct states expanded before the answer is unknown
};

struct Blocker {
  std::string rule, op, message, object;  // op "(goal)": why the goal fails in the states explored
  size_t count = 0;  // refused candidate steps it stopped, or explored states it held in
};

struct FindAnswer {
  Verdict verdict = Verdict::No;  // Yes: found; No: none within max_steps; Unknown: max_states reached
  std::vector<PlanStep> plan;
  std::vector<Blocker> blockers;
  std::string unknown_reason;
  size_t states = 0;
};

// Whether the goal holds in the state; `why` (optional) receives reach's causes when it does not.
bool goal_holds(const LifecycleState& st, const Goal& g, const LifecycleSettings& s, std::vector<ReachCause>* why = nullptr);

FindAnswer find_plan(const World& w, const Goal& g, const std::vector<std::string>& callers, const LifecycleSettings& s,
                     const FindLimits& limits);

// The candidate steps the search tries from a state (every argument drawn from the world).
std::vector<PlanStep> candidate_steps(const LifecycleState& st, const Goal& g, const std::vector<std::string>& callers);

}  // namespace lp::lifecycle

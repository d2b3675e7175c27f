// Explanations from unsat cores (docs/solver.md): the statements (or parts of a statement) whose
// presence makes a goal impossible, as a minimal set. Internal to solver/: it includes z3++.h.
#pragma once

#include <z3++.h>

#include <string>
#include <vector>

#include "solver/solver_limits.h"

namespace lp::z3q {

// The answer of a core minimisation: three cases, never an empty list that means two things.
struct Core {
  enum class Kind {
    Found,    // `base` is unsatisfiable under `switches` (a minimal set; empty: under none of them)
    Holds,    // `base` is satisfiable with every switch on: there is nothing to explain
    Unknown,  // a check answered unknown; `reason` says why
  };
  Kind kind = Kind::Unknown;
  std::vector<size_t> switches;  // for Found: indexes into the switches given
  std::string reason;            // for Unknown
};

// A minimal subset of `switches` under which `base` is unsatisfiable: Z3's unsat core made minimal
// by deletion. Every check goes through the funnel (solver/z3_query.h) with `limits`.
Core minimal_core(z3::solver& solver, const SolverLimits& limits, const z3::expr& base, const std::vector<z3::expr>& switches);

}  // namespace lp::z3q

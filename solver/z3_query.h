// The query funnel (docs/solver.md): every Z3 check of the program goes through `check`, which
// applies the caller's limits, maps the result to sat / unsat / unknown (with Z3's reason and the
// limit reached) and is the only place that counts, logs and dumps queries as SMT-LIB 2.
// Internal to solver/: it includes z3++.h.
#pragma once

#include <z3++.h>

#include <string>

#include "solver/solver_limits.h"

namespace lp::z3q {

// Which limit ended a check that answered unknown.
enum class Limit { None, Time, Resource };

struct Check {
  CheckStatus status = CheckStatus::Unknown;
  std::string z3_reason;    // Z3's reason_unknown(), for Unknown
  Limit limit = Limit::None;
  std::string reason;       // for Unknown, as shown to users: "Z3: timeout (the time limit of 10000 ms per check was reached)"

  bool sat() const { return status == CheckStatus::Sat; }
  bool unsat() const { return status == CheckStatus::Unsat; }
  bool unknown() const { return status == CheckStatus::Unknown; }
};

// The solver every question uses: the plain SMT solver (the default one probes tactics on every
// check, about 5 ms each; docs/solver.md) with the limits of `limits` set on it.
z3::solver make_solver(z3::context& c, const SolverLimits& limits);

// One check of `solver` (made by make_solver with the same limits) under `assumptions`.
// `purpose` names the question in the log and the dump file ("find-request", "core", ...).
Check check(z3::solver& solver, const SolverLimits& limits, const z3::expr_vector& assumptions, const char* purpose);
Check check(z3::solver& solver, const SolverLimits& limits, const char* purpose);

// The SMT-LIB 2 script of a check: the solver's assertions as it holds them (Z3 rewrites each one
// as it is added), then check-sat-assuming the assumptions (or check-sat), after `header`. No
// timing in it, so the same query gives the same script.
std::string smtlib_script(z3::solver& solver, const z3::expr_vector& assumptions, const std::string& header);

}  // namespace lp::z3q

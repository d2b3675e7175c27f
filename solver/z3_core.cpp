#include "solver/z3_core.h"

#include "solver/z3_query.h"

namespace lp::z3q {

Core minimal_core(z3::solver& solver, const SolverLimits& limits, const z3::expr& base, const std::vector<z3::expr>& switches) {
  z3::context& c = base.ctx();
  solver.push();
  solver.add(base);
  z3::expr_vector assume(c);
  for (const auto& sw : switches) assume.push_back(sw);
  // The switches of the last unsat core, in `switches` order (a subset of `among`).
  auto from_core = [&](const std::vector<size_t>& among) {
    std::vector<size_t> keep;
    z3::expr_vector uc = solver.unsat_core();
    for (size_t i : among)
      for (unsigned k = 0; k < uc.size(); ++k)
        if (z3::eq(uc[k], switches[i])) {
          keep.push_back(i);
          break;
        }
    return keep;
  };
  Core out;
  Check first = check(solver, limits, assume, "core");
  if (first.sat()) {
    out.kind = Core::Kind::Holds;
  } else if (first.unknown()) {
    out.reason = first.reason;
  } else {
    std::vector<size_t> all(switches.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    std::vector<size_t> keep = from_core(all);
    out.kind = Core::Kind::Found;
    // Deletion: drop one switch at a time while the rest stays unsatisfiable; each unsat answer's own
    // core (often much smaller) replaces the set at once. An unknown trial leaves the set unproven
    // minimal, so the whole answer is unknown.
    for (size_t at = 0; at < keep.size();) {
      std::vector<size_t> rest;
      z3::expr_vector trial(c);
      for (size_t k = 0; k < keep.size(); ++k)
        if (k != at) {
          rest.push_back(keep[k]);
          trial.push_back(switches[keep[k]]);
        }
      Check r = check(solver, limits, trial, "core-trial");
      if (r.unknown()) {
        out.kind = Core::Kind::Unknown;
        out.reason = r.reason;
        break;
      }
      if (r.unsat()) keep = from_core(rest);  // `at` now names the next one
      else ++at;
    }
    if (out.kind == Core::Kind::Found) out.switches = std::move(keep);
  }
  solver.pop();
  return out;
}

}  // namespace lp::z3q

#include "solver/z3_query.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <set>
#include <stdexcept>
#include <vector>

#include "lang/text.h"

namespace lp {

const char* check_status_name(CheckStatus s) {
  switch (s) {
    case CheckStatus::Sat: return "sat";
    case CheckStatus::Unsat: return "unsat";
    case CheckStatus::Unknown: return "unknown";
  }
  return "unknown";
}

QueryJournal::QueryJournal(std::string dump_dir, std::ostream* log) : dump_dir_(std::move(dump_dir)), log_(log) {
  if (!log_ && !dump_dir_.empty()) {
    owned_log_ = std::make_shared<std::ofstream>(dump_dir_ + "/queries.log");
    log_ = owned_log_.get();
  }
}

unsigned QueryJournal::record(CheckStatus s, double ms) {
  ++counts_.checks;
  counts_.ms += ms;
  switch (s) {
    case CheckStatus::Sat: ++counts_.sat; break;
    case CheckStatus::Unsat: ++counts_.unsat; break;
    case CheckStatus::Unknown: ++counts_.unknown; break;
  }
  return counts_.checks;
}

namespace z3q {

namespace {

std::string limits_text(const SolverLimits& limits) {
  return "time " + std::to_string(limits.timeout_ms) + " ms, resource " +
         (limits.rlimit ? std::to_string(limits.rlimit) : std::string("unlimited"));
}

// The resource units Z3 has spent in this context so far.
double resources_spent(z3::solver& solver) {
  z3::stats st = solver.statistics();
  for (unsigned i = 0; i < st.size(); ++i)
    if (st.key(i) == "rlimit count") return st.is_uint(i) ? st.uint_value(i) : st.double_value(i);
  return 0;
}

// Which limit ended an unknown check. Z3 4.8 reports its timer and its resource limit as
// "canceled", "timeout" or a bare "unknown" (when a theory gives up on the cancellation), so the
// units spent and the time taken decide.
Limit limit_reached(const std::string& why, double ms, double spent, const SolverLimits& limits) {
  if (limits.rlimit && spent >= limits.rlimit) return Limit::Resource;
  if (why == "timeout" || why == "canceled" || ms >= limits.timeout_ms) return Limit::Time;
  return Limit::None;
}

std::string reason_text(const Check& r, const SolverLimits& limits) {
  std::string out = "Z3: " + r.z3_reason;
  switch (r.limit) {
    case Limit::Time: out += " (the time limit of " + std::to_string(limits.timeout_ms) + " ms per check was reached)"; break;
    case Limit::Resource: out += " (the resource limit of " + std::to_string(limits.rlimit) + " per check was reached)"; break;
    case Limit::None: break;
  }
  return out;
}

// The uninterpreted constants of `e` (by name), for declaring assumption literals the assertions
// do not mention.
void constants(const z3::expr& e, std::set<unsigned>& seen, std::set<std::string>& out) {
  if (!seen.insert(e.id()).second) return;
  if (e.is_app()) {
    if (e.num_args() == 0 && e.decl().decl_kind() == Z3_OP_UNINTERPRETED) out.insert(e.decl().name().str());
    for (unsigned i = 0; i < e.num_args(); ++i) constants(e.arg(i), seen, out);
  } else if (e.is_quantifier()) {
    constants(e.body(), seen, out);
  }
}

void dump(const std::string& script, const char* purpose, unsigned number, const Check& r, const SolverLimits& limits) {
  const std::string& dir = limits.journal->dump_dir();
  char name[32];
  std::snprintf(name, sizeof name, "%04u-", number);
  std::string path = dir + "/" + name + purpose + ".smt2";
  std::string header = "; linkproof solver query " + std::to_string(number) + ": " + purpose + "\n" +
                       "; answer: " + check_status_name(r.status) + (r.unknown() ? " (" + r.reason + ")" : std::string()) +
                       "\n; limits per check: " + limits_text(limits) + "\n";
  std::ofstream f(path);
  f << header << script;
  if (!f) throw std::runtime_error("cannot write the solver query " + path);
}

}  // namespace

z3::solver make_solver(z3::context& c, const SolverLimits& limits) {
  z3::solver solver(c, z3::solver::simple());
  z3::params p(c);
  p.set("timeout", limits.timeout_ms);
  if (limits.rlimit) p.set("rlimit", limits.rlimit);
  solver.set(p);
  return solver;
}

Check check(z3::solver& solver, const SolverLimits& limits, const z3::expr_vector& assumptions, const char* purpose) {
  QueryJournal* journal = limits.journal.get();
  Check r;
  // Taken before the check: the simple solver splits its assertions into clauses while it checks.
  std::string script;
  if (journal && !journal->dump_dir().empty()) script = smtlib_script(solver, assumptions, "");
  // The resource count is read only when a resource limit is set (reading it costs a little).
  double spent_before = limits.rlimit ? resources_spent(solver) : 0;
  auto t0 = std::chrono::steady_clock::now();
  if (journal && journal->starve && journal->starve(purpose, journal->next_number())) {
    r.z3_reason = "starved by a test";
  } else {
    switch (assumptions.empty() ? solver.check() : solver.check(assumptions)) {
      case z3::sat: r.status = CheckStatus::Sat; break;
      case z3::unsat: r.status = CheckStatus::Unsat; break;
      case z3::unknown: r.z3_reason = solver.reason_unknown(); break;
    }
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (r.unknown()) {
    double spent = limits.rlimit ? resources_spent(solver) - spent_before : 0;
    r.limit = limit_reached(r.z3_reason, ms, spent, limits);
    r.reason = reason_text(r, limits);
  }
  if (!journal) return r;
  unsigned number = journal->record(r.status, ms);
  if (std::ostream* log = journal->log()) {
    char took[32];
    std::snprintf(took, sizeof took, "%.2f ms", ms);
    *log << "solver query " << number << " " << purpose << ": " << check_status_name(r.status)
         << (r.unknown() ? " (" + r.reason + ")" : std::string()) << " in " << took << "\n" << std::flush;  // kept if the run dies
  }
  if (!journal->dump_dir().empty()) dump(script, purpose, number, r, limits);
  return r;
}

Check check(z3::solver& solver, const SolverLimits& limits, const char* purpose) {
  return check(solver, limits, z3::expr_vector(solver.ctx()), purpose);
}

std::string smtlib_script(z3::solver& solver, const z3::expr_vector& assumptions, const std::string& header) {
  z3::context& c = solver.ctx();
  z3::expr_vector asserted = solver.assertions();
  std::vector<Z3_ast> fmls;
  for (unsigned i = 0; i < asserted.size(); ++i) fmls.push_back(asserted[i]);
  z3::expr last = c.bool_val(true);
  if (!fmls.empty()) {
    last = asserted[asserted.size() - 1];
    fmls.pop_back();
  }
  std::string body = Z3_benchmark_to_smtlib_string(c, "", "", "unknown", "", static_cast<unsigned>(fmls.size()),
                                                   fmls.data(), last);
  const std::string tail = "(check-sat)\n";
  if (body.size() >= tail.size() && body.compare(body.size() - tail.size(), tail.size(), tail) == 0)
    body.erase(body.size() - tail.size());
  std::string out = header + body;
  if (assumptions.empty()) return out + "(check-sat)\n";
  std::set<unsigned> seen;
  std::set<std::string> declared;
  for (unsigned i = 0; i < asserted.size(); ++i) constants(asserted[i], seen, declared);
  std::string literals;
  for (unsigned i = 0; i < assumptions.size(); ++i) {
    z3::expr atom = assumptions[i].is_not() ? assumptions[i].arg(0) : assumptions[i];
    if (declared.insert(atom.decl().name().str()).second) (out += atom.decl().to_string()) += '\n';
    if (i) literals += ' ';
    literals += assumptions[i].to_string();
  }
  return lp::cat(out, "(check-sat-assuming (", literals, "))\n");
}

}  // namespace z3q

}  // namespace lp

#include "solver/z3_compare.h"

#include <stdexcept>

#include "solver/evaluator.h"
#include "solver/z3_encoder.h"

namespace lp {

const char* relation_name(Relation r) {
  switch (r) {
    case Relation::Equivalent: return "equivalent";
    case Relation::MorePermissive: return "more-permissive";
    case Relation::LessPermissive: return "less-permissive";
    case Relation::Incomparable: return "incomparable";
    case Relation::Unknown: return "unknown";
  }
  return "unknown";
}

CompareResult compare_policy_sets(const PolicySet& a, const PolicySet& b, const PolicySettings& s, const SolverLimits& limits) {
  z3::context c;
  z3::solver solver = z3enc::make_solver(c, limits);
  z3enc::Encoder enc(c, s, limits.encoding);
  enc.collect(a);
  enc.collect(b);
  CompareResult out;
  if (!enc.unsupported().empty()) {
    out.reason = enc.unsupported();
    return out;
  }
  enc.declare(solver);
  z3::expr allow_a = enc.encode(a).allow, allow_b = enc.encode(b).allow;
  z3enc::Search ab = z3enc::find_request(c, enc, solver, allow_a && !allow_b, limits);
  z3enc::Search ba = z3enc::find_request(c, enc, solver, allow_b && !allow_a, limits);
  // Replay every witness through the concrete evaluator: a disagreement is a bug, never an answer.
  auto replay = [&](const Request& r, bool a_allows) {
    bool ea = evaluate(a, r, s) == Decision::Allow, eb = evaluate(b, r, s) == Decision::Allow;
    if (ea != a_allows || eb == a_allows)
      throw std::logic_error("internal error: the solver's witness (action " + r.action + ", resource " + r.resource +
                             ") is not confirmed by the concrete evaluator");
  };
  if (ab.witness) {
    replay(*ab.witness, true);
    out.witnesses.push_back({"A", *ab.witness});
  }
  if (ba.witness) {
    replay(*ba.witness, false);
    out.witnesses.push_back({"B", *ba.witness});
  }
  if (!ab.unknown.empty() || !ba.unknown.empty()) {
    out.relation = Relation::Unknown;
    out.reason = !ab.unknown.empty() ? ab.unknown : ba.unknown;
    return out;
  }
  out.relation = ab.witness && ba.witness ? Relation::Incomparable
                 : ab.witness            ? Relation::MorePermissive
                 : ba.witness            ? Relation::LessPermissive
                                         : Relation::Equivalent;
  return out;
}

std::vector<std::optional<bool>> encoded_allows_all(const PolicySet& set, const std::vector<Request>& requests,
                                                    const PolicySettings& s) {
  std::vector<std::optional<bool>> out(requests.size());
  z3::context c;
  z3::solver solver(c, z3::solver::simple());
  z3enc::Encoder enc(c, s, StringEncoding::Classes);
  enc.collect(set);
  for (const auto& r : requests)
    if (!r.principal.empty()) enc.add_principal(r.principal);
  if (!enc.unsupported().empty()) return out;
  enc.declare(solver);
  z3::expr allow = enc.encode(set).allow;
  for (size_t i = 0; i < requests.size(); ++i) {
    auto fixed = enc.assign(requests[i]);
    if (!fixed) continue;
    solver.push();
    solver.add(*fixed);
    if (solver.check() == z3::sat) out[i] = solver.get_model().eval(allow, true).is_true();
    solver.pop();
  }
  return out;
}

std::optional<bool> encoded_allows(const PolicySet& set, const Request& r, const PolicySettings& s) {
  return encoded_allows_all(set, {r}, s)[0];
}

}  // namespace lp

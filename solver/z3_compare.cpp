#include "solver/z3_compare.h"

#include <stdexcept>

#include "solver/evaluator.h"
#include "solver/z3_core.h"
#include "solver/z3_encoder.h"
#include "solver/z3_query.h"

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
  z3::solver solver = z3q::make_solver(c, limits);
  z3enc::Encoder enc(c, s, limits.encoding, &limits.action_names);
  enc.collect(a);
  enc.collect(b);
  CompareResult out;
  if (!enc.unsupported().empty()) {
    out.reason = enc.unsupported();
    return out;
  }
  enc.declare(solver);
  const auto located_a = z3enc::statements_of(a), located_b = z3enc::statements_of(b);
  std::vector<z3::expr> applies_a, applies_b;
  for (const auto& l : located_a) applies_a.push_back(enc.statement(*l.st));
  for (const auto& l : located_b) applies_b.push_back(enc.statement(*l.st));
  auto on = [&](size_t) { return c.bool_val(true); };
  z3::expr allow_a = z3enc::layered_allow(c, a, located_a, applies_a, on);
  z3::expr allow_b = z3enc::layered_allow(c, b, located_b, applies_b, on);
  z3enc::Search ab = z3enc::find_request(c, enc, solver, allow_a && !allow_b, limits);
  z3enc::Search ba = z3enc::find_request(c, enc, solver, allow_b && !allow_a, limits);
  // Replay every witness through the concrete evaluator: a disagreement is a bug, never an answer.
  auto replay = [&](const Request& r, bool a_allows, std::vector<StatementRef>& deciders) {
    std::vector<StatementRef> da, db;
    bool ea = evaluate(a, r, s, &da) == Decision::Allow, eb = evaluate(b, r, s, &db) == Decision::Allow;
    if (ea != a_allows || eb == a_allows)
      throw std::logic_error("internal error: the solver's witness (action " + r.action + ", resource " + r.resource +
                             ") is not confirmed by the concrete evaluator");
    deciders = a_allows ? da : db;
  };
  if (ab.witness) {
    out.witnesses.push_back({"A", *ab.witness, {}});
    replay(*ab.witness, true, out.witnesses.back().statements);
  }
  if (ba.witness) {
    out.witnesses.push_back({"B", *ba.witness, {}});
    replay(*ba.witness, false, out.witnesses.back().statements);
  }
  // A direction without a witness: which statements make it so. The wider side's Allow statements
  // and the narrower side's Deny statements are switched; the rest stay.
  auto explain = [&](bool a_within) {
    const auto& mine = a_within ? located_a : located_b;
    const auto& other = a_within ? located_b : located_a;
    const PolicySet& my_set = a_within ? a : b;
    const PolicySet& other_set = a_within ? b : a;
    std::vector<z3::expr> sw;
    std::vector<std::pair<std::string, StatementRef>> who;
    std::vector<std::optional<z3::expr>> my_on(mine.size()), other_on(other.size());
    for (size_t i = 0; i < mine.size(); ++i)
      if (mine[i].st->effect == Effect::Deny) {
        my_on[i] = c.bool_const(("why-mine#" + std::to_string(i)).c_str());
        sw.push_back(*my_on[i]);
        who.push_back({a_within ? "A" : "B", mine[i].ref});
      }
    for (size_t i = 0; i < other.size(); ++i)
      if (other[i].st->effect != Effect::Deny) {
        other_on[i] = c.bool_const(("why-other#" + std::to_string(i)).c_str());
        sw.push_back(*other_on[i]);
        who.push_back({a_within ? "B" : "A", other[i].ref});
      }
    z3::expr mine_allows = z3enc::layered_allow(c, my_set, mine, a_within ? applies_a : applies_b,
                                                [&](size_t i) { return my_on[i] ? *my_on[i] : c.bool_val(true); });
    z3::expr other_allows = z3enc::layered_allow(c, other_set, other, a_within ? applies_b : applies_a,
                                                 [&](size_t i) { return other_on[i] ? *other_on[i] : c.bool_val(true); });
    CompareExplanation e{a_within ? "A" : "B", {}, {}};
    z3q::Core k = z3q::minimal_core(solver, limits, mine_allows && !other_allows, sw);
    switch (k.kind) {
      case z3q::Core::Kind::Found:
        for (size_t x : k.switches) e.statements.push_back(who[x]);
        break;
      case z3q::Core::Kind::Unknown: e.reason = k.reason; break;
      case z3q::Core::Kind::Holds:
        throw std::logic_error("internal error: the solver found no request " + e.within +
                               " alone allows, yet cannot explain it (the explanation's query is satisfiable)");
    }
    out.explanations.push_back(std::move(e));
  };
  if (ab.unknown.empty() && !ab.witness) explain(true);
  if (ba.unknown.empty() && !ba.witness) explain(false);
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
  const SolverLimits limits;
  z3::solver solver = z3q::make_solver(c, limits);
  z3enc::Encoder enc(c, s, StringEncoding::Classes);
  enc.collect(set);
  for (const auto& r : requests) enc.add_request(r);
  if (!enc.unsupported().empty()) return out;
  enc.declare(solver);
  const auto located = z3enc::statements_of(set);
  std::vector<z3::expr> applies;
  for (const auto& l : located) applies.push_back(enc.statement(*l.st));
  z3::expr allow = z3enc::layered_allow(c, set, located, applies, [&](size_t) { return c.bool_val(true); });
  for (size_t i = 0; i < requests.size(); ++i) {
    auto fixed = enc.assign(requests[i]);
    if (!fixed) continue;
    solver.push();
    solver.add(*fixed);
    z3q::Check r = z3q::check(solver, limits, "evaluate-request");
    if (r.unknown()) throw std::runtime_error("the solver could not evaluate the encoding on a request: " + r.reason);
    if (r.sat()) out[i] = solver.get_model().eval(allow, true).is_true();
    solver.pop();
  }
  return out;
}

std::optional<bool> encoded_allows(const PolicySet& set, const Request& r, const PolicySettings& s) {
  return encoded_allows_all(set, {r}, s)[0];
}

}  // namespace lp

#include "solver/z3_questions.h"

#include <functional>
#include <map>
#include <stdexcept>

#include "lang/wildcard.h"
#include "solver/z3_encoder.h"

namespace lp {

namespace {

using z3enc::Encoder;

// Every statement of the set with where it sits (the same order as Encoder::encode).
struct Located {
  StatementRef ref;
  const Statement* st;
};

std::vector<Located> statements_of(const PolicySet& set) {
  std::vector<Located> out;
  auto add = [&](const std::vector<Policy>& ps, Layer layer) {
    for (size_t p = 0; p < ps.size(); ++p)
      for (size_t i = 0; i < ps[p].statements.size(); ++i) out.push_back({{layer, &ps[p], p, i}, &ps[p].statements[i]});
  };
  add(set.identity, Layer::Identity);
  if (set.control) add(*set.control, Layer::Control);
  if (set.session) add(*set.session, Layer::Session);
  return out;
}

class Asker {
 public:
  Asker(const PolicySet& set, const OpenQuestion& q, const PolicySettings& s, const SolverLimits& limits)
      : set_(set), q_(q), s_(s), limits_(limits), solver_(z3enc::make_solver(c_, limits)), enc_(c_, s, limits.encoding) {}

  OpenAnswer run() {
    OpenAnswer out;
    enc_.collect(set_);
    action_ = question_pattern(q_.action, !q_.action.empty() && q_.action.find_first_of("*?") != std::string::npos,
                               s_.action_case_insensitive);
    resource_ = question_pattern(q_.resource, q_.resource_pattern, s_.resource_case_insensitive);
    enc_.add_pattern("action", action_);
    enc_.add_pattern("resource", resource_);
    if (q_.principal) enc_.add_principal(*q_.principal);
    if (!enc_.unsupported().empty()) {
      out.unsupported = enc_.unsupported();
      return out;
    }
    enc_.declare(solver_);
    Request fixed = q_.context;
    if (q_.principal) fixed.principal = *q_.principal;
    auto context = enc_.assign_partial(fixed, q_.principal.has_value(), true, q_.context_open);
    if (!context) {
      out.unsupported = "a context key with several values, or an IPv6 address, is outside what the encoding models";
      return out;
    }
    question_ = enc_.pattern_var("action", action_) && enc_.pattern_var("resource", resource_) && *context;
    located_ = statements_of(set_);
    for (const auto& l : located_) applies_.push_back(enc_.statement(*l.st));
    for (size_t i = 0; i < located_.size(); ++i) on_.push_back(c_.bool_const(("on#" + std::to_string(i)).c_str()));

    for (Decision d : {Decision::Allow, Decision::ExplicitDeny, Decision::ImplicitDeny}) out.outcomes.push_back(outcome(d));
    return out;
  }

 private:
  static classes::Pattern question_pattern(const std::string& text, bool pattern, bool fold) {
    return {fold ? ascii_lower(text) : text, !pattern, fold};
  }

  // The decision of the set with statement i counted only when `active(i)`.
  z3::expr allow_with(const std::function<z3::expr(size_t)>& active) {
    z3::expr_vector deny(c_);
    std::map<Layer, z3::expr_vector> layer_allow;
    for (size_t i = 0; i < located_.size(); ++i) {
      z3::expr a = active(i) && applies_[i];
      if (located_[i].st->effect == Effect::Deny) deny.push_back(a);
      else layer_allow.try_emplace(located_[i].ref.layer, c_).first->second.push_back(a);
    }
    z3::expr allow = c_.bool_val(true);
    auto layer = [&](Layer l) {
      auto it = layer_allow.find(l);
      return it == layer_allow.end() ? c_.bool_val(false) : z3::mk_or(it->second);
    };
    allow = layer(Layer::Identity);
    if (set_.control) allow = allow && layer(Layer::Control);
    if (set_.session) allow = allow && layer(Layer::Session);
    return allow && !any(deny);
  }
  z3::expr deny_with(const std::function<z3::expr(size_t)>& active) {
    z3::expr_vector deny(c_);
    for (size_t i = 0; i < located_.size(); ++i)
      if (located_[i].st->effect == Effect::Deny) deny.push_back(active(i) && applies_[i]);
    return any(deny);
  }
  z3::expr any(const z3::expr_vector& v) { return v.empty() ? c_.bool_val(false) : z3::mk_or(v); }
  z3::expr goal(Decision d, const std::function<z3::expr(size_t)>& active) {
    z3::expr allow = allow_with(active), deny = deny_with(active);
    if (d == Decision::Allow) return allow;
    if (d == Decision::ExplicitDeny) return deny;
    return !allow && !deny;
  }
  std::function<z3::expr(size_t)> all_on() {
    return [this](size_t) { return c_.bool_val(true); };
  }

  bool satisfiable(const z3::expr& e) {
    solver_.push();
    solver_.add(e);
    bool sat = solver_.check() == z3::sat;
    solver_.pop();
    return sat;
  }

  Outcome outcome(Decision d) {
    Outcome o;
    o.decision = d;
    z3enc::Search found = z3enc::find_request(c_, enc_, solver_, *question_ && goal(d, all_on()), limits_);
    if (!found.unknown.empty()) {
      o.reachable = Verdict::Unknown;
      o.reason = found.unknown;
      return o;
    }
    if (found.witness) {
      Request w = *found.witness;
      // A named action or resource is the question's own spelling (the field was solved folded).
      if (q_.action.find_first_of("*?") == std::string::npos) w.action = q_.action;
      if (q_.principal) w.principal = *q_.principal;
      Decision replay = evaluate(set_, w, s_, &o.deciders);
      if (replay != d)
        throw std::logic_error(std::string("internal error: the solver's witness for ") + decision_name(d) + " (action " +
                               w.action + ", resource " + w.resource + ") is " + decision_name(replay) +
                               " for the concrete evaluator");
      o.reachable = Verdict::Yes;
      o.witness = std::move(w);
      // The statements that can decide this outcome somewhere in the question.
      for (size_t i = 0; i < located_.size(); ++i) {
        bool deny = located_[i].st->effect == Effect::Deny;
        if (d == Decision::ImplicitDeny || deny != (d == Decision::ExplicitDeny)) continue;
        if (satisfiable(*question_ && goal(d, all_on()) && applies_[i])) o.when.push_back(located_[i].ref);
      }
      return o;
    }
    o.reachable = Verdict::No;
    o.because = blame(d);
    return o;
  }

  // Why `d` never happens: the statements whose presence rules it out (an unsat core over one switch
  // per statement, made minimal by deletion), or, when no statement's presence matters (nothing
  // could produce `d`), each candidate statement with the parts the question contradicts.
  std::vector<Blame> blame(Decision d) {
    std::vector<Blame> out;
    if (d != Decision::ExplicitDeny) {
      // Allow: the Deny statements are switched, Allow statements stay. ImplicitDeny: all switched.
      auto switched = [&](size_t i) { return d == Decision::ImplicitDeny || located_[i].st->effect == Effect::Deny; };
      auto active = [&](size_t i) { return switched(i) ? on_[i] : c_.bool_val(true); };
      solver_.push();
      solver_.add(*question_ && goal(d, active));
      std::vector<size_t> core;
      z3::expr_vector assume(c_);
      for (size_t i = 0; i < located_.size(); ++i)
        if (switched(i)) assume.push_back(on_[i]);
      if (solver_.check(assume) == z3::unsat) {
        z3::expr_vector uc = solver_.unsat_core();
        for (size_t i = 0; i < located_.size(); ++i)
          for (unsigned k = 0; k < uc.size(); ++k)
            if (z3::eq(uc[k], on_[i])) core.push_back(i);
        // Deletion: keep only what the unsatisfiability needs.
        for (size_t at = 0; at < core.size();) {
          z3::expr_vector trial(c_);
          for (size_t k = 0; k < core.size(); ++k)
            if (k != at) trial.push_back(on_[core[k]]);
          if (solver_.check(trial) == z3::unsat) core.erase(core.begin() + static_cast<long>(at));
          else ++at;
        }
      }
      solver_.pop();
      for (size_t i : core) out.push_back({located_[i].ref, {}});
      if (!out.empty()) return out;
    }
    // Nothing present rules it out: the statements that would produce it cannot apply here.
    for (size_t i = 0; i < located_.size(); ++i) {
      bool deny = located_[i].st->effect == Effect::Deny;
      if (deny != (d == Decision::ExplicitDeny)) continue;
      out.push_back({located_[i].ref, contradicted_parts(*located_[i].st)});
    }
    return out;
  }

  std::vector<std::string> contradicted_parts(const Statement& st) {
    std::vector<z3enc::Part> ps = enc_.parts(st);
    std::vector<z3::expr> sw;
    solver_.push();
    solver_.add(*question_);
    z3::expr_vector assume(c_);
    for (size_t k = 0; k < ps.size(); ++k) {
      sw.push_back(c_.bool_const(("part#" + std::to_string(parts_++)).c_str()));
      solver_.add(z3::implies(sw[k], ps[k].holds));
      assume.push_back(sw[k]);
    }
    std::vector<std::string> out;
    if (solver_.check(assume) == z3::unsat) {
      std::vector<size_t> core;
      z3::expr_vector uc = solver_.unsat_core();
      for (size_t k = 0; k < ps.size(); ++k)
        for (unsigned u = 0; u < uc.size(); ++u)
          if (z3::eq(uc[u], sw[k])) core.push_back(k);
      for (size_t at = 0; at < core.size();) {
        z3::expr_vector trial(c_);
        for (size_t k = 0; k < core.size(); ++k)
          if (k != at) trial.push_back(sw[core[k]]);
        if (solver_.check(trial) == z3::unsat) core.erase(core.begin() + static_cast<long>(at));
        else ++at;
      }
      for (size_t k : core) out.push_back(ps[k].label);
    }
    solver_.pop();
    return out;
  }

  const PolicySet& set_;
  const OpenQuestion& q_;
  const PolicySettings& s_;
  const SolverLimits& limits_;
  z3::context c_;
  z3::solver solver_;
  Encoder enc_;
  classes::Pattern action_, resource_;
  std::optional<z3::expr> question_;
  std::vector<Located> located_;
  std::vector<z3::expr> applies_, on_;
  unsigned parts_ = 0;
};

}  // namespace

OpenAnswer authorize_open(const PolicySet& set, const OpenQuestion& q, const PolicySettings& s, const SolverLimits& limits) {
  return Asker(set, q, s, limits).run();
}

}  // namespace lp

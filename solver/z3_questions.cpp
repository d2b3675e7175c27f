#include "solver/z3_questions.h"

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>

#include "lang/text.h"
#include "lang/wildcard.h"
#include "solver/z3_core.h"
#include "solver/z3_encoder.h"
#include "solver/z3_query.h"

namespace lp {

namespace {

using z3enc::Located;
using z3enc::Switch;

bool is_pattern(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// One Z3 context and solver over one policy set: patterns of the questions are added before
// `declare`, then any number of goals are asked; lemmas learnt stay valid for every later goal.
class Session {
 public:
  Session(const PolicySet& set, const PolicySettings& s, const SolverLimits& limits)
      : set_(set), s_(s), limits_(limits), solver_(z3q::make_solver(c_, limits)), enc_(c_, s, limits.encoding, &limits.action_names) {
    enc_.collect(set_);
    located_ = z3enc::statements_of(set_);
  }

  // A question's action or resource: a pattern, or one literal name.
  classes::Pattern action_pattern(const std::string& text) const {
    bool fold = s_.action_case_insensitive;
    return {fold ? ascii_lower(text) : text, !is_pattern(text), fold};
  }
  classes::Pattern resource_pattern(const std::string& text, bool pattern) const {
    bool fold = s_.resource_case_insensitive;
    return {fold ? ascii_lower(text) : text, !pattern, fold};
  }
  void add(const std::string& field, const classes::Pattern& p) { enc_.add_pattern(field, p); }
  void add_principal(const std::string& p) { enc_.add_principal(p); }

  // False (with the reason) when the policies use what the encoding does not model.
  bool declare(std::string& unsupported) {
    if (!enc_.unsupported().empty()) {
      unsupported = enc_.unsupported();
      return false;
    }
    enc_.declare(solver_);
    for (const auto& l : located_) applies_.push_back(enc_.statement(*l.st));
    for (size_t i = 0; i < located_.size(); ++i) on_.push_back(c_.bool_const(("on#" + std::to_string(i)).c_str()));
    return true;
  }

  z3::context& ctx() { return c_; }
  z3enc::Encoder& enc() { return enc_; }
  const std::vector<Located>& located() const { return located_; }
  const z3::expr& applies(size_t i) const { return applies_[i]; }
  const z3::expr& on(size_t i) const { return on_[i]; }

  Switch all_on() {
    return [this](size_t) { return c_.bool_val(true); };
  }
  z3::expr any(const z3::expr_vector& v) { return v.empty() ? c_.bool_val(false) : z3::mk_or(v); }

  z3::expr allow_with(const Switch& active) { return z3enc::layered_allow(c_, set_, located_, applies_, active); }
  z3::expr deny_with(const Switch& active) { return z3enc::layered_deny(c_, set_, located_, applies_, active); }
  z3::expr goal(Decision d, const Switch& active) {
    if (d == Decision::Allow) return allow_with(active);
    if (d == Decision::ExplicitDeny) return deny_with(active);
    return !allow_with(active) && !deny_with(active);
  }

  z3enc::Search find(const z3::expr& goal) { return z3enc::find_request(c_, enc_, solver_, goal, limits_); }

  // Replays a witness through the concrete evaluator (filling `deciders`); a decision other than
  // `expected` is an internal error.
  void replay(const Request& w, Decision expected, std::vector<StatementRef>& deciders, const char* what) {
    Decision got = evaluate(set_, w, s_, &deciders);
    if (got != expected)
      throw std::logic_error(std::string("internal error: the solver's witness for ") + what + " (action " + w.action +
                             ", resource " + w.resource + ") is " + decision_name(got) + " for the concrete evaluator");
  }

  z3q::Check satisfiable(const z3::expr& e, const char* purpose) {
    solver_.push();
    solver_.add(e);
    z3q::Check r = z3q::check(solver_, limits_, purpose);
    solver_.pop();
    return r;
  }

  z3q::Core core(const z3::expr& base, const std::vector<z3::expr>& switches) {
    return z3q::minimal_core(solver_, limits_, base, switches);
  }

  // The parts of a statement that cannot hold together under `base` (minimal): Found with the part
  // labels in `labels`; Holds when they can all hold; Unknown with the reason.
  z3q::Core contradicted_parts(const z3::expr& base, const Statement& st, std::vector<std::string>& labels) {
    std::vector<z3enc::Part> ps = enc_.parts(st);
    std::vector<z3::expr> sw;
    z3::expr guarded = base;
    for (const auto& p : ps) {
      sw.push_back(c_.bool_const(("part#" + std::to_string(parts_++)).c_str()));
      guarded = guarded && z3::implies(sw.back(), p.holds);
    }
    z3q::Core k = core(guarded, sw);
    for (size_t i : k.switches) labels.push_back(ps[i].label);
    return k;
  }

 private:
  const PolicySet& set_;
  const PolicySettings& s_;
  const SolverLimits& limits_;
  z3::context c_;
  z3::solver solver_;
  z3enc::Encoder enc_;
  std::vector<Located> located_;
  std::vector<z3::expr> applies_, on_;
  unsigned parts_ = 0;
};

// Why `d` never happens under `question`: the statements whose presence rules it out, or, when
// nothing present does (nothing could produce `d`), each candidate statement with the parts the
// question contradicts.
// `unknown` receives the reason when a check answered unknown (the list is then incomplete).
std::vector<Blame> blame(Session& ss, const z3::expr& question, Decision d, std::string& unknown) {
  std::vector<Blame> out;
  const auto& located = ss.located();
  if (d != Decision::ExplicitDeny) {
    // Allow: the Deny statements are switched, the Allow statements stay. ImplicitDeny: all are.
    auto is_switched = [&](size_t i) { return d == Decision::ImplicitDeny || located[i].st->effect == Effect::Deny; };
    std::vector<size_t> switched;
    std::vector<z3::expr> sw;
    for (size_t i = 0; i < located.size(); ++i)
      if (is_switched(i)) {
        switched.push_back(i);
        sw.push_back(ss.on(i));
      }
    auto active = [&](size_t i) { return is_switched(i) ? ss.on(i) : ss.ctx().bool_val(true); };
    z3q::Core k = ss.core(question && ss.goal(d, active), sw);
    if (k.kind == z3q::Core::Kind::Unknown) {
      unknown = "the statements that rule it out could not be determined: " + k.reason;
      return out;
    }
    if (k.kind == z3q::Core::Kind::Holds)
      throw std::logic_error(std::string("internal error: the solver found no request with decision ") + decision_name(d) +
                             ", yet cannot explain it (the explanation's query is satisfiable)");
    for (size_t i : k.switches) out.push_back({located[switched[i]].ref, {}, false, {}});
    if (!out.empty()) return out;
  }
  for (const auto& l : located) {
    if ((l.st->effect == Effect::Deny) != (d == Decision::ExplicitDeny)) continue;
    Blame b{l.ref, {}, false, {}};
    z3q::Core k = ss.contradicted_parts(question, *l.st, b.parts);
    if (k.kind == z3q::Core::Kind::Holds) b.applies = true;
    if (k.kind == z3q::Core::Kind::Unknown) b.reason = "the parts that keep it from applying could not be determined: " + k.reason;
    out.push_back(std::move(b));
  }
  return out;
}

Outcome outcome(Session& ss, const z3::expr& question, Decision d, const OpenQuestion& q) {
  Outcome o;
  o.decision = d;
  z3enc::Search found = ss.find(question && ss.goal(d, ss.all_on()));
  if (!found.unknown.empty()) {
    o.reachable = Verdict::Unknown;
    o.reason = found.unknown;
    return o;
  }
  if (!found.witness) {
    o.reachable = Verdict::No;
    o.because = blame(ss, question, d, o.incomplete);
    return o;
  }
  Request w = *found.witness;
  // A named action is shown as the question spelt it (the field may be solved folded).
  if (!is_pattern(q.action)) w.action = q.action;
  if (q.principal) w.principal = *q.principal;
  ss.replay(w, d, o.deciders, decision_name(d));
  o.reachable = Verdict::Yes;
  o.witness = std::move(w);
  // The statements that can decide this outcome somewhere in the question.
  const auto& located = ss.located();
  for (size_t i = 0; i < located.size(); ++i) {
    bool deny = located[i].st->effect == Effect::Deny;
    if (d == Decision::ImplicitDeny || deny != (d == Decision::ExplicitDeny)) continue;
    z3q::Check r = ss.satisfiable(question && ss.goal(d, ss.all_on()) && ss.applies(i), "statement-applies");
    if (r.sat()) o.when.push_back(located[i].ref);
    if (r.unknown()) {
      o.when_unknown.push_back(located[i].ref);
      o.incomplete = "whether some statements can decide it could not be determined: " + r.reason;
    }
  }
  return o;
}

// The account of a principal candidate: acs:ram::<account>:..., or a bare account id.
std::optional<std::string> account_of(const std::string& principal) {
  if (!principal.empty() && std::all_of(principal.begin(), principal.end(), ::isdigit)) return principal;
  if (principal.rfind("acs:ram::", 0) == 0) {
    size_t end = principal.find(':', 9);
    if (end != std::string::npos) return principal.substr(9, end - 9);
  }
  return std::nullopt;  // a service principal, or any other
}

}  // namespace

OpenAnswer authorize_open(const PolicySet& set, const OpenQuestion& q, const PolicySettings& s, const SolverLimits& limits) {
  OpenAnswer out;
  Session ss(set, s, limits);
  classes::Pattern action = ss.action_pattern(q.action), resource = ss.resource_pattern(q.resource, q.resource_pattern);
  ss.add("action", action);
  ss.add("resource", resource);
  if (q.principal) ss.add_principal(*q.principal);
  Request values;  // the context's values only: the principal is the question's
  values.context = q.context.context;
  ss.enc().add_request(values);
  if (!ss.declare(out.unsupported)) return out;
  Request fixed = q.context;
  if (q.principal) fixed.principal = *q.principal;
  auto context = ss.enc().assign_partial(fixed, q.principal.has_value(), true, q.context_open);
  if (!context) {
    out.unsupported = "a context value is outside what the encoding models";
    return out;
  }
  z3::expr question = ss.enc().pattern_var("action", action) && ss.enc().pattern_var("resource", resource) && *context;
  for (Decision d : {Decision::Allow, Decision::ExplicitDeny, Decision::ImplicitDeny}) out.outcomes.push_back(outcome(ss, question, d, q));
  return out;
}

OutsideAnswer principal_outside(const PolicySet& set, const std::vector<std::string>& accounts,
                                const std::string& resource_pattern, const PolicySettings& s, const SolverLimits& limits) {
  OutsideAnswer out;
  Session ss(set, s, limits);
  classes::Pattern resource = ss.resource_pattern(resource_pattern, true);
  ss.add("resource", resource);
  if (!ss.declare(out.reason)) return out;
  z3::expr_vector outside(ss.ctx());
  for (const auto& p : ss.enc().principal_candidates()) {
    auto acct = account_of(p);
    if (!acct || std::find(accounts.begin(), accounts.end(), *acct) == accounts.end()) outside.push_back(ss.enc().principal_is(p));
  }
  z3enc::Search found = ss.find(ss.enc().pattern_var("resource", resource) && ss.any(outside) && ss.goal(Decision::Allow, ss.all_on()));
  if (!found.unknown.empty()) {
    out.reason = found.unknown;
    return out;
  }
  out.verdict = found.witness ? Verdict::Yes : Verdict::No;
  if (found.witness) {
    ss.replay(*found.witness, Decision::Allow, out.deciders, "a principal outside the accounts");
    out.witness = std::move(found.witness);
  }
  return out;
}

std::vector<std::string> default_guard_keys() { return {"acs:SourceIp", "acs:SecureTransport", "acs:MFAPresent"}; }

std::vector<UnconditionedAnswer> allowed_without(const PolicySet& set, const std::vector<std::string>& actions,
                                                 const std::vector<std::string>& keys, const PolicySettings& s,
                                                 const SolverLimits& limits) {
  std::vector<UnconditionedAnswer> out;
  Session ss(set, s, limits);
  std::vector<classes::Pattern> pats;
  for (const auto& a : actions) {
    pats.push_back(ss.action_pattern(a));
    ss.add("action", pats.back());
  }
  std::string unsupported;
  bool ok = ss.declare(unsupported);
  for (const auto& key : keys)
    for (size_t i = 0; i < actions.size(); ++i) {
      UnconditionedAnswer a;
      a.key = key;
      a.action = actions[i];
      if (!ok) {
        a.reason = unsupported;
        out.push_back(std::move(a));
        continue;
      }
      z3::expr absent = ss.enc().has_key(key) ? !ss.enc().key_present(key) : ss.ctx().bool_val(true);
      z3enc::Search found = ss.find(ss.enc().pattern_var("action", pats[i]) && absent && ss.goal(Decision::Allow, ss.all_on()));
      if (!found.unknown.empty()) {
        a.reason = found.unknown;
      } else {
        a.verdict = found.witness ? Verdict::Yes : Verdict::No;
        if (found.witness) {
          if (found.witness->find(key, s.condition_key_case_insensitive))
            throw std::logic_error("internal error: the witness for an action allowed without " + key + " carries it");
          if (!is_pattern(a.action)) found.witness->action = a.action;  // the question's spelling
          ss.replay(*found.witness, Decision::Allow, a.deciders, "an action allowed without a guard key");
          a.witness = std::move(found.witness);
        }
      }
      out.push_back(std::move(a));
    }
  return out;
}

const char* statement_status_name(StatementStatus s) {
  switch (s) {
    case StatementStatus::Effective: return "effective";
    case StatementStatus::Dead: return "dead";
    case StatementStatus::Shadowed: return "shadowed";
    case StatementStatus::Unknown: return "unknown";
  }
  return "unknown";
}

std::vector<StatementEffect> statement_effects(const PolicySet& set, const PolicySettings& s, const SolverLimits& limits) {
  std::vector<StatementEffect> out;
  Session ss(set, s, limits);
  std::string unsupported;
  bool ok = ss.declare(unsupported);
  const auto& located = ss.located();
  for (size_t i = 0; i < located.size(); ++i) {
    StatementEffect e;
    e.statement = located[i].ref;
    if (!ok) {
      e.reason = unsupported;
      out.push_back(std::move(e));
      continue;
    }
    const bool deny = located[i].st->effect == Effect::Deny;
    // Statement i takes effect on a request where no other statement of its kind (other Allows of
    // its layer; other Denies) applies, and, for an Allow, the request is allowed. The others are
    // switched: switched on, "it does not apply".
    std::vector<size_t> others;
    for (size_t j = 0; j < located.size(); ++j)
      if (j != i && (located[j].st->effect == Effect::Deny) == deny &&
          (deny || located[j].ref.layer == located[i].ref.layer))
        others.push_back(j);
    if (!deny)
      for (size_t j = 0; j < located.size(); ++j)
        if (located[j].st->effect == Effect::Deny) others.push_back(j);
    z3::expr goal = ss.applies(i);
    std::vector<z3::expr> sw;
    for (size_t j : others) {
      goal = goal && z3::implies(ss.on(j), !ss.applies(j));
      sw.push_back(ss.on(j));
    }
    if (!deny) {
      // The bounding layers must allow too (their Allow statements are not switched).
      z3::expr layers = ss.allow_with([&](size_t j) { return located[j].st->effect == Effect::Deny ? ss.ctx().bool_val(false) : ss.ctx().bool_val(true); });
      goal = goal && layers;
    }
    z3::expr_vector on_all(ss.ctx());
    for (const auto& x : sw) on_all.push_back(x);
    z3::expr with_all = goal && (on_all.empty() ? ss.ctx().bool_val(true) : z3::mk_and(on_all));
    z3enc::Search found = ss.find(with_all);
    if (!found.unknown.empty()) {
      e.reason = found.unknown;
    } else if (found.witness) {
      std::vector<StatementRef> deciders;
      ss.replay(*found.witness, deny ? Decision::ExplicitDeny : Decision::Allow, deciders, "a statement's effect");
      bool listed = std::any_of(deciders.begin(), deciders.end(), [&](const StatementRef& r) {
        return r.layer == e.statement.layer && r.policy_index == e.statement.policy_index && r.statement_index == e.statement.statement_index;
      });
      if (!listed) throw std::logic_error("internal error: the witness of a statement's effect is not decided by it");
      e.status = StatementStatus::Effective;
      e.witness = std::move(found.witness);
    } else if (z3q::Core k = ss.core(goal, sw); k.kind == z3q::Core::Kind::Unknown) {
      e.reason = "it takes effect on no request, but whether it is dead or shadowed could not be determined: " + k.reason;
    } else if (k.kind == z3q::Core::Kind::Holds) {
      throw std::logic_error("internal error: the solver found no request a statement decides, yet cannot explain it");
    } else if (!k.switches.empty()) {
      e.status = StatementStatus::Shadowed;
      for (size_t x : k.switches) e.by.push_back(located[others[x]].ref);
    } else {
      e.status = StatementStatus::Dead;
      z3q::Core parts = ss.contradicted_parts(ss.ctx().bool_val(true), *located[i].st, e.parts);
      if (parts.kind == z3q::Core::Kind::Unknown)
        e.reason = "which of its parts contradict each other could not be determined: " + parts.reason;
      else if (e.parts.empty())
        e.reason = "the bounding layers (control, session) allow none of the requests it applies to";
    }
    out.push_back(std::move(e));
  }
  return out;
}

Diagnostics statement_findings(const Policy& policy, const PolicySettings& s, const SolverLimits& limits) {
  PolicySet set;
  set.identity.push_back(policy);  // a copy: sets own their policies; locations are kept in it
  Diagnostics out;
  auto name = [&](const StatementRef& r) {
    const Statement& st = set.identity[0].statements[r.statement_index];
    return "statement " + std::to_string(r.statement_index) + (st.sid ? " (" + *st.sid + ")" : "") + " at line " +
           std::to_string(st.where.line);
  };
  for (const auto& e : statement_effects(set, s, limits)) {
    const Statement& st = set.identity[0].statements[e.statement.statement_index];
    std::string self = name(e.statement);
    switch (e.status) {
      case StatementStatus::Effective: break;
      case StatementStatus::Dead:
        out.add({"LP-VAL-050", Severity::Warning, st.where,
                 self + " never applies to any request: " + (e.parts.empty() ? e.reason : join(e.parts) + " cannot hold together"),
                 {}, {}});
        break;
      case StatementStatus::Shadowed: {
        // The statements in its place, by effect.
        std::vector<std::string> allows, denies;
        for (const auto& r : e.by)
          (set.identity[0].statements[r.statement_index].effect == Effect::Deny ? denies : allows).push_back(name(r));
        if (st.effect == Effect::Allow && allows.empty())
          out.add({"LP-VAL-051", Severity::Warning, st.where,
                   self + " never takes effect: " + join(denies) + " denies every request it allows", {}, {}});
        else
          out.add({"LP-VAL-052", Severity::Warning, st.where,
                   self + " never decides a request on its own: " +
                       (allows.empty() ? "" : join(allows) + (st.effect == Effect::Deny ? " denies" : " allows")) +
                       (!allows.empty() && !denies.empty() ? " or " : "") + (denies.empty() ? "" : join(denies) + " denies") +
                       " every request it applies to",
                   "remove it, or narrow the statements that cover it", {}});
        break;
      }
      case StatementStatus::Unknown:
        out.add({"LP-VAL-059", Severity::Info, st.where, self + ": the solver could not decide it (" + e.reason + ")", {}, {}});
        break;
    }
  }
  return out;
}

}  // namespace lp

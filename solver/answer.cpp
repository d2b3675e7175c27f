#include "solver/answer.h"

#include "lang/text.h"
#include "solver/reach.h"
#include "solver/z3_compare.h"
#include "solver/z3_questions.h"

namespace lp {

Diagnostic Cause::to_diagnostic() const {
  Diagnostic d;
  d.code = rule;
  d.severity = severity;
  d.where = where;
  d.message = message;
  d.object = object;
  return d;
}

Cause Cause::from_diagnostic(const Diagnostic& d) {
  return {d.code, d.object, d.where, d.hint.empty() ? d.message : d.message + " (" + d.hint + ")", d.severity};
}

namespace {

std::string statement_text(const StatementRef& s) {
  const Statement& st = s.policy->statements[s.statement_index];
  std::string out = std::string(effect_name(st.effect)) + " statement " + std::to_string(s.statement_index);
  if (st.sid) out += " (Sid " + *st.sid + ")";
  return out + " of " + (s.policy->file.empty() ? std::string("the policy") : s.policy->file);
}

Cause statement_cause(const StatementRef& s, const std::string& rule, std::string message) {
  const Statement& st = s.policy->statements[s.statement_index];
  return {rule, st.sid.value_or(""), st.where, statement_text(s) + (message.empty() ? "" : ": " + message), Severity::Info};
}

}  // namespace

Answer answer_of(const ReachAnswer& a) {
  Answer out;
  out.verdict = a.verdict;
  for (const auto& s : a.path) out.witness.path.push_back({s.kind, s.id, s.detail, s.where});
  for (const auto& c : a.causes) out.causes.push_back({c.rule, c.object, c.where, c.message, Severity::Info});
  if (a.verdict == Verdict::Unknown) {
    std::vector<std::string> reasons;
    for (const auto& c : a.causes) reasons.push_back(c.message);
    out.unknown_reason = reasons.empty() ? "undecided" : join(reasons, "; ");
  }
  if (a.verdict == Verdict::Yes && !a.path.empty()) {
    std::vector<std::string> ids;
    for (const auto& s : a.path) ids.push_back(s.id);
    out.witness.summary = join(ids, " -> ");
  }
  return out;
}

Answer answer_of(const Outcome& o) {
  Answer out;
  out.verdict = o.reachable;
  if (o.reachable == Verdict::Yes) {
    out.witness.request = o.witness;
    out.witness.statements = o.deciders;
    if (o.witness) out.witness.summary = o.witness->action + " on " + o.witness->resource;
    for (const auto& s : o.deciders) out.causes.push_back(statement_cause(s, "LP-AUTH", "decides the witness"));
  } else if (o.reachable == Verdict::No) {
    for (const auto& b : o.because)
      out.causes.push_back(statement_cause(b.statement, "LP-AUTH", b.parts.empty() ? "" : "its " + join(b.parts, ", ")));
  } else {
    out.unknown_reason = o.reason.empty() ? "the solver gave no answer" : o.reason;
  }
  return out;
}

Answer no_broader_answer(const CompareResult& r) {
  switch (r.relation) {
    case Relation::Equivalent:
    case Relation::LessPermissive: {
      Answer a = Answer::yes();
      a.witness.summary = r.relation == Relation::Equivalent ? "the policy is equivalent to the baseline"
                                                             : "the policy is narrower than the baseline";
      for (const auto& e : r.explanations)
        if (e.within == "A")
          for (const auto& [side, s] : e.statements)
            a.causes.push_back(statement_cause(s, "LP-CMP", side == "A" ? "(the policy)" : "(the baseline)"));
      return a;
    }
    case Relation::MorePermissive:
    case Relation::Incomparable: {
      Answer a;
      a.verdict = Verdict::No;
      for (const auto& w : r.witnesses) {
        if (w.allowed_by != "A") continue;
        a.witness.request = w.request;
        a.witness.statements = w.statements;
        a.witness.summary = "the policy allows " + w.request.action + " on " + w.request.resource + ", the baseline does not";
        for (const auto& s : w.statements) a.causes.push_back(statement_cause(s, "LP-CMP", "allows it"));
        break;
      }
      return a;
    }
    case Relation::Unknown: break;
  }
  return Answer::unknown(r.reason.empty() ? "the comparison was not decided" : r.reason);
}

}  // namespace lp

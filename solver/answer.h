// One three-valued answer for every question and one cause type (style.md §3): the audit collects
// answers of any kind (reach, authorization, comparison, world facts) into one report, and every
// renderer reads this shape only. A cause converts to a Diagnostic, so causes and findings print
// and serialise alike.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/diagnostic.h"
#include "solver/evaluator.h"
#include "solver/request.h"
#include "solver/verdict.h"

namespace lp {

struct CompareResult;
struct Outcome;
struct ReachAnswer;

// Why an answer is what it is: a blocking object, a deciding statement, the reason of an unknown.
struct Cause {
  std::string rule;    // PL-..., LP-... id
  std::string object;  // the world object concerned ("" when none)
  SourceRef where;
  std::string message;
  Severity severity = Severity::Info;

  Diagnostic to_diagnostic() const;
  static Cause from_diagnostic(const Diagnostic& d);
};

// One step of a witness path (client -> groups -> ENI -> zone -> resource -> listener -> backend).
struct WitnessStep {
  std::string kind;  // "client", "client-egress", "endpoint-ingress", "endpoint", "eni", "zone", ...
  std::string id;
  std::string detail;
  SourceRef where;
};

// What shows an answer: a path, a request with the statements that decide it, or plain facts
// (a whitelist entry, a security group rule) as causes.
struct Witness {
  std::string summary;             // one line for people
  std::vector<WitnessStep> path;   // reach
  std::optional<Request> request;  // authorization, comparison
  std::vector<StatementRef> statements;

  bool empty() const { return summary.empty() && path.empty() && !request && statements.empty(); }
};

struct Answer {
  Verdict verdict = Verdict::Unknown;
  Witness witness;
  std::vector<Cause> causes;    // No: what blocks; Yes: what decides; Unknown: the open points
  std::string unknown_reason;   // set exactly when verdict is Unknown

  static Answer yes(Witness w = {}) { return {Verdict::Yes, std::move(w), {}, {}}; }
  static Answer no(std::vector<Cause> causes = {}) { return {Verdict::No, {}, std::move(causes), {}}; }
  static Answer unknown(std::string reason, std::vector<Cause> causes = {}) {
    return {Verdict::Unknown, {}, std::move(causes), std::move(reason)};
  }
};

// Adapters from the engines' own results.
Answer answer_of(const ReachAnswer& a);
// An Outcome of an open authorization question (solver/z3_questions.h): reachable or not.
Answer answer_of(const Outcome& o);

// "Is A no broader than B?": Yes for equivalent / less permissive (the explanation's statements as
// causes), No with the first request A allows and B does not, Unknown with the solver's reason.
Answer no_broader_answer(const CompareResult& r);

}  // namespace lp

// Open authorization questions on the Z3 engine (issue 5, docs/solver.md): the decision of a policy
// set as a function of what the question leaves open (an action or resource pattern, any
// principal, context keys not given), with one replayed witness per reachable outcome, the
// statements that can decide each outcome, and for an unreachable outcome the statements (and the
// parts of them) responsible, from unsat cores.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/settings.h"
#include "solver/evaluator.h"
#include "solver/request.h"
#include "solver/verdict.h"
#include "solver/z3_compare.h"

namespace lp {

struct OpenQuestion {
  std::string action;  // a name, or a pattern with * and ?
  std::string resource;
  bool resource_pattern = false;         // `resource` is a pattern (else one literal resource)
  std::optional<std::string> principal;  // nullopt: any principal
  Request context;                       // keys given (one value each)
  bool context_open = false;             // keys not given may be absent or take any value
};


// A statement held responsible for an unreachable outcome, with the parts of it that matter
// ("Action", "Resource", "Principal", "Condition StringEquals acs:SourceVpc", ...): for a statement
// that cannot apply, the parts the question contradicts; for a Deny or Allow that covers, empty.
struct Blame {
  StatementRef statement;
  std::vector<std::string> parts;
};

struct Outcome {
  Decision decision = Decision::ImplicitDeny;
  Verdict reachable = Verdict::Unknown;
  std::string reason;                  // for Unknown
  std::optional<Request> witness;      // for Yes, confirmed by the concrete evaluator
  std::vector<StatementRef> deciders;  // the statements that decide the witness
  std::vector<StatementRef> when;      // Allow: the Allow statements that apply in some allowed request;
                                       // ExplicitDeny: the Deny statements that can apply
  std::vector<Blame> because;          // for No
};

struct OpenAnswer {
  std::vector<Outcome> outcomes;  // Allow, ExplicitDeny, ImplicitDeny
  std::string unsupported;        // set when the question is outside what the encoding models
};

// A witness the concrete evaluator does not confirm is an internal error (std::logic_error).
OpenAnswer authorize_open(const PolicySet& set, const OpenQuestion& q, const PolicySettings& s,
                          const SolverLimits& limits = {});

}  // namespace lp

// Open authorization questions on the Z3 engine (docs/solver.md): the decision of a policy
// set as a function of what the question leaves open (an action or resource pattern, any
// principal, context keys not given), with one replayed witness per reachable outcome, the
// statements that can decide each outcome, and for an unreachable outcome the statements (and the
// parts of them) responsible, from unsat cores.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/diagnostic.h"
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
  bool applies = false;  // a candidate that can apply here: the bounding layers decide in its place
  std::string reason;    // set when its parts could not be determined (a check answered unknown)
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
  std::vector<StatementRef> when_unknown;  // statements the solver could not decide for `when`
  std::string incomplete;                  // why `when` or `because` is incomplete (a check answered unknown)
};

struct OpenAnswer {
  std::vector<Outcome> outcomes;  // Allow, ExplicitDeny, ImplicitDeny
  std::string unsupported;        // set when the question is outside what the encoding models
};

// A witness the concrete evaluator does not confirm is an internal error (std::logic_error).
OpenAnswer authorize_open(const PolicySet& set, const OpenQuestion& q, const PolicySettings& s,
                          const SolverLimits& limits = {});

// ---- Built-in questions (for the audit) ----

// Does any principal outside `accounts` get Allow on some resource matching `resource_pattern`
// (any action, any context)? Principals are the candidates the policies name, a member of each
// account they name, and "any other principal" (an account no policy names: outside). A policy
// without a Principal element applies to whoever holds it, so an identity policy answers yes.
struct OutsideAnswer {
  Verdict verdict = Verdict::Unknown;
  std::string reason;              // for Unknown
  std::optional<Request> witness;  // for Yes (principal empty: a principal no policy names)
  std::vector<StatementRef> deciders;
};
OutsideAnswer principal_outside(const PolicySet& set, const std::vector<std::string>& accounts,
                                const std::string& resource_pattern, const PolicySettings& s,
                                const SolverLimits& limits = {});

// For each key and each action (a name or pattern): is the action allowed on some request that
// does not carry the key at all, i.e. allowed without a condition that requires the key?
struct UnconditionedAnswer {
  std::string key, action;
  Verdict verdict = Verdict::Unknown;
  std::string reason;
  std::optional<Request> witness;
  std::vector<StatementRef> deciders;
};
std::vector<std::string> default_guard_keys();  // acs:SourceIp, acs:SecureTransport, acs:MFAPresent
std::vector<UnconditionedAnswer> allowed_without(const PolicySet& set, const std::vector<std::string>& actions,
                                                 const std::vector<std::string>& keys, const PolicySettings& s,
                                                 const SolverLimits& limits = {});

// Can each statement ever take effect? Allow: some request it applies to is allowed and no other
// Allow statement of its layer applies. Deny: it applies to some request no other Deny applies to.
// Dead: it applies to no request at all (`parts`: the parts that contradict each other or the
// layers). Shadowed: `by` names the statements (from a minimised unsat core) whose presence keeps
// it from taking effect: other Allow statements that cover it, Deny statements that block it.
enum class StatementStatus { Effective, Dead, Shadowed, Unknown };
const char* statement_status_name(StatementStatus s);  // "effective", "dead", "shadowed", "unknown"

struct StatementEffect {
  StatementRef statement;
  StatementStatus status = StatementStatus::Unknown;
  std::vector<std::string> parts;  // for Dead
  std::vector<StatementRef> by;    // for Shadowed
  std::string reason;              // for Unknown
  std::optional<Request> witness;  // for Effective: a request it decides, replayed
};
std::vector<StatementEffect> statement_effects(const PolicySet& set, const PolicySettings& s,
                                               const SolverLimits& limits = {});

// The findings `validate --solver` reports for one policy (docs/validate.md) in place of the
// concrete approximations LP-VAL-030/031/032/040: LP-VAL-050 a statement that never applies,
// LP-VAL-051 an Allow that Deny statements always block, LP-VAL-052 a statement other statements of
// its effect always cover, LP-VAL-059 a statement the solver could not decide.
Diagnostics statement_findings(const Policy& policy, const PolicySettings& s, const SolverLimits& limits = {});

}  // namespace lp

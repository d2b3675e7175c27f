// The concrete RAM evaluator: the specification the Z3 encoding is checked against (style.md §7).
// No solver, no allocation per decision beyond the caller's reusable buffer.
#pragma once

#include <string_view>
#include <vector>

#include "lang/settings.h"
#include "solver/request.h"

namespace lp {

enum class Decision { Allow, ExplicitDeny, ImplicitDeny };
const char* decision_name(Decision d);  // "Allow" | "ExplicitDeny" | "ImplicitDeny"

// A statement that took part in a decision.
struct StatementRef {
  Layer layer = Layer::Identity;
  const Policy* policy = nullptr;
  size_t policy_index = 0;     // index within its layer
  size_t statement_index = 0;  // index within the policy
};

// Whether one condition holds for the request (missing keys and negation per settings).
bool condition_holds(const Condition& c, const Request& r, const PolicySettings& s);

// Whether a Principal block names `principal` (reference.md §1.10: RAM root or a bare account id
// stands for every identity of the account; Service principals by name).
bool principal_matches(const PrincipalBlock& block, std::string_view principal);

// Whether a statement applies: action, resource (if present), principal (if present), conditions.
bool statement_matches(const Statement& st, const Request& r, const PolicySettings& s);

// Decision of one list of policies: explicit Deny > Allow > implicit deny.
// `deciders` (optional, cleared first) receives the Deny statements that matched for ExplicitDeny,
// or the Allow statements that matched for Allow.
Decision evaluate_policies(const std::vector<Policy>& policies, Layer layer, const Request& r,
                           const PolicySettings& s, std::vector<StatementRef>* deciders = nullptr);

// Full layered decision (reference.md §1.7): control policies, then the session policy, then the
// identity policies; the first bounding layer (control, session) that does not allow decides, with
// its explicit or implicit deny, and the identity layer is not consulted. `deciders` names the
// statements that decided: the deciding layer's Deny statements, or every layer's Allow statements.
Decision evaluate(const PolicySet& set, const Request& r, const PolicySettings& s,
                  std::vector<StatementRef>* deciders = nullptr);

// The layer whose result `evaluate` returned (the first bounding layer that does not allow, else
// the identity layer).
Layer deciding_layer(const PolicySet& set, const Request& r, const PolicySettings& s);

}  // namespace lp

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

// Whether `action` is sts:AssumeRole (as the policies match actions: ignoring case by default).
bool is_assume_role(std::string_view action, const PolicySettings& s);

// Whether `principal` names an Alibaba Cloud service ("ecs.aliyuncs.com"), as a trust policy's
// Service principal does (reference.md §1.10), rather than a RAM identity or an account.
bool is_service_principal(std::string_view principal);

// Full layered decision (reference.md §1.7): control policies, then the session policy, each final
// on its explicit or implicit deny; then Decision A of the identity policies and, when the set has
// resource-based policies, Decision B of those: an explicit deny in either denies, otherwise an
// Allow of either allows, except that sts:AssumeRole needs both (§1.7, §1.10), and that a service
// caller's sts:AssumeRole is decided by the trust policy alone. `deciders` names the statements
// that decided: the denying layers' Deny statements, or every deciding layer's Allow statements;
// none for an implicit deny. `decided_by` receives the layer whose result is the decision: the
// bounding layer that stopped the pipeline, else the identity layer, or the resource-based layer
// when its Deny, its Allow alone, or its missing Allow for sts:AssumeRole decided.
Decision evaluate(const PolicySet& set, const Request& r, const PolicySettings& s,
                  std::vector<StatementRef>* deciders = nullptr, Layer* decided_by = nullptr);

}  // namespace lp

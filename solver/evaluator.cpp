// The concrete RAM evaluator (reference.md §1.5, §1.7; the choices the sources leave open follow
// PolicySettings, documented in docs/settings.md). The Z3 encoding (solver/z3_*) mirrors this file
// exactly, except for the resource-based layer, which the commands that ask Z3 never build;
// tests/z3_property_test.cpp holds them to it.
#include "solver/evaluator.h"

#include <cstring>

#include "solver/exact_number.h"

namespace lp {

const char* decision_name(Decision d) {
  switch (d) {
    case Decision::Allow: return "Allow";
    case Decision::ExplicitDeny: return "ExplicitDeny";
    case Decision::ImplicitDeny: return "ImplicitDeny";
  }
  return "?";
}

namespace {

// The positive operator whose negation `k` is (StringNotEquals -> StringEquals, ...).
OperatorKind positive_of(OperatorKind k) {
  switch (k) {
    case OperatorKind::StringNotEquals: return OperatorKind::StringEquals;
    case OperatorKind::StringNotEqualsIgnoreCase: return OperatorKind::StringEqualsIgnoreCase;
    case OperatorKind::StringNotLike: return OperatorKind::StringLike;
    case OperatorKind::NumericNotEquals: return OperatorKind::NumericEquals;
    case OperatorKind::DateNotEquals: return OperatorKind::DateEquals;
    case OperatorKind::NotIpAddress: return OperatorKind::IpAddress;
    default: return k;
  }
}

// One request value against one policy value under a positive operator. A request value that is
// not a literal of the operator's type (e.g. "abc" for Numeric*) never matches (docs/settings.md).
bool value_matches(OperatorKind k, const ConditionValue& cv, std::string_view v) {
  switch (k) {
    case OperatorKind::StringEquals: return v == cv.pattern.pattern();
    case OperatorKind::StringEqualsIgnoreCase: {
      const std::string& p = cv.pattern.pattern();  // stored folded
      if (p.size() != v.size()) return false;
      for (size_t i = 0; i < v.size(); ++i)
        if (ascii_lower(v[i]) != p[i]) return false;
      return true;
    }
    case OperatorKind::StringLike: return cv.pattern.matches(v);
    case OperatorKind::NumericEquals:
    case OperatorKind::NumericLessThan:
    case OperatorKind::NumericLessThanEquals:
    case OperatorKind::NumericGreaterThan:
    case OperatorKind::NumericGreaterThanEquals: {
      // Exactly as written (solver/exact_number.h): a double would hold 2^53 + 1 and 2^53 equal.
      auto n = parse_decimal(v);
      auto bound = parse_decimal(cv.text);
      if (!n || !bound) return false;
      int order = compare_decimal(*n, *bound);
      switch (k) {
        case OperatorKind::NumericEquals: return order == 0;
        case OperatorKind::NumericLessThan: return order < 0;
        case OperatorKind::NumericLessThanEquals: return order <= 0;
        case OperatorKind::NumericGreaterThan: return order > 0;
        default: return order >= 0;
      }
    }
    case OperatorKind::DateEquals:
    case OperatorKind::DateLessThan:
    case OperatorKind::DateLessThanEquals:
    case OperatorKind::DateGreaterThan:
    case OperatorKind::DateGreaterThanEquals: {
      auto d = parse_iso8601(v);
      if (!d) return false;
      switch (k) {
        case OperatorKind::DateEquals: return *d == cv.millis;
        case OperatorKind::DateLessThan: return *d < cv.millis;
        case OperatorKind::DateLessThanEquals: return *d <= cv.millis;
        case OperatorKind::DateGreaterThan: return *d > cv.millis;
        default: return *d >= cv.millis;
      }
    }
    case OperatorKind::Bool:
      if (ascii_iequals(v, "true")) return cv.boolean;
      if (ascii_iequals(v, "false")) return !cv.boolean;
      return false;
    case OperatorKind::IpAddress: {
      auto ip = parse_ip(v);
      return ip && cv.cidr.contains(*ip);
    }
    default: return false;  // negated kinds never reach here (positive_of)
  }
}

// Whether request value `v` matches any of the condition's values (OR across values, §1.5).
bool any_value(OperatorKind positive, const Condition& c, std::string_view v) {
  for (const auto& cv : c.values)
    if (value_matches(positive, cv, v)) return true;
  return false;
}

// A negated operator for one request value: Nor = matches none of the values (IAM analogue);
// Or = differs from at least one of them (NegatedMultiValueRule).
bool negated_value(OperatorKind positive, const Condition& c, std::string_view v, const PolicySettings& s) {
  if (s.negated_multi_value == NegatedMultiValueRule::Nor) return !any_value(positive, c, v);
  for (const auto& cv : c.values)
    if (!value_matches(positive, cv, v)) return true;
  return false;
}

bool missing_key_result(const Condition& c, const PolicySettings& s) {
  if (c.op.if_exists) return true;
  if (s.missing_key == MissingKeyRule::AlwaysFalse) return false;
  switch (c.op.qualifier) {
    case SetQualifier::ForAllValues: return true;   // vacuously true over no values (IAM analogue)
    case SetQualifier::ForAnyValue: return false;
    case SetQualifier::None: return operator_negated(c.op.kind);
  }
  return false;
}

// Account id of a principal: the 4th field of an ARN (acs:ram::123:user/x), or the string itself
// when it is a bare account id.
std::string_view account_of(std::string_view arn) {
  if (arn.rfind("acs:", 0) != 0) return arn;
  size_t from = 0;
  for (int i = 0; i < 3; ++i) {
    from = arn.find(':', from);
    if (from == std::string_view::npos) return {};
    ++from;
  }
  size_t end = arn.find(':', from);
  return end == std::string_view::npos ? std::string_view{} : arn.substr(from, end - from);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// reference.md §1.10: RAM "acs:ram::<uid>:root" (or a bare account id, as OSS bucket policies
// write it) stands for every identity of that account; other values name one principal.
bool principal_entry_matches(const PrincipalEntry& e, std::string_view principal) {
  if (e.kind == PrincipalKind::Any) return true;
  const std::string& v = e.value;
  if (e.kind == PrincipalKind::Service) return ascii_iequals(v, principal) || e.compiled.matches(principal);
  std::string_view uid;
  constexpr std::string_view kRoot = ":root";
  if (all_digits(v)) uid = v;
  else if (v.rfind("acs:ram::", 0) == 0 && v.size() > kRoot.size() && v.compare(v.size() - kRoot.size(), kRoot.size(), kRoot) == 0)
    uid = std::string_view(v).substr(9, v.size() - 9 - kRoot.size());
  if (!uid.empty() && uid.find_first_of("*?") == std::string_view::npos) return account_of(principal) == uid;
  return e.compiled.matches(principal);
}

}  // namespace

bool condition_holds(const Condition& c, const Request& r, const PolicySettings& s) {
  const ContextEntry* e = r.find(s.condition_key_case_insensitive ? std::string_view(c.key_folded)
                                                                  : std::string_view(c.key),
                                 s.condition_key_case_insensitive);
  if (!e || e->values.empty()) return missing_key_result(c, s);
  OperatorKind positive = positive_of(c.op.kind);
  bool negated = operator_negated(c.op.kind);
  auto holds_for = [&](const std::string& v) {
    return negated ? negated_value(positive, c, v, s) : any_value(positive, c, v);
  };
  // Across the request's values: ForAllValues needs every value, an unqualified negated operator
  // under Nor needs every value to match none (NOT of "some value matches some value"); otherwise one
  // value suffices.
  bool every = c.op.qualifier == SetQualifier::ForAllValues ||
               (c.op.qualifier == SetQualifier::None && negated && s.negated_multi_value == NegatedMultiValueRule::Nor);
  if (every) {
    for (const auto& v : e->values)
      if (!holds_for(v)) return false;
    return true;
  }
  for (const auto& v : e->values)
    if (holds_for(v)) return true;
  return false;
}

bool principal_matches(const PrincipalBlock& block, std::string_view principal) {
  for (const auto& e : block.entries)
    if (principal_entry_matches(e, principal)) return true;
  return false;
}

bool statement_matches(const Statement& st, const Request& r, const PolicySettings& s) {
  if (!st.action.matches(r.action)) return false;
  if (st.resource.present && !st.resource.matches(r.resource)) return false;
  if (st.principal.present && !principal_matches(st.principal, r.principal)) return false;
  for (const auto& c : st.conditions)
    if (!condition_holds(c, r, s)) return false;
  return true;
}

namespace {

// One layer's decision (explicit Deny > Allow > implicit deny). Appends the statements that decided
// it to `out` after what `out` already holds: the matching Deny statements for ExplicitDeny, the
// matching Allow statements for Allow, none for ImplicitDeny.
Decision layer_decision(const std::vector<Policy>& policies, Layer layer, const Request& r, const PolicySettings& s,
                        std::vector<StatementRef>* out) {
  const size_t base = out ? out->size() : 0;
  bool allowed = false, denied = false;
  for (size_t pi = 0; pi < policies.size(); ++pi) {
    const Policy& p = policies[pi];
    for (size_t si = 0; si < p.statements.size(); ++si) {
      const Statement& st = p.statements[si];
      // Once denied, only further Deny statements can matter (and only for the deciders list).
      if (denied && st.effect == Effect::Allow) continue;
      if (!out && allowed && st.effect == Effect::Allow) continue;
      if (!statement_matches(st, r, s)) continue;
      if (st.effect == Effect::Deny) {
        if (!out) return Decision::ExplicitDeny;
        if (!denied) out->resize(base);  // the Allow statements found so far do not decide
        denied = true;
      } else {
        allowed = true;
      }
      if (out) out->push_back({layer, &p, pi, si});
    }
  }
  if (denied) return Decision::ExplicitDeny;
  return allowed ? Decision::Allow : Decision::ImplicitDeny;
}

// Keeps only the entries [from, to) of `v` (the deciding layers' statements).
void keep_only(std::vector<StatementRef>* v, size_t from, size_t to) {
  if (!v) return;
  v->erase(v->begin() + static_cast<std::ptrdiff_t>(to), v->end());
  v->erase(v->begin(), v->begin() + static_cast<std::ptrdiff_t>(from));
}

}  // namespace

Decision evaluate_policies(const std::vector<Policy>& policies, Layer layer, const Request& r,
                           const PolicySettings& s, std::vector<StatementRef>* deciders) {
  if (deciders) deciders->clear();
  return layer_decision(policies, layer, r, s, deciders);
}

bool is_service_principal(std::string_view principal) {
  constexpr std::string_view kSuffix = ".aliyuncs.com";
  return principal.size() > kSuffix.size() && principal.rfind("acs:", 0) != 0 &&
         ascii_iequals(principal.substr(principal.size() - kSuffix.size()), kSuffix);
}

bool is_assume_role(std::string_view action, const PolicySettings& s) {
  constexpr std::string_view kAssumeRole = "sts:AssumeRole";
  return s.action_case_insensitive ? ascii_iequals(action, kAssumeRole) : action == kAssumeRole;
}

Decision evaluate(const PolicySet& set, const Request& r, const PolicySettings& s, std::vector<StatementRef>* deciders,
                  Layer* decided_by) {
  if (deciders) deciders->clear();
  auto decide = [&](Decision d, Layer l) {
    if (decided_by) *decided_by = l;
    return d;
  };
  auto size = [&] { return deciders ? deciders->size() : 0; };
  // The bounding layers of reference.md §1.7, in order: each is final on an explicit or an
  // implicit deny, named by its own Deny statements (none for an implicit deny); only what both
  // allow goes on. Their Allow statements stay in `deciders` for an Allow.
  for (auto [layer, l] : {std::pair{&set.control, Layer::Control}, std::pair{&set.session, Layer::Session}}) {
    if (!*layer) continue;
    const size_t base = size();
    Decision d = layer_decision(**layer, l, r, s, deciders);
    if (d != Decision::Allow) {
      keep_only(deciders, base, size());
      return decide(d, l);
    }
  }
  // A service (Principal "Service" of a trust policy, reference.md §1.10) assumes a role on its
  // own authority: it has no identity policies in the account, so the trust policy decides
  // alone, as in role-based SSO (§1.7, D6). docs/authorize.md.
  if (set.resource_based && is_assume_role(r.action, s) && is_service_principal(r.principal)) {
    const size_t base = size();
    Decision b = layer_decision(*set.resource_based, Layer::ResourceBased, r, s, deciders);
    if (b != Decision::Allow) keep_only(deciders, base, size());
    return decide(b, Layer::ResourceBased);
  }
  // Decision A, the identity policies.
  const size_t a_from = size();
  Decision a = layer_decision(set.identity, Layer::Identity, r, s, deciders);
  if (!set.resource_based) {
    if (a != Decision::Allow) keep_only(deciders, a_from, size());
    return decide(a, Layer::Identity);
  }
  if (a == Decision::ExplicitDeny && !deciders) return decide(a, Layer::Identity);
  // Decision B, the resource-based policies, and the combination of step 4.
  const size_t b_from = size();
  Decision b = layer_decision(*set.resource_based, Layer::ResourceBased, r, s, deciders);
  if (a == Decision::ExplicitDeny || b == Decision::ExplicitDeny) {
    // Only the Deny statements decide: drop the Allow statements of a layer that did not deny,
    // then those of the bounding layers.
    if (deciders) {
      auto at = [&](size_t i) { return deciders->begin() + static_cast<std::ptrdiff_t>(i); };
      if (b != Decision::ExplicitDeny) deciders->erase(at(b_from), deciders->end());
      if (a != Decision::ExplicitDeny) deciders->erase(at(a_from), at(b_from));
      deciders->erase(deciders->begin(), at(a_from));
    }
    return decide(Decision::ExplicitDeny, a == Decision::ExplicitDeny ? Layer::Identity : Layer::ResourceBased);
  }
  if (is_assume_role(r.action, s)) {
    // The caller's identity policies and the role's trust policy must both allow (§1.7, §1.10).
    if (a == Decision::Allow && b == Decision::Allow) return decide(Decision::Allow, Layer::Identity);
    if (deciders) deciders->clear();  // an implicit deny has no deciding statements
    return decide(Decision::ImplicitDeny, a != Decision::Allow ? Layer::Identity : Layer::ResourceBased);
  }
  if (a == Decision::Allow) return decide(Decision::Allow, Layer::Identity);
  if (b == Decision::Allow) return decide(Decision::Allow, Layer::ResourceBased);
  if (deciders) deciders->clear();
  return decide(Decision::ImplicitDeny, Layer::Identity);
}

}  // namespace lp

// The concrete RAM evaluator (reference.md §1.5, §1.7; the choices the sources leave open follow
// PolicySettings, documented in docs/settings.md). The Z3 encoding (solver/z3_*) mirrors this file
// exactly; tests/property_test.cpp holds them to it.
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

Decision evaluate_policies(const std::vector<Policy>& policies, Layer layer, const Request& r,
                           const PolicySettings& s, std::vector<StatementRef>* deciders) {
  if (deciders) deciders->clear();
  bool allowed = false, denied = false;
  for (size_t pi = 0; pi < policies.size(); ++pi) {
    const Policy& p = policies[pi];
    for (size_t si = 0; si < p.statements.size(); ++si) {
      const Statement& st = p.statements[si];
      // Once denied, only further Deny statements can matter (and only for the deciders list).
      if (denied && st.effect == Effect::Allow) continue;
      if (!deciders && allowed && st.effect == Effect::Allow) continue;
      if (!statement_matches(st, r, s)) continue;
      if (st.effect == Effect::Deny) {
        if (!denied && deciders) deciders->clear();
        denied = true;
        if (!deciders) return Decision::ExplicitDeny;
      } else {
        allowed = true;
      }
      if (deciders) deciders->push_back({layer, &p, pi, si});
    }
  }
  if (denied) return Decision::ExplicitDeny;
  if (allowed) return Decision::Allow;
  if (deciders) deciders->clear();
  return Decision::ImplicitDeny;
}

Decision evaluate(const PolicySet& set, const Request& r, const PolicySettings& s, std::vector<StatementRef>* deciders) {
  if (deciders) deciders->clear();
  // The pipeline of reference.md §1.7: control policies, then the session policy, each final on an
  // explicit or an implicit deny; only what both bounding layers allow reaches the identity layer.
  // A deny that decides is named by its own layer's statements; an implicit deny in a bounding
  // layer has none (deciding_layer says which layer it was).
  std::vector<StatementRef> allows;
  auto bound = [&](const std::optional<std::vector<Policy>>& layer, Layer l) -> std::optional<Decision> {
    if (!layer) return std::nullopt;
    Decision d = evaluate_policies(*layer, l, r, s, deciders);
    if (d != Decision::Allow) return d;
    if (deciders) allows.insert(allows.end(), deciders->begin(), deciders->end());
    return std::nullopt;
  };
  if (auto d = bound(set.control, Layer::Control)) return *d;
  if (auto d = bound(set.session, Layer::Session)) return *d;
  Decision d = evaluate_policies(set.identity, Layer::Identity, r, s, deciders);
  if (d == Decision::Allow && deciders) deciders->insert(deciders->begin(), allows.begin(), allows.end());
  return d;
}

Layer deciding_layer(const PolicySet& set, const Request& r, const PolicySettings& s) {
  if (set.control && evaluate_policies(*set.control, Layer::Control, r, s) != Decision::Allow) return Layer::Control;
  if (set.session && evaluate_policies(*set.session, Layer::Session, r, s) != Decision::Allow) return Layer::Session;
  return Layer::Identity;
}

}  // namespace lp

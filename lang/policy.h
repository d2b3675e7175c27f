// The typed RAM policy AST (style.md §2). Built once from the JSON reader's tree by
// lang/policy_parser.cpp; after that no code looks at JSON again. Patterns and literal values are
// compiled at load so evaluation never re-parses them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/source.h"
#include "lang/wildcard.h"

namespace lp {

enum class Effect { Allow, Deny };
const char* effect_name(Effect e);  // "Allow" | "Deny"

// The 21 documented RAM condition operators (reference.md §1.4).
enum class OperatorKind {
  StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike,
  NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan,
  NumericGreaterThanEquals,
  DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan, DateGreaterThanEquals,
  Bool,
  IpAddress, NotIpAddress,
};
inline constexpr int kOperatorCount = 21;

enum class OperatorFamily { String, Numeric, Date, Bool, Ip };

// Set qualifiers and IfExists exist only in Dialect::RamExtended (settings.h).
enum class SetQualifier { None, ForAnyValue, ForAllValues };

struct Operator {
  OperatorKind kind = OperatorKind::StringEquals;
  SetQualifier qualifier = SetQualifier::None;
  bool if_exists = false;
  std::string spelled;  // as written in the document
};

const char* operator_name(OperatorKind k);           // "StringEquals", ...
OperatorFamily operator_family(OperatorKind k);
bool operator_negated(OperatorKind k);               // String*Not*, *NotEquals, NotIpAddress
std::optional<OperatorKind> operator_from_name(std::string_view name);  // exact, case-sensitive

// An IPv4 or IPv6 address block. A bare address is a /32 (or /128) block.
struct Cidr {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // IPv4 in bytes[0..3]
  int prefix = 0;

  uint32_t v4() const {
    return (uint32_t(bytes[0]) << 24) | (uint32_t(bytes[1]) << 16) | (uint32_t(bytes[2]) << 8) | bytes[3];
  }
  bool contains(const Cidr& address) const;  // address is a single host (prefix 32/128)
  std::string to_string() const;
};
// Parses "a.b.c.d", "a.b.c.d/n", IPv6 forms, "x::y/n". Host bits under the mask must be zero
// unless `allow_host_bits` (RAM's examples write "116.62.XX.XX/24"-style blocks with host bits).
std::optional<Cidr> parse_cidr(std::string_view text, bool allow_host_bits = true);
std::optional<Cidr> parse_ip(std::string_view text);  // a single address, no prefix

// ISO 8601 date-time to milliseconds since the Unix epoch (UTC). Accepts "YYYY-MM-DD",
// "YYYY-MM-DDThh:mm[:ss[.fff]]" with "Z" or "+hh:mm"/"-hh:mm" (no zone = UTC).
std::optional<int64_t> parse_iso8601(std::string_view text);

// Strict decimal number ("-12", "3.5", "1e3"); no hex, no spaces, finite.
std::optional<double> parse_number(std::string_view text);

// One value of a condition, compiled for its operator's family.
struct ConditionValue {
  std::string text;  // as written
  SourceRef where;
  Wildcard pattern;  // String family: literal or wildcard; case-folded for the IgnoreCase operators
  double number = 0;         // Numeric
  int64_t millis = 0;        // Date
  bool boolean = false;      // Bool ("true"/"false", case-insensitive)
  Cidr cidr;                 // Ip
};

struct Condition {
  Operator op;
  std::string key;         // as written
  std::string key_folded;  // lower-cased, for lookup when condition keys are case-insensitive
  SourceRef where;         // the key's position
  std::vector<ConditionValue> values;
};

struct PatternItem {
  std::string text;  // as written
  Wildcard compiled;
  SourceRef where;
};

// Action / NotAction, Resource / NotResource.
struct PatternSet {
  bool present = false;  // the element appeared
  bool negated = false;  // NotAction / NotResource
  SourceRef where;       // the element's value
  std::vector<PatternItem> items;

  // Whether `subject` is covered by the element (negation applied). An absent set matches nothing.
  bool matches(std::string_view subject) const {
    if (!present) return false;
    bool any = false;
    for (const auto& it : items)
      if (it.compiled.matches(subject)) { any = true; break; }
    return negated ? !any : any;
  }
};

enum class PrincipalKind { Any, Ram, Service, Federated };
const char* principal_kind_name(PrincipalKind k);

struct PrincipalEntry {
  PrincipalKind kind = PrincipalKind::Any;
  std::string value;  // "*" for Any
  Wildcard compiled;
  SourceRef where;
};

struct PrincipalBlock {
  bool present = false;
  SourceRef where;
  std::vector<PrincipalEntry> entries;  // OR
};

struct Statement {
  size_t index = 0;  // position in the policy's Statement list
  SourceRef where;   // the statement object
  std::optional<std::string> sid;
  Effect effect = Effect::Allow;
  PatternSet action;    // negated => NotAction
  PatternSet resource;  // negated => NotResource; absent in role trust policies
  PrincipalBlock principal;
  std::vector<Condition> conditions;  // AND across all of them
};

enum class PolicyKind {
  Auto,           // infer: a Principal element makes it resource-based (trust / bucket / endpoint policy)
  Identity,       // attached to users, groups, roles; no Principal
  Trust,          // a role's AssumeRole policy: Principal required, Action sts:AssumeRole
  ResourceBased,  // OSS bucket, KMS key, endpoint policies: Principal required
  Control,        // Resource Directory control policy: no Principal (reference.md §1.8)
  Session,        // STS session policy
};
const char* policy_kind_name(PolicyKind k);

struct Policy {
  std::string file;   // the file it came from ("<builtin>/..." for bundled data)
  std::string name;   // file stem or the bundled policy's name
  SourceRef where;    // the document object
  PolicyKind kind = PolicyKind::Identity;
  std::string version;
  bool statement_was_object = false;  // "Statement": {...} instead of a list
  size_t document_chars = 0;          // length of the source text in characters
  std::vector<Statement> statements;
};

}  // namespace lp

// The audit assertion language (docs/audit.md): a spec file of English sentences, one per line,
// with `#` comments and `let` named sets, read by a Boost.Spirit X3 grammar into the typed AST
// below. Every node keeps the file:line:column it came from; a malformed line is a located error
// (LP-SPEC-0xx) naming what was expected there.
//
//   let org = accounts 111111111111, 222222222222
//   only org can reach epsrv-1
//   account 333333333333 cannot reach epsrv-1 on tcp 22
//   principal acs:ram::111111111111:user/dev cannot privatelink:Delete* on * when acs:MFAPresent = false
//   policy p-admin is no broader than "baseline/admin.json"
//   no service whitelists "*"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "lang/diagnostic.h"
#include "lang/policy.h"
#include "lang/security_group.h"

namespace lp {

// `can` / `cannot reach` ask about now; `could` / `could not reach` about the could mode
// (what the account obtains acting alone; docs/reach.md).
enum class ReachTense { Now, Could };

// An account id as written, with its place.
struct SpecAccount {
  std::string id;
  SourceRef where;
};

// A set of accounts: `accounts A, B`, `account A`, or the name of a `let` set (resolved at parse:
// `accounts` then holds the set's members and `name` the set's name).
struct AccountSetRef {
  std::string name;  // "" when written out in place
  std::vector<SpecAccount> accounts;
  SourceRef where;
};

// `epsrv-1` or `any service`.
struct ServiceRef {
  bool any = false;
  std::string id;
  SourceRef where;
};

// A file named in quotes, relative to the spec file's folder.
struct SpecFile {
  std::string as_written;
  std::string path;  // resolved against the spec file's folder
  SourceRef where;
};

// `only S can|could reach T`: no account outside S reaches T (each service, for `any service`).
struct OnlyReach {
  AccountSetRef allowed;
  ReachTense tense = ReachTense::Now;
  ServiceRef target;
};

// `account X can|cannot|could|could not reach T [on tcp|udp PORT] [from CIDR]` and
// `no account can|could reach T [...]` (every account of the world: `any_account`, positive false).
struct AccountReach {
  bool any_account = false;
  SpecAccount account;  // when !any_account
  bool positive = true;  // can / could (false: cannot / could not / no account)
  ReachTense tense = ReachTense::Now;
  ServiceRef target;
  std::optional<IpProtocol> protocol;  // with `port`
  std::optional<int> port;
  SourceRef port_where;
  std::optional<Cidr> from;  // some client address in the block
  SourceRef from_where;
};

// One `when` key = value.
struct SpecContext {
  std::string key, value;
  SourceRef where;
};

// `principal P can|cannot ACTION on PATTERN [when K = V and ...]`: some request in the pattern is
// allowed (cannot: none is), with the `when` keys as given.
struct PrincipalCan {
  std::string principal;
  SourceRef principal_where;
  bool positive = true;
  std::string action;
  SourceRef action_where;
  std::string resource;
  SourceRef resource_where;
  std::vector<SpecContext> when;
};

// `policy ID is no broader than "FILE"`: every request the world's policy ID allows, FILE allows.
struct NoBroader {
  std::string policy;
  SourceRef policy_where;
  SpecFile baseline;
};

// `no service auto-accepts accounts outside S`.
struct NoAutoAccept {
  AccountSetRef inside;
};

// `no service whitelists "ENTRY"`: the literal entry (so `"*"` means the entry `*`).
struct NoWhitelistEntry {
  std::string entry;
  SourceRef entry_where;
};

// `no endpoint security group admits CIDR`: no endpoint's security group accepts ingress from every
// address of the block on some protocol and port.
struct NoGroupAdmits {
  Cidr block;
  SourceRef block_where;
};

// `plan "FILE" keeps account X reaching T`.
struct PlanKeeps {
  SpecFile plan;
  SpecAccount account;
  ServiceRef target;
};

using AssertionBody = std::variant<OnlyReach, AccountReach, PrincipalCan, NoBroader, NoAutoAccept, NoWhitelistEntry,
                                   NoGroupAdmits, PlanKeeps>;

struct Assertion {
  AssertionBody body;
  std::string text;  // the sentence as written (without its comment)
  SourceRef where;   // its first character
};

struct LetSet {
  std::string name;
  std::vector<SpecAccount> accounts;
  SourceRef where;
};

struct AuditSpec {
  std::string file;
  std::vector<LetSet> sets;
  std::vector<Assertion> assertions;
};

// Parses spec text; `file` names it in errors and anchors quoted paths. Every malformed line is
// reported (LP-SPEC-001 syntax, LP-SPEC-002 unknown set name, LP-SPEC-003 set defined twice,
// LP-SPEC-004 bad CIDR block, LP-SPEC-005 bad port, LP-SPEC-006 a non-ASCII or control character
// outside quotes, LP-SPEC-007 unterminated quote); nullopt when any was.
std::optional<AuditSpec> parse_audit_spec(std::string_view text, const std::string& file, Diagnostics& diags);

// Reads and parses a spec file (LP-IO-001 when it cannot be read).
std::optional<AuditSpec> load_audit_spec(const std::string& path, Diagnostics& diags);

}  // namespace lp

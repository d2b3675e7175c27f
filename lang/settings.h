// Every choice the RAM documentation leaves open (reference.md marks them UNCONFIRMED) is a named
// setting here, with the default documented in docs/settings.md. Settings travel as one value from
// the CLI down (style.md §12); there is no global mutable state.
#pragma once

#include <cstddef>

namespace lp {

// How a condition on a key that the request does not carry evaluates (reference.md §1.5, UNCONFIRMED).
enum class MissingKeyRule {
  IamAnalogue,  // default: positive operators false, negated operators (String*Not*, Numeric/Date NotEquals, NotIpAddress) true
  AlwaysFalse,  // every condition on a missing key is false
};

// How a negated operator with several values combines them (reference.md §1.5, UNCONFIRMED).
enum class NegatedMultiValueRule {
  Nor,  // default (IAM analogue): holds only when the request value matches none of the values
  Or,   // holds when the request value differs from at least one of the values
};

// Which grammar the policy parser accepts.
enum class Dialect {
  Ram,          // default: the 21 documented RAM operators, Version "1", acs: names
  RamExtended,  // also ForAnyValue:/ForAllValues: prefixes and the IfExists suffix, with IAM-analogue semantics
};

// What a document over RAM's length limit (reference.md §1.12) is. The limit decides whether RAM
// would accept the document, not what it means.
enum class SizeLimitRule {
  Error,    // default: refused with LP-RAM-023 (validate; documents inside worlds)
  Warning,  // read and evaluated, with an LP-RAM-023 warning (authorize, compare, ask)
};

struct PolicySettings {
  Dialect dialect = Dialect::Ram;
  MissingKeyRule missing_key = MissingKeyRule::IamAnalogue;
  NegatedMultiValueRule negated_multi_value = NegatedMultiValueRule::Nor;
  bool action_case_insensitive = true;      // "in most cases not case-sensitive" (reference.md §1.2)
  bool resource_case_insensitive = false;   // UNCONFIRMED; case-sensitive is the safe choice
  bool condition_key_case_insensitive = true;  // UNCONFIRMED (§1.2): acs:PrincipalARN vs acs:PrincipalArn both seen
  bool statement_object_allowed = false;    // a bare Statement object (UNCONFIRMED §7.9): refused (LP-RAM-005) unless set
  size_t max_document_chars = 6144;         // custom policy length limit (reference.md §1.12, current CreatePolicy)
  size_t max_control_policy_chars = 4096;   // Resource Directory control policy limit (reference.md §1.8, §1.12)
  size_t max_session_policy_chars = 2048;   // STS AssumeRole Policy parameter limit (reference.md §1.9)
  SizeLimitRule size_limit = SizeLimitRule::Error;
};

// ---- the PrivateLink world (docs/settings.md, "World model") ----

// Whether an endpoint zone in status Migrating forwards traffic (reference.md §3.5, §3.6). PL-RS-06
// says a smooth migration keeps the old and the new ENI side by side until the old connection is
// cleaned, a forced one switches at once; the zone status does not say which mode is running.
enum class MigratingZoneRule {
  Serves,  // default: a Migrating zone forwards (smooth migration, the guide's worked scenario)
  Down,    // a Migrating zone forwards nothing (forced migration may interrupt the connection)
};

// How a whitelist entry naming every account reads: UserId "*" or UserARN "acs:ram:*::*"
// (reference.md §3.7, §7.13: UNCONFIRMED).
enum class WhitelistWildcardRule {
  Unknown,      // default: whether it admits an account is not known; answers that depend on it are unknown
  AllAccounts,  // it admits every account
  Ignored,      // it admits no account
};

struct WorldSettings {
  MigratingZoneRule migrating_zone = MigratingZoneRule::Serves;
  WhitelistWildcardRule whitelist_wildcard = WhitelistWildcardRule::Unknown;
};

}  // namespace lp

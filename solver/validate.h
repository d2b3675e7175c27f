// Policy validation findings in the style of IAM Access Analyzer's policy checks (docs/validate.md):
// unknown actions, broad grants, NotAction/NotResource with Allow, duplicate and shadowed
// statements, conditions that can never hold. Concrete and sound: a finding is only reported when
// it certainly holds; the Z3 engine (docs/solver.md) decides the cases this cannot.
#pragma once

#include <string>
#include <string_view>

#include "lang/catalogue.h"
#include "lang/diagnostic.h"
#include "lang/policy.h"
#include "lang/settings.h"

namespace lp {

Diagnostics validate_policy(const Policy& policy, const Catalogue& catalogue, const PolicySettings& settings);

// Glob inclusion: whether every string matched by glob `p` is matched by glob `q` (both with '*' and
// '?', compared as written: callers pass patterns folded alike). Exact: a cheap dynamic programme
// settles the usual cases; otherwise the product of p's automaton with q's determinised one is
// searched for a string p matches and q does not. The problem is coNP-complete in general, so the
// search has a state budget; past it the answer is Unknown.
enum class Inclusion { Yes, No, Unknown };

struct InclusionResult {
  Inclusion answer = Inclusion::Unknown;
  std::string witness;  // for No: a string p matches and q does not
};

InclusionResult glob_inclusion(std::string_view q, std::string_view p, size_t state_budget = 100000);

// glob_inclusion(q, p).answer == Yes: true means certainly included (Unknown counts as false).
bool glob_subsumes(std::string_view q, std::string_view p);

}  // namespace lp

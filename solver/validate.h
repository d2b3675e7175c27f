// Policy validation findings in the style of IAM Access Analyzer's policy checks (docs/validate.md):
// unknown actions, broad grants, NotAction/NotResource with Allow, duplicate and shadowed
// statements, conditions that can never hold. Concrete and sound: a finding is only reported when
// it certainly holds; the Z3 engine (issue 5) decides the cases this cannot.
#pragma once

#include <string_view>

#include "lang/catalogue.h"
#include "lang/diagnostic.h"
#include "lang/policy.h"
#include "lang/settings.h"

namespace lp {

Diagnostics validate_policy(const Policy& policy, const Catalogue& catalogue, const PolicySettings& settings);

// Whether every string matched by glob `p` is matched by glob `q` (both with * and ?). Sound but not
// complete: true means certainly included; false may also mean "could not tell" (e.g. "?*" vs "*?").
bool glob_subsumes(std::string_view q, std::string_view p);

}  // namespace lp

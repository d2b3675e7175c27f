// RAM policy documents: JSON text -> typed Policy, with located errors (exit code 2 material).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lang/diagnostic.h"
#include "lang/json.h"
#include "lang/policy.h"
#include "lang/settings.h"

namespace lp {

// Converts an already parsed JSON document. `cursor` gives file and JSON pointer (a policy may sit
// inside a larger file, e.g. a policy set or a world). Appends LP-RAM-* errors; nullopt on error.
std::optional<Policy> parse_policy(const JsonCursor& cursor, const PolicySettings& settings, Diagnostics& diags,
                                   PolicyKind kind = PolicyKind::Auto);

// Parses policy text (size limit, JSON, then the conversion above).
std::optional<Policy> parse_policy_text(std::string_view text, const std::string& file,
                                        const PolicySettings& settings, Diagnostics& diags,
                                        PolicyKind kind = PolicyKind::Auto);

// Reads and parses a policy file.
std::optional<Policy> load_policy_file(const std::string& path, const PolicySettings& settings, Diagnostics& diags,
                                       PolicyKind kind = PolicyKind::Auto);

}  // namespace lp

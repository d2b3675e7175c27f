// The compact security-group rule line (docs/sg-rule-syntax.md), a Boost.Spirit X3 grammar:
//   ingress accept tcp 443 from 10.0.0.0/24 priority 1 "web"
//   egress drop all to 0.0.0.0/0 priority 100
// Usable in a world file wherever a rule object is (lang/world_loader.cpp).
#pragma once

#include <optional>
#include <string_view>

#include "lang/diagnostic.h"
#include "lang/security_group.h"

namespace lp {

// `where` is the position of the line's first character (for a JSON string: one column after the
// opening quote). Errors (LP-SG-0xx) name the column inside the line and what was expected.
std::optional<SecurityGroupRule> parse_sg_rule_line(std::string_view line, const SourceRef& where, Diagnostics& diags);

// Shared with the JSON rule objects: "443", "8000-8080", "22/22", "-1/-1" (all). False when malformed.
bool parse_port_range(std::string_view text, PortRange& out);

}  // namespace lp

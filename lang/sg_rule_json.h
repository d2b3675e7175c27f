// Security-group rules as JSON objects, with the attribute names of Terraform's
// alicloud_security_group_rule (reference.md §4.2, §6.2): direction, protocol, port_range, policy,
// priority, cidr | ipv6_cidr | source_group | prefix_list, description, nic_type. A rule may also be
// a rule line string (lang/sg_rule_line.h). docs/sg-rule-syntax.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/diagnostic.h"
#include "lang/json.h"
#include "lang/security_group.h"

namespace lp {

// One rule: an object or a rule line string. `id` names it in findings ("<group>#<index>" by default).
std::optional<SecurityGroupRule> parse_sg_rule(const JsonCursor& c, const std::string& id, Diagnostics& diags);

// A list of rules; false when any rule failed (each failure is a located LP-SG-* error).
bool parse_sg_rules(const JsonCursor& list, const std::string& group_id, Diagnostics& diags,
                    std::vector<SecurityGroupRule>& out);

// A rule-set file as in ../shared/corpus-external/security-groups: {"security_group_id", "rules": [...]}
// (a "source" member is provenance and ignored), or a group {"id", "type", "inner_access", "rules"}.
std::optional<SecurityGroup> load_security_group_file(const std::string& path, Diagnostics& diags);

// Reads the group members shared by the world file and group files: id, name, type, inner_access,
// rules. `allowed_extra` lists further member names the caller handles itself.
std::optional<SecurityGroup> parse_security_group(const JsonCursor& c, Diagnostics& diags,
                                                  const std::vector<std::string>& allowed_extra = {});

}  // namespace lp

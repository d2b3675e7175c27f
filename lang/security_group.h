// Security groups and their rules (reference.md §4; PL-EP-09, PL-EP-11). Rules come either from
// JSON objects in the world file or from the compact rule line syntax (lang/sg_rule_grammar.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lang/policy.h"  // Cidr
#include "lang/source.h"

namespace lp {

enum class Direction { Ingress, Egress };
enum class IpProtocol { Tcp, Udp, Icmp, Icmpv6, Gre, All };
enum class RulePolicy { Accept, Drop };
enum class SecurityGroupType { Basic, Enterprise };  // API "normal" | "enterprise"
enum class InnerAccessPolicy { Accept, Drop };

const char* direction_name(Direction d);      // "ingress" | "egress"
const char* protocol_name(IpProtocol p);      // "tcp" | "udp" | "icmp" | "icmpv6" | "gre" | "all"
const char* rule_policy_name(RulePolicy p);   // "accept" | "drop"

struct PortRange {
  int from = -1, to = -1;  // -1/-1 = all ports (ICMP, GRE, ALL)
  bool all() const { return from == -1 && to == -1; }
  bool contains(int port) const { return all() || (port >= from && port <= to); }
};

// The other end of a rule: the source for ingress, the destination for egress.
struct RulePeer {
  enum class Kind { Cidr, Group, PrefixList } kind = Kind::Cidr;
  Cidr cidr;               // Kind::Cidr
  std::string group_id;    // Kind::Group (basic groups only)
  std::string prefix_list; // Kind::PrefixList
};

struct SecurityGroupRule {
  std::string id;  // SecurityGroupRuleId when known, else "<group>#<index>"
  Direction direction = Direction::Ingress;
  IpProtocol protocol = IpProtocol::All;
  PortRange ports;
  RulePeer peer;
  RulePolicy policy = RulePolicy::Accept;
  int priority = 1;  // 1..100, smaller first
  std::string description;
  SourceRef where;
};

struct SecurityGroup {
  std::string id;  // sg-...
  std::string name;
  std::string vpc_id;
  SecurityGroupType type = SecurityGroupType::Basic;
  InnerAccessPolicy inner_access = InnerAccessPolicy::Accept;  // basic groups; enterprise is always isolated
  std::vector<SecurityGroupRule> rules;
  SourceRef where;
};

}  // namespace lp

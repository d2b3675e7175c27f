// The concrete security-group evaluator (reference.md §4.3; PL-EP-11): given the groups of one ENI
// and a packet, accept or drop and the rule (or default) that decided. The choices the sources leave
// open are SgSettings fields (docs/settings.md).
#pragma once

#include <string>
#include <vector>

#include "lang/security_group.h"

namespace lp {

// §4.1 [E2] says InnerAccessPolicy=Accept lets members of a basic group reach each other and that
// "other custom access rules are ignored"; §4.3 item 6 calls the ranking against explicit drop
// rules UNCONFIRMED.
enum class IntraGroupRule {
  BeforeRules,  // default, the API text: members of a shared basic group with Accept reach each other
  AfterRules,   // explicit matching rules decide first; intra-group accept only when none matches
};

struct SgSettings {
  IntraGroupRule intra_group = IntraGroupRule::BeforeRules;
};

struct Packet {
  Direction direction = Direction::Ingress;
  IpProtocol protocol = IpProtocol::Tcp;
  Cidr src, dst;  // hosts
  int port = 0;   // destination port (tcp/udp); ignored for other protocols
};

// What the evaluator knows of the other end: its security groups when it is an ENI of the world
// (for group-peer rules and intra-group traffic).
struct SgContext {
  std::vector<std::string> remote_groups;
};

enum class SgDecidedBy { Rule, IntraGroup, Default };

struct SgVerdict {
  RulePolicy policy = RulePolicy::Drop;
  bool unknown = false;        // a prefix-list rule could decide and its contents are not known
  std::string reason;          // for unknown
  SgDecidedBy decided_by = SgDecidedBy::Default;
  const SecurityGroupRule* rule = nullptr;  // Rule
  const SecurityGroup* group = nullptr;     // Rule / IntraGroup: the group holding it
  std::string explanation;     // one line, e.g. "sg-1 rule sg-1#0 (priority 1) accepts tcp/443 from 10.0.0.0/24"
};

// Whether one rule matches the packet (direction, protocol, port, remote end). Prefix lists never
// match here; evaluate_packet reports them as unknown when they could decide.
bool rule_matches(const SecurityGroupRule& r, const Packet& p, const SgContext& ctx);

SgVerdict evaluate_packet(const std::vector<const SecurityGroup*>& groups, const Packet& p, const SgContext& ctx,
                          const SgSettings& s = {});

}  // namespace lp

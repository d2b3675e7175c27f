// Security-group rule changes (reference.md §4.2): the API fields of AuthorizeSecurityGroup and
// its Egress and Revoke forms, so a plan can open or close a port.
#include <algorithm>
#include <cctype>

#include "lang/sg_rule_line.h"
#include "solver/lifecycle/ctx.h"

namespace lp::lifecycle {

namespace {

// The group named by SecurityGroupId, in a VPC of the caller's account (PL-OP-01, PL-OP-02).
size_t own_group(Ctx& c) {
  size_t g = c.security_group();
  if (g == kNone) return kNone;
  const SecurityGroup& sg = c.w().security_groups[g];
  const Vpc* vpc = World::lookup(c.w().vpcs, c.w().vpc_index, sg.vpc_id);
  size_t owner = vpc ? vpc->account : kNone;
  c.owns(owner, sg.id, sg.where, "SecurityGroupId");
  c.ram(ecs_arn(vpc ? vpc->region : "*", c.caller.account, "securitygroup", sg.id));
  return g;
}

// The rule the arguments describe (PL-OP-07 when they do not describe a valid one).
std::optional<SecurityGroupRule> rule_of(Ctx& c, size_t g, Direction d) {
  SecurityGroupRule r;
  r.direction = d;
  bool good = true;
  auto bad = [&](const char* arg, const std::string& m) {
    c.fail("PL-OP-07", g == kNone ? "" : c.w().security_groups[g].id, {}, m, c.at(arg));
    good = false;
  };
  auto proto = c.str("IpProtocol");
  if (proto) {
    std::string p = *proto;
    std::transform(p.begin(), p.end(), p.begin(), [](unsigned char ch) { return std::tolower(ch); });
    if (p == "tcp") r.protocol = IpProtocol::Tcp;
    else if (p == "udp") r.protocol = IpProtocol::Udp;
    else if (p == "icmp") r.protocol = IpProtocol::Icmp;
    else if (p == "gre") r.protocol = IpProtocol::Gre;
    else if (p == "all") r.protocol = IpProtocol::All;
    else bad("IpProtocol", "IpProtocol must be TCP, UDP, ICMP, GRE or ALL, found \"" + *proto + "\"");
  }
  if (auto ports = c.str("PortRange")) {
    if (!parse_port_range(*ports, r.ports)) bad("PortRange", "PortRange must be start/end (1-65535) or -1/-1, found \"" + *ports + "\"");
    else if ((r.protocol == IpProtocol::Tcp || r.protocol == IpProtocol::Udp) && r.ports.all())
      bad("PortRange", "TCP and UDP rules take a port range 1-65535, not -1/-1");
  }
  if (auto policy = c.word("Policy", {"accept", "drop", "Accept", "Drop"}, false))
    r.policy = (*policy == "drop" || *policy == "Drop") ? RulePolicy::Drop : RulePolicy::Accept;
  if (auto pr = c.opt_int("Priority")) {
    if (*pr < 1 || *pr > 100) bad("Priority", "Priority must be 1 to 100");
    r.priority = *pr;
  }
  if (auto desc = c.opt_str("Description")) r.description = *desc;
  const char* cidr_arg = d == Direction::Ingress ? "SourceCidrIp" : "DestCidrIp";
  const char* group_arg = d == Direction::Ingress ? "SourceGroupId" : "DestGroupId";
  auto cidr = c.opt_str(cidr_arg);
  auto peer = c.opt_str(group_arg);
  if (cidr.has_value() == peer.has_value()) {
    bad(cidr_arg, std::string("give exactly one of ") + cidr_arg + " and " + group_arg);
  } else if (cidr) {
    auto block = parse_cidr(*cidr, false);
    if (!block) bad(cidr_arg, std::string(cidr_arg) + " must be an IPv4 address or CIDR block, found \"" + *cidr + "\"");
    else r.peer.cidr = *block;
  } else {
    r.peer.kind = RulePeer::Kind::Group;
    r.peer.group_id = *peer;
    if (!c.w().sg_index.count(*peer)) c.fail("PL-OP-01", *peer, {}, "no security group " + *peer + " in the world", c.at(group_arg));
    if (g != kNone && c.w().security_groups[g].type == SecurityGroupType::Enterprise)
      bad(group_arg, "an enterprise group takes no group as a rule peer (reference.md §4.1)");
  }
  if (!good) return std::nullopt;
  return r;
}

bool same_rule(const SecurityGroupRule& a, const SecurityGroupRule& b) {
  // A rule is identified by protocol, port range, peer, policy and priority (reference.md §4.2).
  if (a.direction != b.direction || a.protocol != b.protocol || a.ports.from != b.ports.from || a.ports.to != b.ports.to ||
      a.policy != b.policy || a.priority != b.priority || a.peer.kind != b.peer.kind)
    return false;
  if (a.peer.kind == RulePeer::Kind::Cidr) return a.peer.cidr.to_string() == b.peer.cidr.to_string();
  if (a.peer.kind == RulePeer::Kind::Group) return a.peer.group_id == b.peer.group_id;
  return a.peer.prefix_list == b.peer.prefix_list;
}

void authorize_rule(Ctx& c, Direction d) {
  size_t g = own_group(c);
  auto r = rule_of(c, g, d);
  if (!c.proceed()) return;
  SecurityGroup& sg = c.w().security_groups[g];
  for (const auto& existing : sg.rules)
    if (same_rule(existing, *r)) {
      c.out.notes.push_back("an identical rule " + existing.id + " exists: nothing is added (reference.md §4.2)");
      return;
    }
  r->id = sg.id + "#" + std::to_string(sg.rules.size()) + "-plan";
  r->where = c.step.where;
  sg.rules.push_back(*r);
  c.touch_all();
}

void revoke_rule(Ctx& c, Direction d) {
  size_t g = own_group(c);
  auto r = rule_of(c, g, d);
  size_t found = kNone;
  if (g != kNone && r) {
    const SecurityGroup& sg = c.w().security_groups[g];
    for (size_t i = 0; i < sg.rules.size(); ++i)
      if (same_rule(sg.rules[i], *r)) found = i;
    if (found == kNone)
      c.fail("PL-OP-07", sg.id, sg.where, sg.id + " has no " + direction_name(d) + " rule with these fields", c.step.args_where);
  }
  if (!c.proceed()) return;
  auto& rules = c.w().security_groups[g].rules;
  rules.erase(rules.begin() + static_cast<long>(found));
  c.touch_all();
}

}  // namespace

void AuthorizeSecurityGroup(Ctx& c) { authorize_rule(c, Direction::Ingress); }
void AuthorizeSecurityGroupEgress(Ctx& c) { authorize_rule(c, Direction::Egress); }
void RevokeSecurityGroup(Ctx& c) { revoke_rule(c, Direction::Ingress); }
void RevokeSecurityGroupEgress(Ctx& c) { revoke_rule(c, Direction::Egress); }

}  // namespace lp::lifecycle

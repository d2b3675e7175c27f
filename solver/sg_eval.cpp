#include "solver/sg_eval.h"

#include <algorithm>

namespace lp {

namespace {

const Cidr& remote_of(const Packet& p) { return p.direction == Direction::Ingress ? p.src : p.dst; }

bool protocol_matches(IpProtocol rule, IpProtocol packet) { return rule == IpProtocol::All || rule == packet; }

bool ports_matter(IpProtocol p) { return p == IpProtocol::Tcp || p == IpProtocol::Udp; }

bool in_group(const SgContext& ctx, const std::string& id) {
  return std::find(ctx.remote_groups.begin(), ctx.remote_groups.end(), id) != ctx.remote_groups.end();
}

std::string describe(const SecurityGroup& g, const SecurityGroupRule& r, const Packet& p) {
  std::string peer = r.peer.kind == RulePeer::Kind::Cidr    ? r.peer.cidr.to_string()
                     : r.peer.kind == RulePeer::Kind::Group ? r.peer.group_id
                                                            : r.peer.prefix_list;
  std::string what = protocol_name(p.protocol);
  if (ports_matter(p.protocol)) (what += '/') += std::to_string(p.port);  // appended, not "/" + to_string: lang/policy.cpp Cidr::to_string
  return g.id + " rule " + r.id + " (priority " + std::to_string(r.priority) + ", " + r.where.to_string() + ") " +
         (r.policy == RulePolicy::Accept ? "accepts " : "drops ") + what +
         (p.direction == Direction::Ingress ? " from " : " to ") + peer;
}

}  // namespace

bool rule_matches(const SecurityGroupRule& r, const Packet& p, const SgContext& ctx) {
  if (r.direction != p.direction || !protocol_matches(r.protocol, p.protocol)) return false;
  if (ports_matter(p.protocol) && !r.ports.contains(p.port)) return false;
  switch (r.peer.kind) {
    case RulePeer::Kind::Cidr: return r.peer.cidr.contains(remote_of(p));
    case RulePeer::Kind::Group: return in_group(ctx, r.peer.group_id);
    case RulePeer::Kind::PrefixList: return false;
  }
  return false;
}

SgVerdict evaluate_packet(const std::vector<const SecurityGroup*>& groups, const Packet& p, const SgContext& ctx,
                          const SgSettings& s) {
  SgVerdict v;
  // Intra-group traffic: both ends in one basic group whose policy is Accept (§4.1).
  const SecurityGroup* shared = nullptr;
  for (const SecurityGroup* g : groups)
    if (g->type == SecurityGroupType::Basic && g->inner_access == InnerAccessPolicy::Accept && in_group(ctx, g->id)) {
      shared = g;
      break;
    }
  auto intra = [&] {
    v.policy = RulePolicy::Accept;
    v.decided_by = SgDecidedBy::IntraGroup;
    v.group = shared;
    v.explanation = "both ends are members of basic group " + shared->id + " whose intra-group policy is Accept";
    return v;
  };
  if (shared && s.intra_group == IntraGroupRule::BeforeRules) return intra();

  // Every rule of every group for this direction, by priority, drop before accept (§4.3).
  struct Candidate {
    const SecurityGroupRule* rule;
    const SecurityGroup* group;
  };
  std::vector<Candidate> candidates;
  for (const SecurityGroup* g : groups)
    for (const auto& r : g->rules)
      if (r.direction == p.direction) candidates.push_back({&r, g});
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.rule->priority != b.rule->priority) return a.rule->priority < b.rule->priority;
    return a.rule->policy == RulePolicy::Drop && b.rule->policy == RulePolicy::Accept;
  });
  for (const auto& c : candidates) {
    const SecurityGroupRule& r = *c.rule;
    if (r.peer.kind == RulePeer::Kind::PrefixList && protocol_matches(r.protocol, p.protocol) &&
        (!ports_matter(p.protocol) || r.ports.contains(p.port))) {
      // Its contents are not in the world: it may or may not match, and it comes first.
      v.unknown = true;
      v.rule = c.rule;
      v.group = c.group;
      v.reason = "rule " + r.id + " of " + c.group->id + " (priority " + std::to_string(r.priority) +
                 ") names prefix list " + r.peer.prefix_list + ", whose entries are not known";
      return v;
    }
    if (rule_matches(r, p, ctx)) {
      v.policy = r.policy;
      v.decided_by = SgDecidedBy::Rule;
      v.rule = c.rule;
      v.group = c.group;
      v.explanation = describe(*c.group, r, p);
      return v;
    }
  }
  if (shared) return intra();
  // No rule matched: ingress is dropped; egress is accepted by basic groups and dropped by
  // enterprise groups (§4.1). An ENI in no group of the world has no rule at all: the same
  // defaults, egress accepted (both group types drop unmatched ingress).
  bool enterprise = false, basic = false;
  for (const SecurityGroup* g : groups) (g->type == SecurityGroupType::Enterprise ? enterprise : basic) = true;
  v.decided_by = SgDecidedBy::Default;
  if (p.direction == Direction::Egress && enterprise && basic) {
    // §4.1: an ENI cannot be in a basic and an enterprise group at once, and the two egress
    // defaults differ: the order the groups are given in must not decide.
    v.unknown = true;
    v.reason = "no rule matches and the ENI is in a basic and an enterprise group at once, which ECS refuses (reference.md "
               "§4.1): the egress default (basic accepts, enterprise drops) is not defined";
    return v;
  }
  v.policy = (p.direction == Direction::Egress && !enterprise) ? RulePolicy::Accept : RulePolicy::Drop;
  std::string whose = groups.empty() ? std::string("the ENI is in no security group of the world; the default of basic groups ")
                                     : std::string("the default of ") + (enterprise ? "enterprise" : "basic") + " groups ";
  v.explanation = "no rule matches: " + whose + (v.policy == RulePolicy::Accept ? "accepts" : "drops") + " " +
                  direction_name(p.direction) + " traffic";
  return v;
}

}  // namespace lp

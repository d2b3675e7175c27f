// The packet evaluator on small groups built by hand (reference.md §4.3).
#include "solver/sg_eval.h"

#include <gtest/gtest.h>

#include "lang/sg_rule_line.h"

namespace lp {
namespace {

SecurityGroup group(std::string id, std::vector<std::string> lines, SecurityGroupType type = SecurityGroupType::Basic) {
  SecurityGroup g;
  g.id = std::move(id);
  g.type = type;
  if (type == SecurityGroupType::Enterprise) g.inner_access = InnerAccessPolicy::Drop;
  for (size_t i = 0; i < lines.size(); ++i) {
    Diagnostics d;
    auto r = parse_sg_rule_line(lines[i], {}, d);
    EXPECT_TRUE(r) << lines[i];
    if (r) {
      r->id = g.id + "#" + std::to_string(i);
      g.rules.push_back(*r);
    }
  }
  return g;
}

Packet tcp_in(const char* src, int port) {
  Packet p;
  p.direction = Direction::Ingress;
  p.protocol = IpProtocol::Tcp;
  p.src = *parse_ip(src);
  p.dst = *parse_ip("10.0.0.100");
  p.port = port;
  return p;
}

TEST(SgEval, PriorityThenDropBeatsAccept) {
  SecurityGroup g = group("sg-1", {"ingress accept tcp 80 from 0.0.0.0/0 priority 2", "ingress drop tcp 80 from 10.0.0.0/8 priority 2",
                                   "ingress accept tcp 80 from 10.1.0.0/16 priority 1"});
  auto v = evaluate_packet({&g}, tcp_in("10.1.2.3", 80), {});
  EXPECT_EQ(v.policy, RulePolicy::Accept);
  EXPECT_EQ(v.rule->id, "sg-1#2");
  v = evaluate_packet({&g}, tcp_in("10.2.0.1", 80), {});
  EXPECT_EQ(v.policy, RulePolicy::Drop);
  EXPECT_EQ(v.rule->id, "sg-1#1");
  v = evaluate_packet({&g}, tcp_in("11.0.0.1", 80), {});
  EXPECT_EQ(v.policy, RulePolicy::Accept);
  EXPECT_EQ(v.rule->id, "sg-1#0");
}

TEST(SgEval, DefaultsByGroupType) {
  SecurityGroup basic = group("sg-b", {}), ent = group("sg-e", {}, SecurityGroupType::Enterprise);
  Packet out = tcp_in("10.0.0.100", 443);
  out.direction = Direction::Egress;
  out.dst = *parse_ip("8.8.8.8");
  EXPECT_EQ(evaluate_packet({&basic}, out, {}).policy, RulePolicy::Accept);
  EXPECT_EQ(evaluate_packet({&ent}, out, {}).policy, RulePolicy::Drop);
  EXPECT_EQ(evaluate_packet({&basic}, tcp_in("1.1.1.1", 22), {}).policy, RulePolicy::Drop);
  EXPECT_EQ(evaluate_packet({&basic}, tcp_in("1.1.1.1", 22), {}).decided_by, SgDecidedBy::Default);
}

TEST(SgEval, IntraGroupSetting) {
  SecurityGroup g = group("sg-m", {"ingress drop tcp 22 from 10.0.0.0/8 priority 1"});
  SgContext member{{"sg-m"}};
  EXPECT_EQ(evaluate_packet({&g}, tcp_in("10.0.0.7", 22), member).decided_by, SgDecidedBy::IntraGroup);
  SgSettings after;
  after.intra_group = IntraGroupRule::AfterRules;
  auto v = evaluate_packet({&g}, tcp_in("10.0.0.7", 22), member, after);
  EXPECT_EQ(v.policy, RulePolicy::Drop);
  EXPECT_EQ(v.decided_by, SgDecidedBy::Rule);
  // Without a matching rule, AfterRules still lets members in.
  EXPECT_EQ(evaluate_packet({&g}, tcp_in("10.0.0.7", 23), member, after).decided_by, SgDecidedBy::IntraGroup);
}

TEST(SgEval, PrefixListIsUnknownOnlyWhenItCouldDecide) {
  SecurityGroup g = group("sg-p", {"ingress drop tcp 443 from 10.0.0.0/8 priority 1", "ingress accept tcp 443 from pl-x priority 2"});
  EXPECT_FALSE(evaluate_packet({&g}, tcp_in("10.1.1.1", 443), {}).unknown);  // the drop decides first
  EXPECT_TRUE(evaluate_packet({&g}, tcp_in("11.1.1.1", 443), {}).unknown);
  EXPECT_FALSE(evaluate_packet({&g}, tcp_in("11.1.1.1", 80), {}).unknown);  // the list rule is for 443
}

// reference.md §4.1: an ENI in a basic and an enterprise group at once has no defined egress default
// (basic accepts, enterprise drops); the order the groups are given in must not decide.
TEST(SgEval, MixedGroupTypesLeaveTheEgressDefaultOpenInEitherOrder) {
  SecurityGroup b = group("sg-b", {}), e = group("sg-e", {}, SecurityGroupType::Enterprise);
  Packet p = tcp_in("10.0.0.5", 443);
  p.direction = Direction::Egress;
  for (auto order : {std::vector<const SecurityGroup*>{&b, &e}, std::vector<const SecurityGroup*>{&e, &b}}) {
    SgVerdict v = evaluate_packet(order, p, {});
    EXPECT_TRUE(v.unknown);
    EXPECT_NE(v.reason.find("basic and an enterprise group"), std::string::npos) << v.reason;
  }
  // A matching rule still decides.
  SecurityGroup b2 = group("sg-b2", {"egress accept tcp 443 to 0.0.0.0/0"});
  SgVerdict v = evaluate_packet({&b2, &e}, p, {});
  EXPECT_FALSE(v.unknown);
  EXPECT_EQ(v.policy, RulePolicy::Accept);
}

// An ENI in no group of the world has no rule: egress falls to the basic default (accept), ingress
// to the drop both types share; the explanation says so.
TEST(SgEval, NoGroupsAcceptEgressAndDropIngress) {
  Packet p = tcp_in("10.0.0.5", 443);
  SgVerdict in = evaluate_packet({}, p, {});
  EXPECT_EQ(in.policy, RulePolicy::Drop);
  p.direction = Direction::Egress;
  SgVerdict out = evaluate_packet({}, p, {});
  EXPECT_FALSE(out.unknown);
  EXPECT_EQ(out.policy, RulePolicy::Accept);
  EXPECT_NE(out.explanation.find("accepts egress"), std::string::npos) << out.explanation;
}

}  // namespace
}  // namespace lp

// The rule line grammar: accepted forms and located refusals (docs/sg-rule-syntax.md).
#include "lang/sg_rule_line.h"

#include <gtest/gtest.h>

namespace lp {
namespace {

std::optional<SecurityGroupRule> parse(std::string_view line, Diagnostics& d) {
  return parse_sg_rule_line(line, {"w.json", "/security_groups/0/rules/0", 7, 11}, d);
}

TEST(SgRuleLine, IssueExamples) {
  Diagnostics d;
  auto r = parse("ingress accept tcp 443 from 10.0.0.0/24 priority 1", d);
  ASSERT_TRUE(r) << (d.empty() ? "" : d.items()[0].to_string());
  EXPECT_EQ(r->direction, Direction::Ingress);
  EXPECT_EQ(r->policy, RulePolicy::Accept);
  EXPECT_EQ(r->protocol, IpProtocol::Tcp);
  EXPECT_EQ(r->ports.from, 443);
  EXPECT_EQ(r->ports.to, 443);
  EXPECT_EQ(r->peer.kind, RulePeer::Kind::Cidr);
  EXPECT_EQ(r->peer.cidr.to_string(), "10.0.0.0/24");
  EXPECT_EQ(r->priority, 1);

  auto e = parse("egress drop all from 0.0.0.0/0 priority 100", d);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->direction, Direction::Egress);
  EXPECT_EQ(e->policy, RulePolicy::Drop);
  EXPECT_TRUE(e->ports.all());
  EXPECT_EQ(e->priority, 100);
}

TEST(SgRuleLine, RangesPeersDescriptionsAndCase) {
  Diagnostics d;
  auto r = parse("INGRESS Accept TCP 8000-8080 from sg-abc123", d);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ports.from, 8000);
  EXPECT_EQ(r->ports.to, 8080);
  EXPECT_EQ(r->peer.kind, RulePeer::Kind::Group);
  EXPECT_EQ(r->peer.group_id, "sg-abc123");
  EXPECT_EQ(r->priority, 1);  // the API default
  auto p = parse("ingress drop udp 53 from pl-xyz priority 5 \"dns from the list\"", d);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->peer.kind, RulePeer::Kind::PrefixList);
  EXPECT_EQ(p->description, "dns from the list");
  auto s = parse("egress accept udp 22/22 to 192.168.0.0/16", d);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ports.from, 22);
  auto v6 = parse("ingress accept icmpv6 from 2001:db8::/32", d);
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->peer.cidr.v6);
  EXPECT_TRUE(d.empty());
}

// Each refusal: the column inside the line (base column 11 + offset) and a word of the message.
void refused(std::string_view line, int column, const std::string& says) {
  Diagnostics d;
  EXPECT_FALSE(parse(line, d)) << line;
  ASSERT_EQ(d.size(), 1u) << line;
  EXPECT_EQ(d.items()[0].code, "LP-SG-001");
  EXPECT_EQ(d.items()[0].where.line, 7);
  EXPECT_EQ(d.items()[0].where.column, column) << line << ": " << d.items()[0].message;
  EXPECT_NE(d.items()[0].message.find(says), std::string::npos) << d.items()[0].message;
}

TEST(SgRuleLine, LocatedRefusals) {
  refused("inbound accept tcp 22 from 10.0.0.0/8", 11, "direction");
  refused("ingress allow tcp 22 from 10.0.0.0/8", 19, "accept or drop");
  refused("ingress accept tcpx 22 from 10.0.0.0/8", 26, "protocol");
  refused("ingress accept tcp from 10.0.0.0/8", 26, "needs a port");
  refused("ingress accept all 80 from 10.0.0.0/8", 30, "has no ports");
  refused("ingress accept tcp 90-80 from 10.0.0.0/8", 30, "ports from 1 to 65535");
  refused("ingress accept tcp 0 from 10.0.0.0/8", 30, "ports from 1 to 65535");
  refused("ingress accept tcp 22 10.0.0.0/8", 33, "'from' or 'to'");
  refused("ingress accept tcp 22 from 10.0.0.1/8", 38, "no host bits");
  refused("ingress accept tcp 22 from 10.0.0.0/33", 38, "CIDR");
  refused("ingress accept tcp 22 from", 37, "CIDR block");
  refused("ingress accept tcp 22 from 10.0.0.0/8 priority 101", 58, "1 to 100");
  refused("ingress accept tcp 22 from 10.0.0.0/8 priority", 57, "priority from 1 to 100");
  refused("ingress accept tcp 22 from 10.0.0.0/8 \"unterminated", 62, "\"");
  refused("ingress accept tcp 22 from 10.0.0.0/8 extra", 49, "end of the rule");
  refused("", 11, "direction");
  refused("ingress accept \xdctcp 22 from 10.0.0.0/8", 26, "unexpected character");
  refused("ingress accept tcp 22 from 10.0.0.0/8 \"a\" b", 53, "end of the rule after the description");
}

TEST(SgRuleLine, DescriptionMayHoldAnyText) {
  Diagnostics d;
  auto r = parse("ingress accept tcp 22 from 10.0.0.0/8 priority 2 \"\xe8\xbf\x90\xe7\xbb\xb4 ssh\"", d);
  ASSERT_TRUE(r) << (d.empty() ? "" : d.items()[0].to_string());
  EXPECT_EQ(r->description, "\xe8\xbf\x90\xe7\xbb\xb4 ssh");
  EXPECT_EQ(r->priority, 2);
}

TEST(SgRuleLine, PortRangeText) {
  PortRange p;
  EXPECT_TRUE(parse_port_range("-1/-1", p));
  EXPECT_TRUE(p.all());
  EXPECT_TRUE(parse_port_range("22/22", p));
  EXPECT_EQ(p.from, 22);
  EXPECT_TRUE(parse_port_range("1-200", p));
  EXPECT_EQ(p.to, 200);
  EXPECT_FALSE(parse_port_range("0/5", p));
  EXPECT_FALSE(parse_port_range("5/4", p));
  EXPECT_FALSE(parse_port_range("abc", p));
  EXPECT_FALSE(parse_port_range("", p));
}

}  // namespace
}  // namespace lp

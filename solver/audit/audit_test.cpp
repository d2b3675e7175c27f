// The audit engine's parts: the answer adapters, the security-group "admits" question, principal
// resolution, name resolution (docs/audit.md).
#include "solver/audit/audit.h"

#include <gtest/gtest.h>

#include "lang/sg_rule_line.h"
#include "lang/world_loader.h"
#include "solver/audit/internal.h"

namespace lp::audit {
namespace {

TEST(Answer, CauseIsADiagnostic) {
  Cause c{"PL-EP-11", "sg-1", {"w.json", "/security_groups/0", 3, 7}, "drops it", Severity::Warning};
  Diagnostic d = c.to_diagnostic();
  EXPECT_EQ(d.code, "PL-EP-11");
  EXPECT_EQ(d.object, "sg-1");
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.to_string(), "w.json:3:7: warning[PL-EP-11]: drops it (at /security_groups/0)");
  Cause back = Cause::from_diagnostic(d);
  EXPECT_EQ(back.rule, c.rule);
  EXPECT_EQ(back.where.line, 3);
}

TEST(Answer, ReachUnknownKeepsItsReasons) {
  ReachAnswer r;
  r.verdict = Verdict::Unknown;
  r.causes = {{"PL-EP-11", "ep-1", {}, "a prefix list decides"}, {"PL-EP-11", "ep-2", {}, "another one"}};
  Answer a = answer_of(r);
  EXPECT_EQ(a.verdict, Verdict::Unknown);
  EXPECT_EQ(a.unknown_reason, "a prefix list decides; another one");
  EXPECT_EQ(a.causes.size(), 2u);
}

TEST(Answer, NoBroaderIsNeverRounded) {
  CompareResult unknown;
  unknown.relation = Relation::Unknown;
  unknown.reason = "timeout";
  EXPECT_EQ(no_broader_answer(unknown).verdict, Verdict::Unknown);
  EXPECT_EQ(no_broader_answer(unknown).unknown_reason, "timeout");
  CompareResult narrower;
  narrower.relation = Relation::LessPermissive;
  EXPECT_EQ(no_broader_answer(narrower).verdict, Verdict::Yes);
  CompareResult wider;
  wider.relation = Relation::MorePermissive;
  CompareWitness w;
  w.allowed_by = "A";
  w.request.action = "privatelink:DeleteVpcEndpoint";
  w.request.resource = "*";
  wider.witnesses.push_back(w);
  Answer a = no_broader_answer(wider);
  EXPECT_EQ(a.verdict, Verdict::No);
  ASSERT_TRUE(a.witness.request);
  EXPECT_EQ(a.witness.request->action, "privatelink:DeleteVpcEndpoint");
}

World group_world(const std::vector<std::string>& lines) {
  World w;
  SecurityGroup g;
  g.id = "sg-t";
  g.vpc_id = "vpc-t";
  g.type = SecurityGroupType::Enterprise;
  Diagnostics d;
  for (const auto& l : lines) {
    auto r = parse_sg_rule_line(l, {"w.json", "", 1, 1}, d);
    EXPECT_TRUE(r) << l;
    if (r) {
      r->id = "sg-t#" + std::to_string(g.rules.size());
      g.rules.push_back(*r);
    }
  }
  w.security_groups.push_back(g);
  w.sg_index["sg-t"] = 0;
  return w;
}

Cidr block(const char* text) { return *parse_cidr(text, false); }

TEST(GroupsAdmit, TwoHalvesMakeTheWhole) {
  World w = group_world({"ingress accept tcp 443 from 0.0.0.0/1", "ingress accept tcp 443 from 128.0.0.0/1"});
  Answer a = detail::groups_admit(w, {0}, block("0.0.0.0/0"), {});
  EXPECT_EQ(a.verdict, Verdict::Yes);
  EXPECT_EQ(a.witness.summary, "accepts tcp/443 from every address of 0.0.0.0/0");
  EXPECT_EQ(a.causes.size(), 2u);
}

TEST(GroupsAdmit, AnEarlierDropCutsAHole) {
  World w = group_world({"ingress drop tcp 443 from 10.0.0.0/8 priority 1", "ingress accept tcp 443 from 0.0.0.0/0 priority 2"});
  EXPECT_EQ(detail::groups_admit(w, {0}, block("0.0.0.0/0"), {}).verdict, Verdict::No);
  EXPECT_EQ(detail::groups_admit(w, {0}, block("192.168.0.0/16"), {}).verdict, Verdict::Yes);
}

TEST(GroupsAdmit, OnSomePortNotOnAll) {
  // 0.0.0.0/0 on 80 only; on 22 only 10.0.0.0/8: admits 0.0.0.0/0 (on 80).
  World w = group_world({"ingress accept tcp 22 from 10.0.0.0/8", "ingress accept udp 53 from 0.0.0.0/0"});
  Answer a = detail::groups_admit(w, {0}, block("0.0.0.0/0"), {});
  EXPECT_EQ(a.verdict, Verdict::Yes);
  EXPECT_EQ(a.witness.summary, "accepts udp/53 from every address of 0.0.0.0/0");
}

TEST(GroupsAdmit, PrefixListIsUnknown) {
  World w = group_world({"ingress accept tcp 443 from pl-office"});
  Answer a = detail::groups_admit(w, {0}, block("0.0.0.0/0"), {});
  EXPECT_EQ(a.verdict, Verdict::Unknown);
  EXPECT_NE(a.unknown_reason.find("prefix-list"), std::string::npos);
}

TEST(Principals, ArnForms) {
  World w;
  w.file = "w.json";
  Account acct;
  acct.id = "111";
  acct.users.push_back({"dev", {}, {}, {}});
  acct.roles.push_back({"ops", std::nullopt, {}, {}});
  w.accounts.push_back(acct);
  w.account_index["111"] = 0;
  EXPECT_TRUE(detail::principal_policies(w, "acs:ram::111:user/dev").found);
  EXPECT_TRUE(detail::principal_policies(w, "acs:ram::111:role/ops").found);
  EXPECT_EQ(detail::principal_policies(w, "acs:ram::111:user/eve").problem, "no RAM user eve in account 111 of the world w.json");
  EXPECT_EQ(detail::principal_policies(w, "acs:ram::222:user/dev").problem,
            "no account 222 in the world w.json (principal acs:ram::222:user/dev)");
  EXPECT_FALSE(detail::principal_policies(w, "arn:aws:iam::1:user/x").found);
  EXPECT_FALSE(detail::principal_policies(w, "acs:ram::111:root").found);
  EXPECT_EQ(detail::world_principals(w), (std::vector<std::string>{"acs:ram::111:user/dev", "acs:ram::111:role/ops"}));
}

TEST(Resolve, NamesMustExistAndPlansAreRefused) {
  Diagnostics d;
  auto world = load_world(std::string(LINKPROOF_ROOT) + "/corpus/audit/org/world.json", {}, d);
  ASSERT_TRUE(world) << (d.empty() ? "" : d.items()[0].to_string());
  auto spec = parse_audit_spec(
      "let org = accounts 999\nonly org can reach epsrv-1\nplan \"p.json\" keeps account 222222222222 reaching epsrv-1\n"
      "account 222222222222 can reach epsrv-7\n",
      "s.audit", d);
  ASSERT_TRUE(spec);
  Diagnostics errors;
  EXPECT_FALSE(resolve(*world, {*spec}, {}, errors));
  ASSERT_EQ(errors.size(), 2u);  // the let member is only a note; the plan and epsrv-7 are errors
  EXPECT_EQ(errors.items()[0].code, "LP-AUD-099");
  EXPECT_EQ(errors.items()[0].where.to_string(), "s.audit:3:6");
  EXPECT_EQ(errors.items()[1].code, "LP-AUD-091");
  EXPECT_EQ(errors.items()[1].where.to_string(), "s.audit:4:32");
}

TEST(Rules, EveryAuditRuleHasItsTexts) {
  for (const auto& r : rules()) {
    EXPECT_NE(std::string(r.id).rfind("LP-AUD-", 0), std::string::npos);
    EXPECT_FALSE(std::string(r.name).empty());
    EXPECT_FALSE(std::string(r.short_text).empty());
    EXPECT_FALSE(std::string(r.full_text).empty());
  }
  EXPECT_EQ(rule_info("LP-AUD-011")->severity, Severity::Error);
  EXPECT_EQ(rule_info("PL-EP-01"), nullptr);
}

}  // namespace
}  // namespace lp::audit

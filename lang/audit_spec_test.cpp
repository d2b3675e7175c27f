// The audit assertion language: every sentence form into its typed AST, and each kind of located
// refusal (docs/audit.md).
#include "lang/audit_spec.h"

#include <gtest/gtest.h>

namespace lp {
namespace {

const char* kOrg = "let org = accounts 111111111111, 222222222222\n";

AuditSpec parse_ok(const std::string& text) {
  Diagnostics d;
  auto spec = parse_audit_spec(text, "specs/a.audit", d);
  EXPECT_TRUE(spec) << (d.empty() ? "" : d.items()[0].to_string());
  EXPECT_TRUE(d.empty());
  return spec ? *spec : AuditSpec{};
}

template <typename T>
T only_body(const AuditSpec& spec) {
  T none{};
  if (spec.assertions.size() != 1) {
    ADD_FAILURE() << "expected one assertion, got " << spec.assertions.size();
    return none;
  }
  const T* b = std::get_if<T>(&spec.assertions[0].body);
  if (!b) {
    ADD_FAILURE() << "assertion of another kind";
    return none;
  }
  return *b;
}

Diagnostic parse_error(const std::string& text) {
  Diagnostics d;
  auto spec = parse_audit_spec(text, "specs/a.audit", d);
  EXPECT_FALSE(spec);
  EXPECT_FALSE(d.empty());
  return d.empty() ? Diagnostic{} : d.items()[0];
}

TEST(AuditSpec, LetAndOnly) {
  AuditSpec s = parse_ok(std::string(kOrg) + "only org can reach epsrv-1                       # now\n");
  ASSERT_EQ(s.sets.size(), 1u);
  EXPECT_EQ(s.sets[0].name, "org");
  ASSERT_EQ(s.sets[0].accounts.size(), 2u);
  EXPECT_EQ(s.sets[0].accounts[1].id, "222222222222");
  EXPECT_EQ(s.sets[0].accounts[1].where.column, 34);
  const auto& o = only_body<OnlyReach>(s);
  EXPECT_EQ(o.allowed.name, "org");
  EXPECT_EQ(o.allowed.accounts.size(), 2u);
  EXPECT_EQ(o.tense, ReachTense::Now);
  EXPECT_FALSE(o.target.any);
  EXPECT_EQ(o.target.id, "epsrv-1");
  EXPECT_EQ(o.target.where.line, 2);
  EXPECT_EQ(o.target.where.column, 20);
  EXPECT_EQ(s.assertions[0].text, "only org can reach epsrv-1");
  EXPECT_EQ(s.assertions[0].where.to_string(), "specs/a.audit:2:1");
}

TEST(AuditSpec, OnlyAccountsCouldReachAnyService) {
  const auto& o = only_body<OnlyReach>(parse_ok("only accounts 111111111111 could reach any service\n"));
  EXPECT_EQ(o.allowed.name, "");
  ASSERT_EQ(o.allowed.accounts.size(), 1u);
  EXPECT_EQ(o.allowed.accounts[0].id, "111111111111");
  EXPECT_EQ(o.tense, ReachTense::Could);
  EXPECT_TRUE(o.target.any);
}

TEST(AuditSpec, AccountCannotReach) {
  const auto& r = only_body<AccountReach>(parse_ok("account 333333333333 cannot reach epsrv-1\n"));
  EXPECT_FALSE(r.any_account);
  EXPECT_EQ(r.account.id, "333333333333");
  EXPECT_FALSE(r.positive);
  EXPECT_EQ(r.tense, ReachTense::Now);
  EXPECT_EQ(r.target.id, "epsrv-1");
  EXPECT_FALSE(r.port);
  EXPECT_FALSE(r.from);
}

TEST(AuditSpec, AccountCannotReachOnPort) {
  const auto& r = only_body<AccountReach>(parse_ok("account 333333333333 cannot reach epsrv-1 on tcp 22\n"));
  ASSERT_TRUE(r.port);
  EXPECT_EQ(*r.port, 22);
  EXPECT_EQ(*r.protocol, IpProtocol::Tcp);
  EXPECT_EQ(r.port_where.column, 50);
}

TEST(AuditSpec, NoAccountFromBlock) {
  const auto& r = only_body<AccountReach>(parse_ok("no account can reach epsrv-1 on tcp 22 from 0.0.0.0/0\n"));
  EXPECT_TRUE(r.any_account);
  EXPECT_FALSE(r.positive);
  EXPECT_EQ(*r.port, 22);
  ASSERT_TRUE(r.from);
  EXPECT_EQ(r.from->to_string(), "0.0.0.0/0");
  EXPECT_EQ(r.from_where.column, 45);
}

TEST(AuditSpec, CouldAndCouldNotAndCan) {
  auto s = parse_ok(
      "account 1 could not reach epsrv-1\naccount 1 could reach epsrv-1 on udp 53\naccount 1 can reach epsrv-1\n"
      "no account could reach any service\n");
  ASSERT_EQ(s.assertions.size(), 4u);
  auto r0 = std::get<AccountReach>(s.assertions[0].body);
  EXPECT_FALSE(r0.positive);
  EXPECT_EQ(r0.tense, ReachTense::Could);
  auto r1 = std::get<AccountReach>(s.assertions[1].body);
  EXPECT_TRUE(r1.positive);
  EXPECT_EQ(r1.tense, ReachTense::Could);
  EXPECT_EQ(*r1.protocol, IpProtocol::Udp);
  auto r2 = std::get<AccountReach>(s.assertions[2].body);
  EXPECT_TRUE(r2.positive);
  EXPECT_EQ(r2.tense, ReachTense::Now);
  auto r3 = std::get<AccountReach>(s.assertions[3].body);
  EXPECT_TRUE(r3.any_account);
  EXPECT_EQ(r3.tense, ReachTense::Could);
  EXPECT_TRUE(r3.target.any);
}

TEST(AuditSpec, PrincipalCan) {
  const auto& p = only_body<PrincipalCan>(parse_ok(
      "principal acs:ram::111111111111:user/dev can privatelink:CreateVpcEndpoint on "
      "acs:privatelink:*:111111111111:vpcendpoint/*\n"));
  EXPECT_EQ(p.principal, "acs:ram::111111111111:user/dev");
  EXPECT_TRUE(p.positive);
  EXPECT_EQ(p.action, "privatelink:CreateVpcEndpoint");
  EXPECT_EQ(p.resource, "acs:privatelink:*:111111111111:vpcendpoint/*");
  EXPECT_TRUE(p.when.empty());
}

TEST(AuditSpec, PrincipalCannotWhen) {
  const auto& p = only_body<PrincipalCan>(parse_ok(
      "principal acs:ram::111111111111:user/dev cannot privatelink:Delete* on * when acs:MFAPresent = false\n"));
  EXPECT_FALSE(p.positive);
  EXPECT_EQ(p.action, "privatelink:Delete*");
  EXPECT_EQ(p.resource, "*");
  ASSERT_EQ(p.when.size(), 1u);
  EXPECT_EQ(p.when[0].key, "acs:MFAPresent");
  EXPECT_EQ(p.when[0].value, "false");
  auto two = only_body<PrincipalCan>(parse_ok(
      "principal acs:ram::1:user/a can ecs:Start* on * when acs:SourceIp = 10.0.0.1 and acs:Tag=\"a b\"\n"));
  ASSERT_EQ(two.when.size(), 2u);
  EXPECT_EQ(two.when[1].key, "acs:Tag");
  EXPECT_EQ(two.when[1].value, "a b");
}

TEST(AuditSpec, PolicyNoBroader) {
  const auto& n = only_body<NoBroader>(parse_ok("policy p-admin is no broader than \"baseline/admin.json\"\n"));
  EXPECT_EQ(n.policy, "p-admin");
  EXPECT_EQ(n.baseline.as_written, "baseline/admin.json");
  EXPECT_EQ(n.baseline.path, "specs/baseline/admin.json");  // relative to the spec file
  EXPECT_EQ(n.baseline.where.column, 35);
}

TEST(AuditSpec, NoServiceAutoAcceptsOutside) {
  const auto& n = only_body<NoAutoAccept>(parse_ok(std::string(kOrg) + "no service auto-accepts accounts outside org\n"));
  EXPECT_EQ(n.inside.name, "org");
  EXPECT_EQ(n.inside.accounts.size(), 2u);
}

TEST(AuditSpec, NoServiceWhitelistsStar) {
  const auto& n = only_body<NoWhitelistEntry>(parse_ok("no service whitelists \"*\"\n"));
  EXPECT_EQ(n.entry, "*");
  EXPECT_EQ(n.entry_where.column, 23);
}

TEST(AuditSpec, NoEndpointGroupAdmits) {
  const auto& n = only_body<NoGroupAdmits>(parse_ok("no endpoint security group admits 0.0.0.0/0\n"));
  EXPECT_EQ(n.block.to_string(), "0.0.0.0/0");
}

TEST(AuditSpec, PlanKeeps) {
  const auto& p = only_body<PlanKeeps>(parse_ok("plan \"migrate.json\" keeps account 111111111111 reaching epsrv-1\n"));
  EXPECT_EQ(p.plan.path, "specs/migrate.json");
  EXPECT_EQ(p.account.id, "111111111111");
  EXPECT_EQ(p.target.id, "epsrv-1");
}

TEST(AuditSpec, EverySentenceOfTheLanguageTogether) {
  auto s = parse_ok(
      "# the reviewer's spec\n"
      "let org = accounts 111111111111, 222222222222\n"
      "only org can reach epsrv-1                       # now; \"could reach\" for the could mode\n"
      "only accounts 111111111111 could reach any service\n"
      "account 333333333333 cannot reach epsrv-1\n"
      "account 333333333333 cannot reach epsrv-1 on tcp 22\n"
      "no account can reach epsrv-1 on tcp 22 from 0.0.0.0/0\n"
      "principal acs:ram::111111111111:user/dev can privatelink:CreateVpcEndpoint on acs:privatelink:*:111111111111:vpcendpoint/*\n"
      "principal acs:ram::111111111111:user/dev cannot privatelink:Delete* on * when acs:MFAPresent = false\n"
      "policy p-admin is no broader than \"baseline/admin.json\"\n"
      "no service auto-accepts accounts outside org\n"
      "no service whitelists \"*\"\n"
      "no endpoint security group admits 0.0.0.0/0\n"
      "plan \"migrate.json\" keeps account 111111111111 reaching epsrv-1\n"
      "\n   \t\n");
  EXPECT_EQ(s.sets.size(), 1u);
  EXPECT_EQ(s.assertions.size(), 12u);
  EXPECT_EQ(s.assertions.back().where.line, 14);
}

TEST(AuditSpec, WordsAreCaseInsensitiveAndCrlfIsFine) {
  auto s = parse_ok("Account 1 CANNOT Reach epsrv-1\r\nNO service whitelists \"*\"\r\n");
  EXPECT_EQ(s.assertions.size(), 2u);
}

TEST(AuditSpec, HashInsideQuotesIsNotAComment) {
  const auto& n = only_body<NoWhitelistEntry>(parse_ok("no service whitelists \"a#b\"  # comment\n"));
  EXPECT_EQ(n.entry, "a#b");
}

// ---- errors: each kind, located ----

TEST(AuditSpecErrors, UnknownFirstWord) {
  Diagnostic d = parse_error("\n  allow 1 to reach epsrv-1\n");
  EXPECT_EQ(d.code, "LP-SPEC-001");
  EXPECT_EQ(d.where.to_string(), "specs/a.audit:2:3");
  EXPECT_NE(d.message.find("expected a sentence"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("'allow'"), std::string::npos) << d.message;
}

TEST(AuditSpecErrors, ExpectedPartNamed) {
  Diagnostic d = parse_error("account 333333333333 cannot get epsrv-1\n");
  EXPECT_EQ(d.code, "LP-SPEC-001");
  EXPECT_EQ(d.where.column, 29);
  EXPECT_EQ(d.message, "expected 'reach', found 'get'");

  d = parse_error("account 33333x cannot reach epsrv-1\n");
  EXPECT_EQ(d.where.column, 9);
  EXPECT_EQ(d.message, "expected an account id (digits), found '33333x'");

  d = parse_error("account 1 may reach epsrv-1\n");
  EXPECT_EQ(d.message, "expected 'can', 'cannot', 'could' or 'could not', found 'may'");

  d = parse_error("account 1 cannot reach\n");
  EXPECT_EQ(d.message, "expected a service id or 'any service', found the end of the sentence");

  d = parse_error("account 1 cannot reach epsrv-1 on icmp 3\n");
  EXPECT_EQ(d.message, "expected a protocol: tcp or udp, found 'icmp'");
  EXPECT_EQ(d.where.column, 35);

  d = parse_error("account 1 cannot reach epsrv-1 via tcp 22\n");
  EXPECT_EQ(d.message, "expected the end of the sentence, found 'via'");

  d = parse_error("no endpoint security group allows 0.0.0.0/0\n");
  EXPECT_EQ(d.message, "expected 'admits', found 'allows'");

  d = parse_error("no thing whitelists \"*\"\n");
  EXPECT_EQ(d.message, "expected 'account', 'service' or 'endpoint' after 'no', found 'thing'");

  d = parse_error("no service whitelists *\n");
  EXPECT_EQ(d.message, "expected a \"quoted\" text, found '*'");

  d = parse_error("let org = 111, 222\n");
  EXPECT_EQ(d.message, "expected 'accounts', found '111,'");

  d = parse_error("let org = accounts 111,\n");
  EXPECT_EQ(d.message, "expected an account id (digits), found the end of the sentence");

  d = parse_error("principal acs:ram::1:user/a cannot ecs:Stop* on * when acs:MFAPresent\n");
  EXPECT_EQ(d.message, "expected '=', found the end of the sentence");

  d = parse_error("policy p-admin is broader than \"b.json\"\n");
  EXPECT_EQ(d.message, "expected 'no', found 'broader'");
}

TEST(AuditSpecErrors, UnknownSetName) {
  Diagnostic d = parse_error("only staff can reach epsrv-1\n");
  EXPECT_EQ(d.code, "LP-SPEC-002");
  EXPECT_EQ(d.where.column, 6);
  EXPECT_NE(d.message.find("no set named 'staff'"), std::string::npos);
}

TEST(AuditSpecErrors, SetDefinedTwiceOrReserved) {
  Diagnostic d = parse_error(std::string(kOrg) + kOrg);
  EXPECT_EQ(d.code, "LP-SPEC-003");
  EXPECT_EQ(d.where.to_string(), "specs/a.audit:2:5");
  d = parse_error("let accounts = accounts 1\n");
  EXPECT_EQ(d.code, "LP-SPEC-003");
}

TEST(AuditSpecErrors, BadCidr) {
  Diagnostic d = parse_error("no account can reach epsrv-1 from 10.0.0.1/8\n");
  EXPECT_EQ(d.code, "LP-SPEC-004");
  EXPECT_EQ(d.where.column, 35);
  d = parse_error("no endpoint security group admits 300.0.0.0/0\n");
  EXPECT_EQ(d.code, "LP-SPEC-004");
}

TEST(AuditSpecErrors, BadPort) {
  Diagnostic d = parse_error("account 1 cannot reach epsrv-1 on tcp 70000\n");
  EXPECT_EQ(d.code, "LP-SPEC-005");
  EXPECT_EQ(d.where.column, 39);
  EXPECT_EQ(parse_error("account 1 cannot reach epsrv-1 on tcp 0\n").code, "LP-SPEC-005");
}

TEST(AuditSpecErrors, NonAsciiOutsideQuotes) {
  Diagnostic d = parse_error("account 1 cannot reach epsrv\xC3\xA9\n");
  EXPECT_EQ(d.code, "LP-SPEC-006");
  EXPECT_EQ(d.where.column, 29);
  // inside quotes any UTF-8 is fine
  parse_ok("no service whitelists \"\xC3\xA9\"\n");
}

TEST(AuditSpecErrors, UnterminatedQuote) {
  Diagnostic d = parse_error("policy p is no broader than \"b.json\n");
  EXPECT_EQ(d.code, "LP-SPEC-007");
  EXPECT_EQ(d.where.column, 29);
}

TEST(AuditSpecErrors, EveryBadLineIsReported) {
  Diagnostics d;
  EXPECT_FALSE(parse_audit_spec("account x cannot reach a\nno service whitelists \"*\"\nonly y can reach a\n", "s", d));
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items()[0].where.line, 1);
  EXPECT_EQ(d.items()[1].where.line, 3);
}

TEST(AuditSpecErrors, MissingFile) {
  Diagnostics d;
  EXPECT_FALSE(load_audit_spec("no/such/file.audit", d));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.items()[0].code, "LP-IO-001");
}

}  // namespace
}  // namespace lp

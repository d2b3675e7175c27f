// The concrete evaluator against hand-worked expectations from reference.md §1.5 and §1.7 and the
// settings' documented defaults (docs/settings.md).
#include "solver/evaluator.h"

#include <gtest/gtest.h>

#include "lang/policy_parser.h"

namespace lp {
namespace {

Policy policy(std::string_view text, PolicySettings s = {}, PolicyKind kind = PolicyKind::Auto) {
  Diagnostics d;
  auto p = parse_policy_text(text, "t.json", s, d, kind);
  EXPECT_TRUE(p) << (d.empty() ? "" : d.items()[0].to_string());
  return p ? *p : Policy{};
}

Request request(std::string action, std::string resource,
                std::initializer_list<std::pair<const char*, const char*>> context = {}) {
  Request r;
  r.action = std::move(action);
  r.resource = std::move(resource);
  for (auto& [k, v] : context) r.add_context(k, v);
  return r;
}

std::string one_condition(const char* op, const char* key, const char* values) {
  return std::string(R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
    "Condition": {")") + op + R"(": {")" + key + R"(": )" + values + "}}}]}";
}

Decision decide(const std::string& doc, const Request& r, PolicySettings s = {}) {
  PolicySet set;
  set.identity.push_back(policy(doc, s));
  return evaluate(set, r, s);
}

constexpr auto A = Decision::Allow;
constexpr auto I = Decision::ImplicitDeny;
constexpr auto E = Decision::ExplicitDeny;

TEST(Evaluator, DenyBeatsAllowBeatsImplicitDeny) {
  PolicySet set;
  set.identity.push_back(policy(R"({"Version": "1", "Statement": [
    {"Effect": "Allow", "Action": "ecs:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "ecs:DeleteInstance", "Resource": "acs:ecs:*:*:instance/i-prod*"}]})"));
  std::vector<StatementRef> why;
  EXPECT_EQ(evaluate(set, request("ecs:DeleteInstance", "acs:ecs:cn-hangzhou:1:instance/i-prod1"), {}, &why), E);
  ASSERT_EQ(why.size(), 1u);
  EXPECT_EQ(why[0].statement_index, 1u);
  EXPECT_EQ(evaluate(set, request("ecs:DeleteInstance", "acs:ecs:cn-hangzhou:1:instance/i-dev1"), {}, &why), A);
  ASSERT_EQ(why.size(), 1u);
  EXPECT_EQ(why[0].statement_index, 0u);
  EXPECT_EQ(evaluate(set, request("vpc:CreateVpc", "*"), {}, &why), I);
  EXPECT_TRUE(why.empty());
}

TEST(Evaluator, WildcardsAndActionCase) {
  std::string doc = R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "privatelink:Create?pcEndpoint*",
    "Resource": "acs:privatelink:*:123:vpcendpoint/*"}]})";
  EXPECT_EQ(decide(doc, request("privatelink:CreateVpcEndpoint", "acs:privatelink:cn-hangzhou:123:vpcendpoint/ep-1")), A);
  EXPECT_EQ(decide(doc, request("PRIVATELINK:createvpcendpoint", "acs:privatelink:cn-hangzhou:123:vpcendpoint/x")), A);
  EXPECT_EQ(decide(doc, request("privatelink:CreateVpcEndpoint", "acs:privatelink:cn-hangzhou:124:vpcendpoint/x")), I);
  // Resources are case-sensitive by default (resource_case_insensitive = false).
  EXPECT_EQ(decide(doc, request("privatelink:CreateVpcEndpoint", "acs:privatelink:cn-hangzhou:123:VPCENDPOINT/x")), I);
}

TEST(Evaluator, NotActionAndNotResource) {
  std::string doc = R"({"Version": "1", "Statement": [{"Effect": "Allow", "NotAction": "ram:*",
    "NotResource": "acs:ecs:*:*:instance/secret"}]})";
  EXPECT_EQ(decide(doc, request("ecs:StartInstance", "acs:ecs:r:1:instance/a")), A);
  EXPECT_EQ(decide(doc, request("ram:CreateUser", "acs:ecs:r:1:instance/a")), I);
  EXPECT_EQ(decide(doc, request("ecs:StartInstance", "acs:ecs:r:1:instance/secret")), I);
}

TEST(Evaluator, StringOperators) {
  auto r = request("ecs:X", "*", {{"acs:UserAgent", "Terraform/1.5"}});
  EXPECT_EQ(decide(one_condition("StringEquals", "acs:UserAgent", R"("Terraform/1.5")"), r), A);
  EXPECT_EQ(decide(one_condition("StringEquals", "acs:UserAgent", R"("terraform/1.5")"), r), I);
  EXPECT_EQ(decide(one_condition("StringEqualsIgnoreCase", "acs:UserAgent", R"("TERRAFORM/1.5")"), r), A);
  EXPECT_EQ(decide(one_condition("StringNotEqualsIgnoreCase", "acs:UserAgent", R"("TERRAFORM/1.5")"), r), I);
  EXPECT_EQ(decide(one_condition("StringNotEquals", "acs:UserAgent", R"("other")"), r), A);
  EXPECT_EQ(decide(one_condition("StringLike", "acs:UserAgent", R"("Terra*/?.5")"), r), A);
  EXPECT_EQ(decide(one_condition("StringNotLike", "acs:UserAgent", R"("Terra*")"), r), I);
  // StringEquals compares literally: '*' in the value is not a wildcard.
  EXPECT_EQ(decide(one_condition("StringEquals", "acs:UserAgent", R"("Terra*")"), r), I);
}

TEST(Evaluator, NumericDateBoolIp) {
  auto r = request("ecs:X", "*",
                   {{"ecs:n", "10"}, {"acs:CurrentTime", "2024-05-01T12:00:00Z"}, {"acs:SecureTransport", "TRUE"},
                    {"acs:SourceIp", "192.168.3.4"}});
  EXPECT_EQ(decide(one_condition("NumericEquals", "ecs:n", R"("10.0")"), r), A);
  EXPECT_EQ(decide(one_condition("NumericNotEquals", "ecs:n", R"("10")"), r), I);
  EXPECT_EQ(decide(one_condition("NumericLessThan", "ecs:n", R"("10")"), r), I);
  EXPECT_EQ(decide(one_condition("NumericLessThanEquals", "ecs:n", R"("10")"), r), A);
  EXPECT_EQ(decide(one_condition("NumericGreaterThan", "ecs:n", R"("9.5")"), r), A);
  EXPECT_EQ(decide(one_condition("NumericGreaterThanEquals", "ecs:n", R"("11")"), r), I);
  EXPECT_EQ(decide(one_condition("DateLessThan", "acs:CurrentTime", R"("2024-05-01T20:00:01+08:00")"), r), A);
  EXPECT_EQ(decide(one_condition("DateLessThanEquals", "acs:CurrentTime", R"("2024-05-01T20:00:00+08:00")"), r), A);
  EXPECT_EQ(decide(one_condition("DateGreaterThan", "acs:CurrentTime", R"("2024-05-01T20:00:00+08:00")"), r), I);
  EXPECT_EQ(decide(one_condition("DateGreaterThanEquals", "acs:CurrentTime", R"("2024-05-01")"), r), A);
  EXPECT_EQ(decide(one_condition("DateEquals", "acs:CurrentTime", R"("2024-05-01T12:00:00Z")"), r), A);
  EXPECT_EQ(decide(one_condition("DateNotEquals", "acs:CurrentTime", R"("2024-05-01T12:00:00Z")"), r), I);
  EXPECT_EQ(decide(one_condition("Bool", "acs:SecureTransport", R"("true")"), r), A);
  EXPECT_EQ(decide(one_condition("Bool", "acs:SecureTransport", R"("false")"), r), I);
  EXPECT_EQ(decide(one_condition("IpAddress", "acs:SourceIp", R"(["10.0.0.0/8", "192.168.0.0/16"])"), r), A);
  EXPECT_EQ(decide(one_condition("NotIpAddress", "acs:SourceIp", R"(["10.0.0.0/8", "192.168.0.0/16"])"), r), I);
  EXPECT_EQ(decide(one_condition("NotIpAddress", "acs:SourceIp", R"("10.0.0.0/8")"), r), A);
  // A request value that is not an IP never matches IpAddress.
  EXPECT_EQ(decide(one_condition("IpAddress", "acs:SourceIp", R"("0.0.0.0/0")"),
                   request("ecs:X", "*", {{"acs:SourceIp", "not-an-ip"}})), I);
}

TEST(Evaluator, MissingKeysFollowTheSetting) {
  auto r = request("ecs:X", "*");
  EXPECT_EQ(decide(one_condition("StringEquals", "acs:SourceVpc", R"("vpc-1")"), r), I);
  EXPECT_EQ(decide(one_condition("StringNotEquals", "acs:SourceVpc", R"("vpc-1")"), r), A);
  EXPECT_EQ(decide(one_condition("NotIpAddress", "acs:SourceIp", R"("10.0.0.0/8")"), r), A);
  EXPECT_EQ(decide(one_condition("NumericNotEquals", "ecs:n", R"("1")"), r), A);
  PolicySettings strict;
  strict.missing_key = MissingKeyRule::AlwaysFalse;
  EXPECT_EQ(decide(one_condition("StringNotEquals", "acs:SourceVpc", R"("vpc-1")"), r, strict), I);
}

TEST(Evaluator, ConditionKeysFoldCaseByDefault) {
  auto r = request("ecs:X", "*", {{"acs:principalarn", "acs:ram::1:role/a"}});
  EXPECT_EQ(decide(one_condition("StringEquals", "acs:PrincipalARN", R"("acs:ram::1:role/a")"), r), A);
  PolicySettings exact;
  exact.condition_key_case_insensitive = false;
  EXPECT_EQ(decide(one_condition("StringEquals", "acs:PrincipalARN", R"("acs:ram::1:role/a")"), r, exact), I);
}

TEST(Evaluator, MultiValuedKeys) {
  Request r = request("ecs:X", "*");
  r.add_context("acs:TagKeys", "team");
  r.add_context("acs:TagKeys", "cost");
  // A positive operator holds when some request value matches some policy value (OR).
  EXPECT_EQ(decide(one_condition("StringEquals", "acs:TagKeys", R"(["cost", "x"])"), r), A);
  // Negated, Nor (default): holds only when no request value matches any policy value.
  EXPECT_EQ(decide(one_condition("StringNotEquals", "acs:TagKeys", R"(["cost"])"), r), I);
  EXPECT_EQ(decide(one_condition("StringNotEquals", "acs:TagKeys", R"(["x", "y"])"), r), A);
  // Negated, Or: holds when some request value differs from some policy value.
  PolicySettings orr;
  orr.negated_multi_value = NegatedMultiValueRule::Or;
  EXPECT_EQ(decide(one_condition("StringNotEquals", "acs:TagKeys", R"(["cost"])"), r, orr), A);
  Request single = request("ecs:X", "*", {{"acs:TagKeys", "cost"}});
  EXPECT_EQ(decide(one_condition("StringNotEquals", "acs:TagKeys", R"(["cost", "team"])"), single), I);
  EXPECT_EQ(decide(one_condition("StringNotEquals", "acs:TagKeys", R"(["cost", "team"])"), single, orr), A);
}

TEST(Evaluator, ExtendedQualifiers) {
  PolicySettings ext;
  ext.dialect = Dialect::RamExtended;
  Request r = request("ecs:X", "*");
  r.add_context("acs:TagKeys", "team");
  r.add_context("acs:TagKeys", "cost");
  EXPECT_EQ(decide(one_condition("ForAllValues:StringEquals", "acs:TagKeys", R"(["team", "cost", "x"])"), r, ext), A);
  EXPECT_EQ(decide(one_condition("ForAllValues:StringEquals", "acs:TagKeys", R"(["team"])"), r, ext), I);
  EXPECT_EQ(decide(one_condition("ForAnyValue:StringEquals", "acs:TagKeys", R"(["team"])"), r, ext), A);
  // ForAllValues over a missing key is vacuously true; ForAnyValue is false; IfExists is true.
  Request none = request("ecs:X", "*");
  EXPECT_EQ(decide(one_condition("ForAllValues:StringEquals", "acs:TagKeys", R"(["team"])"), none, ext), A);
  EXPECT_EQ(decide(one_condition("ForAnyValue:StringEquals", "acs:TagKeys", R"(["team"])"), none, ext), I);
  EXPECT_EQ(decide(one_condition("StringEqualsIfExists", "acs:TagKeys", R"(["team"])"), none, ext), A);
  Request other = request("ecs:X", "*", {{"acs:TagKeys", "x"}});
  EXPECT_EQ(decide(one_condition("StringEqualsIfExists", "acs:TagKeys", R"(["team"])"), other, ext), I);
}

TEST(Evaluator, LayersIntersect) {
  PolicySet set;
  set.identity.push_back(policy(R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})"));
  set.control.emplace();
  set.control->push_back(policy(R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*"}]})",
                                {}, PolicyKind::Control));
  std::vector<StatementRef> why;
  EXPECT_EQ(evaluate(set, request("ecs:StartInstance", "*"), {}, &why), A);
  EXPECT_EQ(why.size(), 2u);  // the control statement and the identity statement
  EXPECT_EQ(evaluate(set, request("vpc:CreateVpc", "*"), {}), I);  // the control layer does not allow
  set.session.emplace();
  set.session->push_back(policy(R"({"Version": "1", "Statement": [{"Effect": "Deny", "Action": "ecs:Delete*", "Resource": "*"},
    {"Effect": "Allow", "Action": "ecs:*", "Resource": "*"}]})", {}, PolicyKind::Session));
  EXPECT_EQ(evaluate(set, request("ecs:DeleteInstance", "*"), {}, &why), E);
  ASSERT_EQ(why.size(), 1u);
  EXPECT_EQ(why[0].layer, Layer::Session);
  EXPECT_EQ(evaluate(set, request("ecs:StartInstance", "*"), {}), A);
  // An empty control layer (present, no policies) allows nothing.
  set.control->clear();
  EXPECT_EQ(evaluate(set, request("ecs:StartInstance", "*"), {}), I);
}

TEST(Evaluator, TrustPolicyPrincipals) {
  PolicySet set;
  set.identity.push_back(policy(R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
    "Principal": {"RAM": ["acs:ram::111:root", "acs:ram::222:user/bob"], "Service": "ecs.aliyuncs.com"}}]})"));
  Request r = request("sts:AssumeRole", "acs:ram::999:role/r");
  r.principal = "acs:ram::111:user/alice";
  EXPECT_EQ(evaluate(set, r, {}), A);  // root stands for the whole account 111
  r.principal = "acs:ram::222:user/alice";
  EXPECT_EQ(evaluate(set, r, {}), I);
  r.principal = "acs:ram::222:user/bob";
  EXPECT_EQ(evaluate(set, r, {}), A);
  r.principal = "ecs.aliyuncs.com";
  EXPECT_EQ(evaluate(set, r, {}), A);
  r.principal = "fc.aliyuncs.com";
  EXPECT_EQ(evaluate(set, r, {}), I);
}

// reference.md §1.7: the first bounding layer that does not allow stops the pipeline, and
// evaluate names it; otherwise the identity layer decides.
TEST(Evaluator, ReportsTheDecidingLayer) {
  PolicySet set;
  set.identity.push_back(policy(R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Deny", "Action": "ecs:DeleteInstance", "Resource": "*"}]})"));
  set.control.emplace();
  set.control->push_back(policy(R"({"Version": "1", "Statement": [
    {"Effect": "Allow", "Action": "ecs:*", "Resource": "*"}]})", {}, PolicyKind::Control));
  set.session.emplace();
  set.session->push_back(policy(R"({"Version": "1", "Statement": [
    {"Effect": "Allow", "Action": "ecs:Describe*", "Resource": "*"},
    {"Effect": "Allow", "Action": "ecs:DeleteInstance", "Resource": "*"}]})", {}, PolicyKind::Session));
  std::vector<StatementRef> why;
  Layer by = Layer::ResourceBased;
  EXPECT_EQ(evaluate(set, request("vpc:CreateVpc", "*"), {}, &why, &by), I);
  EXPECT_EQ(by, Layer::Control);
  EXPECT_TRUE(why.empty());
  EXPECT_EQ(evaluate(set, request("ecs:StartInstance", "*"), {}, &why, &by), I);
  EXPECT_EQ(by, Layer::Session);
  EXPECT_TRUE(why.empty());
  EXPECT_EQ(evaluate(set, request("ecs:DeleteInstance", "*"), {}, &why, &by), E);
  EXPECT_EQ(by, Layer::Identity);
  ASSERT_EQ(why.size(), 1u);
  EXPECT_EQ(why[0].layer, Layer::Identity);
  EXPECT_EQ(evaluate(set, request("ecs:DescribeInstances", "*"), {}, nullptr, &by), A);
  EXPECT_EQ(by, Layer::Identity);
}

// reference.md §1.7 (D6), §1.10: sts:AssumeRole needs Decision A (the caller's identity policies)
// and Decision B (the role's trust policy); an explicit deny in either denies. Other actions are
// allowed by either decision (step 4).
TEST(Evaluator, AssumeRoleNeedsIdentityAndTrust) {
  Policy caller = policy(R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
    "Resource": "acs:ram::999:role/ops"}]})");
  Policy other = policy(R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*"}]})");
  Policy trust = policy(R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
    "Principal": {"RAM": "acs:ram::111:root", "Service": "ecs.aliyuncs.com"}},
    {"Effect": "Deny", "Action": "sts:AssumeRole", "Principal": {"RAM": "acs:ram::111:user/mallory"}}]})",
                        {}, PolicyKind::Trust);
  Request r = request("sts:AssumeRole", "acs:ram::999:role/ops");
  r.principal = "acs:ram::111:user/alice";
  PolicySet both;
  both.identity.push_back(caller);
  both.resource_based.emplace(std::vector<Policy>{trust});
  std::vector<StatementRef> why;
  Layer by = Layer::Control;
  EXPECT_EQ(evaluate(both, r, {}, &why, &by), A);
  ASSERT_EQ(why.size(), 2u);
  EXPECT_EQ(why[0].layer, Layer::Identity);
  EXPECT_EQ(why[1].layer, Layer::ResourceBased);

  PolicySet trust_only;  // the trust policy alone does not let alice assume the role
  trust_only.resource_based.emplace(std::vector<Policy>{trust});
  EXPECT_EQ(evaluate(trust_only, r, {}, &why, &by), I);
  EXPECT_EQ(by, Layer::Identity);
  EXPECT_TRUE(why.empty());

  PolicySet untrusted = both;  // A allows, B does not: account 222 is not trusted
  r.principal = "acs:ram::222:user/alice";
  EXPECT_EQ(evaluate(untrusted, r, {}, &why, &by), I);
  EXPECT_EQ(by, Layer::ResourceBased);

  r.principal = "acs:ram::111:user/mallory";  // B's explicit deny
  EXPECT_EQ(evaluate(both, r, {}, &why, &by), E);
  EXPECT_EQ(by, Layer::ResourceBased);
  ASSERT_EQ(why.size(), 1u);
  EXPECT_EQ(why[0].statement_index, 1u);

  r.principal = "ecs.aliyuncs.com";  // a service assumes on the trust policy alone
  EXPECT_EQ(evaluate(trust_only, r, {}, &why, &by), A);
  EXPECT_EQ(by, Layer::ResourceBased);

  PolicySet mixed;  // not sts:AssumeRole: either decision's Allow suffices
  mixed.identity.push_back(other);
  mixed.resource_based.emplace(std::vector<Policy>{trust});
  Request start = request("ecs:StartInstance", "*");
  start.principal = "acs:ram::111:user/alice";
  EXPECT_EQ(evaluate(mixed, start, {}, &why, &by), A);
  EXPECT_EQ(by, Layer::Identity);
}

}  // namespace
}  // namespace lp

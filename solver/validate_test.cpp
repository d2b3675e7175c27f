// Validation findings (docs/validate.md) on small hand-written documents, the glob inclusion they
// rest on, and the bundled documents validating clean of errors.
#include "solver/validate.h"

#include <gtest/gtest.h>

#include "lang/bundled.h"
#include "lang/policy_parser.h"

namespace lp {
namespace {

const Catalogue& catalogue() {
  static const Catalogue cat = [] {
    Diagnostics d;
    auto dir = policies_dir(std::string(LINKPROOF_ROOT) + "/policies");
    auto c = dir ? load_catalogue(*dir, d) : std::nullopt;
    EXPECT_TRUE(c) << (d.empty() ? "no policies dir" : d.items()[0].to_string());
    return c ? *c : Catalogue{};
  }();
  return cat;
}

std::vector<std::string> codes(std::string_view text, PolicySettings s = {}) {
  Diagnostics d;
  auto p = parse_policy_text(text, "v.json", s, d);
  EXPECT_TRUE(p) << (d.empty() ? "" : d.items()[0].to_string());
  std::vector<std::string> out;
  if (!p) return out;
  Diagnostics findings = validate_policy(*p, catalogue(), s);
  for (const auto& f : findings.items()) out.push_back(f.code);
  return out;
}

using V = std::vector<std::string>;

TEST(GlobSubsumes, Basics) {
  EXPECT_TRUE(glob_subsumes("*", "anything*?"));
  EXPECT_TRUE(glob_subsumes("ecs:*", "ecs:Describe*"));
  EXPECT_FALSE(glob_subsumes("ecs:Describe*", "ecs:*"));
  EXPECT_TRUE(glob_subsumes("a?c", "abc"));
  EXPECT_FALSE(glob_subsumes("abc", "a?c"));
  EXPECT_TRUE(glob_subsumes("*a", "a*a"));
  EXPECT_TRUE(glob_subsumes("acs:ecs:*:*:instance/*", "acs:ecs:cn-*:123:instance/i-?"));
  EXPECT_FALSE(glob_subsumes("acs:ecs:*:*:instance/*", "acs:ecs:*:*:disk/*"));
  EXPECT_TRUE(glob_subsumes("", ""));
  EXPECT_FALSE(glob_subsumes("", "*"));
}

TEST(Validate, CatalogueLoads) {
  EXPECT_TRUE(catalogue().covers("privatelink"));
  EXPECT_TRUE(catalogue().covers("ECS"));
  EXPECT_NE(catalogue().find("privatelink:createvpcendpoint"), nullptr);
  EXPECT_EQ(catalogue().find("privatelink:CreateVpcEndpoints"), nullptr);
}

TEST(Validate, UnknownActions) {
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"privatelink:CreateVpcEndpoints","Resource":"acs:privatelink:*:1:vpcendpoint/*"}]})"),
            V{"LP-VAL-001"});
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"privatelink:Frobnicate*","Resource":"acs:privatelink:*:1:vpcendpoint/*"}]})"),
            V{"LP-VAL-003"});
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"acs:oss:*:1:b/*"}]})"),
            V{"LP-VAL-004"});
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:startinstance","Resource":"acs:ecs:*:1:instance/*"}]})"),
            V{"LP-VAL-002"});
}

TEST(Validate, BroadGrants) {
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"), V{"LP-VAL-010"});
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","NotAction":"ram:*","Resource":"acs:ecs:*:1:instance/*"}]})"),
            V{"LP-VAL-020"});
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:StartInstance","NotResource":"acs:ecs:*:1:instance/x"}]})"),
            V{"LP-VAL-021"});
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:StartInstance","Resource":"*"}]})"),
            V{"LP-VAL-011"});
  // Deny with * is not a grant.
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]})"), V{});
}

TEST(Validate, DuplicateAndShadowed) {
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:*:1:instance/*"},
    {"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:*:1:instance/*"}]})"),
            V{"LP-VAL-030"});
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":"ecs:Start*","Resource":"acs:ecs:*:1:instance/*"},
    {"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:cn-hangzhou:1:instance/i-1"}]})"),
            V{"LP-VAL-031"});
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[
    {"Effect":"Deny","Action":"ecs:*","Resource":"acs:ecs:*:1:instance/*"},
    {"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:cn-hangzhou:1:instance/i-1"}]})"),
            V{"LP-VAL-032"});
  // A condition on the covering statement means it does not always apply: no finding.
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[
    {"Effect":"Deny","Action":"ecs:*","Resource":"acs:ecs:*:1:instance/*","Condition":{"Bool":{"acs:MFAPresent":"false"}}},
    {"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:cn-hangzhou:1:instance/i-1"}]})"),
            V{});
}

TEST(Validate, ImpossibleConditions) {
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:*:1:instance/*",
    "Condition":{"DateLessThan":{"acs:CurrentTime":"2024-01-01T00:00:00Z"},"DateGreaterThan":{"acs:CurrentTime":"2025-01-01T00:00:00Z"}}}]})"),
            V{"LP-VAL-040"});
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:*:1:instance/*",
    "Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"},"NotIpAddress":{"acs:SourceIp":"10.0.0.0/7"}}}]})"),
            V{"LP-VAL-040"});
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:*:1:instance/*",
    "Condition":{"StringEquals":{"acs:SourceVpc":"vpc-1"},"StringNotEquals":{"acs:SourceVpc":["vpc-1","vpc-2"]}}}]})"),
            V{"LP-VAL-040"});
  // Overlapping blocks and compatible bounds are fine.
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:*:1:instance/*",
    "Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"},"NotIpAddress":{"acs:SourceIp":"10.1.0.0/16"}}}]})"),
            V{});
  // A key that may carry several values can satisfy both: no finding.
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:*:1:instance/*",
    "Condition":{"NumericLessThan":{"ecs:n":"5"},"NumericGreaterThan":{"ecs:n":"10"}}}]})"),
            V{});
}

TEST(Validate, BundledPoliciesHaveNoErrors) {
  auto dir = policies_dir(std::string(LINKPROOF_ROOT) + "/policies");
  ASSERT_TRUE(dir);
  auto files = bundled_policy_files(*dir);
  EXPECT_GE(files.size(), 7u);
  for (const auto& b : files) {
    Diagnostics d;
    auto p = load_policy_file(b.path, {}, d, b.kind);
    ASSERT_TRUE(p) << (d.empty() ? b.path : d.items()[0].to_string());
    Diagnostics findings = validate_policy(*p, catalogue(), {});
    for (const auto& f : findings.items()) EXPECT_NE(f.severity, Severity::Error) << f.to_string();
  }
}

}  // namespace
}  // namespace lp

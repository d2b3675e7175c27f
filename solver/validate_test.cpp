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

TEST(GlobSubsumes, ExactWhereAlignmentIsNot) {
  // Both mean "one character or more"; the alignment test alone cannot see it.
  EXPECT_TRUE(glob_subsumes("*?", "?*"));
  EXPECT_TRUE(glob_subsumes("?*", "*?"));
  EXPECT_TRUE(glob_subsumes("*a*", "*a?*a*"));
  EXPECT_FALSE(glob_subsumes("*ab*", "*a*b*"));
  auto r = glob_inclusion("*ab*", "*a*b*");
  EXPECT_EQ(r.answer, Inclusion::No);
  EXPECT_TRUE(wildcard_match("*a*b*", r.witness));
  EXPECT_FALSE(wildcard_match("*ab*", r.witness));
}

// Every No comes with a real counterexample, and every Yes survives a search of all short strings
// over the patterns' letters plus one other character.
TEST(GlobSubsumes, AgreesWithEnumerationOnRandomPatterns) {
  const std::string symbols = "ab*?";
  uint32_t seed = 12345;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
  };
  auto random_pattern = [&] {
    std::string s;
    size_t len = next() % 6;
    for (size_t i = 0; i < len; ++i) s += symbols[next() % symbols.size()];
    return s;
  };
  std::vector<std::string> subjects = {""};
  for (size_t len = 1, from = 0; len <= 7; ++len) {
    size_t to = subjects.size();
    for (size_t k = from; k < to; ++k)
      for (char c : std::string("abc")) subjects.push_back(subjects[k] + c);
    from = to;
  }
  int yes = 0, no = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string q = random_pattern(), p = random_pattern();
    auto r = glob_inclusion(q, p);
    ASSERT_NE(r.answer, Inclusion::Unknown) << q << " vs " << p;
    if (r.answer == Inclusion::No) {
      ++no;
      EXPECT_TRUE(wildcard_match(p, r.witness)) << q << " vs " << p << " witness " << r.witness;
      EXPECT_FALSE(wildcard_match(q, r.witness)) << q << " vs " << p << " witness " << r.witness;
    } else {
      ++yes;
      for (const auto& s : subjects)
        if (wildcard_match(p, s)) {
          ASSERT_TRUE(wildcard_match(q, s)) << q << " vs " << p << " on " << s;
        }
    }
  }
  EXPECT_GT(yes, 100);
  EXPECT_GT(no, 100);
}

TEST(GlobSubsumes, BudgetGivesUnknown) {
  EXPECT_EQ(glob_inclusion("*a?????*", "*a*b*", 3).answer, Inclusion::Unknown);
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
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"privatelink:*","Resource":"acs:privatelink:*:1:vpcendpoint/*"}]})"),
            V{"LP-VAL-012"});
  // A service-wide pattern in NotAction or in a Deny grants nothing.
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[{"Effect":"Deny","Action":"ram:*","Resource":"*"}]})"), V{});
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

TEST(Validate, CoverageUsesExactInclusionAndKeyCase) {
  // "?*" and "*?" admit the same resources: the statements duplicate each other.
  EXPECT_EQ(codes(R"({"Version":"1","Statement":[
    {"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:*:1:instance/?*"},
    {"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:*:1:instance/*?"}]})"),
            V{"LP-VAL-030"});
  const char* keys = R"({"Version":"1","Statement":[
    {"Effect":"Deny","Action":"ecs:*","Resource":"*","Condition":{"StringEquals":{"acs:SourceVpc":"vpc-1"}}},
    {"Effect":"Allow","Action":"ecs:StartInstance","Resource":"acs:ecs:*:1:instance/i-1","Condition":{"StringEquals":{"acs:sourcevpc":"vpc-1"}}}]})";
  EXPECT_EQ(codes(keys), V{"LP-VAL-032"});
  PolicySettings exact;
  exact.condition_key_case_insensitive = false;
  EXPECT_EQ(codes(keys, exact), V{});  // two different keys: the Deny's condition may fail while the Allow's holds
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

std::vector<std::string> condition_codes(std::string_view condition, PolicySettings s = {}) {
  return codes(std::string(R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:StartInstance",)") +
                   R"("Resource":"acs:ecs:*:1:instance/*","Condition":)" + std::string(condition) + "}]}",
               s);
}

TEST(Validate, ImpossibleStringConditions) {
  // StringEquals against the other string operators on one single-valued key.
  EXPECT_EQ(condition_codes(R"({"StringEquals":{"acs:SourceVpc":"vpc-1"},"StringLike":{"acs:SourceVpc":"vpc-2*"}})"),
            V{"LP-VAL-040"});
  EXPECT_EQ(condition_codes(R"({"StringEquals":{"acs:SourceVpc":"vpc-1"},"StringLike":{"acs:SourceVpc":"vpc-?"}})"), V{});
  EXPECT_EQ(condition_codes(R"({"StringEquals":{"acs:SourceVpc":"vpc-a"},"StringEqualsIgnoreCase":{"acs:SourceVpc":"VPC-B"}})"),
            V{"LP-VAL-040"});
  EXPECT_EQ(condition_codes(R"({"StringEquals":{"acs:SourceVpc":"vpc-a"},"StringEqualsIgnoreCase":{"acs:SourceVpc":"VPC-A"}})"),
            V{});
  EXPECT_EQ(condition_codes(R"({"StringEquals":{"acs:SourceVpc":["vpc-1","vpc-2"]},"StringNotLike":{"acs:SourceVpc":"vpc-*"}})"),
            V{"LP-VAL-040"});
  // Two spellings of one key (keys are case-insensitive by default) are the same key.
  EXPECT_EQ(condition_codes(R"({"StringEquals":{"acs:SourceVpc":"vpc-1","acs:sourcevpc":"vpc-2"}})"), V{"LP-VAL-040"});
  // StringLike inside StringNotLike, decided by glob inclusion.
  EXPECT_EQ(condition_codes(R"({"StringLike":{"acs:UserAgent":"curl/?*"},"StringNotLike":{"acs:UserAgent":"curl/*?"}})"),
            V{"LP-VAL-040"});
  EXPECT_EQ(condition_codes(R"({"StringLike":{"acs:UserAgent":"curl/*"},"StringNotLike":{"acs:UserAgent":"curl/?*"}})"),
            V{});  // "curl/" itself is admitted
}

TEST(Validate, NegatedConditionsFollowTheMultiValueSetting) {
  const char* both = R"({"StringEquals":{"acs:SourceVpc":"vpc-1"},"StringNotEquals":{"acs:SourceVpc":["vpc-1","vpc-2"]}})";
  EXPECT_EQ(condition_codes(both), V{"LP-VAL-040"});
  PolicySettings any;
  any.negated_multi_value = NegatedMultiValueRule::Or;
  // Under the OR rule vpc-1 differs from vpc-2, so the StringNotEquals holds: no finding.
  EXPECT_EQ(condition_codes(both, any), V{});
  const char* one = R"({"StringEquals":{"acs:SourceVpc":"vpc-1"},"StringNotEquals":{"acs:SourceVpc":"vpc-1"}})";
  EXPECT_EQ(condition_codes(one, any), V{"LP-VAL-040"});  // one value: both rules agree
  const char* ips = R"({"IpAddress":{"acs:SourceIp":"10.1.0.0/16"},"NotIpAddress":{"acs:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}})";
  EXPECT_EQ(condition_codes(ips), V{"LP-VAL-040"});
  EXPECT_EQ(condition_codes(ips, any), V{});
}

TEST(Validate, ImpossibleRangesAndPoints) {
  EXPECT_EQ(condition_codes(R"({"DateGreaterThanEquals":{"acs:CurrentTime":"2025-01-01T00:00:00Z"},"DateLessThan":{"acs:CurrentTime":"2025-01-01T00:00:00Z"}})"),
            V{"LP-VAL-040"});
  EXPECT_EQ(condition_codes(R"({"DateGreaterThanEquals":{"acs:CurrentTime":"2025-01-01T00:00:00Z"},"DateLessThanEquals":{"acs:CurrentTime":"2025-01-01T00:00:00Z"}})"),
            V{});
  EXPECT_EQ(condition_codes(R"({"DateGreaterThanEquals":{"acs:CurrentTime":"2025-01-01T00:00:00Z"},"DateLessThanEquals":{"acs:CurrentTime":"2025-01-01T00:00:00Z"},"DateNotEquals":{"acs:CurrentTime":"2025-01-01T00:00:00Z"}})"),
            V{"LP-VAL-040"});
  // With several values a condition allows the hull of them; 2023 or 2026 meets "after 2025".
  EXPECT_EQ(condition_codes(R"({"DateLessThan":{"acs:CurrentTime":["2023-01-01","2026-01-01"]},"DateGreaterThan":{"acs:CurrentTime":"2025-01-01"}})"),
            V{});
  // IfExists conditions hold when the key is absent: left alone.
  PolicySettings ext;
  ext.dialect = Dialect::RamExtended;
  EXPECT_EQ(condition_codes(R"({"DateLessThanIfExists":{"acs:CurrentTime":"2024-01-01"},"DateGreaterThanIfExists":{"acs:CurrentTime":"2025-01-01"}})",
                            ext),
            V{});
}

TEST(Validate, BundledPoliciesHaveNoErrors) {
  auto dir = policies_dir(std::string(LINKPROOF_ROOT) + "/policies");
  ASSERT_TRUE(dir);
  auto files = bundled_policy_files(*dir);
  EXPECT_GE(files.size(), 7u);
  for (const auto& b : files) {
    Diagnostics d;
    auto p = load_bundled_policy(b, {}, d);
    ASSERT_TRUE(p) << (d.empty() ? b.path : d.items()[0].to_string());
    EXPECT_EQ(p->file, b.display);
    Diagnostics findings = validate_policy(*p, catalogue(), {});
    for (const auto& f : findings.items()) EXPECT_NE(f.severity, Severity::Error) << f.to_string();
  }
}

}  // namespace
}  // namespace lp

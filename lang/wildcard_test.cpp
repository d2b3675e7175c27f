// Glob matching (lang/wildcard.h), the matcher every decision rests on: named cases and agreement
// with a reference matcher (the textbook dynamic programme) on random patterns and subjects.
#include "lang/wildcard.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace lp {
namespace {

// Reference: dp[i][j] = pattern[0, i) matches subject[0, j).
bool reference(std::string_view p, std::string_view s, bool fold) {
  std::vector<std::vector<bool>> dp(p.size() + 1, std::vector<bool>(s.size() + 1, false));
  dp[0][0] = true;
  for (size_t i = 1; i <= p.size(); ++i) {
    char pc = fold ? ascii_lower(p[i - 1]) : p[i - 1];
    for (size_t j = 0; j <= s.size(); ++j) {
      if (pc == '*') dp[i][j] = dp[i - 1][j] || (j > 0 && dp[i][j - 1]);
      else if (j > 0) dp[i][j] = dp[i - 1][j - 1] && (pc == '?' || pc == (fold ? ascii_lower(s[j - 1]) : s[j - 1]));
    }
  }
  return dp[p.size()][s.size()];
}

TEST(Wildcard, NamedCases) {
  EXPECT_TRUE(wildcard_match("ecs:Describe*", "ecs:DescribeInstances"));
  EXPECT_FALSE(wildcard_match("ecs:Describe*", "ecs:describeinstances"));
  EXPECT_TRUE(wildcard_match("ecs:Describe*", "ecs:describeinstances", true));
  EXPECT_TRUE(wildcard_match("a?c", "abc"));
  EXPECT_FALSE(wildcard_match("a?c", "ac"));
  // A '*' or '?' in the subject is an ordinary character (request resources such as
  // acs:oss:*:123:bucket/* are real names).
  EXPECT_TRUE(wildcard_match("a*", "a*b"));
  EXPECT_TRUE(wildcard_match("acs:oss:*:123:bucket/*", "acs:oss:*:123:bucket/*"));
  EXPECT_FALSE(wildcard_match("a*", "b*"));
  EXPECT_TRUE(wildcard_match("*?a", "*a"));
}

TEST(Wildcard, AgreesWithReferenceOnRandomInputs) {
  std::mt19937 rng(7);
  auto random = [&](const char* alphabet, size_t n) {
    std::string s;
    size_t len = rng() % (n + 1);
    for (size_t i = 0; i < len; ++i) s += alphabet[rng() % std::char_traits<char>::length(alphabet)];
    return s;
  };
  for (int i = 0; i < 20000; ++i) {
    std::string p = random("aB*?", 6), s = random("abAB*?", 7);
    bool fold = i % 2 == 0;
    ASSERT_EQ(wildcard_match(p, s, fold), reference(p, s, fold)) << "pattern " << p << " subject " << s << " fold " << fold;
  }
}

}  // namespace
}  // namespace lp

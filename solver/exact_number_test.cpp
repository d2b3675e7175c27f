// Numbers compared exactly as written (solver/exact_number.h, docs/solver.md "Numbers"), and the
// concrete evaluator's Numeric* operators on values a double cannot tell apart. Expectations are
// worked out by hand from decimal arithmetic.
#include "solver/exact_number.h"

#include <gtest/gtest.h>

#include "lang/policy_parser.h"
#include "solver/evaluator.h"

namespace lp {
namespace {

int order(std::string_view a, std::string_view b) { return compare_decimal(*parse_decimal(a), *parse_decimal(b)); }

TEST(ExactNumber, ReadsTheDecimalGrammar) {
  for (const char* ok : {"0", "-12", "3.5", ".5", "5.", "1e3", "1E+3", "2e-7", "-0.0", "007", "1e0009", "1e9999", "9.9e9999",
                         "1e-9999", "0e99999", "0.001e10002", "100e-10001"})
    EXPECT_TRUE(parse_decimal(ok)) << ok;
  for (const char* bad : {"", "-", ".", "-.", "+1", "1e", "1e+", "e5", "0x10", " 1", "1 ", "1.2.3", "1e10000", "10e9999",
                          "1e-10000", "0.1e-9999", "1e99999999999999999999", "inf", "1,5"})
    EXPECT_FALSE(parse_decimal(bad)) << bad;
}

TEST(ExactNumber, ComparesAsWritten) {
  EXPECT_EQ(order("0.0000002", "0.0000001"), 1);  // equal once rounded to six decimals
  EXPECT_EQ(order("9007199254740993", "9007199254740992"), 1);  // 2^53 + 1 and 2^53: one double
  EXPECT_EQ(order("0.30000000000000001", "0.3"), 1);
  EXPECT_EQ(order("2E-7", "0.0000002"), 0);
  EXPECT_EQ(order("9.007199254740993e15", "9007199254740993"), 0);
  EXPECT_EQ(order(".5", "5e-1"), 0);
  EXPECT_EQ(order("-0.0", "0"), 0);
  EXPECT_EQ(order("007.50", "7.5"), 0);
  EXPECT_EQ(order("-3", "-2.5"), -1);
  EXPECT_EQ(order("-0.001", "0"), -1);
  EXPECT_EQ(order("10", "9.99"), 1);
  EXPECT_EQ(order("1e9999", "9e9998"), 1);
}

TEST(ExactNumber, RationalsAndWitnessValues) {
  EXPECT_EQ(rational_text(*parse_decimal("1.25")), "125/100");
  EXPECT_EQ(rational_text(*parse_decimal("-2e3")), "-2000");
  EXPECT_EQ(rational_text(*parse_decimal("2E-7")), "2/10000000");
  EXPECT_EQ(rational_text(*parse_decimal("-0e999999999")), "0");
  EXPECT_EQ(decimal_between(*parse_decimal("1"), *parse_decimal("2")), "1.5");
  EXPECT_EQ(decimal_between(*parse_decimal("0.0000001"), *parse_decimal("2e-7")), "0.00000015");
  EXPECT_EQ(decimal_between(*parse_decimal("9007199254740992"), *parse_decimal("9007199254740993")), "9007199254740992.5");
  EXPECT_EQ(decimal_between(*parse_decimal("-1"), *parse_decimal("1")), "0");
  EXPECT_EQ(decimal_below(*parse_decimal("9007199254740992")), "9007199254740991");
  EXPECT_EQ(decimal_above(*parse_decimal("0.5")), "1.5");
  EXPECT_EQ(decimal_below(*parse_decimal("0.25")), "-0.75");
  EXPECT_EQ(decimal_above(*parse_decimal("1e3")), "1001");
}

bool allows(const char* op, const char* bound, const char* value) {
  std::string doc = std::string(R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
    "Condition": {")") + op + R"(": {"acs:MaxResults": ")" + bound + R"("}}}]})";
  Diagnostics d;
  auto p = parse_policy_text(doc, "t.json", {}, d);
  EXPECT_TRUE(p);
  PolicySet set;
  set.identity.push_back(*p);
  Request r;
  r.action = "ecs:DescribeInstances";
  r.resource = std::string("*");  // as solver/world_checks.cpp (GCC 12 -O3 -Wrestrict)
  r.add_context("acs:MaxResults", value);
  return evaluate(set, r, {}) == Decision::Allow;
}

TEST(ExactNumber, EvaluatorComparesExactly) {
  EXPECT_TRUE(allows("NumericGreaterThan", "9007199254740992", "9007199254740993"));
  EXPECT_FALSE(allows("NumericEquals", "9007199254740992", "9007199254740993"));
  EXPECT_TRUE(allows("NumericLessThan", "0.0000002", "0.00000015"));
  EXPECT_FALSE(allows("NumericLessThan", "0.0000001", "0.00000015"));
  EXPECT_TRUE(allows("NumericEquals", "0.0000002", "2E-7"));
  EXPECT_TRUE(allows("NumericNotEquals", "0.3", "0.30000000000000001"));
  // A request value is a number by its form, not by fitting a double.
  EXPECT_TRUE(allows("NumericGreaterThan", "1e300", "1e400"));
  EXPECT_FALSE(allows("NumericGreaterThan", "1", "1e10000"));  // exponent past the grammar: not a number
}

}  // namespace
}  // namespace lp

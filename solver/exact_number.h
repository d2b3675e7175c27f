// Numbers of the Numeric* condition operators, compared exactly as written (docs/solver.md,
// "Numbers"): "0.0000002" and "0.0000001" differ, and so do 9007199254740993 and 9007199254740992,
// though a double holds neither pair apart. The concrete evaluator and the Z3 encoding both read
// numbers through this file, so the two cannot disagree on what a value is or how two compare.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lp {

// A decimal literal as written, without allocation: [-]digits[.digits][(e|E)[+|-]digits], where
// either digit run around the point may be empty but not both (".5", "5."), and the value, unless
// zero, is d.ddd x 10^E with |E| <= kMaxDecimalExponent. This is the grammar parse_number accepts
// (a policy value must also be a finite double, which the policy parser checks); a request value is
// a number when it has this form, whether or not a double can hold it.
struct DecimalView {
  bool negative = false;
  std::string_view whole, fraction;  // the digits before and after the point
  int64_t exponent = 0;              // the written exponent
};
inline constexpr int64_t kMaxDecimalExponent = 9999;

std::optional<DecimalView> parse_decimal(std::string_view text);

// -1, 0 or 1 as a is below, equal to or above b (exactly; -0 equals 0).
int compare_decimal(const DecimalView& a, const DecimalView& b);

// The value as an exact rational for Z3: "p" or "p/q" (q a power of ten).
std::string rational_text(const DecimalView& d);

// Decimal literals (parse_decimal accepts them) for witnesses: a value strictly between a < b (their
// midpoint), and one below or above a (a - 1, a + 1).
std::string decimal_between(const DecimalView& a, const DecimalView& b);
std::string decimal_below(const DecimalView& a);
std::string decimal_above(const DecimalView& a);

}  // namespace lp

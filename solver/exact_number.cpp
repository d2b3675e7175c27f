#include "solver/exact_number.h"

#include <boost/multiprecision/cpp_int.hpp>

namespace lp {

namespace {

using boost::multiprecision::cpp_int;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The significant digits of a decimal (whole then fraction, leading zeros skipped) and the position
// of the point: the value is 0.<digits> x 10^point.
struct Significand {
  std::string_view whole, fraction;
  size_t skip = 0;   // leading zeros skipped over whole + fraction
  int64_t point = 0;
  bool zero = true;

  explicit Significand(const DecimalView& d) : whole(d.whole), fraction(d.fraction) {
    size_t total = whole.size() + fraction.size();
    while (skip < total && at_raw(skip) == '0') ++skip;
    zero = skip == total;
    point = static_cast<int64_t>(whole.size()) + d.exponent - static_cast<int64_t>(skip);
  }
  char at_raw(size_t i) const { return i < whole.size() ? whole[i] : fraction[i - whole.size()]; }
  // The i-th significant digit, '0' past the end.
  char digit(size_t i) const {
    size_t k = skip + i;
    return k < whole.size() + fraction.size() ? at_raw(k) : '0';
  }
  size_t length() const { return whole.size() + fraction.size() - skip; }
};

// The value as m x 10^e with m an integer.
void scaled(const DecimalView& d, cpp_int& m, int64_t& e) {
  m = 0;
  for (char c : d.whole) m = m * 10 + (c - '0');
  for (char c : d.fraction) m = m * 10 + (c - '0');
  if (d.negative) m = -m;
  // Zero's written exponent may be anything ("0e999999"): it scales nothing.
  e = m == 0 ? 0 : d.exponent - static_cast<int64_t>(d.fraction.size());
}

cpp_int pow10(int64_t n) { return boost::multiprecision::pow(cpp_int(10), static_cast<unsigned>(n)); }

// m x 10^e as a plain decimal literal (no exponent, so parse_decimal always accepts it).
std::string plain(const cpp_int& m, int64_t e) {
  bool negative = m < 0;
  std::string digits = (negative ? cpp_int(-m) : m).str();
  std::string out;
  if (e >= 0) {
    out = digits == "0" ? digits : digits + std::string(static_cast<size_t>(e), '0');
  } else {
    size_t k = static_cast<size_t>(-e);
    if (digits.size() <= k) digits.insert(0, k + 1 - digits.size(), '0');
    out = digits.substr(0, digits.size() - k) + "." + digits.substr(digits.size() - k);
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return negative && out != "0" ? "-" + out : out;
}

}  // namespace

std::optional<DecimalView> parse_decimal(std::string_view s) {
  DecimalView d;
  size_t i = 0;
  if (i < s.size() && s[i] == '-') {
    d.negative = true;
    ++i;
  }
  size_t start = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  d.whole = s.substr(start, i - start);
  if (i < s.size() && s[i] == '.') {
    start = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    d.fraction = s.substr(start, i - start);
  }
  if (d.whole.empty() && d.fraction.empty()) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool minus = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) minus = s[i++] == '-';
    if (i == s.size()) return std::nullopt;
    int64_t e = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      e = e * 10 + (s[i] - '0');
      if (e > int64_t{1} << 40) return std::nullopt;  // far past any bound below; no overflow
    }
    d.exponent = minus ? -e : e;
  }
  if (i != s.size()) return std::nullopt;
  // The leading digit's exponent (d.ddd x 10^E) within the bound; zero has none.
  Significand sig(d);
  if (!sig.zero && (sig.point - 1 > kMaxDecimalExponent || sig.point - 1 < -kMaxDecimalExponent)) return std::nullopt;
  return d;
}

int compare_decimal(const DecimalView& a, const DecimalView& b) {
  Significand x(a), y(b);
  int sx = x.zero ? 0 : a.negative ? -1 : 1, sy = y.zero ? 0 : b.negative ? -1 : 1;
  if (sx != sy) return sx < sy ? -1 : 1;
  if (sx == 0) return 0;
  int magnitude = 0;
  if (x.point != y.point) {
    magnitude = x.point > y.point ? 1 : -1;
  } else {
    for (size_t i = 0, n = std::max(x.length(), y.length()); i < n && magnitude == 0; ++i)
      if (x.digit(i) != y.digit(i)) magnitude = x.digit(i) > y.digit(i) ? 1 : -1;
  }
  return sx * magnitude;
}

std::string rational_text(const DecimalView& d) {
  cpp_int m;
  int64_t e;
  scaled(d, m, e);
  if (e >= 0) return (m * pow10(e)).str();
  return m.str() + "/" + pow10(-e).str();
}

std::string decimal_between(const DecimalView& a, const DecimalView& b) {
  cpp_int ma, mb;
  int64_t ea, eb;
  scaled(a, ma, ea);
  scaled(b, mb, eb);
  int64_t e = std::min(ea, eb);
  cpp_int sum = ma * pow10(ea - e) + mb * pow10(eb - e);
  // (a + b) / 2 = sum x 10^e / 2, which is 5 x sum x 10^(e - 1) when sum is odd.
  if (sum % 2 == 0) return plain(sum / 2, e);
  return plain(sum * 5, e - 1);
}

std::string decimal_below(const DecimalView& a) {
  cpp_int m;
  int64_t e;
  scaled(a, m, e);
  int64_t at = std::min<int64_t>(e, 0);
  return plain(m * pow10(e - at) - pow10(-at), at);
}

std::string decimal_above(const DecimalView& a) {
  cpp_int m;
  int64_t e;
  scaled(a, m, e);
  int64_t at = std::min<int64_t>(e, 0);
  return plain(m * pow10(e - at) + pow10(-at), at);
}

}  // namespace lp

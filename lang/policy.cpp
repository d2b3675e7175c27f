// Names of the AST's closed sets and the literal parsers that compile condition values at load
// (reference.md §1.4): CIDR blocks, ISO 8601 dates, decimal numbers.
#include "lang/policy.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace lp {

const char* effect_name(Effect e) { return e == Effect::Allow ? "Allow" : "Deny"; }

namespace {

struct OperatorInfo {
  OperatorKind kind;
  const char* name;
  OperatorFamily family;
  bool negated;
};

constexpr OperatorInfo kOperators[kOperatorCount] = {
    {OperatorKind::StringEquals, "StringEquals", OperatorFamily::String, false},
    {OperatorKind::StringNotEquals, "StringNotEquals", OperatorFamily::String, true},
    {OperatorKind::StringEqualsIgnoreCase, "StringEqualsIgnoreCase", OperatorFamily::String, false},
    {OperatorKind::StringNotEqualsIgnoreCase, "StringNotEqualsIgnoreCase", OperatorFamily::String, true},
    {OperatorKind::StringLike, "StringLike", OperatorFamily::String, false},
    {OperatorKind::StringNotLike, "StringNotLike", OperatorFamily::String, true},
    {OperatorKind::NumericEquals, "NumericEquals", OperatorFamily::Numeric, false},
    {OperatorKind::NumericNotEquals, "NumericNotEquals", OperatorFamily::Numeric, true},
    {OperatorKind::NumericLessThan, "NumericLessThan", OperatorFamily::Numeric, false},
    {OperatorKind::NumericLessThanEquals, "NumericLessThanEquals", OperatorFamily::Numeric, false},
    {OperatorKind::NumericGreaterThan, "NumericGreaterThan", OperatorFamily::Numeric, false},
    {OperatorKind::NumericGreaterThanEquals, "NumericGreaterThanEquals", OperatorFamily::Numeric, false},
    {OperatorKind::DateEquals, "DateEquals", OperatorFamily::Date, false},
    {OperatorKind::DateNotEquals, "DateNotEquals", OperatorFamily::Date, true},
    {OperatorKind::DateLessThan, "DateLessThan", OperatorFamily::Date, false},
    {OperatorKind::DateLessThanEquals, "DateLessThanEquals", OperatorFamily::Date, false},
    {OperatorKind::DateGreaterThan, "DateGreaterThan", OperatorFamily::Date, false},
    {OperatorKind::DateGreaterThanEquals, "DateGreaterThanEquals", OperatorFamily::Date, false},
    {OperatorKind::Bool, "Bool", OperatorFamily::Bool, false},
    {OperatorKind::IpAddress, "IpAddress", OperatorFamily::Ip, false},
    {OperatorKind::NotIpAddress, "NotIpAddress", OperatorFamily::Ip, true},
};

const OperatorInfo& info(OperatorKind k) { return kOperators[static_cast<int>(k)]; }

}  // namespace

const char* operator_name(OperatorKind k) { return info(k).name; }
OperatorFamily operator_family(OperatorKind k) { return info(k).family; }
bool operator_negated(OperatorKind k) { return info(k).negated; }

std::optional<OperatorKind> operator_from_name(std::string_view name) {
  for (const auto& o : kOperators)
    if (name == o.name) return o.kind;
  return std::nullopt;
}

const char* principal_kind_name(PrincipalKind k) {
  switch (k) {
    case PrincipalKind::Any: return "*";
    case PrincipalKind::Ram: return "RAM";
    case PrincipalKind::Service: return "Service";
    case PrincipalKind::Federated: return "Federated";
  }
  return "?";
}

const char* policy_kind_name(PolicyKind k) {
  switch (k) {
    case PolicyKind::Auto: return "auto";
    case PolicyKind::Identity: return "identity";
    case PolicyKind::Trust: return "trust";
    case PolicyKind::ResourceBased: return "resource-based";
    case PolicyKind::Control: return "control";
    case PolicyKind::Session: return "session";
  }
  return "?";
}

// ---- IP addresses ----

bool Cidr::contains(const Cidr& address) const {
  if (address.v6 != v6) return false;
  int full = prefix / 8, rest = prefix % 8;
  if (std::memcmp(bytes.data(), address.bytes.data(), static_cast<size_t>(full)) != 0) return false;
  if (rest == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xFF << (8 - rest));
  return (bytes[full] & mask) == (address.bytes[full] & mask);
}

// Dotted quad for IPv4; RFC 5952 text for IPv6 (§4: lowercase hex without leading zeros, the
// longest run of two or more zero groups, the first of equal runs, written "::"; §5: IPv4-mapped
// addresses end in dotted quad). The prefix follows as "/n" unless the block is one address.
// Written left to right by appending: prepending to a std::string ("/" + to_string(n) inserts
// at position 0 of a temporary) is what GCC 12 at -O3 misreads as an overlapping copy
// (-Wrestrict) inside libstdc++.
std::string Cidr::to_string() const {
  std::string out;
  out.reserve(48);  // "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128" is 43 characters
  auto number = [&](unsigned v, int base) {
    char digits[8];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, v, base).ptr);
  };
  auto quad = [&](const uint8_t* b) {
    for (int i = 0; i < 4; ++i) {
      if (i) out += '.';
      number(b[i], 10);
    }
  };
  if (!v6) {
    quad(bytes.data());
    if (prefix != 32) {
      out += '/';
      number(unsigned(prefix), 10);
    }
    return out;
  }
  unsigned groups[8];
  for (int g = 0; g < 8; ++g) groups[g] = (unsigned(bytes[2 * g]) << 8) | bytes[2 * g + 1];
  const bool v4_mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 &&
                         groups[5] == 0xffff;
  const int hex_groups = v4_mapped ? 6 : 8;
  int run_start = -1, run_length = 0;
  for (int g = 0; g < hex_groups;) {
    if (groups[g] != 0) {
      ++g;
      continue;
    }
    int h = g;
    while (h < hex_groups && groups[h] == 0) ++h;
    if (h - g > run_length) {
      run_start = g;
      run_length = h - g;
    }
    g = h;
  }
  if (run_length < 2) run_start = -1;  // §4.2.2: one zero group is written "0", not "::"
  for (int g = 0; g < hex_groups; ++g) {
    if (g == run_start) {
      out += ':';
      if (g == 0) out += ':';
      g += run_length - 1;
      continue;
    }
    number(groups[g], 16);
    if (g + 1 < hex_groups || v4_mapped) out += ':';
  }
  if (v4_mapped) quad(bytes.data() + 12);
  if (prefix != 128) {
    out += '/';
    number(unsigned(prefix), 10);
  }
  return out;
}

namespace {

bool parse_v4(std::string_view s, std::array<uint8_t, 16>& b) {
  int part = 0;
  size_t i = 0;
  while (part < 4) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    size_t start = i;
    unsigned v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + unsigned(s[i] - '0');
      if (v > 255 || i - start >= 3) return false;
      ++i;
    }
    if (i - start > 1 && s[start] == '0') return false;  // "010" is ambiguous (octal in some tools)
    b[static_cast<size_t>(part++)] = static_cast<uint8_t>(v);
    if (part < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool parse_v6(std::string_view s, std::array<uint8_t, 16>& b) {
  // Groups before and after "::"; an embedded IPv4 tail is accepted.
  std::array<uint16_t, 8> head{}, tail{};
  int nh = 0, nt = 0;
  bool gap = false;
  size_t i = 0;
  if (s.substr(0, 2) == "::") {
    gap = true;
    i = 2;
  } else if (!s.empty() && s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    size_t start = i;
    unsigned v = 0;
    while (i < s.size() && hex_digit(s[i]) >= 0 && i - start < 4) v = v * 16 + unsigned(hex_digit(s[i++]));
    if (i < s.size() && s[i] == '.') {  // IPv4 tail
      std::array<uint8_t, 16> v4{};
      if (!parse_v4(s.substr(start), v4)) return false;
      for (int k = 0; k < 2; ++k) {
        uint16_t g = static_cast<uint16_t>((v4[2 * k] << 8) | v4[2 * k + 1]);
        if (gap) {
          if (nt >= 8) return false;
          tail[static_cast<size_t>(nt++)] = g;
        } else {
          if (nh >= 8) return false;
          head[static_cast<size_t>(nh++)] = g;
        }
      }
      i = s.size();
      break;
    }
    if (i == start) return false;
    if (gap) {
      if (nt >= 8) return false;
      tail[static_cast<size_t>(nt++)] = static_cast<uint16_t>(v);
    } else {
      if (nh >= 8) return false;
      head[static_cast<size_t>(nh++)] = static_cast<uint16_t>(v);
    }
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (gap) return false;
      gap = true;
      ++i;
    } else if (i == s.size()) {
      return false;
    }
  }
  if (gap ? nh + nt > 7 : nh != 8) return false;
  std::array<uint16_t, 8> g{};
  for (int k = 0; k < nh; ++k) g[static_cast<size_t>(k)] = head[static_cast<size_t>(k)];
  for (int k = 0; k < nt; ++k) g[static_cast<size_t>(8 - nt + k)] = tail[static_cast<size_t>(k)];
  for (size_t k = 0; k < 8; ++k) {
    b[2 * k] = static_cast<uint8_t>(g[k] >> 8);
    b[2 * k + 1] = static_cast<uint8_t>(g[k] & 0xFF);
  }
  return true;
}

bool host_bits_zero(const Cidr& c) {
  int total = c.v6 ? 128 : 32;
  for (int bit = c.prefix; bit < total; ++bit)
    if (c.bytes[static_cast<size_t>(bit / 8)] & (0x80 >> (bit % 8))) return false;
  return true;
}

}  // namespace

std::optional<Cidr> parse_ip(std::string_view text) {
  Cidr c;
  if (text.find(':') != std::string_view::npos) {
    c.v6 = true;
    if (!parse_v6(text, c.bytes)) return std::nullopt;
    c.prefix = 128;
  } else {
    if (!parse_v4(text, c.bytes)) return std::nullopt;
    c.prefix = 32;
  }
  return c;
}

std::optional<Cidr> parse_cidr(std::string_view text, bool allow_host_bits) {
  size_t slash = text.find('/');
  auto address = parse_ip(text.substr(0, slash));
  if (!address) return std::nullopt;
  if (slash == std::string_view::npos) return address;
  std::string_view p = text.substr(slash + 1);
  int prefix = 0;
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
  if (ec != std::errc() || end != p.data() + p.size() || p.empty() || (p.size() > 1 && p[0] == '0')) return std::nullopt;
  if (prefix < 0 || prefix > (address->v6 ? 128 : 32)) return std::nullopt;
  address->prefix = prefix;
  if (!allow_host_bits && !host_bits_zero(*address)) return std::nullopt;
  return address;
}

// ---- dates ----

namespace {

bool digits(std::string_view s, size_t at, size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::optional<int64_t> parse_iso8601(std::string_view s) {
  int y, mo, d;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] + (mo == 2 && leap(y) ? 1 : 0)) return std::nullopt;
  int64_t millis = days_from_civil(y, unsigned(mo), unsigned(d)) * 86400000LL;
  size_t i = 10;
  if (i == s.size()) return millis;
  if (s[i] != 'T' && s[i] != 't') return std::nullopt;
  int h, mi, sec = 0, frac = 0;
  if (!digits(s, i + 1, 2, h) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, mi))
    return std::nullopt;
  i += 6;
  if (i < s.size() && s[i] == ':') {
    if (!digits(s, i + 1, 2, sec)) return std::nullopt;
    i += 3;
    if (i < s.size() && s[i] == '.') {
      size_t start = ++i;
      int scale = 100;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        frac += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
      }
      if (i == start) return std::nullopt;
    }
  }
  if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  millis += ((h * 60LL + mi) * 60 + sec) * 1000 + frac;
  if (i == s.size()) return millis;
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return millis;
  if (s[i] != '+' && s[i] != '-') return std::nullopt;
  int oh, om;
  if (!digits(s, i + 1, 2, oh)) return std::nullopt;
  size_t j = i + 3;
  if (j < s.size() && s[j] == ':') ++j;
  if (!digits(s, j, 2, om) || j + 2 != s.size() || oh > 23 || om > 59) return std::nullopt;
  int64_t offset = (oh * 60LL + om) * 60000;
  return s[i] == '+' ? millis - offset : millis + offset;
}

std::optional<double> parse_number(std::string_view s) {
  if (s.empty() || s.front() == '+') return std::nullopt;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+')) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace lp

// Cidr::to_string: dotted quad for IPv4, RFC 5952 text for IPv6 (the expected strings are the
// RFC's own examples and rules, §4.1-§4.3 and §5).
#include <gtest/gtest.h>

#include "lang/policy.h"

namespace lp {
namespace {

std::string text(const char* in) {
  auto c = parse_cidr(in);
  return c ? c->to_string() : "(unparsed)";
}

TEST(CidrText, Ipv4AddressesAndBlocks) {
  EXPECT_EQ(text("10.0.0.1"), "10.0.0.1");
  EXPECT_EQ(text("10.0.0.0/8"), "10.0.0.0/8");
  EXPECT_EQ(text("0.0.0.0/0"), "0.0.0.0/0");
  EXPECT_EQ(text("255.255.255.255"), "255.255.255.255");
}

TEST(CidrText, Ipv6LeadingZerosDroppedAndLowercase) {  // §4.1, §4.3
  EXPECT_EQ(text("2001:0DB8:0000:0000:0000:0000:0000:0001"), "2001:db8::1");
  EXPECT_EQ(text("2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001"), "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1");
}

TEST(CidrText, Ipv6LongestZeroRunIsCompressed) {  // §4.2.1, §4.2.3
  EXPECT_EQ(text("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");  // equal runs: the first
  EXPECT_EQ(text("2001:0:0:1:0:0:0:1"), "2001:0:0:1::1");          // the longest run
  EXPECT_EQ(text("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(text("1:0:0:0:0:0:0:0"), "1::");
  EXPECT_EQ(text("::"), "::");
  EXPECT_EQ(text("::/0"), "::/0");
}

TEST(CidrText, Ipv6SingleZeroGroupIsNotCompressed) {  // §4.2.2
  EXPECT_EQ(text("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");
}

TEST(CidrText, Ipv6PrefixAndMappedIpv4) {  // §5: IPv4-mapped addresses end in dotted quad
  EXPECT_EQ(text("2001:db8::/32"), "2001:db8::/32");
  EXPECT_EQ(text("::ffff:c000:0201"), "::ffff:192.0.2.1");
  EXPECT_EQ(text("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

TEST(CidrText, TextParsesBackToTheSameBlock) {
  for (const char* in : {"2001:db8::1:0:0:1", "::ffff:192.0.2.1", "fe80::/10", "1::", "10.1.2.0/24"}) {
    auto c = parse_cidr(in);
    ASSERT_TRUE(c) << in;
    auto back = parse_cidr(c->to_string());
    ASSERT_TRUE(back) << c->to_string();
    EXPECT_EQ(back->bytes, c->bytes) << in;
    EXPECT_EQ(back->prefix, c->prefix) << in;
  }
}

}  // namespace
}  // namespace lp

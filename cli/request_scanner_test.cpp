// The batch fast path: it answers exactly the lines it can read and gives up on every other one,
// so the full reader names the error (docs/authorize.md, batch mode).
#include "cli/request_scanner.h"

#include <chrono>
#include <gtest/gtest.h>
#include <string>

namespace lp::cli {
namespace {

std::string line_with_keys(size_t n, const std::string& extra = {}) {
  std::string text = R"({"policy_set": 0, "action": "ecs:StartInstance", "resource": "*", "context": {)";
  for (size_t i = 0; i < n; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":\"v\"";
  if (!extra.empty()) text += "," + extra;
  return text + "}}";
}

TEST(RequestScanner, ReadsTheWorkloadFormat) {
  size_t set = 9;
  Request r;
  ASSERT_TRUE(scan_request(R"({"policy_set": 2, "principal": "acs:ram::1:user/a", "action": "ecs:A",
    "resource": "*", "context": {"acs:SourceIp": "10.0.0.1", "k": ["a", "b"], "empty": []}})", set, r));
  EXPECT_EQ(set, 2u);
  EXPECT_EQ(r.principal, "acs:ram::1:user/a");
  ASSERT_EQ(r.context.size(), 2u);  // a key with [] carries no value
  EXPECT_EQ(r.context[0].key_folded, "acs:sourceip");
  EXPECT_EQ(r.context[1].values.size(), 2u);
}

// A duplicate key is the full reader's to report, whatever the line's size; keys that differ only
// in case are one case-insensitive key, not duplicates.
TEST(RequestScanner, GivesUpOnDuplicateKeys) {
  size_t set = 0;
  Request r;
  for (size_t n : {1u, 15u, 16u, 40u, 1000u}) {
    EXPECT_FALSE(scan_request(line_with_keys(n, "\"k0\":\"w\""), set, r)) << n;
    EXPECT_FALSE(scan_request(line_with_keys(n, "\"k" + std::to_string(n - 1) + "\":\"w\""), set, r)) << n;
    EXPECT_TRUE(scan_request(line_with_keys(n, "\"K0\":\"w\""), set, r)) << n;
    EXPECT_EQ(r.context.size(), n + 1);
  }
}

// Linear in the number of keys: 100,000 keys take far less than the pairwise check's 5 * 10^9
// comparisons.
TEST(RequestScanner, ManyKeysAreLinear) {
  std::string line = line_with_keys(100000);
  size_t set = 0;
  Request r;
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(scan_request(line, set, r));
  EXPECT_FALSE(scan_request(line_with_keys(100000, "\"k5\":\"w\""), set, r));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 3.0);
}

// Malformed UTF-8 is the full reader's to refuse (LP-JSON-005); well-formed UTF-8 is read.
TEST(RequestScanner, GivesUpOnMalformedUtf8) {
  size_t set = 0;
  Request r;
  EXPECT_FALSE(scan_request("{\"policy_set\": 0, \"action\": \"ecs:A\", \"resource\": \"\xFF\"}", set, r));
  EXPECT_FALSE(scan_request(
      "{\"policy_set\": 0, \"action\": \"ecs:A\", \"resource\": \"*\", \"context\": {\"k\": \"\xC3\"}}", set, r));
  EXPECT_FALSE(scan_request("{\"policy_set\": 0, \"action\": \"ecs:A\\\\\xC0\xAF\", \"resource\": \"*\"}", set, r));
  // After an escaped quote too: the bytes past it are checked as well.
  EXPECT_FALSE(scan_request("{\"policy_set\": 0, \"action\": \"ecs:A\", \"resource\": \"a\\\"\xFF\"}", set, r));
  ASSERT_TRUE(scan_request("{\"policy_set\": 0, \"action\": \"ecs:A\", \"resource\": \"caf\xC3\xA9\"}", set, r));
  EXPECT_EQ(r.resource, "caf\xC3\xA9");
}

}  // namespace
}  // namespace lp::cli

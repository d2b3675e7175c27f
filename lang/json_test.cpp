// The position-keeping JSON reader: duplicate keys at any size, positions of documents that start
// inside a larger file, and the UTF-8 check it shares (docs/errors.md, LP-JSON-*).
#include "lang/json.h"

#include <chrono>
#include <gtest/gtest.h>

namespace lp {
namespace {

// {"k0": 0, "k1": 1, ...} with `n` keys, and `extra` appended as the last member.
std::string object_with_keys(size_t n, const std::string& extra = {}) {
  std::string text = "{";
  for (size_t i = 0; i < n; ++i) text += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
  if (!extra.empty()) text += "," + extra;
  return text + "}";
}

// LP-JSON-011 whatever the object's size: a duplicate of the first, a middle and the last key,
// before and after the size at which the reader switches to its hash set.
TEST(Json, DuplicateKeysFoundInObjectsOfEverySize) {
  for (size_t n : {1u, 2u, 15u, 16u, 17u, 40u, 1000u}) {
    for (size_t dup : {size_t{0}, n / 2, n - 1}) {
      Diagnostics d;
      std::string text = object_with_keys(n, "\"k" + std::to_string(dup) + "\":true");
      EXPECT_FALSE(parse_json(text, "d.json", d)) << n << " keys, duplicate of k" << dup;
      ASSERT_EQ(d.size(), 1u);
      EXPECT_EQ(d.items()[0].code, "LP-JSON-011");
      EXPECT_NE(d.items()[0].message.find("duplicate key \"k" + std::to_string(dup) + "\""), std::string::npos)
          << d.items()[0].message;
    }
    Diagnostics d;
    auto v = parse_json(object_with_keys(n, "\"other\":1"), "d.json", d);
    ASSERT_TRUE(v) << n;
    EXPECT_EQ(v->members.size(), n + 1);
  }
}

// The duplicate check is linear: 200,000 keys are read in well under the seconds a pairwise
// comparison of every key needs (about 2 * 10^10 comparisons).
TEST(Json, DuplicateCheckIsLinear) {
  std::string text = object_with_keys(200000);
  auto start = std::chrono::steady_clock::now();
  Diagnostics d;
  auto v = parse_json(text, "d.json", d);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(v);
  EXPECT_EQ(v->members.size(), 200000u);
  EXPECT_LT(seconds, 5.0);
}

// A document that is line 7 of its file (a JSON Lines request): positions, also the one inside the
// duplicate-key message, count from line 7.
TEST(Json, PositionsCountFromTheFirstLine) {
  Diagnostics d;
  EXPECT_FALSE(parse_json(R"({"a": 1, "a": 2})", "r.jsonl", d, {}, 7));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.items()[0].where.line, 7);
  EXPECT_EQ(d.items()[0].where.column, 10);
  EXPECT_NE(d.items()[0].message.find("(first at 7:2)"), std::string::npos) << d.items()[0].message;
}

// Columns count characters, not bytes (docs/errors.md): "é" is one column.
TEST(Json, ColumnsCountCharacters) {
  Diagnostics d;
  EXPECT_FALSE(parse_json("{\"\xC3\xA9\": 1 2}", "c.json", d));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.items()[0].where.column, 9);  // { " é " : space 1 space 2: the '2' is the 9th character
}

TEST(Json, ValidUtf8) {
  EXPECT_TRUE(valid_utf8("plain ascii"));
  EXPECT_TRUE(valid_utf8("caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80"));
  EXPECT_FALSE(valid_utf8("\xFF"));
  EXPECT_FALSE(valid_utf8("\xC3"));            // truncated
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));        // overlong '/'
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));    // a surrogate
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

}  // namespace
}  // namespace lp

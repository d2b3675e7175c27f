// String classes (solver/string_classes.h): the cheap pattern tests and the class search, checked
// by hand on named cases and against enumeration of every short string on random patterns.
#include "solver/string_classes.h"

#include <gtest/gtest.h>

#include <random>

namespace lp::classes {
namespace {

Pattern glob(std::string t, bool fold = false) { return {std::move(t), false, fold}; }
Pattern lit(std::string t, bool fold = false) { return {std::move(t), true, fold}; }

TEST(StringClasses, ExactPatterns) {
  EXPECT_TRUE(is_exact(lit("Abc"), false));
  EXPECT_FALSE(is_exact(lit("abc", true), false));  // every spelling of abc
  EXPECT_TRUE(is_exact(lit("abc", true), true));    // the field is solved folded
  EXPECT_TRUE(is_exact(lit("a*b"), false));         // StringEquals: the star is a character
  EXPECT_TRUE(is_exact(glob("ecs:describe", true), true));
  EXPECT_FALSE(is_exact(glob("ecs:*", true), true));
  EXPECT_TRUE(matches_everything(glob("**")));
  EXPECT_FALSE(matches_everything(glob("*?")));
}

TEST(StringClasses, CheapTests) {
  EXPECT_FALSE(may_overlap(glob("ecs:describe*"), glob("vpc:*")));
  EXPECT_TRUE(may_overlap(glob("ecs:*"), glob("*instances")));
  EXPECT_FALSE(may_overlap(glob("*a"), glob("*b")));
  EXPECT_EQ(includes(glob("ecs:describeinstances"), glob("ecs:describe*")), Answer::Yes);
  EXPECT_EQ(includes(glob("ecs:describe*"), glob("ecs:*")), Answer::Yes);
  EXPECT_EQ(includes(glob("ecs:*"), glob("ecs:describe*")), Answer::No);
  EXPECT_EQ(includes(glob("a*/key"), glob("*/key")), Answer::Yes);
  EXPECT_EQ(includes(glob("a*b*c"), glob("a*c")), Answer::Maybe);  // left to the search
}

TEST(StringClasses, RealiseNamedCases) {
  Pattern a = glob("a*"), b = glob("*b"), ab = glob("ab"), star = glob("*");
  auto r = realise({&a, &b}, {&ab}, false);
  ASSERT_EQ(r.status, Search::Found);
  EXPECT_TRUE(matches(a, r.text) && matches(b, r.text) && r.text != "ab");
  EXPECT_EQ(realise({&ab}, {&a}, false).status, Search::Empty);  // ab is inside a*
  EXPECT_EQ(realise({}, {&star}, false).status, Search::Empty);
  Pattern x = glob("ecs:describe*"), y = glob("ecs:create*");
  EXPECT_EQ(realise({&x, &y}, {}, false).status, Search::Empty);
  // A folding literal with letters: every spelling but the excluded ones.
  Pattern f = lit("ab", true), e1 = lit("ab"), e2 = lit("AB");
  r = realise({&f}, {&e1, &e2}, false);
  ASSERT_EQ(r.status, Search::Found);
  EXPECT_TRUE(r.text == "Ab" || r.text == "aB") << r.text;
  Pattern e3 = lit("Ab"), e4 = lit("aB");
  EXPECT_EQ(realise({&f}, {&e1, &e2, &e3, &e4}, false).status, Search::Empty);
}

// Every string over {a, b, #, *, ?} up to `max` characters.
std::vector<std::string> all_strings(size_t max) {
  std::vector<std::string> out{""};
  for (size_t at = 0; at < out.size(); ++at)
    if (out[at].size() < max)
      for (char c : std::string("ab#*?")) out.push_back(out[at] + c);
  return out;
}

TEST(StringClasses, AgreesWithEnumerationOnRandomPatterns) {
  std::mt19937 rng(20261125);
  const auto strings = all_strings(5);
  auto random_pattern = [&] {
    std::string t;
    size_t n = rng() % 4;
    for (size_t i = 0; i < n; ++i) t += "ab*?"[rng() % 4];
    return rng() % 5 == 0 ? lit(t, rng() % 2 == 0) : glob(t, false);
  };
  for (int round = 0; round < 3000; ++round) {
    std::vector<Pattern> pats;
    size_t n = 1 + rng() % 4;
    for (size_t i = 0; i < n; ++i) pats.push_back(random_pattern());
    std::vector<const Pattern*> must, must_not;
    for (const auto& p : pats) (rng() % 2 ? must : must_not).push_back(&p);
    auto fits = [&](const std::string& s) {
      for (const Pattern* p : must)
        if (!matches(*p, s)) return false;
      for (const Pattern* p : must_not)
        if (matches(*p, s)) return false;
      return true;
    };
    bool exists = std::any_of(strings.begin(), strings.end(), fits);
    auto r = realise(must, must_not, false);
    std::string what;
    for (const Pattern* p : must) what += " +" + p->text + (p->literal ? "(lit)" : "");
    for (const Pattern* p : must_not) what += " -" + p->text + (p->literal ? "(lit)" : "");
    ASSERT_NE(r.status, Search::Unknown) << what;
    if (r.status == Search::Found) {
      EXPECT_TRUE(fits(r.text)) << what << " gave " << r.text;
    }
    if (exists) {
      EXPECT_EQ(r.status, Search::Found) << what;
    }
    // Cheap tests are necessary conditions: "no" must never be wrong.
    for (const auto& p : pats)
      for (const auto& q : pats) {
        bool overlap = std::any_of(strings.begin(), strings.end(), [&](const std::string& s) { return matches(p, s) && matches(q, s); });
        EXPECT_TRUE(!overlap || may_overlap(p, q)) << p.text << " / " << q.text;
        bool inside = std::all_of(strings.begin(), strings.end(), [&](const std::string& s) { return !matches(p, s) || matches(q, s); });
        Answer in = includes(p, q);
        EXPECT_NE(in, inside ? Answer::No : Answer::Yes) << p.text << (p.literal ? "(lit)" : "") << " in " << q.text
                                                         << (q.literal ? "(lit)" : "");
      }
  }
}

}  // namespace
}  // namespace lp::classes

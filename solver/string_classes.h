// String classes for the Z3 engine (docs/solver.md): the patterns of one string field, the
// cheap tests that prune pattern pairs, and the search that turns a membership vector ("matches these
// patterns, not those") into a concrete string or proves that none exists. Internal to solver/; no Z3.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lp::classes {

// A glob ('*', '?') or a literal (StringEquals), matched with or without ASCII case folding (the
// text is stored folded when `fold`).
struct Pattern {
  std::string text;
  bool literal = false;
  bool fold = false;
  bool operator<(const Pattern& o) const;
};

bool matches(const Pattern& p, std::string_view s);

// Whether the pattern denotes exactly one string. `field_folds`: every pattern of the field folds
// case, so the field is solved over folded strings and a folding pattern without wildcards is one.
bool is_exact(const Pattern& p, bool field_folds);

// A glob of '*' only: every string matches it.
bool matches_everything(const Pattern& p);

// Cheap necessary conditions (literal prefixes and suffixes): false means certainly not.
bool may_overlap(const Pattern& a, const Pattern& b);
bool may_include(const Pattern& inner, const Pattern& outer);

// Inclusion of inner's strings in outer's: settled by the cheap tests where they can (outer of the
// form P* or *S, exact inner), Maybe otherwise.
enum class Answer { Yes, No, Maybe };
Answer includes(const Pattern& inner, const Pattern& outer);

enum class Search { Found, Empty, Unknown };

struct Realisation {
  Search status = Search::Unknown;
  std::string text;  // for Found
};

// A string matching every pattern of `must` and none of `must_not`: Found (with the string), Empty
// (proved: no such string) or Unknown (past `budget` product states). Candidates built from the
// patterns are tried first; then a breadth-first search over the product of the patterns' automata,
// pruning states where a `must` pattern is dead or a `must_not` pattern accepts every extension.
// `folded`: the field is solved over folded strings (is_exact).
// `hints`: strings tried before anything else (compared folded when `folded`; returned as given).
Realisation realise(const std::vector<const Pattern*>& must, const std::vector<const Pattern*>& must_not, bool folded,
                    size_t budget = 200000, const std::vector<std::string>* hints = nullptr);

}  // namespace lp::classes

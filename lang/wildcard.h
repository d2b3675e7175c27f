// RAM wildcard patterns: '*' matches any run of characters (also none), '?' exactly one
// (reference.md §1.2). Compiled once at load; matching never allocates.
#pragma once

#include <string>
#include <string_view>

namespace lp {

class Wildcard {
 public:
  Wildcard() = default;
  // `fold_case`: match ignoring ASCII case (the pattern is stored folded; the subject is folded
  // character by character while matching).
  explicit Wildcard(std::string_view pattern, bool fold_case = false);

  bool matches(std::string_view subject) const;

  const std::string& pattern() const { return pattern_; }  // as compiled (folded if fold_case)
  bool fold_case() const { return fold_case_; }
  bool has_wildcards() const { return has_wildcards_; }
  bool is_match_all() const { return match_all_; }  // the pattern is "*" (or only '*'s)

 private:
  std::string pattern_;
  bool fold_case_ = false;
  bool has_wildcards_ = false;
  bool match_all_ = false;
  size_t head_ = 0;  // characters before the first wildcard: compared directly
};

// Plain glob match without a compiled object (used by tests and tools).
bool wildcard_match(std::string_view pattern, std::string_view subject, bool fold_case = false);

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
std::string ascii_lower(std::string_view s);
bool ascii_iequals(std::string_view a, std::string_view b);  // equal ignoring ASCII case

}  // namespace lp

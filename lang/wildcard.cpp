#include "lang/wildcard.h"

#include <algorithm>

namespace lp {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = ascii_lower(c);
  return out;
}

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

Wildcard::Wildcard(std::string_view pattern, bool fold_case)
    : pattern_(fold_case ? ascii_lower(pattern) : std::string(pattern)), fold_case_(fold_case) {
  match_all_ = !pattern_.empty();
  for (char c : pattern_) {
    if (c == '*' || c == '?') has_wildcards_ = true;
    if (c != '*') match_all_ = false;
  }
  head_ = std::min(pattern_.find_first_of("*?"), pattern_.size());
}

namespace {
// Iterative glob with single-star backtracking: O(|p|*|s|) worst case, no allocation.
template <bool Fold>
bool glob(std::string_view p, std::string_view s) {
  size_t pi = 0, si = 0, star = std::string_view::npos, mark = 0;
  while (si < s.size()) {
    char sc = Fold ? ascii_lower(s[si]) : s[si];
    // The star first: a '*' in the subject is an ordinary character, not a match for the pattern's.
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (pi < p.size() && (p[pi] == '?' || p[pi] == sc)) {
      ++pi;
      ++si;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}
}  // namespace

bool Wildcard::matches(std::string_view subject) const {
  if (match_all_) return true;
  if (!has_wildcards_) {
    if (subject.size() != pattern_.size()) return false;
    if (!fold_case_) return subject == pattern_;
    for (size_t i = 0; i < subject.size(); ++i)
      if (ascii_lower(subject[i]) != pattern_[i]) return false;
    return true;
  }
  // The literal head first (most patterns are "svc:Prefix*"), then the glob on the rest.
  if (subject.size() < head_) return false;
  for (size_t i = 0; i < head_; ++i)
    if ((fold_case_ ? ascii_lower(subject[i]) : subject[i]) != pattern_[i]) return false;
  std::string_view rest_p = std::string_view(pattern_).substr(head_), rest_s = subject.substr(head_);
  return fold_case_ ? glob<true>(rest_p, rest_s) : glob<false>(rest_p, rest_s);
}

bool wildcard_match(std::string_view pattern, std::string_view subject, bool fold_case) {
  return Wildcard(pattern, fold_case).matches(subject);
}

}  // namespace lp

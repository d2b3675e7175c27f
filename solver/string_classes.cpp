#include "solver/string_classes.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <set>
#include <tuple>
#include <unordered_set>

#include "lang/wildcard.h"

namespace lp::classes {

bool Pattern::operator<(const Pattern& o) const { return std::tie(text, literal, fold) < std::tie(o.text, o.literal, o.fold); }

bool matches(const Pattern& p, std::string_view s) {
  if (p.literal) return p.fold ? ascii_iequals(p.text, s) : p.text == s;
  return wildcard_match(p.text, s, p.fold);
}

namespace {

bool is_wild(const Pattern& p, char c) { return !p.literal && (c == '*' || c == '?'); }

bool has_letters(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

// The literal text before the first wildcard and after the last one (the whole text if none).
std::string_view head(const Pattern& p) {
  if (p.literal) return p.text;
  return std::string_view(p.text).substr(0, std::min(p.text.find_first_of("*?"), p.text.size()));
}
std::string_view tail(const Pattern& p) {
  if (p.literal) return p.text;
  size_t last = p.text.find_last_of("*?");
  return last == std::string::npos ? std::string_view(p.text) : std::string_view(p.text).substr(last + 1);
}
bool wild(const Pattern& p) { return !p.literal && p.text.find_first_of("*?") != std::string::npos; }

// Whether a and b agree on their first n characters (folded texts compare as stored).
bool same_prefix(std::string_view a, std::string_view b, size_t n) { return a.substr(0, n) == b.substr(0, n); }
bool same_suffix(std::string_view a, std::string_view b, size_t n) { return a.substr(a.size() - n) == b.substr(b.size() - n); }

}  // namespace

bool is_exact(const Pattern& p, bool field_folds) {
  if (!p.literal && p.text.find_first_of("*?") != std::string::npos) return false;
  return !p.fold || field_folds || !has_letters(p.text);
}

bool matches_everything(const Pattern& p) {
  return !p.literal && !p.text.empty() && p.text.find_first_not_of('*') == std::string::npos;
}

bool may_overlap(const Pattern& a, const Pattern& b) {
  if (a.fold != b.fold) return true;  // texts are stored differently: no cheap answer
  if (!wild(a)) return matches(b, a.text);
  if (!wild(b)) return matches(a, b.text);
  std::string_view ha = head(a), hb = head(b), ta = tail(a), tb = tail(b);
  return same_prefix(ha, hb, std::min(ha.size(), hb.size())) && same_suffix(ta, tb, std::min(ta.size(), tb.size()));
}

bool may_include(const Pattern& inner, const Pattern& outer) {
  if (matches_everything(outer)) return true;
  if (inner.fold != outer.fold) return true;
  if (!wild(inner)) return matches(outer, inner.text);
  if (!wild(outer)) return false;  // inner has many strings, outer one
  // Every string of inner starts with head(inner) followed by anything: outer's head must be a
  // prefix of it (and its tail a suffix of inner's tail).
  std::string_view hi = head(inner), ho = head(outer), ti = tail(inner), to = tail(outer);
  return ho.size() <= hi.size() && same_prefix(hi, ho, ho.size()) && to.size() <= ti.size() &&
         same_suffix(ti, to, to.size());
}

Answer includes(const Pattern& inner, const Pattern& outer) {
  if (!may_include(inner, outer)) return Answer::No;
  if (matches_everything(outer)) return Answer::Yes;
  if (inner.fold != outer.fold || inner.literal || outer.literal) return Answer::Maybe;
  if (!wild(inner)) return matches(outer, inner.text) ? Answer::Yes : Answer::No;
  // outer = P* (or *S): inner is inside when every string of it starts with P (ends with S), which
  // may_include has just checked through inner's literal head (tail).
  const std::string& o = outer.text;
  size_t first = o.find_first_of("*?");
  if (o.find('?') == std::string::npos && first + 1 == o.size()) return Answer::Yes;
  if (o.find('?') == std::string::npos && first == 0 && o.find('*', 1) == std::string::npos) return Answer::Yes;
  return Answer::Maybe;
}

namespace {

// One pattern's automaton over positions 0..n of its text (n = accepted), as a bit set.
struct Automaton {
  const Pattern* p;
  bool fold;            // compare folded characters
  size_t words;         // 64-bit words per state
  size_t sure_from;     // positions >= this (and < n) accept every extension; n when none
  size_t n;

  explicit Automaton(const Pattern* pat, bool folded) : p(pat), fold(pat->fold || folded), n(pat->text.size()) {
    words = (n + 1 + 63) / 64;
    sure_from = n;
    if (!p->literal)
      while (sure_from > 0 && p->text[sure_from - 1] == '*') --sure_from;
  }

  static bool get(const uint64_t* s, size_t i) { return (s[i / 64] >> (i % 64)) & 1u; }
  static void set(uint64_t* s, size_t i) { s[i / 64] |= uint64_t{1} << (i % 64); }

  void close(uint64_t* s) const {
    if (p->literal) return;
    for (size_t i = 0; i < n; ++i)
      if (get(s, i) && p->text[i] == '*') set(s, i + 1);
  }
  void start(uint64_t* s) const {
    std::fill(s, s + words, 0);
    set(s, 0);
    close(s);
  }
  void step(const uint64_t* from, uint64_t* to, char c) const {
    std::fill(to, to + words, 0);
    char fc = fold ? ascii_lower(c) : c;
    for (size_t i = 0; i < n; ++i) {
      if (!get(from, i)) continue;
      char pc = p->text[i];
      if (!p->literal && pc == '*') set(to, i);
      else if ((!p->literal && pc == '?') || pc == fc) set(to, i + 1);
    }
    close(to);
  }
  bool dead(const uint64_t* s) const {
    for (size_t w = 0; w < words; ++w)
      if (s[w]) return false;
    return true;
  }
  bool accepts(const uint64_t* s) const { return get(s, n); }
  bool sure(const uint64_t* s) const {
    for (size_t i = sure_from; i < n; ++i)
      if (get(s, i)) return true;
    return false;
  }
};

bool fits(const std::vector<const Pattern*>& must, const std::vector<const Pattern*>& must_not, std::string_view s) {
  for (const Pattern* p : must)
    if (!matches(*p, s)) return false;
  for (const Pattern* p : must_not)
    if (matches(*p, s)) return false;
  return true;
}

// A character no pattern names: it behaves like every other such character.
char filler(const std::set<char>& used) {
  for (char c : std::string("x0#~%_.Q"))
    if (!used.count(c)) return c;
  for (int c = 1; c < 127; ++c)
    if (!used.count(static_cast<char>(c))) return static_cast<char>(c);
  return '#';
}

std::string instantiate(const Pattern& p, char fill, bool star_fill) {
  if (p.literal) return p.text;
  std::string s;
  for (char c : p.text) {
    if (c == '*') {
      if (star_fill) s += fill;
    } else if (c == '?') {
      s += fill;
    } else {
      s += c;
    }
  }
  return s;
}

}  // namespace

Realisation realise(const std::vector<const Pattern*>& must, const std::vector<const Pattern*>& must_not, bool folded,
                    size_t budget, const std::vector<std::string>* hints) {
  Realisation out;
  if (hints)
    for (const auto& h : *hints)
      if (fits(must, must_not, folded ? ascii_lower(h) : h)) {
        out.status = Search::Found;
        out.text = h;
        return out;
      }
  // One string forced: check it.
  for (const Pattern* p : must)
    if (is_exact(*p, folded)) {
      out.status = fits(must, must_not, p->text) ? Search::Found : Search::Empty;
      if (out.status == Search::Found) out.text = p->text;
      return out;
    }
  for (const Pattern* p : must_not)
    if (matches_everything(*p)) {
      out.status = Search::Empty;
      return out;
    }
  // Only the must-not patterns that can meet every must pattern can match the string.
  std::vector<const Pattern*> product(must.begin(), must.end());
  std::vector<const Pattern*> avoid;
  for (const Pattern* q : must_not)
    if (std::all_of(must.begin(), must.end(), [&](const Pattern* p) { return may_overlap(*p, *q); })) avoid.push_back(q);
  std::set<char> used;
  for (const auto* list : {&product, &avoid})
    for (const Pattern* p : *list)
      for (char c : p->text)
        if (!is_wild(*p, c)) {
          used.insert(c);
          if (p->fold && !folded && c >= 'a' && c <= 'z') used.insert(static_cast<char>(c - 32));
        }
  const char fill = filler(used);
  // Candidates built from the patterns settle almost every class.
  std::vector<std::string> candidates;
  for (const Pattern* p : must) {
    candidates.push_back(instantiate(*p, fill, true));
    candidates.push_back(instantiate(*p, fill, false));
  }
  if (must.empty()) {
    candidates.push_back("");
    candidates.push_back(std::string(1, fill));
  }
  for (const auto& c : candidates)
    if (fits(must, avoid, c)) {
      out.status = Search::Found;
      out.text = c;
      return out;
    }
  // The product search. Alphabet: every character a pattern names (both cases where a pattern folds
  // and the field is not solved folded) and one filler for all the others.
  std::vector<char> alphabet(used.begin(), used.end());
  alphabet.push_back(fill);
  std::vector<Automaton> autos;
  for (const Pattern* p : product) autos.emplace_back(p, folded);
  const size_t first_avoid = autos.size();
  for (const Pattern* p : avoid) autos.emplace_back(p, folded);
  std::vector<size_t> offset;
  size_t width = 0;
  for (const auto& a : autos) {
    offset.push_back(width);
    width += a.words;
  }
  struct Node {
    size_t parent;
    char c;
  };
  std::vector<uint64_t> states;  // node i's state at i * width
  std::vector<Node> nodes;
  std::unordered_set<std::string> seen;
  auto key = [&](const uint64_t* s) { return std::string(reinterpret_cast<const char*>(s), width * sizeof(uint64_t)); };
  auto prune = [&](const uint64_t* s) {
    for (size_t k = 0; k < autos.size(); ++k) {
      if (k < first_avoid && autos[k].dead(s + offset[k])) return true;
      if (k >= first_avoid && autos[k].sure(s + offset[k])) return true;
    }
    return false;
  };
  std::vector<uint64_t> scratch(width);
  for (size_t k = 0; k < autos.size(); ++k) autos[k].start(scratch.data() + offset[k]);
  if (prune(scratch.data())) {
    out.status = Search::Empty;
    return out;
  }
  states.insert(states.end(), scratch.begin(), scratch.end());
  nodes.push_back({SIZE_MAX, 0});
  seen.insert(key(scratch.data()));
  for (size_t at = 0; at < nodes.size(); ++at) {
    const uint64_t* s = states.data() + at * width;  // read before this node's inserts move the buffer
    bool ok = true;
    for (size_t k = 0; k < autos.size() && ok; ++k) ok = autos[k].accepts(s + offset[k]) == (k < first_avoid);
    if (ok) {
      std::string text;
      for (size_t n = at; nodes[n].parent != SIZE_MAX; n = nodes[n].parent) text += nodes[n].c;
      std::reverse(text.begin(), text.end());
      out.status = Search::Found;
      out.text = std::move(text);
      return out;
    }
    for (char c : alphabet) {
      for (size_t k = 0; k < autos.size(); ++k)
        autos[k].step(states.data() + at * width + offset[k], scratch.data() + offset[k], c);
      if (prune(scratch.data()) || !seen.insert(key(scratch.data())).second) continue;
      if (nodes.size() >= budget) return out;  // Unknown
      states.insert(states.end(), scratch.begin(), scratch.end());
      nodes.push_back({at, c});
    }
  }
  out.status = Search::Empty;
  return out;
}

}  // namespace lp::classes

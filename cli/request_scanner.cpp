#include "cli/request_scanner.h"

#include <algorithm>
#include <vector>

#include "lang/json.h"

namespace lp::cli {

namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) ++i_;
  }
  bool eat(char c) {
    ws();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool peek(char c) {
    ws();
    return i_ < s_.size() && s_[i_] == c;
  }
  bool at_end() {
    ws();
    return i_ == s_.size();
  }

  // A string with only simple escapes; \u escapes, control characters and malformed UTF-8 make it
  // give up (the full reader then names the error). The common case (no escape) is one scan and
  // one assign.
  bool string(std::string& out) {
    if (!eat('"')) return false;
    size_t end = s_.find('"', i_);
    if (end == std::string_view::npos) return false;
    std::string_view body = s_.substr(i_, end - i_);
    if (body.find('\\') == std::string_view::npos) {
      bool ascii = true;
      for (char c : body) {
        if (static_cast<unsigned char>(c) < 0x20) return false;
        ascii &= static_cast<unsigned char>(c) < 0x80;
      }
      if (!ascii && !valid_utf8(body)) return false;
      out.assign(body);
      i_ = end + 1;
      return true;
    }
    out.clear();
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return valid_utf8(out);  // escapes add ASCII only: the rest is as written
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c == '\\') {
        if (i_ >= s_.size()) return false;
        char e = s_[i_++];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          default: return false;
        }
      } else {
        out += c;
      }
    }
    return false;
  }

  bool index(size_t& out) {
    ws();
    size_t start = i_;
    out = 0;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
      if (i_ - start > 9) return false;
      out = out * 10 + static_cast<size_t>(s_[i_++] - '0');
    }
    if (i_ == start || (i_ - start > 1 && s_[start] == '0')) return false;
    return i_ == s_.size() || s_[i_] == ',' || s_[i_] == '}' || s_[i_] == ' ';
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

// Whether two context entries have the same key (exactly as written: keys that differ in case are
// one case-insensitive key, not a duplicate). Linear for the usual few keys; sorted past that, so a
// line with n keys costs O(n log n).
bool has_duplicate_key(const Request& r) {
  const auto& c = r.context;
  constexpr size_t kSmall = 16;
  if (c.size() < kSmall) {
    for (size_t i = 1; i < c.size(); ++i)
      for (size_t k = 0; k < i; ++k)
        if (c[k].key == c[i].key) return true;
    return false;
  }
  thread_local std::vector<std::string_view> keys;  // reused across calls
  keys.clear();
  for (const auto& e : c) keys.push_back(e.key);
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
}

}  // namespace

bool scan_request(std::string_view line, size_t& policy_set, Request& r) {
  Scanner sc(line);
  if (!sc.eat('{')) return false;
  thread_local std::string scratch;  // member names; reused across calls
  bool have_set = false, have_action = false, have_resource = false, have_principal = false, have_context = false;
  size_t used = 0;  // context entries filled this time; r.context keeps its storage between calls
  if (sc.eat('}')) return false;
  do {
    if (!sc.string(scratch) || !sc.eat(':')) return false;
    if (scratch == "policy_set") {
      if (have_set || !sc.index(policy_set)) return false;
      have_set = true;
    } else if (scratch == "principal") {
      if (have_principal || !sc.string(r.principal)) return false;
      have_principal = true;
    } else if (scratch == "action") {
      if (have_action || !sc.string(r.action)) return false;
      have_action = true;
    } else if (scratch == "resource") {
      if (have_resource || !sc.string(r.resource)) return false;
      have_resource = true;
    } else if (scratch == "context") {
      if (have_context || !sc.eat('{')) return false;
      have_context = true;
      if (!sc.eat('}')) {
        do {
          if (used == r.context.size()) r.context.emplace_back();
          ContextEntry& e = r.context[used++];
          if (!sc.string(e.key) || !sc.eat(':')) return false;
          e.key_folded.assign(e.key);
          for (auto& c : e.key_folded) c = ascii_lower(c);
          size_t n = 0;
          auto next_value = [&]() -> std::string& {
            if (n == e.values.size()) e.values.emplace_back();
            return e.values[n++];
          };
          if (sc.eat('[')) {
            if (!sc.eat(']')) {
              do {
                if (!sc.string(next_value())) return false;
              } while (sc.eat(','));
              if (!sc.eat(']')) return false;
            }
          } else if (!sc.string(next_value())) {
            return false;
          }
          e.values.resize(n);
        } while (sc.eat(','));
        if (!sc.eat('}')) return false;
      }
    } else {
      return false;
    }
  } while (sc.eat(','));
  if (!sc.eat('}') || !sc.at_end() || !have_set || !have_action || !have_resource) return false;
  if (!have_principal) r.principal.clear();
  r.context.resize(used);
  if (has_duplicate_key(r)) return false;  // the full reader reports it, with both positions
  // Empty-valued entries (a key with []) carry no value: drop them, as the full reader does.
  for (size_t k = r.context.size(); k-- > 0;)
    if (r.context[k].values.empty()) r.context.erase(r.context.begin() + static_cast<long>(k));
  return true;
}

}  // namespace lp::cli

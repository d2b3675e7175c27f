#include "lang/json.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <unordered_set>

namespace lp {

const char* json_kind_name(JsonKind k) {
  switch (k) {
    case JsonKind::Null: return "null";
    case JsonKind::Bool: return "a boolean";
    case JsonKind::Number: return "a number";
    case JsonKind::String: return "a string";
    case JsonKind::Array: return "an array";
    case JsonKind::Object: return "an object";
  }
  return "a value";
}

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& m : members)
    if (m.key == key) return &m.value;
  return nullptr;
}

std::string json_pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

namespace {

std::string hex2(unsigned c) {
  const char* d = "0123456789ABCDEF";
  return {d[(c >> 4) & 15], d[c & 15]};
}

// The length of the well-formed UTF-8 sequence at `pos`, or 0 with `problem` set.
size_t utf8_sequence(std::string_view s, size_t pos, std::string& problem) {
  auto b0 = static_cast<unsigned char>(s[pos]);
  size_t n;
  uint32_t cp;
  if (b0 < 0x80) return 1;
  if ((b0 & 0xE0) == 0xC0) { n = 2; cp = b0 & 0x1F; }
  else if ((b0 & 0xF0) == 0xE0) { n = 3; cp = b0 & 0x0F; }
  else if ((b0 & 0xF8) == 0xF0) { n = 4; cp = b0 & 0x07; }
  else {
    problem = "invalid UTF-8 byte 0x" + hex2(b0);
    return 0;
  }
  if (pos + n > s.size()) {
    problem = "truncated UTF-8 sequence";
    return 0;
  }
  for (size_t i = 1; i < n; ++i) {
    auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) {
      problem = "invalid UTF-8 sequence";
      return 0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  static const uint32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    problem = "invalid UTF-8 sequence (overlong, surrogate or out of range)";
    return 0;
  }
  return n;
}

// The members of one object seen so far, for the duplicate check: a linear scan while the object is
// small, a hash set of member indexes once it is not, so that checking n keys costs O(n), not
// O(n^2). Indexes stay valid while the member list grows; kCandidate stands for the key being read.
class MemberKeys {
 public:
  explicit MemberKeys(const std::vector<JsonMember>& members)
      : members_(members), set_(0, Hash{this}, Equal{this}) {}

  // The earlier member with `key`, or null; then remembers that `key` is member `index`.
  const JsonMember* find(const std::string& key) {
    if (members_.size() < kSmall) {
      for (const auto& m : members_)
        if (m.key == key) return &m;
      return nullptr;
    }
    if (set_.empty())
      for (size_t i = 0; i < members_.size(); ++i) set_.insert(i);
    candidate_ = &key;
    auto it = set_.find(kCandidate);
    return it == set_.end() ? nullptr : &members_[*it];
  }
  // Member `index` (just appended) joins the set, once there is one (find builds it).
  void added(size_t index) {
    if (!set_.empty()) set_.insert(index);
  }

 private:
  static constexpr size_t kSmall = 16;
  static constexpr size_t kCandidate = static_cast<size_t>(-1);
  const std::string& key(size_t i) const { return i == kCandidate ? *candidate_ : members_[i].key; }
  struct Hash {
    const MemberKeys* keys;
    size_t operator()(size_t i) const { return std::hash<std::string>{}(keys->key(i)); }
  };
  struct Equal {
    const MemberKeys* keys;
    bool operator()(size_t a, size_t b) const { return keys->key(a) == keys->key(b); }
  };
  const std::vector<JsonMember>& members_;
  const std::string* candidate_ = nullptr;
  std::unordered_set<size_t, Hash, Equal> set_;
};

class Reader {
 public:
  Reader(std::string_view text, const std::string& file, Diagnostics& diags, const JsonLimits& limits, int first_line)
      : s_(text), line_(first_line), file_(file), diags_(diags), limits_(limits) {}

  std::optional<JsonValue> document() {
    if (s_.size() > limits_.max_bytes) {
      fail_at(line_, 1, "LP-JSON-010", "document is " + std::to_string(s_.size()) +
                                       " bytes, over the reader's limit of " +
                                       std::to_string(limits_.max_bytes));
      return std::nullopt;
    }
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") advance(3);  // a UTF-8 byte order mark is not content
    skip_ws();
    if (failed_) return std::nullopt;
    if (at_end()) {
      fail("LP-JSON-001", "expected a JSON value, found the end of the input");
      return std::nullopt;
    }
    JsonValue v;
    if (!value(v, 0)) return std::nullopt;
    skip_ws();
    if (failed_) return std::nullopt;
    if (!at_end()) {
      fail("LP-JSON-002", "expected the end of the document after the top-level value, found " + describe_here());
      return std::nullopt;
    }
    return v;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
  int line_;
  int col_ = 1;
  const std::string& file_;
  Diagnostics& diags_;
  const JsonLimits& limits_;
  bool failed_ = false;

  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return s_[pos_]; }

  void advance(size_t n = 1) {
    for (size_t i = 0; i < n && pos_ < s_.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s_[pos_++]);
      if (c == '\n') {
        ++line_;
        col_ = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++col_;  // columns count characters, not UTF-8 continuation bytes
      }
    }
  }

  void fail_at(int line, int col, const char* code, std::string message) {
    if (failed_) return;
    failed_ = true;
    diags_.error(code, SourceRef{file_, "", line, col}, std::move(message));
  }
  void fail(const char* code, std::string message) { fail_at(line_, col_, code, std::move(message)); }

  // A short description of the character at the current position, for error messages.
  std::string describe_here() const {
    if (at_end()) return "the end of the input";
    unsigned char c = static_cast<unsigned char>(peek());
    if (c == 0xC2 && pos_ + 1 < s_.size() && static_cast<unsigned char>(s_[pos_ + 1]) == 0xA0)
      return "a no-break space (U+00A0), which is not JSON whitespace";
    if (c == 0xEF && s_.substr(pos_, 3) == "\xEF\xBC\x8C") return "a full-width comma (U+FF0C)";
    if (c == '/' ) return "'/' (JSON has no comments)";
    if (c == '#') return "'#' (JSON has no comments)";
    if (c < 0x20) return "control character 0x" + hex2(c);
    if (c >= 0x80) return "a non-ASCII character";
    return std::string("'") + static_cast<char>(c) + "'";
  }

  void skip_ws() {
    while (!at_end()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') advance();
      else break;
    }
  }

  bool value(JsonValue& v, size_t depth) {
    if (depth > limits_.max_depth) {
      fail("LP-JSON-009", "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
      return false;
    }
    v.line = line_;
    v.column = col_;
    if (at_end()) {
      fail("LP-JSON-001", "expected a JSON value, found the end of the input");
      return false;
    }
    char c = peek();
    switch (c) {
      case '{': return object(v, depth);
      case '[': return array(v, depth);
      case '"':
        v.kind = JsonKind::String;
        return string(v.text);
      case 't': return literal(v, "true", JsonKind::Bool, true);
      case 'f': return literal(v, "false", JsonKind::Bool, false);
      case 'n': return literal(v, "null", JsonKind::Null, false);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(v);
        fail("LP-JSON-001", "expected a JSON value, found " + describe_here());
        return false;
    }
  }

  bool literal(JsonValue& v, std::string_view word, JsonKind kind, bool b) {
    if (s_.substr(pos_, word.size()) != word) {
      fail("LP-JSON-001", "expected a JSON value, found " + describe_here());
      return false;
    }
    advance(word.size());
    v.kind = kind;
    v.boolean = b;
    return true;
  }

  bool number(JsonValue& v) {
    size_t start = pos_;
    auto digit = [&] { return !at_end() && peek() >= '0' && peek() <= '9'; };
    if (peek() == '-') advance();
    if (!digit()) {
      fail("LP-JSON-003", "expected a digit in a number, found " + describe_here());
      return false;
    }
    if (peek() == '0') {
      advance();
      if (digit()) {
        fail("LP-JSON-003", "a number must not have leading zeros");
        return false;
      }
    } else {
      while (digit()) advance();
    }
    if (!at_end() && peek() == '.') {
      advance();
      if (!digit()) {
        fail("LP-JSON-003", "expected a digit after the decimal point, found " + describe_here());
        return false;
      }
      while (digit()) advance();
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      advance();
      if (!at_end() && (peek() == '+' || peek() == '-')) advance();
      if (!digit()) {
        fail("LP-JSON-003", "expected a digit in the exponent, found " + describe_here());
        return false;
      }
      while (digit()) advance();
    }
    v.kind = JsonKind::Number;
    v.text.assign(s_.substr(start, pos_ - start));
    return true;
  }

  static void put_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool hex4(uint32_t& out) {
    out = 0;
    for (int i = 0; i < 4; ++i) {
      if (at_end()) {
        fail("LP-JSON-004", "expected four hex digits after \\u, found the end of the input");
        return false;
      }
      char c = peek();
      uint32_t d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else {
        fail("LP-JSON-004", "expected four hex digits after \\u, found " + describe_here());
        return false;
      }
      out = out * 16 + d;
      advance();
    }
    return true;
  }

  // Validates one UTF-8 sequence starting at pos_ and appends it.
  bool utf8_char(std::string& out) {
    std::string problem;
    size_t n = utf8_sequence(s_, pos_, problem);
    if (n == 0) {
      fail("LP-JSON-005", problem);
      return false;
    }
    out.append(s_.substr(pos_, n));
    advance(n);
    return true;
  }

  bool string(std::string& out) {
    int start_line = line_, start_col = col_;
    advance();  // opening quote
    while (true) {
      if (at_end()) {
        fail_at(start_line, start_col, "LP-JSON-006", "string is not terminated before the end of the input");
        return false;
      }
      unsigned char c = static_cast<unsigned char>(peek());
      if (c == '"') {
        advance();
        return true;
      }
      if (c < 0x20) {
        fail("LP-JSON-006", c == '\n' ? "a string must not break across lines (write \\n)"
                                      : "control character 0x" + hex2(c) + " inside a string (escape it)");
        return false;
      }
      if (c == '\\') {
        advance();
        if (at_end()) {
          fail("LP-JSON-004", "expected an escape character after '\\', found the end of the input");
          return false;
        }
        char e = peek();
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            advance();
            uint32_t cp;
            if (!hex4(cp)) return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (s_.substr(pos_, 2) != "\\u") {
                fail("LP-JSON-004", "a high surrogate \\u escape must be followed by a low surrogate");
                return false;
              }
              advance(2);
              uint32_t lo;
              if (!hex4(lo)) return false;
              if (lo < 0xDC00 || lo > 0xDFFF) {
                fail("LP-JSON-004", "expected a low surrogate \\u escape");
                return false;
              }
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              fail("LP-JSON-004", "a lone low surrogate \\u escape");
              return false;
            }
            put_utf8(out, cp);
            continue;
          }
          default:
            fail("LP-JSON-004", std::string("invalid escape '\\") + (static_cast<unsigned char>(e) < 0x80 ? std::string(1, e) : std::string("?")) +
                                    "' (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            return false;
        }
        advance();
        continue;
      }
      if (!utf8_char(out)) return false;
    }
  }

  bool array(JsonValue& v, size_t depth) {
    v.kind = JsonKind::Array;
    advance();  // [
    skip_ws();
    if (!at_end() && peek() == ']') {
      advance();
      return true;
    }
    while (true) {
      v.items.emplace_back();
      if (!value(v.items.back(), depth + 1)) return false;
      skip_ws();
      if (at_end()) {
        fail("LP-JSON-007", "expected ',' or ']' to continue the array, found the end of the input");
        return false;
      }
      if (peek() == ',') {
        advance();
        skip_ws();
        if (!at_end() && peek() == ']') {
          fail("LP-JSON-008", "trailing comma before ']' (JSON does not allow it)");
          return false;
        }
        continue;
      }
      if (peek() == ']') {
        advance();
        return true;
      }
      fail("LP-JSON-007", "expected ',' or ']' to continue the array, found " + describe_here());
      return false;
    }
  }

  bool object(JsonValue& v, size_t depth) {
    v.kind = JsonKind::Object;
    MemberKeys keys(v.members);
    advance();  // {
    skip_ws();
    if (!at_end() && peek() == '}') {
      advance();
      return true;
    }
    while (true) {
      if (at_end() || peek() != '"') {
        fail("LP-JSON-007", "expected a member name in double quotes, found " + describe_here());
        return false;
      }
      JsonMember m;
      m.line = line_;
      m.column = col_;
      if (!string(m.key)) return false;
      if (const JsonMember* other = keys.find(m.key)) {
        fail_at(m.line, m.column, "LP-JSON-011",
                "duplicate key \"" + m.key + "\" (first at " + std::to_string(other->line) + ":" +
                    std::to_string(other->column) + "); a document with duplicate keys is ambiguous");
        return false;
      }
      skip_ws();
      if (at_end() || peek() != ':') {
        fail("LP-JSON-007", "expected ':' after the member name, found " + describe_here());
        return false;
      }
      advance();
      skip_ws();
      if (!value(m.value, depth + 1)) return false;
      v.members.push_back(std::move(m));
      keys.added(v.members.size() - 1);
      skip_ws();
      if (at_end()) {
        fail("LP-JSON-007", "expected ',' or '}' to continue the object, found the end of the input");
        return false;
      }
      if (peek() == ',') {
        advance();
        skip_ws();
        if (!at_end() && peek() == '}') {
          fail("LP-JSON-008", "trailing comma before '}' (JSON does not allow it)");
          return false;
        }
        continue;
      }
      if (peek() == '}') {
        advance();
        return true;
      }
      fail("LP-JSON-007", "expected ',' or '}' to continue the object, found " + describe_here());
      return false;
    }
  }
};

}  // namespace

bool valid_utf8(std::string_view text) {
  std::string problem;
  for (size_t i = 0; i < text.size();) {
    size_t n = utf8_sequence(text, i, problem);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::optional<JsonValue> parse_json(std::string_view text, const std::string& file, Diagnostics& diags,
                                    const JsonLimits& limits) {
  return Reader(text, file, diags, limits, 1).document();
}

std::optional<JsonValue> parse_json(std::string_view text, const std::string& file, Diagnostics& diags,
                                    const JsonLimits& limits, int first_line) {
  return Reader(text, file, diags, limits, first_line).document();
}

namespace {
thread_local std::istream* standard_input = nullptr;
}  // namespace

StandardInput::StandardInput(std::istream& in) : previous_(standard_input) { standard_input = &in; }
StandardInput::~StandardInput() { standard_input = previous_; }

bool read_file(const std::string& path, std::string& out, Diagnostics& diags) {
  if (path == "-" && standard_input) {
    std::ostringstream ss;
    ss << standard_input->rdbuf();
    if (standard_input->bad()) {
      diags.error("LP-IO-001", SourceRef{path, "", 0, 0}, "error while reading standard input");
      return false;
    }
    out = std::move(ss).str();
    return true;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {  // a directory opens as a stream that reads nothing
    diags.error("LP-IO-001", SourceRef{path, "", 0, 0}, "is a directory, expected a file");
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error("LP-IO-001", SourceRef{path, "", 0, 0}, "cannot open file for reading");
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    diags.error("LP-IO-001", SourceRef{path, "", 0, 0}, "error while reading file");
    return false;
  }
  out = std::move(ss).str();
  return true;
}

std::optional<JsonValue> load_json_file(const std::string& path, Diagnostics& diags, const JsonLimits& limits) {
  std::string text;
  if (!read_file(path, text, diags)) return std::nullopt;
  return parse_json(text, path, diags, limits);
}

}  // namespace lp

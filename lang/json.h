// A strict JSON reader that keeps positions.
//
// Why not nlohmann's DOM for input: it does not expose where a value starts, and it silently keeps
// the last of two duplicate keys. Policies and worlds must point at the exact line:column of every
// value and refuse duplicates (RAM would otherwise evaluate a document the user did not mean).
// nlohmann stays the library for writing JSON output.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/diagnostic.h"

namespace lp {

enum class JsonKind { Null, Bool, Number, String, Array, Object };

const char* json_kind_name(JsonKind k);  // "null", "a boolean", "a number", "a string", ...

struct JsonMember;

struct JsonValue {
  JsonKind kind = JsonKind::Null;
  int line = 0, column = 0;    // where the value starts (1-based)
  bool boolean = false;        // Bool
  std::string text;            // String: decoded UTF-8; Number: the literal as written
  std::vector<JsonValue> items;      // Array
  std::vector<JsonMember> members;   // Object, in document order (keys are unique)

  bool is(JsonKind k) const { return kind == k; }
  const JsonValue* find(std::string_view key) const;  // Object member by exact key, or null
};

struct JsonMember {
  std::string key;
  int line = 0, column = 0;  // where the key starts
  JsonValue value;
};

struct JsonLimits {
  size_t max_depth = 128;              // deeper nesting is refused, never a stack overflow
  size_t max_bytes = 256u << 20;       // inputs larger than this are refused
};

// Parses one JSON document (RFC 8259, UTF-8, no comments, no trailing commas). On failure appends
// one located LP-JSON-* error and returns nullopt. `file` is used for SourceRefs only.
std::optional<JsonValue> parse_json(std::string_view text, const std::string& file, Diagnostics& diags,
                                    const JsonLimits& limits = {});

// The same for a document that starts on line `first_line` of its file (a line of a JSON Lines
// file): every position, also inside messages, counts lines from there.
std::optional<JsonValue> parse_json(std::string_view text, const std::string& file, Diagnostics& diags,
                                    const JsonLimits& limits, int first_line);

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF),
// as the reader demands of strings.
bool valid_utf8(std::string_view text);

// Reads a file and parses it; a missing or unreadable file is an LP-IO-001 error.
std::optional<JsonValue> load_json_file(const std::string& path, Diagnostics& diags,
                                        const JsonLimits& limits = {});

// Reads a whole file into `out`; false (and an LP-IO-001 error) when it cannot be read. The name
// "-" reads standard input while a StandardInput is in scope (below).
bool read_file(const std::string& path, std::string& out, Diagnostics& diags);

// "-" names standard input wherever a file is read: the command line's convention. The command
// line hands its input stream over for the time of one command (on this thread); without it "-"
// is an ordinary file name. Diagnostics name the input "-", as it was given.
class StandardInput {
 public:
  explicit StandardInput(std::istream& in);
  ~StandardInput();
  StandardInput(const StandardInput&) = delete;
  StandardInput& operator=(const StandardInput&) = delete;

 private:
  std::istream* previous_;
};

// RFC 6901 escaping of one reference token ("~" -> "~0", "/" -> "~1").
std::string json_pointer_token(std::string_view key);

// Builds SourceRefs while walking a parsed document: tracks file and JSON pointer.
class JsonCursor {
 public:
  JsonCursor(const std::string& file, const JsonValue& value, std::string pointer = {})
      : file_(&file), value_(&value), pointer_(std::move(pointer)) {}
  // The cursor keeps a pointer to `file` and `value`: temporaries would dangle.
  JsonCursor(std::string&&, const JsonValue&, std::string = {}) = delete;
  JsonCursor(const std::string&, JsonValue&&, std::string = {}) = delete;

  const JsonValue& value() const { return *value_; }
  const std::string& pointer() const { return pointer_; }
  const std::string& file() const { return *file_; }
  SourceRef where() const { return {*file_, pointer_, value_->line, value_->column}; }

  JsonCursor member(const JsonMember& m) const {
    return {*file_, m.value, pointer_ + "/" + json_pointer_token(m.key)};
  }
  JsonCursor item(size_t i) const { return {*file_, value_->items[i], pointer_ + "/" + std::to_string(i)}; }
  // SourceRef of a member's key (for "unknown element" errors).
  SourceRef key_where(const JsonMember& m) const {
    return {*file_, pointer_ + "/" + json_pointer_token(m.key), m.line, m.column};
  }

 private:
  const std::string* file_;
  const JsonValue* value_;
  std::string pointer_;
};

}  // namespace lp

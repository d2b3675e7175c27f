// Reading helpers shared by the importers: an object reader over lang/json.h values that keeps the
// place of every value, accepts numbers that arrive as strings (ingestion.md §2.9 item 7: parse
// numbers leniently) and records which members it did not read, for the ignored-field notes.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lang/diagnostic.h"
#include "lang/json.h"

namespace lp::ingest {

// Import error codes (docs/import.md).
inline constexpr const char* kBadName = "LP-IMPORT-001";      // a file name outside the convention
inline constexpr const char* kBadShape = "LP-IMPORT-002";     // content that does not fit the call
inline constexpr const char* kMissing = "LP-IMPORT-003";      // a required field is missing
inline constexpr const char* kBadValue = "LP-IMPORT-004";     // a value of the wrong type or outside its enum
inline constexpr const char* kDangling = "LP-IMPORT-005";     // an id that names nothing in the input
inline constexpr const char* kPaging = "LP-IMPORT-006";       // a page set with a gap
inline constexpr const char* kDuplicate = "LP-IMPORT-007";    // the same object twice
inline constexpr const char* kBadDocument = "LP-IMPORT-008";  // a policy document string that does not parse
inline constexpr const char* kLayout = "LP-IMPORT-010";       // the snapshot folder or plan as a whole
inline constexpr const char* kNote = "LP-IMPORT-100";         // a note (info)

// Fields a reader skipped: per API, per field path (array indexes as "*"), the first place and a count.
struct IgnoredField {
  SourceRef first;
  size_t count = 0;
};
using IgnoredFields = std::map<std::string, std::map<std::string, IgnoredField>>;

// "/Vpcs/Vpc/3/CenStatus" -> "/Vpcs/Vpc/*/CenStatus".
std::string generic_pointer(const std::string& pointer);

struct ReadContext {
  Diagnostics& diags;
  IgnoredFields& ignored;
  bool ok = true;
  void error(const char* code, const SourceRef& where, const std::string& message) {
    diags.error(code, where, message);
    ok = false;
  }
};

// Reads the members of one JSON object; every member not asked for is recorded as ignored when the
// reader is destroyed. `api` names the call in notes and messages.
class ObjectReader {
 public:
  // `api` and `what` must outlive the reader (a call's name, a string literal).
  ObjectReader(ReadContext& ctx, const JsonCursor& c, const std::string& api, const char* what);
  ~ObjectReader();
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;

  bool is_object() const { return c_.value().is(JsonKind::Object); }
  const JsonCursor& cursor() const { return c_; }
  SourceRef where() const { return c_.where(); }

  // The member's cursor (marking it read), or nullopt when absent or null.
  std::optional<JsonCursor> get(std::string_view key);
  bool has(std::string_view key) const;
  void skip(std::string_view key);  // read on purpose, not noted

  // A string; numbers are taken as their literal text. Missing and required: an LP-IMPORT-003 error.
  std::optional<std::string> str(std::string_view key, bool required = false);
  // A whole number or a string holding one.
  std::optional<long long> integer(std::string_view key, bool required = false);
  // true/false or the strings "true"/"false".
  std::optional<bool> boolean(std::string_view key, bool required = false);
  // A string that must be one of `allowed`, spelt as the API spells it.
  std::optional<std::string> choice(std::string_view key, const std::vector<std::string>& allowed,
                                    bool required = false);
  // A list: a bare array (`key: [...]`) or the RPC wrapper (`key: {wrapper: [...]}`, reference.md §5).
  // Absent: empty, or an LP-IMPORT-002 error when `required`.
  std::vector<JsonCursor> list(std::string_view key, std::string_view wrapper = {}, bool required = false);
  // A list of strings (bare or wrapped).
  std::vector<std::pair<std::string, SourceRef>> strings(std::string_view key, std::string_view wrapper = {});

  void missing(std::string_view key);  // reports `key` as a missing required field

 private:
  const JsonMember* find(std::string_view key);  // marks `key` read; null when absent
  ReadContext& ctx_;
  JsonCursor c_;
  const std::string& api_;
  const char* what_;
  std::vector<std::string> read_;  // keys asked for (owned: a caller's key may be a temporary)
};

// A world object's "source" member: where the importer read it (docs/world-format.md).
nlohmann::ordered_json source_json(const SourceRef& where);

// A whole number in a JSON value: a number or a string of digits.
std::optional<long long> whole_number(const JsonValue& v);

}  // namespace lp::ingest

#include "lang/ingest/reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "lang/text.h"

namespace lp::ingest {

std::string generic_pointer(const std::string& pointer) {
  std::string out;
  size_t i = 0;
  while (i < pointer.size()) {
    size_t next = pointer.find('/', i + 1);
    if (next == std::string::npos) next = pointer.size();
    std::string token = pointer.substr(i + 1, next - i - 1);
    bool digits = !token.empty();
    for (char ch : token) digits &= std::isdigit(static_cast<unsigned char>(ch)) != 0;
    out += '/';
    out += digits ? std::string_view("*") : std::string_view(token);
    i = next;
  }
  return out;
}

nlohmann::ordered_json source_json(const SourceRef& where) {
  nlohmann::ordered_json j;
  j["file"] = where.file;
  if (!where.json_pointer.empty()) j["pointer"] = where.json_pointer;
  if (where.line > 0) {
    j["line"] = where.line;
    j["column"] = where.column;
  }
  return j;
}

std::optional<long long> whole_number(const JsonValue& v) {
  if (!v.is(JsonKind::Number) && !v.is(JsonKind::String)) return std::nullopt;
  const std::string& t = v.text;
  long long out = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
  if (ec != std::errc() || end != t.data() + t.size() || t.empty()) return std::nullopt;
  return out;
}

ObjectReader::ObjectReader(ReadContext& ctx, const JsonCursor& c, const std::string& api, const char* what)
    : ctx_(ctx), c_(c), api_(api), what_(what) {
  if (!c_.value().is(JsonKind::Object))
    ctx_.error(kBadShape, c_.where(), std::string("expected ") + what_ + " (an object), found " + json_kind_name(c_.value().kind));
}

ObjectReader::~ObjectReader() {
  if (!c_.value().is(JsonKind::Object)) return;
  for (const auto& m : c_.value().members) {
    if (std::find(read_.begin(), read_.end(), m.key) != read_.end()) continue;
    auto& f = ctx_.ignored[api_][generic_pointer(c_.pointer() + "/" + json_pointer_token(m.key))];
    if (f.count++ == 0) f.first = c_.key_where(m);
  }
}

const JsonMember* ObjectReader::find(std::string_view key) {
  read_.emplace_back(key);
  if (!c_.value().is(JsonKind::Object)) return nullptr;
  for (const auto& m : c_.value().members)
    if (m.key == key) return m.value.is(JsonKind::Null) ? nullptr : &m;
  return nullptr;
}

bool ObjectReader::has(std::string_view key) const {
  const JsonValue* v = c_.value().is(JsonKind::Object) ? c_.value().find(key) : nullptr;
  return v && !v->is(JsonKind::Null);
}

void ObjectReader::skip(std::string_view key) { read_.emplace_back(key); }

std::optional<JsonCursor> ObjectReader::get(std::string_view key) {
  const JsonMember* m = find(key);
  if (!m) return std::nullopt;
  return c_.member(*m);
}

void ObjectReader::missing(std::string_view key) {
  if (!c_.value().is(JsonKind::Object)) return;  // already reported
  ctx_.error(kMissing, c_.where(), std::string(what_) + " has no \"" + std::string(key) + "\" (required to build the world from " + api_ + ")");
}

std::optional<std::string> ObjectReader::str(std::string_view key, bool required) {
  const JsonMember* m = find(key);
  if (!m) {
    if (required) missing(key);
    return std::nullopt;
  }
  if (m->value.is(JsonKind::String) || m->value.is(JsonKind::Number)) {
    if (required && m->value.text.empty()) {
      ctx_.error(kMissing, c_.member(*m).where(), cat("\"", key, "\" of ", what_, " is empty"));
      return std::nullopt;
    }
    return m->value.text;
  }
  ctx_.error(kBadValue, c_.member(*m).where(),
             "expected \"" + std::string(key) + "\" to be a string, found " + json_kind_name(m->value.kind));
  return std::nullopt;
}

std::optional<long long> ObjectReader::integer(std::string_view key, bool required) {
  const JsonMember* m = find(key);
  if (!m) {
    if (required) missing(key);
    return std::nullopt;
  }
  if (m->value.is(JsonKind::String) && m->value.text.empty() && !required) return std::nullopt;
  auto n = whole_number(m->value);
  if (!n)
    ctx_.error(kBadValue, c_.member(*m).where(),
               "expected \"" + std::string(key) + "\" to be a whole number (or a string holding one), found " +
                   (m->value.is(JsonKind::String) ? "\"" + m->value.text + "\"" : json_kind_name(m->value.kind)));
  return n;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool required) {
  const JsonMember* m = find(key);
  if (!m) {
    if (required) missing(key);
    return std::nullopt;
  }
  if (m->value.is(JsonKind::Bool)) return m->value.boolean;
  if (m->value.is(JsonKind::String) && (m->value.text == "true" || m->value.text == "false")) return m->value.text == "true";
  ctx_.error(kBadValue, c_.member(*m).where(),
             "expected \"" + std::string(key) + "\" to be true or false, found " + json_kind_name(m->value.kind));
  return std::nullopt;
}

std::optional<std::string> ObjectReader::choice(std::string_view key, const std::vector<std::string>& allowed, bool required) {
  auto s = str(key, required);
  if (!s) return std::nullopt;
  for (const auto& a : allowed)
    if (*s == a) return s;
  ctx_.error(kBadValue, get(key)->where(),
             cat("\"", key, "\" is \"", *s, "\"; ", api_, " documents ", join(allowed), " (spelt as the API spells them)"));
  return std::nullopt;
}

std::vector<JsonCursor> ObjectReader::list(std::string_view key, std::string_view wrapper, bool required) {
  std::vector<JsonCursor> out;
  auto c = get(key);
  if (!c) {
    if (required && c_.value().is(JsonKind::Object))
      ctx_.error(kBadShape, c_.where(), "not " + api_ + " response content: no \"" + std::string(key) + "\"" +
                                            (wrapper.empty() ? std::string() : " {\"" + std::string(wrapper) + "\": [...]}"));
    return out;
  }
  JsonCursor arr = *c;
  if (!wrapper.empty()) {
    if (!c->value().is(JsonKind::Object)) {
      ctx_.error(kBadShape, c->where(), "expected \"" + std::string(key) + "\" to be {\"" + std::string(wrapper) + "\": [...]}, found " +
                                            json_kind_name(c->value().kind));
      return out;
    }
    ObjectReader w(ctx_, *c, api_, "a list wrapper");
    auto inner = w.get(wrapper);
    if (!inner) return out;  // {"Vpcs": {}} holds no items
    arr = *inner;
  }
  if (!arr.value().is(JsonKind::Array)) {
    ctx_.error(kBadShape, arr.where(), "expected a list, found " + std::string(json_kind_name(arr.value().kind)));
    return out;
  }
  out.reserve(arr.value().items.size());
  for (size_t i = 0; i < arr.value().items.size(); ++i) out.push_back(arr.item(i));
  return out;
}

std::vector<std::pair<std::string, SourceRef>> ObjectReader::strings(std::string_view key, std::string_view wrapper) {
  std::vector<std::pair<std::string, SourceRef>> out;
  for (const auto& i : list(key, wrapper)) {
    if (i.value().is(JsonKind::String)) out.emplace_back(i.value().text, i.where());
    else ctx_.error(kBadValue, i.where(), "expected a string, found " + std::string(json_kind_name(i.value().kind)));
  }
  return out;
}

}  // namespace lp::ingest

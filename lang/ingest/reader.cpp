#include "lang/ingest/reader.h"

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
    out += "/" + (digits ? std::string("*") : token);
    i = next;
  }
  return out;
}

std::optional<long long> whole_number(const JsonValue& v) {
  if (!v.is(JsonKind::Number) && !v.is(JsonKind::String)) return std::nullopt;
  const std::string& t = v.text;
  long long out = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
  if (ec != std::errc() || end != t.data() + t.size() || t.empty()) return std::nullopt;
  return out;
}

ObjectReader::ObjectReader(ReadContext& ctx, const JsonCursor& c, std::string api, std::string what)
    : ctx_(ctx), c_(c), api_(std::move(api)), what_(std::move(what)) {
  if (!c_.value().is(JsonKind::Object))
    ctx_.error(kBadShape, c_.where(), "expected " + what_ + " (an object), found " + json_kind_name(c_.value().kind));
}

ObjectReader::~ObjectReader() {
  if (!c_.value().is(JsonKind::Object)) return;
  for (const auto& m : c_.value().members) {
    if (read_.count(m.key)) continue;
    auto& f = ctx_.ignored[api_][generic_pointer(c_.pointer() + "/" + json_pointer_token(m.key))];
    if (f.count++ == 0) f.first = c_.key_where(m);
  }
}

bool ObjectReader::has(const std::string& key) const {
  const JsonValue* v = c_.value().is(JsonKind::Object) ? c_.value().find(key) : nullptr;
  return v && !v->is(JsonKind::Null);
}

void ObjectReader::skip(const std::string& key) { read_.insert(key); }

std::optional<JsonCursor> ObjectReader::get(const std::string& key) {
  read_.insert(key);
  if (!c_.value().is(JsonKind::Object)) return std::nullopt;
  for (const auto& m : c_.value().members)
    if (m.key == key) {
      if (m.value.is(JsonKind::Null)) return std::nullopt;
      return c_.member(m);
    }
  return std::nullopt;
}

void ObjectReader::missing(const std::string& key) {
  if (!c_.value().is(JsonKind::Object)) return;  // already reported
  ctx_.error(kMissing, c_.where(), what_ + " has no \"" + key + "\" (required to build the world from " + api_ + ")");
}

std::optional<std::string> ObjectReader::str(const std::string& key, bool required) {
  auto c = get(key);
  if (!c) {
    if (required) missing(key);
    return std::nullopt;
  }
  if (c->value().is(JsonKind::String) || c->value().is(JsonKind::Number)) {
    if (required && c->value().text.empty()) {
      ctx_.error(kMissing, c->where(), "\"" + key + "\" of " + what_ + " is empty");
      return std::nullopt;
    }
    return c->value().text;
  }
  ctx_.error(kBadValue, c->where(), "expected \"" + key + "\" to be a string, found " + json_kind_name(c->value().kind));
  return std::nullopt;
}

std::optional<long long> ObjectReader::integer(const std::string& key, bool required) {
  auto c = get(key);
  if (!c) {
    if (required) missing(key);
    return std::nullopt;
  }
  if (c->value().is(JsonKind::String) && c->value().text.empty() && !required) return std::nullopt;
  auto n = whole_number(c->value());
  if (!n)
    ctx_.error(kBadValue, c->where(),
               "expected \"" + key + "\" to be a whole number (or a string holding one), found " +
                   (c->value().is(JsonKind::String) ? "\"" + c->value().text + "\"" : json_kind_name(c->value().kind)));
  return n;
}

std::optional<bool> ObjectReader::boolean(const std::string& key, bool required) {
  auto c = get(key);
  if (!c) {
    if (required) missing(key);
    return std::nullopt;
  }
  if (c->value().is(JsonKind::Bool)) return c->value().boolean;
  if (c->value().is(JsonKind::String) && (c->value().text == "true" || c->value().text == "false"))
    return c->value().text == "true";
  ctx_.error(kBadValue, c->where(), "expected \"" + key + "\" to be true or false, found " + json_kind_name(c->value().kind));
  return std::nullopt;
}

std::optional<std::string> ObjectReader::choice(const std::string& key, const std::vector<std::string>& allowed,
                                                bool required) {
  auto s = str(key, required);
  if (!s) return std::nullopt;
  for (const auto& a : allowed)
    if (*s == a) return s;
  auto c = get(key);
  ctx_.error(kBadValue, c->where(),
             "\"" + key + "\" is \"" + *s + "\"; " + api_ + " documents " + join(allowed) + " (spelt as the API spells them)");
  return std::nullopt;
}

std::vector<JsonCursor> ObjectReader::list(const std::string& key, const std::string& wrapper, bool required) {
  std::vector<JsonCursor> out;
  auto c = get(key);
  if (!c) {
    if (required && c_.value().is(JsonKind::Object))
      ctx_.error(kBadShape, c_.where(), "not " + api_ + " response content: no \"" + key + "\"" +
                                            (wrapper.empty() ? std::string() : " {\"" + wrapper + "\": [...]}"));
    return out;
  }
  JsonCursor arr = *c;
  if (!wrapper.empty()) {
    if (!c->value().is(JsonKind::Object)) {
      ctx_.error(kBadShape, c->where(), "expected \"" + key + "\" to be {\"" + wrapper + "\": [...]}, found " +
                                            json_kind_name(c->value().kind));
      return out;
    }
    ObjectReader w(ctx_, *c, api_, "\"" + key + "\"");
    auto inner = w.get(wrapper);
    if (!inner) return out;  // {"Vpcs": {}} holds no items
    arr = *inner;
  }
  if (!arr.value().is(JsonKind::Array)) {
    ctx_.error(kBadShape, arr.where(), "expected a list, found " + std::string(json_kind_name(arr.value().kind)));
    return out;
  }
  for (size_t i = 0; i < arr.value().items.size(); ++i) out.push_back(arr.item(i));
  return out;
}

std::vector<std::pair<std::string, SourceRef>> ObjectReader::strings(const std::string& key, const std::string& wrapper) {
  std::vector<std::pair<std::string, SourceRef>> out;
  for (const auto& i : list(key, wrapper)) {
    if (i.value().is(JsonKind::String)) out.emplace_back(i.value().text, i.where());
    else ctx_.error(kBadValue, i.where(), "expected a string, found " + std::string(json_kind_name(i.value().kind)));
  }
  return out;
}

}  // namespace lp::ingest

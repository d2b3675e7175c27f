#include "lang/catalogue.h"

#include <algorithm>
#include <filesystem>

#include "lang/json.h"

namespace lp {

const char* access_name(Access a) {
  switch (a) {
    case Access::Read: return "read";
    case Access::List: return "list";
    case Access::Write: return "write";
    case Access::Permissions: return "permissions";
  }
  return "read";
}

std::optional<Access> access_from_name(std::string_view name) {
  for (Access a : {Access::Read, Access::List, Access::Write, Access::Permissions})
    if (name == access_name(a)) return a;
  return std::nullopt;
}

bool Catalogue::add(CatalogueAction a) {
  std::string key = ascii_lower(a.service + ":" + a.name);
  if (index_.count(key)) return false;
  services_.insert(ascii_lower(a.service));
  index_.emplace(key, actions_.size());
  folded_.push_back(std::move(key));
  actions_.push_back(std::move(a));
  return true;
}

bool Catalogue::covers(std::string_view service) const { return services_.count(ascii_lower(service)) > 0; }

const CatalogueAction* Catalogue::find(std::string_view action) const {
  auto it = index_.find(ascii_lower(action));
  return it == index_.end() ? nullptr : &actions_[it->second];
}

ActionStatus Catalogue::status(std::string_view action) const {
  size_t colon = action.find(':');
  if (colon == std::string_view::npos || colon == 0) return ActionStatus::Malformed;
  if (!covers(action.substr(0, colon))) return ActionStatus::UnknownService;
  return find(action) ? ActionStatus::Known : ActionStatus::UnknownAction;
}

size_t Catalogue::count_matching(const Wildcard& pattern) const {
  size_t n = 0;
  for (const auto& f : folded_)
    if (pattern.matches(f)) ++n;
  return n;
}

namespace {

// A RAM code or an API name: letters, digits, '-', '_' (no ':' and no wildcard).
bool plain_name(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

const JsonValue* string_member(const JsonCursor& c, const char* key, Diagnostics& diags) {
  const JsonValue* v = c.value().find(key);
  if (!v || !v->is(JsonKind::String) || v->text.empty()) {
    diags.error("LP-CAT-002", c.where(), std::string("expected a non-empty string member \"") + key + "\"");
    return nullptr;
  }
  return v;
}

bool load_action(const JsonCursor& ac, const std::string& service, Catalogue& cat, Diagnostics& diags) {
  if (!ac.value().is(JsonKind::Object)) {
    diags.error("LP-CAT-003", ac.where(), "expected an action object {\"action\", \"access\", \"resource_types\"}");
    return false;
  }
  bool ok = true;
  for (const auto& m : ac.value().members)
    if (m.key != "action" && m.key != "access" && m.key != "resource_types" && m.key != "note") {
      diags.error("LP-CAT-003", ac.key_where(m),
                  "unexpected member \"" + m.key + "\"; expected action, access, resource_types, note");
      ok = false;
    }
  CatalogueAction a;
  a.service = service;
  a.where = ac.where();
  const JsonValue* name = string_member(ac, "action", diags);
  const JsonValue* access = string_member(ac, "access", diags);
  if (!name || !access) return false;
  a.name = name->text;
  if (!plain_name(a.name)) {
    diags.error("LP-CAT-004", {ac.file(), ac.pointer() + "/action", name->line, name->column},
                "action \"" + a.name + "\" is not an API name (letters, digits, '-', '_'; no service prefix, no wildcard)");
    ok = false;
  }
  if (auto level = access_from_name(access->text)) {
    a.access = *level;
  } else {
    diags.error("LP-CAT-005", {ac.file(), ac.pointer() + "/access", access->line, access->column},
                "access \"" + access->text + "\" is not one of read, list, write, permissions");
    ok = false;
  }
  if (const JsonValue* rt = ac.value().find("resource_types")) {
    SourceRef at{ac.file(), ac.pointer() + "/resource_types", rt->line, rt->column};
    if (!rt->is(JsonKind::Array)) {
      diags.error("LP-CAT-006", at, "resource_types must be a list of strings");
      ok = false;
    } else {
      for (const auto& t : rt->items) {
        if (!t.is(JsonKind::String) || t.text.empty()) {
          diags.error("LP-CAT-006", {at.file, at.json_pointer, t.line, t.column}, "resource_types must be a list of strings");
          ok = false;
        } else {
          a.resource_types.push_back(t.text);
        }
      }
    }
  }
  if (!ok) return false;
  const SourceRef where = a.where;
  const std::string full = service + ":" + a.name;
  if (!cat.add(std::move(a))) {
    const CatalogueAction* first = cat.find(full);
    diags.error("LP-CAT-007", where,
                "action \"" + full + "\" is listed twice (first at " + (first ? first->where.to_string() : "?") + ")");
    return false;
  }
  return true;
}

}  // namespace

bool load_catalogue_text(std::string_view text, const std::string& file, Catalogue& cat, Diagnostics& diags) {
  auto json = parse_json(text, file, diags);
  if (!json) return false;
  JsonCursor root(file, *json);
  if (!json->is(JsonKind::Object)) {
    diags.error("LP-CAT-001", root.where(), "expected a catalogue object {\"service\", \"source\", \"actions\": [...]}");
    return false;
  }
  const JsonValue* service_value = string_member(root, "service", diags);
  if (!service_value) return false;
  const std::string service = ascii_lower(service_value->text);
  if (!plain_name(service)) {
    diags.error("LP-CAT-004", {file, "/service", service_value->line, service_value->column},
                "service \"" + service_value->text + "\" is not a RAM code (letters, digits, '-', '_')");
    return false;
  }
  bool ok = true, has_actions = false;
  for (const auto& m : json->members) {
    if (m.key == "service" || m.key == "source") continue;
    if (m.key != "actions" || !m.value.is(JsonKind::Array)) {
      diags.error("LP-CAT-001", root.key_where(m),
                  "unexpected member \"" + m.key + "\"; expected service, source, actions (a list)");
      ok = false;
      continue;
    }
    has_actions = true;
    JsonCursor list = root.member(m);
    for (size_t i = 0; i < m.value.items.size(); ++i) ok &= load_action(list.item(i), service, cat, diags);
  }
  if (!has_actions && ok) {
    diags.error("LP-CAT-001", root.where(), "the catalogue object has no \"actions\" list");
    ok = false;
  }
  return ok;
}

std::optional<Catalogue> load_catalogue(const std::string& policies_dir, Diagnostics& diags) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(policies_dir) / "actions";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.error("LP-IO-001", {dir.string(), "", 0, 0}, "the action catalogue directory does not exist");
    return std::nullopt;
  }
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  Catalogue cat;
  bool ok = true;
  for (const auto& f : files) {
    std::string text;
    if (!read_file(f, text, diags)) {
      ok = false;
      continue;
    }
    ok &= load_catalogue_text(text, f, cat, diags);
  }
  if (!ok) return std::nullopt;
  return cat;
}

}  // namespace lp

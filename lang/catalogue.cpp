#include "lang/catalogue.h"

#include <algorithm>
#include <filesystem>

#include "lang/json.h"

namespace lp {

void Catalogue::add(CatalogueAction a) {
  std::string key = ascii_lower(a.service + ":" + a.name);
  services_.insert(ascii_lower(a.service));
  index_.emplace(key, actions_.size());
  folded_.push_back(std::move(key));
  actions_.push_back(std::move(a));
}

bool Catalogue::covers(std::string_view service) const { return services_.count(ascii_lower(service)) > 0; }

const CatalogueAction* Catalogue::find(std::string_view action) const {
  auto it = index_.find(ascii_lower(action));
  return it == index_.end() ? nullptr : &actions_[it->second];
}

size_t Catalogue::count_matching(const Wildcard& pattern) const {
  size_t n = 0;
  for (const auto& f : folded_)
    if (pattern.matches(f)) ++n;
  return n;
}

namespace {

bool string_member(const JsonCursor& c, const char* key, std::string& out, Diagnostics& diags) {
  const JsonValue* v = c.value().find(key);
  if (!v || !v->is(JsonKind::String) || v->text.empty()) {
    diags.error("LP-CAT-002", c.where(), std::string("expected a non-empty string member \"") + key + "\"");
    return false;
  }
  out = v->text;
  return true;
}

bool load_file(const std::string& path, Catalogue& cat, Diagnostics& diags) {
  auto json = load_json_file(path, diags);
  if (!json) return false;
  JsonCursor root(path, *json);
  std::string service;
  if (!json->is(JsonKind::Object)) {
    diags.error("LP-CAT-001", root.where(), "expected a catalogue object {\"service\", \"actions\": [...]}");
    return false;
  }
  if (!string_member(root, "service", service, diags)) return false;
  bool ok = true;
  for (const auto& m : json->members) {
    if (m.key == "service" || m.key == "source") continue;
    if (m.key != "actions" || !m.value.is(JsonKind::Array)) {
      diags.error("LP-CAT-001", root.key_where(m), "unexpected member \"" + m.key + "\"; expected service, source, actions (a list)");
      ok = false;
      continue;
    }
    JsonCursor list = root.member(m);
    for (size_t i = 0; i < m.value.items.size(); ++i) {
      JsonCursor ac = list.item(i);
      CatalogueAction a;
      a.service = service;
      a.where = ac.where();
      if (!ac.value().is(JsonKind::Object) || !string_member(ac, "action", a.name, diags) ||
          !string_member(ac, "access", a.access, diags)) {
        ok = false;
        continue;
      }
      if (const JsonValue* rt = ac.value().find("resource_types"); rt && rt->is(JsonKind::Array))
        for (const auto& t : rt->items)
          if (t.is(JsonKind::String)) a.resource_types.push_back(t.text);
      cat.add(std::move(a));
    }
  }
  return ok;
}

}  // namespace

std::optional<Catalogue> load_catalogue(const std::string& policies_dir, Diagnostics& diags) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(policies_dir) / "actions";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diags.error("LP-IO-001", {dir.string(), "", 0, 0}, "the action catalogue directory does not exist");
    return std::nullopt;
  }
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  Catalogue cat;
  bool ok = true;
  for (const auto& f : files) ok &= load_file(f, cat, diags);
  if (!ok) return std::nullopt;
  return cat;
}

}  // namespace lp

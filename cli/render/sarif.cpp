// SARIF 2.1.0 for code scanning (OASIS SARIF 2.1.0; GitHub's code-scanning requirements): rule
// metadata, one result per decided finding, undecided question, violated or unknown assertion, on
// the world, policy or spec file line that causes it, with relative artifact URIs and stable
// partial fingerprints. Assertions that hold are not results.
#include <filesystem>
#include <map>

#include "cli/render/render.h"

namespace lp::cli::render {

namespace {

namespace fs = std::filesystem;

std::string percent_encode(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

// 64-bit FNV-1a: a fingerprint that stays the same across runs and machines.
std::string fingerprint(const std::string& text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string(buf) + ":1";
}

struct Locator {
  fs::path base;
  std::string fallback_file;

  // {"uri", "uriBaseId"} for a file: relative to the base when inside it, else an absolute file URI.
  nlohmann::json artifact(const std::string& file) const {
    std::error_code ec;
    fs::path abs = fs::weakly_canonical(fs::absolute(file), ec);
    fs::path rel = ec ? fs::path(file) : abs.lexically_relative(base);
    if (!ec && !rel.empty() && *rel.begin() != "..") return {{"uri", percent_encode(rel.generic_string())}, {"uriBaseId", "%SRCROOT%"}};
    return {{"uri", "file://" + percent_encode(abs.generic_string())}};
  }
  nlohmann::json location(const SourceRef& w, const std::string& object) const {
    const std::string& file = w.file.empty() ? fallback_file : w.file;
    nlohmann::json region = {{"startLine", w.line > 0 ? w.line : 1}, {"startColumn", w.column > 0 ? w.column : 1}};
    nlohmann::json loc = {{"physicalLocation", {{"artifactLocation", artifact(file)}, {"region", region}}}};
    if (!object.empty()) loc["logicalLocations"] = nlohmann::json::array({{{"name", object}}});
    return loc;
  }
  std::string uri_of(const std::string& file) const { return artifact(file.empty() ? fallback_file : file)["uri"]; }
};

const char* level_of(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "note";
}

nlohmann::json rule_json(const std::string& id, Severity severity) {
  std::string name = id, short_text, full_text, help_uri;
  if (const audit::RuleInfo* info = audit::rule_info(id)) {
    name = info->name;
    short_text = info->short_text;
    full_text = info->full_text;
    help_uri = "docs/audit.md#built-in-findings";
  } else if (id.rfind("PL-", 0) == 0) {
    short_text = "PrivateLink rule " + id;
    full_text = "A static check of PrivateLink rule " + id + " (the rules of the PrivateLink guide and API; docs/world-format.md lists "
                "what each check reports).";
    help_uri = "docs/world-format.md";
  } else if (id.rfind("LP-VAL-", 0) == 0) {
    short_text = "Policy validation finding " + id;
    full_text = "A RAM policy validation finding (docs/validate.md lists every code with its meaning).";
    help_uri = "docs/validate.md";
  } else {
    short_text = "linkproof finding " + id;
    full_text = "A linkproof finding; docs/errors.md lists the codes.";
    help_uri = "docs/errors.md";
  }
  return {{"id", id},
          {"name", name},
          {"shortDescription", {{"text", short_text}}},
          {"fullDescription", {{"text", full_text}}},
          {"help", {{"text", full_text + " See " + help_uri + "."}}},
          {"helpUri", help_uri},
          {"defaultConfiguration", {{"level", level_of(severity)}}},
          {"properties", {{"tags", {"security", "privatelink"}}}}};
}

}  // namespace

std::string sarif(const audit::Report& r, const Summary& s, const std::string& base_dir) {
  std::error_code ec;
  fs::path base = fs::weakly_canonical(fs::absolute(base_dir.empty() ? fs::current_path() : fs::path(base_dir)), ec);
  Locator loc{base, r.world};
  nlohmann::json rules = nlohmann::json::array();
  std::map<std::string, size_t> rule_index;
  auto rule = [&](const std::string& id, Severity severity) {
    auto it = rule_index.find(id);
    if (it != rule_index.end()) return it->second;
    rules.push_back(rule_json(id, severity));
    return rule_index[id] = rules.size() - 1;
  };
  nlohmann::json results = nlohmann::json::array();
  for (const auto& f : r.findings) {
    const Diagnostic& d = f.diagnostic;
    size_t index = rule(d.code, d.severity);
    std::string message = (f.unknown ? "undecided: " : "") + d.message + (d.hint.empty() ? "" : " Fix: " + d.hint);
    if (!f.witness.summary.empty()) message += " Witness: " + f.witness.summary + ".";
    nlohmann::json res = {{"ruleId", d.code},
                          {"ruleIndex", index},
                          {"level", f.unknown ? "warning" : level_of(d.severity)},
                          {"kind", f.unknown ? "review" : "fail"},
                          {"message", {{"text", message}}},
                          {"locations", nlohmann::json::array({loc.location(d.where, d.object)})},
                          {"partialFingerprints",
                           {{"primaryLocationLineHash", fingerprint(d.code + "|" + d.object + "|" + loc.uri_of(d.where.file) + "|" +
                                                                    d.where.json_pointer)}}},
                          {"properties", {{"source", audit::source_name(f.source)}}}};
    results.push_back(res);
  }
  for (const auto& a : r.assertions) {
    if (a.status == audit::Status::Holds) continue;
    size_t index = rule(a.rule, Severity::Error);
    bool violated = a.status == audit::Status::Violated;
    std::string message = std::string(violated ? "violated: " : "unknown: ") + a.text + ". ";
    message += violated ? a.answer.witness.summary : a.answer.unknown_reason;
    if (violated && !a.answer.causes.empty() && a.answer.witness.path.empty()) message += " " + a.answer.causes.front().message;
    nlohmann::json locations = nlohmann::json::array({loc.location(a.where, "")});
    nlohmann::json related = nlohmann::json::array();
    int id = 0;
    for (const auto& c : a.answer.causes) {
      if (c.where.file.empty()) continue;
      nlohmann::json rl = loc.location(c.where, c.object);
      rl["id"] = id++;
      rl["message"] = {{"text", c.message}};
      related.push_back(rl);
      if (id == 10) break;
    }
    nlohmann::json res = {{"ruleId", a.rule},
                          {"ruleIndex", index},
                          {"level", violated ? "error" : "warning"},
                          {"kind", violated ? "fail" : "review"},
                          {"message", {{"text", message}}},
                          {"locations", locations},
                          {"partialFingerprints", {{"primaryLocationLineHash", fingerprint(a.rule + "|" + a.text + "|" + loc.uri_of(a.where.file))}}}};
    if (!related.empty()) res["relatedLocations"] = related;
    results.push_back(res);
  }
  nlohmann::json out = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       {{{"tool", {{"driver", {{"name", "linkproof"}, {"version", "0.1"}, {"rules", rules}}}}},
         {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", "file://" + percent_encode(base.generic_string()) + "/"}}}}},
         {"automationDetails", {{"id", "linkproof-audit/"}}},
         {"results", results},
         {"properties", {{"exit", s.exit_code}, {"failOn", s.fail_on.name}}}}}},
  };
  return out.dump(2) + "\n";
}

}  // namespace lp::cli::render

// What every renderer shares: format and --fail-on names, the summary, the JSON shapes.
#include "cli/render/render.h"

#include "cli/output.h"

#include <set>

namespace lp::cli::render {

std::optional<Format> format_from_name(std::string_view name) {
  if (name == "text") return Format::Text;
  if (name == "json") return Format::Json;
  if (name == "md" || name == "markdown") return Format::Markdown;
  if (name == "html") return Format::Html;
  if (name == "sarif") return Format::Sarif;
  return std::nullopt;
}

std::optional<FailOn> fail_on_from_name(std::string_view name) {
  FailOn f;
  f.name = std::string(name);
  if (name == "error") f.threshold = Severity::Error;
  else if (name == "warning") f.threshold = Severity::Warning;
  else if (name == "info") f.threshold = Severity::Info;
  else if (name == "never") f.threshold = std::nullopt;
  else return std::nullopt;
  return f;
}

Summary summarize(const audit::Report& r, const FailOn& fail_on) {
  Summary s;
  s.fail_on = fail_on;
  for (const auto& f : r.findings) {
    if (f.unknown) {
      ++s.unknown_findings;
      continue;
    }
    ++s.findings[static_cast<int>(f.diagnostic.severity)];
    if (fail_on.threshold && f.diagnostic.severity >= *fail_on.threshold) ++s.failing;
  }
  for (const auto& a : r.assertions) {
    if (a.status == audit::Status::Holds) ++s.holds;
    else if (a.status == audit::Status::Violated) ++s.violated;
    else ++s.unknown;
  }
  if (s.violated || s.failing) s.exit_code = kExitFail;
  else if (s.unknown || s.unknown_findings) s.exit_code = kExitUnknown;
  return s;
}

namespace {

void where_into(nlohmann::json& j, const SourceRef& w) {
  if (!w.file.empty()) j["file"] = w.file;
  if (!w.json_pointer.empty()) j["pointer"] = w.json_pointer;
  if (w.line > 0) {
    j["line"] = w.line;
    j["column"] = w.column;
  }
}

}  // namespace

nlohmann::json diagnostic_json(const Diagnostic& d) {
  nlohmann::json j = {{"rule", d.code}, {"severity", severity_name(d.severity)}, {"message", d.message}};
  if (!d.object.empty()) j["object"] = d.object;
  if (!d.hint.empty()) j["hint"] = d.hint;
  where_into(j, d.where);
  return j;
}

nlohmann::json cause_json(const Cause& c) { return diagnostic_json(c.to_diagnostic()); }

nlohmann::json witness_json(const Witness& w) {
  nlohmann::json j = nlohmann::json::object();
  if (!w.summary.empty()) j["summary"] = w.summary;
  if (!w.path.empty()) {
    nlohmann::json path = nlohmann::json::array();
    for (const auto& s : w.path) {
      nlohmann::json step = {{"kind", s.kind}, {"id", s.id}};
      if (!s.detail.empty()) step["detail"] = s.detail;
      where_into(step, s.where);
      path.push_back(step);
    }
    j["path"] = path;
  }
  if (w.request) j["request"] = request_json(*w.request);
  if (!w.statements.empty()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : w.statements) list.push_back(statement_ref_json(s));
    j["statements"] = list;
  }
  return j;
}

nlohmann::json answer_json(const Answer& a) {
  nlohmann::json j = {{"verdict", verdict_name(a.verdict)}};
  if (!a.witness.empty()) j["witness"] = witness_json(a.witness);
  nlohmann::json causes = nlohmann::json::array();
  for (const auto& c : a.causes) causes.push_back(cause_json(c));
  j["causes"] = causes;
  if (a.verdict == Verdict::Unknown) j["reason"] = a.unknown_reason;
  return j;
}

Grid grid_of(const audit::Report& r) {
  Grid g;
  std::set<std::string> accounts, services;
  for (const auto& c : r.matrix) {
    g.cells[{c.account, c.service}] = &c;
    accounts.insert(c.account);
    services.insert(c.service);
  }
  for (const auto& a : r.accounts)
    if (accounts.count(a)) g.accounts.push_back(a);
  for (const auto& s : r.services)
    if (services.count(s)) g.services.push_back(s);
  return g;
}

const audit::MatrixCell* Grid::at(const std::string& account, const std::string& service) const {
  auto it = cells.find({account, service});
  return it == cells.end() ? nullptr : it->second;
}

std::string verdict_word(Verdict v) { return verdict_name(v); }

std::string severity_title(Severity s) {
  switch (s) {
    case Severity::Error: return "Error";
    case Severity::Warning: return "Warning";
    case Severity::Info: return "Info";
  }
  return "Info";
}

std::string escape_html(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_markdown_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>' || c == '[' || c == ']') out += '\\';
    if (c == '\n') {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

std::string where_text(const SourceRef& w) {
  std::string out = w.to_string();
  if (w.line <= 0 && !w.json_pointer.empty()) out += " (at " + w.json_pointer + ")";
  return out;
}

std::string render(Format f, const audit::Report& r, const Summary& s, const std::string& base_dir) {
  switch (f) {
    case Format::Text: return text(r, s);
    case Format::Json: return json(r, s);
    case Format::Markdown: return markdown(r, s);
    case Format::Html: return html(r, s);
    case Format::Sarif: return sarif(r, s, base_dir);
  }
  return text(r, s);
}

}  // namespace lp::cli::render

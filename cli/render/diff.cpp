// The diff report in every format: access gained and lost, findings new and fixed, undecided.
#include <sstream>

#include "cli/render/render.h"
#include "solver/audit/internal.h"

namespace lp::cli::render {

DiffSummary summarize(const audit::DiffReport& d, bool fail_on_new_access) {
  DiffSummary s;
  s.fail_on_new_access = fail_on_new_access;
  for (const auto& r : d.reach) (r.gained ? s.reach_gained : s.reach_lost)++;
  for (const auto& a : d.auth) (a.gained ? s.auth_gained : s.auth_lost)++;
  s.new_findings = d.new_findings.size();
  s.fixed_findings = d.fixed_findings.size();
  s.unknown = d.unknown.size();
  if (fail_on_new_access) s.exit_code = d.gained() ? kExitFail : s.unknown ? kExitUnknown : kExitPass;
  return s;
}

namespace {

const char* mode_name(ReachMode m) { return m == ReachMode::Now ? "now" : "could"; }

std::string reach_line(const audit::ReachChange& r) {
  return std::string(r.gained ? "gained" : "lost") + " (" + mode_name(r.mode) + "): " + r.account + " -> " + r.service + " " +
         protocol_name(r.protocol) + " " + audit::detail::ports_text(r.ports) + " from " + join_cidrs(r.clients);
}

std::string join_list(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
  return out;
}

nlohmann::json reach_json(const audit::ReachChange& r) {
  nlohmann::json ports = nlohmann::json::array();
  for (const auto& p : r.ports.ranges()) ports.push_back({p.lo, p.hi});
  nlohmann::json j = {{"change", r.gained ? "gained" : "lost"}, {"mode", mode_name(r.mode)}, {"account", r.account},
                      {"service", r.service}, {"protocol", protocol_name(r.protocol)}, {"ports", ports},
                      {"clients", r.clients.cidrs()}};
  if (!r.witness.empty()) j["witness"] = witness_json(r.witness);
  return j;
}

nlohmann::json auth_json(const audit::AuthChange& a) {
  nlohmann::json j = {{"change", a.gained ? "gained" : "lost"}, {"principal", a.principal}, {"witness", witness_json(a.witness)}};
  if (!a.where.file.empty()) j["file"] = a.where.file;
  if (a.where.line > 0) {
    j["line"] = a.where.line;
    j["column"] = a.where.column;
  }
  return j;
}

}  // namespace

std::string join_cidrs(const IntervalSet& s) { return join_list(s.cidrs()); }

namespace {

std::string diff_text(const audit::DiffReport& d, const DiffSummary& s) {
  std::ostringstream out;
  out << "diff " << d.before << " -> " << d.after << "\n";
  out << "reach: " << s.reach_gained << " gained, " << s.reach_lost << " lost; authorization: " << s.auth_gained << " gained, "
      << s.auth_lost << " lost; findings: " << s.new_findings << " new, " << s.fixed_findings << " fixed; " << s.unknown
      << " undecided\n";
  for (const auto& r : d.reach) {
    out << reach_line(r) << "\n";
    if (!r.witness.summary.empty()) out << "    witness: " << r.witness.summary << "\n";
  }
  for (const auto& a : d.auth)
    out << (a.gained ? "gained" : "lost") << ": " << a.principal << ": " << a.witness.summary
        << (a.where.line ? " (" + a.where.to_string() + ")" : "") << "\n";
  for (const auto& f : d.new_findings) out << "new: " << f.diagnostic.to_string() << "\n";
  for (const auto& f : d.fixed_findings) out << "fixed: " << f.diagnostic.to_string() << "\n";
  for (const auto& u : d.unknown) out << "undecided: " << u.to_diagnostic().to_string() << "\n";
  return out.str();
}

std::string diff_json(const audit::DiffReport& d, const DiffSummary& s) {
  nlohmann::json reach = nlohmann::json::array(), auth = nlohmann::json::array(), added = nlohmann::json::array(),
                 fixed = nlohmann::json::array(), unknown = nlohmann::json::array();
  for (const auto& r : d.reach) reach.push_back(reach_json(r));
  for (const auto& a : d.auth) auth.push_back(auth_json(a));
  for (const auto& f : d.new_findings) added.push_back(diagnostic_json(f.diagnostic));
  for (const auto& f : d.fixed_findings) fixed.push_back(diagnostic_json(f.diagnostic));
  for (const auto& u : d.unknown) unknown.push_back(cause_json(u));
  nlohmann::json out = {{"before", d.before},
                        {"after", d.after},
                        {"summary",
                         {{"reach", {{"gained", s.reach_gained}, {"lost", s.reach_lost}}},
                          {"authorization", {{"gained", s.auth_gained}, {"lost", s.auth_lost}}},
                          {"findings", {{"new", s.new_findings}, {"fixed", s.fixed_findings}}},
                          {"undecided", s.unknown},
                          {"exit", s.exit_code}}},
                        {"reach", reach},
                        {"authorization", auth},
                        {"new_findings", added},
                        {"fixed_findings", fixed},
                        {"undecided", unknown}};
  return out.dump(2) + "\n";
}

std::string diff_markdown(const audit::DiffReport& d, const DiffSummary& s) {
  std::ostringstream out;
  out << "## linkproof diff: `" << d.before << "` → `" << d.after << "`\n\n";
  out << "| | gained | lost |\n|---|---:|---:|\n| reach | " << s.reach_gained << " | " << s.reach_lost << " |\n| authorization | "
      << s.auth_gained << " | " << s.auth_lost << " |\n\n";
  out << "| findings | new | fixed | undecided |\n|---|---:|---:|---:|\n| | " << s.new_findings << " | " << s.fixed_findings
      << " | " << s.unknown << " |\n\n";
  if (!d.reach.empty()) {
    out << "### Reach\n\n| change | mode | account | service | ports | clients | witness |\n|---|---|---|---|---|---|---|\n";
    for (const auto& r : d.reach)
      out << "| " << (r.gained ? "gained" : "lost") << " | " << mode_name(r.mode) << " | " << r.account << " | "
          << escape_markdown_cell(r.service) << " | " << protocol_name(r.protocol) << " " << audit::detail::ports_text(r.ports)
          << " | " << join_cidrs(r.clients) << " | " << escape_markdown_cell(r.witness.summary) << " |\n";
    out << "\n";
  }
  if (!d.auth.empty()) {
    out << "### Authorization\n\n| change | principal | witness |\n|---|---|---|\n";
    for (const auto& a : d.auth)
      out << "| " << (a.gained ? "gained" : "lost") << " | " << escape_markdown_cell(a.principal) << " | "
          << escape_markdown_cell(a.witness.summary) << " |\n";
    out << "\n";
  }
  auto findings = [&](const char* title, const std::vector<audit::Finding>& list) {
    if (list.empty()) return;
    out << "### " << title << "\n\n| severity | rule | where | finding |\n|---|---|---|---|\n";
    for (const auto& f : list)
      out << "| " << severity_name(f.diagnostic.severity) << " | " << f.diagnostic.code << " | "
          << escape_markdown_cell(where_text(f.diagnostic.where)) << " | " << escape_markdown_cell(f.diagnostic.message) << " |\n";
    out << "\n";
  };
  findings("New findings", d.new_findings);
  findings("Fixed findings", d.fixed_findings);
  return out.str();
}

std::string diff_html(const audit::DiffReport& d, const DiffSummary& s) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
      << "<title>linkproof diff</title><style>body{font-family:system-ui,sans-serif;margin:2em}"
      << "td,th{border:1px solid #d0d7de;padding:.3em .6em}table{border-collapse:collapse}.gained{background:#f8d7da}"
      << ".lost{background:#d1e7dd}</style></head><body>\n<h1>linkproof diff</h1><p>" << escape_html(d.before) << " &rarr; "
      << escape_html(d.after) << "</p>\n<p>reach " << s.reach_gained << " gained, " << s.reach_lost << " lost; authorization "
      << s.auth_gained << " gained, " << s.auth_lost << " lost; findings " << s.new_findings << " new, " << s.fixed_findings
      << " fixed; " << s.unknown << " undecided</p>\n<table>";
  for (const auto& r : d.reach)
    out << "<tr class=\"" << (r.gained ? "gained" : "lost") << "\"><td>" << escape_html(reach_line(r)) << "</td><td>"
        << escape_html(r.witness.summary) << "</td></tr>\n";
  for (const auto& a : d.auth)
    out << "<tr class=\"" << (a.gained ? "gained" : "lost") << "\"><td>" << escape_html(a.principal) << "</td><td>"
        << escape_html(a.witness.summary) << "</td></tr>\n";
  for (const auto& f : d.new_findings)
    out << "<tr class=\"gained\"><td>new " << escape_html(f.diagnostic.code) << "</td><td>" << escape_html(f.diagnostic.to_string())
        << "</td></tr>\n";
  for (const auto& f : d.fixed_findings)
    out << "<tr class=\"lost\"><td>fixed " << escape_html(f.diagnostic.code) << "</td><td>" << escape_html(f.diagnostic.to_string())
        << "</td></tr>\n";
  out << "</table></body></html>\n";
  return out.str();
}

}  // namespace

std::string render(Format f, const audit::DiffReport& d, const DiffSummary& s, const std::string& base_dir) {
  switch (f) {
    case Format::Text: return diff_text(d, s);
    case Format::Json: return diff_json(d, s);
    case Format::Markdown: return diff_markdown(d, s);
    case Format::Html: return diff_html(d, s);
    case Format::Sarif: {
      // New findings as an audit report of the AFTER world, for code scanning.
      audit::Report r;
      r.world = d.after;
      r.findings = d.new_findings;
      Summary sum;
      for (const auto& x : r.findings) sum.findings[static_cast<int>(x.diagnostic.severity)]++;
      sum.exit_code = s.exit_code;
      return sarif(r, sum, base_dir);
    }
  }
  return diff_text(d, s);
}

}  // namespace lp::cli::render

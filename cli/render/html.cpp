// One self-contained HTML file (no fetch of any kind: styles and the filter script are inline):
// the summary, findings grouped by severity with a filter, the reach matrix as a colour grid
// (accounts x services, now vs could), each witness path as a small diagram, and the assertions.
#include <sstream>

#include "cli/render/render.h"

namespace lp::cli::render {

namespace {

const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#1b1f24;background:#fff}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;vertical-align:top}
.yes{background:#f8d7da}.no{background:#d1e7dd}.unknown{background:#fff3cd}
.cell span{display:inline-block;min-width:4.5em;padding:.1em .3em;border-radius:3px;margin:1px}
.sev-error{border-left:6px solid #cf222e}.sev-warning{border-left:6px solid #bf8700}.sev-info{border-left:6px solid #0969da}
.finding,.assertion{margin:.4em 0;padding:.4em .8em;background:#f6f8fa}
.code{font-family:ui-monospace,monospace;font-size:.9em}.where{color:#57606a;font-size:.85em}
.path{display:flex;flex-wrap:wrap;align-items:center;gap:.2em;margin:.3em 0}
.step{border:1px solid #8c959f;border-radius:4px;padding:.15em .4em;background:#fff;font-size:.85em}
.step b{display:block;font-size:.75em;color:#57606a;font-weight:normal}
.arrow{color:#57606a}.holds{border-left:6px solid #1a7f37}.violated{border-left:6px solid #cf222e}
.filter label{margin-right:1em}.hidden{display:none}
)";

const char* kScript = R"(
document.querySelectorAll('.filter input').forEach(function(box){
  box.addEventListener('change',function(){
    document.querySelectorAll('.finding.sev-'+box.value).forEach(function(el){
      el.classList.toggle('hidden',!box.checked);
    });
  });
});
)";

std::string e(const std::string& s) { return escape_html(s); }

void path_diagram(std::ostringstream& out, const Witness& w) {
  if (w.path.empty()) return;
  out << "<div class=\"path\">";
  for (size_t i = 0; i < w.path.size(); ++i) {
    const auto& s = w.path[i];
    if (i) out << "<span class=\"arrow\">&rarr;</span>";
    out << "<span class=\"step\" title=\"" << e(s.detail + (s.where.line ? " (" + s.where.to_string() + ")" : "")) << "\"><b>"
        << e(s.kind) << "</b>" << e(s.id) << "</span>";
  }
  out << "</div>";
}

void witness_block(std::ostringstream& out, const Witness& w) {
  if (!w.summary.empty()) out << "<div>witness: " << e(w.summary) << "</div>";
  path_diagram(out, w);
  if (w.request)
    out << "<div class=\"code\">request: " << e(w.request->principal.empty() ? "(any principal)" : w.request->principal) << " "
        << e(w.request->action) << " on " << e(w.request->resource) << "</div>";
}

const char* css_of(Verdict v) { return v == Verdict::Yes ? "yes" : v == Verdict::No ? "no" : "unknown"; }

}  // namespace

std::string html(const audit::Report& r, const Summary& s) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
      << "<title>linkproof audit: " << e(r.world) << "</title><style>" << kStyle << "</style></head><body>\n";
  out << "<h1>linkproof audit: <span class=\"code\">" << e(r.world) << "</span></h1>\n";
  out << "<p><strong>Result: " << (s.exit_code == kExitPass ? "pass" : s.exit_code == kExitFail ? "fail" : "unknown")
      << "</strong> (--fail-on " << e(s.fail_on.name) << ")</p>\n";
  out << "<table><tr><th></th><th>error</th><th>warning</th><th>info</th><th>undecided</th></tr><tr><th>findings</th><td>"
      << s.findings[2] << "</td><td>" << s.findings[1] << "</td><td>" << s.findings[0] << "</td><td>" << s.unknown_findings
      << "</td></tr></table>\n";
  out << "<table><tr><th>assertions</th><th>holds</th><th>violated</th><th>unknown</th></tr><tr><td>" << r.assertions.size()
      << "</td><td>" << s.holds << "</td><td>" << s.violated << "</td><td>" << s.unknown << "</td></tr></table>\n";

  Grid g = grid_of(r);
  if (!g.accounts.empty()) {
    out << "<h2>Reach matrix</h2><p>Each cell: now, could (acting alone). Red: reaches; green: does not; yellow: unknown. "
           "Accounts and services with no reach either way are left out.</p>\n<table><tr><th>account</th>";
    for (const auto& sv : g.services) out << "<th class=\"code\">" << e(sv) << "</th>";
    out << "</tr>\n";
    for (const auto& a : g.accounts) {
      out << "<tr><th class=\"code\">" << e(a) << "</th>";
      for (const auto& sv : g.services) {
        const audit::MatrixCell* c = g.at(a, sv);
        Verdict now = c ? c->now : Verdict::No, could = c ? c->could : Verdict::No;
        out << "<td class=\"cell\" title=\"" << e(c ? (c->ports_now.empty() ? c->ports_could : c->ports_now) : "") << "\"><span class=\""
            << css_of(now) << "\">now " << verdict_word(now) << "</span><span class=\"" << css_of(could) << "\">could "
            << verdict_word(could) << "</span></td>";
      }
      out << "</tr>\n";
    }
    out << "</table>\n";
  }

  if (!r.assertions.empty()) {
    out << "<h2>Assertions</h2>\n";
    for (const auto& a : r.assertions) {
      out << "<div class=\"assertion " << audit::status_name(a.status) << "\"><strong>" << audit::status_name(a.status)
          << "</strong> <span class=\"code\">" << e(a.text) << "</span> <span class=\"where\">" << e(a.where.to_string()) << " "
          << e(a.rule) << "</span>";
      if (a.status == audit::Status::Unknown) out << "<div>reason: " << e(a.answer.unknown_reason) << "</div>";
      witness_block(out, a.answer.witness);
      if (!a.answer.causes.empty()) {
        out << "<ul>";
        for (const auto& c : a.answer.causes)
          out << "<li><span class=\"code\">" << e(c.rule) << "</span> " << e(c.message) << " <span class=\"where\">"
              << e(where_text(c.where)) << "</span></li>";
        out << "</ul>";
      }
      out << "</div>\n";
    }
  }

  out << "<h2>Findings</h2>\n<div class=\"filter\">show: ";
  for (const char* sev : {"error", "warning", "info"})
    out << "<label><input type=\"checkbox\" value=\"" << sev << "\" checked> " << sev << "</label>";
  out << "</div>\n";
  for (Severity sev : {Severity::Error, Severity::Warning, Severity::Info}) {
    out << "<h3>" << severity_title(sev) << "</h3>\n";
    for (const auto& f : r.findings) {
      if (f.diagnostic.severity != sev) continue;
      const Diagnostic& d = f.diagnostic;
      out << "<div class=\"finding sev-" << severity_name(sev) << "\"><span class=\"code\">" << e(d.code) << "</span> "
          << (f.unknown ? "<em>undecided</em> " : "") << e(d.message) << " <span class=\"where\">" << e(where_text(d.where))
          << (d.object.empty() ? "" : " &middot; " + e(d.object)) << "</span>";
      if (!d.hint.empty()) out << "<div>fix: " << e(d.hint) << "</div>";
      witness_block(out, f.witness);
      out << "</div>\n";
    }
  }
  out << "<script>" << kScript << "</script>\n</body></html>\n";
  return out.str();
}

}  // namespace lp::cli::render

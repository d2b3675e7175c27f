// GitHub-flavoured Markdown, for review threads and pull-request comments.
#include <sstream>

#include "cli/render/render.h"

namespace lp::cli::render {

namespace {

std::string cell(const std::string& s) { return escape_markdown_cell(s); }

std::string code(const std::string& s) {
  std::string t = s;
  for (auto& c : t)
    if (c == '`' || c == '\n') c = '\'';
  return "`" + t + "`";
}

std::string path_text(const Witness& w) {
  std::string out;
  for (const auto& s : w.path) out += (out.empty() ? "" : " → ") + s.kind + " " + s.id;
  return out;
}

}  // namespace

std::string markdown(const audit::Report& r, const Summary& s) {
  std::ostringstream out;
  out << "## linkproof audit: " << code(r.world) << "\n\n";
  out << "**Result: " << (s.exit_code == kExitPass ? "pass" : s.exit_code == kExitFail ? "fail" : "unknown")
      << "** (`--fail-on " << s.fail_on.name << "`)\n\n";
  out << "| | error | warning | info | undecided |\n|---|---:|---:|---:|---:|\n";
  out << "| findings | " << s.findings[2] << " | " << s.findings[1] << " | " << s.findings[0] << " | " << s.unknown_findings
      << " |\n\n";
  out << "| assertions | holds | violated | unknown |\n|---|---:|---:|---:|\n";
  out << "| " << r.assertions.size() << " | " << s.holds << " | " << s.violated << " | " << s.unknown << " |\n\n";

  Grid g = grid_of(r);
  if (!g.accounts.empty()) {
    out << "### Reach matrix (now / could)\n\nAccounts and services with no reach either way are left out.\n\n| account |";
    for (const auto& sv : g.services) out << " " << cell(sv) << " |";
    out << "\n|---|";
    for (size_t i = 0; i < g.services.size(); ++i) out << ":---:|";
    out << "\n";
    for (const auto& a : g.accounts) {
      out << "| " << cell(a) << " |";
      for (const auto& sv : g.services) {
        const audit::MatrixCell* c = g.at(a, sv);
        out << " " << (c ? verdict_word(c->now) : "no") << " / " << (c ? verdict_word(c->could) : "no") << " |";
      }
      out << "\n";
    }
    out << "\n";
  }
  if (!r.assertions.empty()) {
    out << "### Assertions\n\n| result | rule | assertion | where | witness or reason |\n|---|---|---|---|---|\n";
    for (const auto& a : r.assertions) {
      std::string why = a.status == audit::Status::Unknown ? a.answer.unknown_reason : a.answer.witness.summary;
      if (!a.answer.witness.path.empty()) why += " (" + path_text(a.answer.witness) + ")";
      if (a.status == audit::Status::Violated && !a.answer.causes.empty() && a.answer.witness.path.empty())
        why += (why.empty() ? "" : "; ") + a.answer.causes.front().message;
      out << "| " << (a.status == audit::Status::Holds ? "✅ holds" : a.status == audit::Status::Violated ? "❌ violated" : "❔ unknown")
          << " | " << a.rule << " | " << code(a.text) << " | " << cell(where_text(a.where)) << " | " << cell(why) << " |\n";
    }
    out << "\n";
  }
  if (!r.findings.empty()) {
    out << "### Findings\n\n| severity | rule | object | where | finding | suggested fix |\n|---|---|---|---|---|---|\n";
    for (Severity sev : {Severity::Error, Severity::Warning, Severity::Info})
      for (const auto& f : r.findings) {
        if (f.diagnostic.severity != sev) continue;
        std::string msg = f.diagnostic.message;
        if (!f.witness.path.empty()) msg += " (" + path_text(f.witness) + ")";
        out << "| " << (f.unknown ? "undecided " : "") << severity_name(sev) << " | " << f.diagnostic.code << " | "
            << cell(f.diagnostic.object) << " | " << cell(where_text(f.diagnostic.where)) << " | " << cell(msg) << " | "
            << cell(f.diagnostic.hint) << " |\n";
      }
    out << "\n";
  }
  return out.str();
}

}  // namespace lp::cli::render

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

  if (!r.accounts.empty() && !r.services.empty()) {
    out << "### Reach matrix (now / could)\n\n| account |";
    for (const auto& sv : r.services) out << " " << cell(sv) << " |";
    out << "\n|---|";
    for (size_t i = 0; i < r.services.size(); ++i) out << ":---:|";
    out << "\n";
    for (size_t a = 0; a < r.accounts.size(); ++a) {
      out << "| " << cell(r.accounts[a]) << " |";
      for (size_t v = 0; v < r.services.size(); ++v) {
        const auto& c = r.matrix[a * r.services.size() + v];
        out << " " << verdict_word(c.now) << " / " << verdict_word(c.could) << " |";
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

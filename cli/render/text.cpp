// The terminal report: the summary first, then findings and assertions, one line each with the
// place that causes it, and the witness or reason indented below.
#include <sstream>

#include "cli/render/render.h"

namespace lp::cli::render {

namespace {

void witness_lines(std::ostringstream& out, const Witness& w) {
  if (!w.summary.empty()) out << "    witness: " << w.summary << "\n";
  for (const auto& s : w.path)
    out << "      " << s.kind << " " << s.id << (s.detail.empty() ? "" : ": " + s.detail)
        << (s.where.line ? " (" + s.where.to_string() + ")" : "") << "\n";
}

}  // namespace

std::string text(const audit::Report& r, const Summary& s) {
  std::ostringstream out;
  out << "audit of " << r.world << (r.specs.empty() ? "" : " with " + std::to_string(r.specs.size()) + " spec file(s)") << "\n";
  out << "findings: " << s.findings[2] << " error, " << s.findings[1] << " warning, " << s.findings[0] << " info"
      << (s.unknown_findings ? ", " + std::to_string(s.unknown_findings) + " undecided" : "") << "\n";
  out << "assertions: " << s.holds << " hold, " << s.violated << " violated, " << s.unknown << " unknown\n";
  out << "result: " << (s.exit_code == kExitPass ? "pass" : s.exit_code == kExitFail ? "FAIL" : "unknown")
      << " (--fail-on " << s.fail_on.name << ")\n";

  if (!r.accounts.empty() && !r.services.empty()) {
    out << "\nreach matrix (now / could):\n";
    for (const auto& c : r.matrix)
      if (c.now != Verdict::No || c.could != Verdict::No)
        out << "  " << c.account << " -> " << c.service << ": " << verdict_word(c.now) << " / " << verdict_word(c.could)
            << (c.ports_now.empty() ? (c.ports_could.empty() ? "" : " (" + c.ports_could + ")") : " (" + c.ports_now + ")") << "\n";
  }
  if (!r.findings.empty()) {
    out << "\nfindings:\n";
    for (Severity sev : {Severity::Error, Severity::Warning, Severity::Info})
      for (const auto& f : r.findings) {
        if (f.diagnostic.severity != sev) continue;
        out << (f.unknown ? "[undecided] " : "") << f.diagnostic.to_string() << "\n";
        witness_lines(out, f.witness);
      }
  }
  if (!r.assertions.empty()) {
    out << "\nassertions:\n";
    for (const auto& a : r.assertions) {
      out << a.where.to_string() << ": " << audit::status_name(a.status) << "[" << a.rule << "]: " << a.text << "\n";
      if (a.status == audit::Status::Unknown) out << "    reason: " << a.answer.unknown_reason << "\n";
      witness_lines(out, a.answer.witness);
      for (const auto& c : a.answer.causes) out << "    " << c.to_diagnostic().to_string() << "\n";
    }
  }
  return out.str();
}

}  // namespace lp::cli::render

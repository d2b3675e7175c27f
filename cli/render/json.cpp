// The JSON report (schema: docs/audit.schema.json).
#include "cli/render/render.h"

namespace lp::cli::render {

std::string json(const audit::Report& r, const Summary& s) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : r.findings) {
    nlohmann::json j = diagnostic_json(f.diagnostic);
    j["source"] = audit::source_name(f.source);
    j["undecided"] = f.unknown;
    if (!f.witness.empty()) j["witness"] = witness_json(f.witness);
    findings.push_back(j);
  }
  nlohmann::json assertions = nlohmann::json::array();
  for (const auto& a : r.assertions) {
    nlohmann::json j = {{"rule", a.rule}, {"text", a.text}, {"status", audit::status_name(a.status)},
                        {"file", a.where.file}, {"line", a.where.line}, {"column", a.where.column}};
    j["answer"] = answer_json(a.answer);
    assertions.push_back(j);
  }
  nlohmann::json cells = nlohmann::json::array();
  for (const auto& c : r.matrix)
    cells.push_back({{"account", c.account}, {"service", c.service}, {"now", verdict_name(c.now)}, {"could", verdict_name(c.could)},
                     {"ports_now", c.ports_now}, {"ports_could", c.ports_could}});
  nlohmann::json out = {
      {"world", r.world},
      {"specs", r.specs},
      {"summary",
       {{"findings", {{"error", s.findings[2]}, {"warning", s.findings[1]}, {"info", s.findings[0]}}},
        {"undecided", s.unknown_findings},
        {"assertions", {{"holds", s.holds}, {"violated", s.violated}, {"unknown", s.unknown}}},
        {"fail_on", s.fail_on.name},
        {"exit", s.exit_code}}},
      {"matrix", {{"accounts", r.accounts}, {"services", r.services}, {"cells", cells}}},
      {"findings", findings},
      {"assertions", assertions},
  };
  return out.dump(2) + "\n";
}

}  // namespace lp::cli::render

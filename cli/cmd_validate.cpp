// `linkproof validate FILE...`: located parse errors (exit 2) and validation findings in the style of
// IAM Access Analyzer's policy validation (docs/validate.md).
#include <algorithm>
#include <iostream>
#include <tuple>
#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/policy_options.h"
#include "lang/bundled.h"
#include "lang/catalogue.h"
#include "lang/policy_parser.h"
#include "solver/validate.h"
#include "solver/z3_questions.h"

namespace lp::cli {

namespace {

const char* kUsage =
    "usage: linkproof validate FILE... [--bundled] [--kind auto|identity|trust|resource|control|session]\n"
    "                          [--format text|json] [--fail-on error|warning|info|never] [--catalogue DIR]\n"
    "                          [--solver [--timeout-ms N] [--rlimit N] [--dump-smt DIR]] [settings: docs/settings.md]\n";

struct FileResult {
  std::string file;
  bool parsed = false;
  Diagnostics errors;
  Diagnostics findings;
};

nlohmann::json diagnostic_json(const Diagnostic& d) {
  nlohmann::json j = {{"id", d.code},          {"severity", severity_name(d.severity)}, {"file", d.where.file},
                      {"pointer", d.where.json_pointer}, {"line", d.where.line}, {"column", d.where.column},
                      {"message", d.message}};
  if (!d.hint.empty()) j["hint"] = d.hint;
  return j;
}

std::optional<PolicyKind> kind_from(const std::string& s) {
  if (s == "auto") return PolicyKind::Auto;
  if (s == "identity") return PolicyKind::Identity;
  if (s == "trust") return PolicyKind::Trust;
  if (s == "resource") return PolicyKind::ResourceBased;
  if (s == "control") return PolicyKind::Control;
  if (s == "session") return PolicyKind::Session;
  return std::nullopt;
}

}  // namespace

int cmd_validate(const Argv& argv, std::istream&, std::ostream& out, std::ostream& err) {
  Args args(argv, with_policy_value_options({"format", "fail-on", "kind", "catalogue", "timeout-ms", "rlimit", "dump-smt"}),
            with_policy_flag_options({"help", "bundled", "solver"}),
            {{"format", {"text", "json"}},
             {"fail-on", {"error", "warning", "info", "never"}},
             {"kind", {"auto", "identity", "trust", "resource", "control", "session"}}});
  if (args.flag("help")) {
    out << kUsage;
    return kExitOk;
  }
  if (!args.ok()) {
    err << "linkproof validate: " << args.error() << "\n" << kUsage;
    return kExitBadInput;
  }
  std::string format = args.value("format").value_or("text");
  std::string fail_on = args.value("fail-on").value_or("error");
  auto kind = kind_from(args.value("kind").value_or("auto"));  // a declared choice: always known
  if (args.positional().empty() && !args.flag("bundled")) {
    err << "linkproof validate: no policy files given\n" << kUsage;
    return kExitBadInput;
  }
  PolicySettings settings;
  SolverLimits limits;
  if (!read_policy_settings(args, settings, err) || !read_solver_limits(args, limits, "validate", err)) return kExitBadInput;
  const bool solver = args.flag("solver");

  Diagnostics setup;
  auto dir = policies_dir(args.value("catalogue"));
  auto catalogue = dir ? load_catalogue(*dir, setup) : std::nullopt;
  if (!catalogue) {
    // A catalogue the user named is bad input; a broken bundled one is our fault.
    const bool given = args.value("catalogue").has_value();
    print_diagnostics(setup, err);
    err << "linkproof validate: " << (given ? "the action catalogue " + *args.value("catalogue") + "/actions"
                                            : std::string("the bundled action catalogue (policies/actions)"))
        << " could not be loaded\n";
    return given ? kExitBadInput : kExitInternal;
  }

  std::vector<FileResult> results;
  auto validate_one = [&](std::string name, auto&& load) {
    FileResult r;
    r.file = std::move(name);
    if (auto policy = load(r.errors)) {
      r.parsed = true;
      r.findings = validate_policy(*policy, *catalogue, settings);
      if (solver) {
        // The solver's exact statement findings replace the concrete approximations.
        auto& items = r.findings.items();
        items.erase(std::remove_if(items.begin(), items.end(),
                                   [](const Diagnostic& d) {
                                     return d.code == "LP-VAL-030" || d.code == "LP-VAL-031" || d.code == "LP-VAL-032" ||
                                            d.code == "LP-VAL-040";
                                   }),
                    items.end());
        Diagnostics exact = statement_findings(*policy, settings, limits);
        for (auto& d : exact.items()) r.findings.add(std::move(d));
        std::stable_sort(items.begin(), items.end(), [](const Diagnostic& x, const Diagnostic& y) {
          return std::tie(x.where.line, x.where.column) < std::tie(y.where.line, y.where.column);
        });
      }
    }
    results.push_back(std::move(r));
  };
  for (const auto& f : args.positional())
    validate_one(f, [&](Diagnostics& d) { return load_policy_file(f, settings, d, *kind); });
  // The bundled documents go through the same parser; they are named "<builtin>/..." (design.md).
  if (args.flag("bundled"))
    for (const auto& b : bundled_policy_files(*dir))
      validate_one(b.display, [&](Diagnostics& d) { return load_bundled_policy(b, settings, d); });

  Severity threshold = fail_on == "warning" ? Severity::Warning : fail_on == "info" ? Severity::Info : Severity::Error;
  bool bad_input = false, failing = false;
  size_t counts[3] = {0, 0, 0};
  for (const auto& r : results) {
    bad_input |= !r.parsed;
    for (const auto& f : r.findings.items()) {
      counts[static_cast<int>(f.severity)]++;
      if (fail_on != "never" && f.severity >= threshold) failing = true;
    }
  }

  if (format == "json") {
    nlohmann::json files = nlohmann::json::array();
    for (const auto& r : results) {
      nlohmann::json errors = nlohmann::json::array(), findings = nlohmann::json::array();
      for (const auto& e : r.errors.items()) errors.push_back(diagnostic_json(e));
      for (const auto& f : r.findings.items()) findings.push_back(diagnostic_json(f));
      files.push_back({{"file", r.file}, {"ok", r.parsed}, {"errors", errors}, {"findings", findings}});
    }
    out << nlohmann::json{{"files", files},
                          {"summary",
                           {{"files", results.size()},
                            {"errors", std::count_if(results.begin(), results.end(), [](auto& r) { return !r.parsed; })},
                            {"findings", {{"error", counts[2]}, {"warning", counts[1]}, {"info", counts[0]}}}}}}
                .dump(2)
        << "\n";
  } else {
    for (const auto& r : results) {
      print_diagnostics(r.errors, err);
      for (const auto& f : r.findings.items()) out << f.to_string() << "\n";
    }
    size_t ok = std::count_if(results.begin(), results.end(), [](auto& r) { return r.parsed; });
    out << ok << " of " << results.size() << " policies parsed; findings: " << counts[2] << " error, " << counts[1]
        << " warning, " << counts[0] << " info\n";
  }
  if (bad_input) return kExitBadInput;
  return failing ? kExitFindings : kExitOk;
}

}  // namespace lp::cli

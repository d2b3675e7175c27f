// The presentation layer: one renderer per format, each taking answers and diagnostics
// (solver/answer.h, lang/diagnostic.h; the audit's Report gathers them) and returning the text to
// write. The command reads --format and --fail-on once and picks a renderer; no renderer decides
// anything. A new format is one new file here and one row of `format_from_name`.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "lang/diagnostic.h"
#include "solver/answer.h"
#include "solver/audit/audit.h"
#include "solver/audit/diff.h"

namespace lp::cli::render {

enum class Format { Text, Json, Markdown, Html, Sarif };
std::optional<Format> format_from_name(std::string_view name);  // text | json | md | html | sarif

// --fail-on error|warning|info|never: the lowest severity that fails (nullopt: never).
struct FailOn {
  std::optional<Severity> threshold = Severity::Error;
  std::string name = "error";
};
std::optional<FailOn> fail_on_from_name(std::string_view name);

// Exit codes of a report (docs/audit.md): 0 pass, 1 a violated assertion or a decided finding at
// or above --fail-on, 3 some answer unknown and nothing worse.
inline constexpr int kExitPass = 0;
inline constexpr int kExitFail = 1;
inline constexpr int kExitUnknown = 3;

struct Summary {
  size_t findings[3] = {0, 0, 0};  // decided findings by Severity (info, warning, error)
  size_t unknown_findings = 0;     // built-in questions left undecided
  size_t holds = 0, violated = 0, unknown = 0;  // assertions
  size_t failing = 0;              // decided findings at or above the threshold
  FailOn fail_on;
  int exit_code = kExitPass;
};
Summary summarize(const audit::Report& r, const FailOn& fail_on);

// One JSON shape for a diagnostic everywhere: {"rule", "severity", "object", "message", "hint",
// "file", "pointer", "line", "column"} (empty members left out, except rule/severity/message).
nlohmann::json diagnostic_json(const Diagnostic& d);
nlohmann::json cause_json(const Cause& c);
nlohmann::json witness_json(const Witness& w);
nlohmann::json answer_json(const Answer& a);

std::string text(const audit::Report& r, const Summary& s);
std::string json(const audit::Report& r, const Summary& s);
std::string markdown(const audit::Report& r, const Summary& s);
std::string html(const audit::Report& r, const Summary& s);
// `base_dir`: artifact URIs are made relative to it (the repository root of a code-scanning run;
// the current directory by default) under the uriBaseId %SRCROOT%.
std::string sarif(const audit::Report& r, const Summary& s, const std::string& base_dir);

std::string render(Format f, const audit::Report& r, const Summary& s, const std::string& base_dir);

// ---- diff (docs/audit.md, "diff") ----

struct DiffSummary {
  size_t reach_gained = 0, reach_lost = 0, auth_gained = 0, auth_lost = 0;
  size_t new_findings = 0, fixed_findings = 0, unknown = 0;
  bool fail_on_new_access = false;
  int exit_code = kExitPass;  // with --fail-on-new-access: 1 gained, 3 a possible gain undecided
};
DiffSummary summarize(const audit::DiffReport& d, bool fail_on_new_access);
std::string render(Format f, const audit::DiffReport& d, const DiffSummary& s, const std::string& base_dir);

// The reach grid for the table formats: the accounts and services that have some cell (in world
// order) and the cell of each pair (null: no / no).
struct Grid {
  std::vector<std::string> accounts, services;
  std::map<std::pair<std::string, std::string>, const audit::MatrixCell*> cells;
  const audit::MatrixCell* at(const std::string& account, const std::string& service) const;
};
Grid grid_of(const audit::Report& r);

// Helpers shared by the renderers.
std::string verdict_word(Verdict v);                     // "yes" | "no" | "unknown"
std::string severity_title(Severity s);                  // "Error" | "Warning" | "Info"
std::string escape_html(std::string_view s);
std::string escape_markdown_cell(std::string_view s);
std::string where_text(const SourceRef& w);             // "file:line:col" or "file (at /pointer)"
std::string join_cidrs(const IntervalSet& s);            // "10.0.0.0/24, 10.1.0.0/16"

}  // namespace lp::cli::render

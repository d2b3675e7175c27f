// `linkproof audit WORLD [--spec FILE]...`: the static checks, policy validation, the built-in
// security questions and the spec files' assertions in one report (docs/audit.md; the engine is
// solver/audit/, the formats cli/render/).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/args.h"
#include "cli/audit_setup.h"
#include "cli/commands.h"
#include "cli/policy_options.h"
#include "cli/render/render.h"
#include "lang/ingest/any_world.h"
#include "lang/audit_spec.h"
#include "lang/bundled.h"
#include "lang/catalogue.h"
#include "lang/world_loader.h"
#include "solver/audit/audit.h"

namespace lp::cli {

namespace {

const char* kUsage =
    "usage: linkproof audit WORLD [--spec FILE]... [--format text|json|md|html|sarif] [--out FILE]\n"
    "                       [--out-dir DIR] [--fail-on error|warning|info|never] [--no-builtin]\n"
    "                       [--sarif-root DIR] [--progress auto|always|never] [--quiet] [--witness-paths N]\n"
    "                       [--regions FILE] [--bandwidth-rules guide|api] [--intra-group before|after]\n"
    "                       [--catalogue DIR] [--timeout-ms N] [--rlimit N] [settings: docs/settings.md]\n"
    "exit: 0 pass, 1 a violated assertion or a finding at or above --fail-on, 2 bad input, 3 some answer unknown\n";

struct Progress {
  std::ostream* err = nullptr;
  bool enabled = false;
  bool always = false;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
};

void on_phase(const std::string& phase, void* user) {
  auto* p = static_cast<Progress*>(user);
  if (!p->enabled) return;
  // Only for audits that run longer than a second (unless --progress always).
  if (!p->always && std::chrono::steady_clock::now() - p->start < std::chrono::seconds(1)) return;
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - p->start).count();
  char at[32];
  std::snprintf(at, sizeof at, "%.1f s", elapsed);
  *p->err << "linkproof audit: " << at << ": " << phase << "...\n";
  p->err->flush();
}

}  // namespace

bool write_file(const std::string& path, const std::string& text, std::ostream& err) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) {
    err << "linkproof: cannot write " << path << "\n";
    return false;
  }
  return true;
}

int cmd_audit(const Argv& argv, std::istream&, std::ostream& out, std::ostream& err) {
  Args args(argv, audit_value_options({"spec", "out-dir", "fail-on", "progress", "witness-paths"}),
            with_policy_flag_options({"help", "quiet", "no-builtin"}));
  if (args.flag("help")) {
    out << kUsage;
    return kExitOk;
  }
  auto bad = [&](const std::string& why) {
    err << "linkproof audit: " << why << "\n" << kUsage;
    return kExitBadInput;
  };
  if (!args.ok()) return bad(args.error());
  if (args.positional().size() != 1) return bad("expected one WORLD file");
  auto format = render::format_from_name(args.value("format").value_or("text"));
  if (!format) return bad("--format must be text, json, md, html or sarif");
  auto fail_on = render::fail_on_from_name(args.value("fail-on").value_or("error"));
  if (!fail_on) return bad("--fail-on must be error, warning, info or never");
  std::string progress_mode = args.value("progress").value_or("auto");
  if (progress_mode != "auto" && progress_mode != "always" && progress_mode != "never")
    return bad("--progress must be auto, always or never");
  AuditSetup setup;
  if (auto code = read_audit_setup(args, "audit", setup, err)) return *code;
  audit::Settings& settings = setup.settings;
  settings.builtin = !args.flag("no-builtin");
  if (auto n = args.value("witness-paths")) {
    try {
      size_t used = 0;
      long v = std::stol(*n, &used);
      if (used != n->size() || v < 0) throw std::invalid_argument(*n);
      settings.witness_paths = static_cast<size_t>(v);
    } catch (const std::exception&) {
      return bad("--witness-paths must be a number (0 or more)");
    }
  }

  Progress progress;
  Diagnostics diags;
  auto world = ingest::load_any_world(args.positional()[0], setup.world, diags);
  std::vector<AuditSpec> specs;
  for (const auto& file : args.values("spec"))
    if (auto spec = load_audit_spec(file, diags)) specs.push_back(std::move(*spec));
  if (!world || diags.has_errors() || !audit::resolve(*world, specs, settings, diags)) {
    print_diagnostics(diags, err);
    return kExitBadInput;
  }
  print_diagnostics(diags, err);  // warnings of the loaders

  progress.err = &err;
  progress.always = progress_mode == "always";
  progress.enabled = !args.flag("quiet") && progress_mode != "never" &&
                     (progress.always || (&err == &std::cerr && isatty(STDERR_FILENO)));
  audit::Report report = audit::run(*world, specs, settings, on_phase, &progress);
  render::Summary summary = render::summarize(report, *fail_on);
  std::string base = args.value("sarif-root").value_or("");

  if (auto out_dir = args.value("out-dir")) {
    std::error_code ec;
    std::filesystem::create_directories(*out_dir, ec);
    if (ec) return bad("cannot create --out-dir " + *out_dir + ": " + ec.message());
    const std::pair<render::Format, const char*> all[] = {{render::Format::Text, "audit.txt"},
                                                           {render::Format::Json, "audit.json"},
                                                           {render::Format::Markdown, "audit.md"},
                                                           {render::Format::Html, "audit.html"},
                                                           {render::Format::Sarif, "audit.sarif"}};
    for (const auto& [f, name] : all)
      if (!write_file((std::filesystem::path(*out_dir) / name).string(), render::render(f, report, summary, base), err))
        return kExitBadInput;
  }
  std::string text = render::render(*format, report, summary, base);
  if (auto file = args.value("out")) {
    if (!write_file(*file, text, err)) return kExitBadInput;
  } else {
    out << text;
  }
  return summary.exit_code;
}

}  // namespace lp::cli

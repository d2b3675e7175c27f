// `linkproof diff BEFORE AFTER`: access gained and lost between two worlds (docs/audit.md, "diff";
// the engine is solver/audit/diff.h, the formats cli/render/).
#include <iostream>

#include "cli/args.h"
#include "cli/audit_setup.h"
#include "cli/commands.h"
#include "cli/policy_options.h"
#include "cli/render/render.h"
#include "lang/ingest/any_world.h"
#include "solver/audit/diff.h"

namespace lp::cli {

namespace {

const char* kUsage =
    "usage: linkproof diff BEFORE AFTER [--format text|json|md|html|sarif] [--out FILE] [--fail-on-new-access]\n"
    "                      [--sarif-root DIR] [--regions FILE] [--bandwidth-rules guide|api]\n"
    "                      [--intra-group before|after] [--catalogue DIR] [--timeout-ms N] [--rlimit N]\n"
    "exit: 0 (whatever changed); with --fail-on-new-access 1 when access is gained, 3 when a possible gain\n"
    "      is undecided; 2 bad input\n";

}  // namespace

int cmd_diff(const Argv& argv, std::istream&, std::ostream& out, std::ostream& err) {
  Args args(argv, audit_value_options({}), with_policy_flag_options({"help", "fail-on-new-access"}));
  if (args.flag("help")) {
    out << kUsage;
    return kExitOk;
  }
  auto bad = [&](const std::string& why) {
    err << "linkproof diff: " << why << "\n" << kUsage;
    return kExitBadInput;
  };
  if (!args.ok()) return bad(args.error());
  if (args.positional().size() != 2) return bad("expected two world files, BEFORE and AFTER");
  auto format = render::format_from_name(args.value("format").value_or("text"));
  if (!format) return bad("--format must be text, json, md, html or sarif");
  AuditSetup setup;
  if (auto code = read_audit_setup(args, "diff", setup, err)) return *code;
  Diagnostics diags;
  auto before = ingest::load_any_world(args.positional()[0], setup.world, diags);
  auto after = ingest::load_any_world(args.positional()[1], setup.world, diags);
  print_diagnostics(diags, err);
  if (!before || !after || diags.has_errors()) return kExitBadInput;

  audit::DiffReport report = audit::diff(*before, *after, setup.settings);
  render::DiffSummary summary = render::summarize(report, args.flag("fail-on-new-access"));
  std::string text = render::render(*format, report, summary, args.value("sarif-root").value_or(""));
  if (auto file = args.value("out")) {
    if (!write_file(*file, text, err)) return kExitBadInput;
  } else {
    out << text;
  }
  return summary.exit_code;
}

}  // namespace lp::cli

// `linkproof plan WORLD PLAN` (solver/lifecycle/plan_run.h; docs/lifecycle.md).
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/lifecycle_options.h"
#include "cli/policy_options.h"
#include "cli/world_writer.h"
#include "solver/lifecycle/plan_run.h"

namespace lp::cli {

namespace {

const char* kUsage =
    "usage: linkproof plan --table              (the operation table, Markdown)\n"
    "       linkproof plan WORLD PLAN [--format text|json] [--keep-going] [--write-world OUT]\n"
    "                      [--bandwidth-rules guide|api] [--ram-resources all|primary] [--forced-migration drops|seamless]\n"
    "                      [--no-scheduling-privilege ACCOUNT]... [--intra-group before|after] [--regions FILE]\n";

}  // namespace

int cmd_plan(const Argv& argv, std::istream&, std::ostream& out, std::ostream& err) {
  Args args(argv, with_lifecycle_value_options({"format", "write-world"}), with_lifecycle_flag_options({"help", "keep-going", "table"}));
  if (args.flag("help")) {
    out << kUsage;
    return kExitOk;
  }
  if (args.flag("table")) {  // the operation table of docs/lifecycle.md
    out << lifecycle::operations_markdown();
    return kExitOk;
  }
  auto bad = [&](const std::string& why) {
    err << "linkproof plan: " << why << "\n" << kUsage;
    return kExitBadInput;
  };
  if (!args.ok()) return bad(args.error());
  if (args.positional().size() != 2) return bad("expected WORLD and PLAN");
  auto json = json_format(args, "plan", err);
  if (!json) return kExitBadInput;
  LifecycleLoaded l;
  if (auto code = load_lifecycle(args, args.positional()[0], l, "plan", err)) return *code;
  Diagnostics diags;
  auto plan = load_plan(args.positional()[1], diags);
  print_diagnostics(diags, err);
  if (!plan) return kExitBadInput;

  lifecycle::PlanOptions o;
  o.keep_going = args.flag("keep-going");
  lifecycle::PlanReport r = lifecycle::run_plan(*l.world, *plan, l.settings, o);

  if (auto path = args.value("write-world")) {
    std::ofstream f(*path);
    f << world_json(lifecycle::reach_view(r.final_state)).dump(2) << "\n";
    if (!f) {
      err << "linkproof plan: cannot write " << *path << "\n";
      return kExitBadInput;
    }
  }
  if (*json) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : r.steps) {
      nlohmann::json failed = nlohmann::json::array();
      for (const auto& f : s.outcome.failed) failed.push_back(failure_json(f));
      steps.push_back({{"index", s.index + 1},
                       {"op", s.step->op},
                       {"caller", s.step->caller},
                       {"accepted", s.outcome.accepted},
                       {"skipped", s.skipped},
                       {"failed", failed},
                       {"authorization", authorization_json(s.outcome.authorization)},
                       {"notes", s.outcome.notes},
                       {"gained", matrix_json(s.gained)},
                       {"lost", matrix_json(s.lost)},
                       {"transient_loss", matrix_json(s.transient_loss)}});
    }
    nlohmann::json transient = nlohmann::json::array();
    for (const auto& t : r.transient_loss) {
      nlohmann::json e = matrix_json({t.entry})[0];
      e["step"] = t.step + 1;
      e["during"] = t.during;
      transient.push_back(e);
    }
    nlohmann::json unknown = nlohmann::json::array();
    for (const auto& u : r.unknown) unknown.push_back({{"rule", u.rule}, {"object", u.object}, {"message", u.message}});
    out << nlohmann::json{{"accepted", r.accepted}, {"steps", steps}, {"transient_loss", transient}, {"unknown", unknown}}.dump(2) << "\n";
  } else {
    for (const auto& s : r.steps) {
      out << "step " << s.index + 1 << " " << s.step->op << " by " << s.step->caller << ": "
          << (s.skipped ? "not run (an earlier step was refused)" : s.outcome.accepted ? "accepted" : "refused") << "\n";
      if (s.skipped) continue;
      const auto& a = s.outcome.authorization;
      if (a.evaluated) {
        out << "  RAM: " << decision_name(a.decision) << (a.how.empty() ? "" : " (" + a.how + ")") << "\n";
        for (const auto& st : a.statements)
          out << "    " << st.effect << " " << st.policy << " statement " << st.statement << (st.where.line ? " (" + st.where.to_string() + ")" : "") << "\n";
      }
      for (const auto& f : s.outcome.failed) out << "  " << failure_text(f) << "\n";
      for (const auto& n : s.outcome.notes) out << "  note: " << n << "\n";
      for (const auto& e : s.gained) out << "  gained: " << entry_text(e) << "\n";
      for (const auto& e : s.lost) out << "  lost: " << entry_text(e) << "\n";
      for (const auto& e : s.transient_loss) out << "  transient loss: " << entry_text(e) << "\n";
    }
    for (const auto& t : r.transient_loss)
      out << "transient loss " << (t.during ? "during" : "after") << " step " << t.step + 1 << ": " << entry_text(t.entry) << "\n";
    for (const auto& u : r.unknown) out << "unknown: " << u.object << ": " << u.message << "\n";
    out << (r.accepted ? "plan accepted" : "plan refused") << (r.transient_loss.empty() ? "" : ", with transient loss") << "\n";
  }
  return r.accepted && r.transient_loss.empty() ? kExitOk : kExitFindings;
}

}  // namespace lp::cli

// `linkproof compare A B`: is policy set A equivalent to, more or less permissive than, or
// incomparable with B (solver/z3_compare.h; docs/solver.md).
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/policy_options.h"
#include "solver/z3_compare.h"

namespace lp::cli {

namespace {

const char* kUsage =
    "usage: linkproof compare A B [--format text|json] [--timeout-ms N] [--rlimit N] [--dump-smt DIR]\n"
    "                             [--encoding classes|sequences] [settings: docs/settings.md]\n"
    "  A, B: a RAM policy file, or a policy-set file: a list of policy documents (united), or\n"
    "        {\"identity\": [...], \"control\": [...], \"session\": [...]} with documents or file names\n";

}  // namespace

int cmd_compare(const Argv& argv, std::istream&, std::ostream& out, std::ostream& err) {
  Args args(argv, with_policy_value_options({"format", "timeout-ms", "rlimit", "encoding", "dump-smt"}), with_policy_flag_options({"help"}));
  if (args.flag("help")) {
    out << kUsage;
    return kExitOk;
  }
  if (!args.ok() || args.positional().size() != 2) {
    err << "linkproof compare: " << (args.ok() ? "expected two policy (set) files A and B" : args.error()) << "\n" << kUsage;
    return kExitBadInput;
  }
  auto json = json_format(args, "compare", err);
  if (!json) return kExitBadInput;
  PolicySettings s;
  if (!read_policy_settings(args, s, err)) return kExitBadInput;
  s.size_limit = SizeLimitRule::Warning;  // the length limit does not change the answer (docs/settings.md)
  SolverLimits limits;
  if (!read_solver_limits(args, limits, "compare", err)) return kExitBadInput;
  add_witness_action_names(limits);
  Diagnostics diags;
  auto a = load_policy_set_file(args.positional()[0], s, diags);
  auto b = load_policy_set_file(args.positional()[1], s, diags);
  print_diagnostics(diags, err);
  if (!a || !b) return kExitBadInput;

  CompareResult r = compare_policy_sets(*a, *b, s, limits);
  auto refs = [](const std::vector<StatementRef>& list) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& ref : list) all.push_back(statement_ref_json(ref));
    return all;
  };
  if (*json) {
    nlohmann::json ws = nlohmann::json::array(), es = nlohmann::json::array();
    for (const auto& w : r.witnesses)
      ws.push_back({{"allowed_by", w.allowed_by}, {"request", request_json(w.request)}, {"statements", refs(w.statements)}});
    for (const auto& e : r.explanations) {
      nlohmann::json st = nlohmann::json::array();
      for (const auto& [side, ref] : e.statements) {
        nlohmann::json j = statement_ref_json(ref);
        j["set"] = side;
        st.push_back(j);
      }
      nlohmann::json ej = {{"within", e.within}, {"statements", st}};
      if (!e.reason.empty()) ej["reason"] = e.reason;
      es.push_back(ej);
    }
    nlohmann::json j = {{"relation", relation_name(r.relation)}, {"witnesses", ws}, {"explanations", es}};
    if (!r.reason.empty()) j["reason"] = r.reason;
    out << j.dump(2) << "\n";
  } else {
    out << relation_name(r.relation) << (r.relation == Relation::MorePermissive   ? ": A allows more than B"
                                         : r.relation == Relation::LessPermissive ? ": B allows more than A"
                                         : r.relation == Relation::Incomparable   ? ": each allows something the other does not"
                                         : r.relation == Relation::Unknown        ? ": " + r.reason
                                                                                  : ": A and B allow the same requests")
        << "\n";
    for (const auto& w : r.witnesses) {
      out << "  allowed only by " << w.allowed_by << ": " << request_json(w.request).dump() << "\n";
      for (const auto& ref : w.statements) out << "    allowed by " << w.allowed_by << " " << statement_location(ref) << "\n";
    }
    for (const auto& e : r.explanations) {
      const char* other = e.within == "A" ? "B" : "A";
      out << "  every request " << e.within << " allows, " << other << " allows";
      if (!e.reason.empty()) out << " (the statements that make it so are unknown: " << e.reason << ")";
      else if (e.statements.empty()) out << " (" << e.within << " allows nothing)";
      out << "\n";
      for (const auto& [side, ref] : e.statements)
        out << "    because of " << side << " " << effect_name(ref.policy->statements[ref.statement_index].effect) << " "
            << statement_location(ref) << "\n";
    }
  }
  return kExitOk;
}

}  // namespace lp::cli

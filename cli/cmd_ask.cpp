// `linkproof ask QUESTION`: the built-in questions of the Z3 engine (solver/z3_questions.h;
// docs/solver.md) that audits ask of a policy set.
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/policy_options.h"
#include "lang/text.h"
#include "solver/z3_questions.h"

namespace lp::cli {

namespace {

const char* kUsage =
    "usage: linkproof ask outside-accounts  LAYERS --accounts ID[,ID]... [--resource PATTERN]\n"
    "       linkproof ask without-condition LAYERS --actions A[,A]... [--keys KEY[,KEY]...]\n"
    "       linkproof ask statements        LAYERS\n"
    "  LAYERS: --policy FILE [--policy FILE]... [--control-policy FILE]... [--session-policy FILE]\n"
    "  common: [--format text|json] [--timeout-ms N] [--rlimit N] [--dump-smt DIR] [settings: docs/settings.md]\n"
    "  exit: 0 nothing found, 1 something found or a verdict is unknown, 2 bad input\n";

std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::stringstream in(v);
    std::string item;
    while (std::getline(in, item, ','))
      if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string deciders_text(const std::vector<StatementRef>& refs) {
  std::vector<std::string> where;
  for (const auto& r : refs) where.push_back(statement_location(r));
  return join(where);
}

// The text lines of a witness and the statements that allowed it (none without a witness).
std::string witness_text(const std::optional<Request>& w, const std::vector<StatementRef>& deciders) {
  if (!w) return {};
  return "  witness: " + request_json(*w).dump() + "\n  allowed by " + deciders_text(deciders) + "\n";
}

// The JSON members of a witness and the statements that allowed it.
void witness_json(nlohmann::json& j, const std::optional<Request>& w, const std::vector<StatementRef>& deciders);

nlohmann::json refs_json(const std::vector<StatementRef>& refs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : refs) out.push_back(statement_ref_json(r));
  return out;
}

void witness_json(nlohmann::json& j, const std::optional<Request>& w, const std::vector<StatementRef>& deciders) {
  if (!w) return;
  j["witness"] = request_json(*w);
  j["statements"] = refs_json(deciders);
}

int outside_accounts(const Args& args, const PolicySet& set, const PolicySettings& s, const SolverLimits& limits,
                     bool json, std::ostream& out, std::ostream& err) {
  auto accounts = split_list(args.values("accounts"));
  if (accounts.empty()) {
    err << "linkproof ask outside-accounts: --accounts ID[,ID]... is required\n";
    return kExitBadInput;
  }
  std::string resource = args.value("resource").value_or("*");
  OutsideAnswer a = principal_outside(set, accounts, resource, s, limits);
  if (json) {
    nlohmann::json j = {{"question", "outside-accounts"}, {"accounts", accounts}, {"resource", resource},
                        {"verdict", verdict_name(a.verdict)}};
    if (a.verdict == Verdict::Unknown) j["reason"] = a.reason;
    witness_json(j, a.witness, a.deciders);
    out << j.dump(2) << "\n";
  } else {
    out << verdict_name(a.verdict) << ": "
        << (a.verdict == Verdict::Yes   ? "a principal outside the accounts is allowed on " + resource
            : a.verdict == Verdict::No  ? "no principal outside the accounts is allowed on " + resource
                                        : a.reason)
        << "\n";
    out << witness_text(a.witness, a.deciders);
  }
  return a.verdict == Verdict::No ? kExitOk : kExitFindings;
}

int without_condition(const Args& args, const PolicySet& set, const PolicySettings& s, const SolverLimits& limits,
                      bool json, std::ostream& out, std::ostream& err) {
  auto actions = split_list(args.values("actions"));
  if (actions.empty()) {
    err << "linkproof ask without-condition: --actions A[,A]... is required (names or patterns)\n";
    return kExitBadInput;
  }
  auto keys = args.values("keys").empty() ? default_guard_keys() : split_list(args.values("keys"));
  auto answers = allowed_without(set, actions, keys, s, limits);
  bool found = false;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& a : answers) {
    found |= a.verdict != Verdict::No;
    if (json) {
      nlohmann::json j = {{"key", a.key}, {"action", a.action}, {"verdict", verdict_name(a.verdict)}};
      if (a.verdict == Verdict::Unknown) j["reason"] = a.reason;
      witness_json(j, a.witness, a.deciders);
      list.push_back(j);
    } else {
      out << verdict_name(a.verdict) << ": " << a.action
          << (a.verdict == Verdict::Yes   ? " is allowed without " + a.key
              : a.verdict == Verdict::No  ? " is never allowed without " + a.key
                                          : " without " + a.key + ": " + a.reason)
          << "\n";
      out << witness_text(a.witness, a.deciders);
    }
  }
  if (json) out << nlohmann::json({{"question", "without-condition"}, {"answers", list}}).dump(2) << "\n";
  return found ? kExitFindings : kExitOk;
}

int statements(const PolicySet& set, const PolicySettings& s, const SolverLimits& limits, bool json, std::ostream& out) {
  auto effects = statement_effects(set, s, limits);
  bool found = false;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : effects) {
    found |= e.status != StatementStatus::Effective;
    if (json) {
      nlohmann::json j = statement_ref_json(e.statement);
      j["status"] = statement_status_name(e.status);
      if (e.status == StatementStatus::Dead) j["parts"] = e.parts;
      if (e.status == StatementStatus::Shadowed) j["by"] = refs_json(e.by);
      if (!e.reason.empty()) j["reason"] = e.reason;
      if (e.witness) j["witness"] = request_json(*e.witness);
      list.push_back(j);
      continue;
    }
    out << statement_location(e.statement) << ": " << statement_status_name(e.status);
    if (e.status == StatementStatus::Dead) out << ": never applies: " << (e.parts.empty() ? e.reason : join(e.parts) + " cannot hold together");
    if (e.status == StatementStatus::Shadowed) out << ": never takes effect because of " << deciders_text(e.by);
    if (e.status == StatementStatus::Unknown) out << ": " << e.reason;
    out << "\n";
  }
  if (json) out << nlohmann::json({{"question", "statements"}, {"statements", list}}).dump(2) << "\n";
  return found ? kExitFindings : kExitOk;
}

}  // namespace

int cmd_ask(const Argv& argv, std::istream&, std::ostream& out, std::ostream& err) {
  Args args(argv,
            with_policy_value_options({"policy", "control-policy", "session-policy", "accounts", "resource", "actions",
                                       "keys", "format", "timeout-ms", "rlimit", "encoding", "dump-smt"}),
            with_policy_flag_options({"help"}));
  if (args.flag("help")) {
    out << kUsage;
    return kExitOk;
  }
  if (!args.ok() || args.positional().size() != 1) {
    err << "linkproof ask: " << (args.ok() ? "expected one question" : args.error()) << "\n" << kUsage;
    return kExitBadInput;
  }
  const std::string& question = args.positional()[0];
  if (question != "outside-accounts" && question != "without-condition" && question != "statements") {
    err << "linkproof ask: unknown question '" << question << "'; expected outside-accounts, without-condition or statements\n";
    return kExitBadInput;
  }
  auto json = json_format(args, "ask", err);
  if (!json) return kExitBadInput;
  PolicySettings s;
  SolverLimits limits;
  if (!read_policy_settings(args, s, err) || !read_solver_limits(args, limits, "ask", err)) return kExitBadInput;
  s.size_limit = SizeLimitRule::Warning;  // the length limit does not change the answer (docs/settings.md)
  add_witness_action_names(limits);
  auto set = load_layers(args, s, "ask", err);
  if (!set) return kExitBadInput;
  if (question == "outside-accounts") return outside_accounts(args, *set, s, limits, *json, out, err);
  if (question == "without-condition") return without_condition(args, *set, s, limits, *json, out, err);
  return statements(*set, s, limits, *json, out);
}

}  // namespace lp::cli

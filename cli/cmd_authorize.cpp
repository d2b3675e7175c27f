// `linkproof authorize`: one concrete request against policy layers, or a batch of requests in the
// shared workload format (../shared/bench/README.md). docs/authorize.md.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/policy_options.h"
#include "cli/request_scanner.h"
#include "lang/json.h"
#include "lang/text.h"
#include "solver/evaluator.h"
#include "solver/z3_questions.h"

namespace lp::cli {

namespace {

const char* kUsage =
    "usage: linkproof authorize --policy FILE [--policy FILE]... --action A --resource R [--principal P]\n"
    "                           [--context KEY=VALUE]... [--control-policy FILE]... [--session-policy FILE]\n"
    "                           [--trust-policy FILE]\n"
    "                           [--format text|json] [settings: docs/settings.md]\n"
    "       linkproof authorize ... --action PATTERN | --open [--timeout-ms N] [--rlimit N] [--dump-smt DIR]   (open question)\n"
    "       linkproof authorize --policy-sets SETS.json --batch REQUESTS.jsonl|-\n";

bool has_wildcard(const std::string& s) { return s.find_first_of("*?") != std::string::npos; }

std::string decision_text(const PolicySet& set, const Request& r, const PolicySettings& s, Decision d, Layer decided_by,
                          const std::vector<StatementRef>& why) {
  std::string out = decision_name(d);
  out += ": " + (r.principal.empty() ? std::string("(no principal)") : r.principal) + " " + r.action + " on " +
         r.resource + "\n";
  const bool both = set.resource_based && is_assume_role(r.action, s) && !is_service_principal(r.principal);
  if (d == Decision::ImplicitDeny) {
    if (decided_by == Layer::Control || decided_by == Layer::Session)
      out += "  the " + std::string(layer_name(decided_by)) +
             " policies do not allow it: implicit deny, final (later layers are not consulted)\n";
    else if (decided_by == Layer::ResourceBased)
      out += "  the trust policy does not allow it: implicit deny\n";
    else
      out += set.resource_based && !both ? "  no identity or resource-based statement allows it: implicit deny\n"
                                         : "  no identity statement allows it: implicit deny\n";
    if (both)
      out += "  (sts:AssumeRole needs both the caller's identity policies and the role's trust policy to allow, "
             "reference.md §1.7)\n";
  }
  // Each statement is named by its policy's kind: a trust policy is not an identity policy.
  for (const auto& ref : why) {
    const Statement& st = ref.policy->statements[ref.statement_index];
    out += "  " + std::string(effect_name(st.effect)) + " by " + statement_location(ref) + " (" +
           policy_kind_name(ref.policy->kind) + " policy " + ref.policy->name + ", statement " +
           std::to_string(ref.statement_index) + (st.sid ? ", Sid " + *st.sid : std::string()) + ")\n";
  }
  return out;
}

// The layers of one request: load_layers, the role's trust policy (--trust-policy, at most one) and
// every --policy document with a Principal: resource-based policies give Decision B of
// reference.md §1.7, they are not identity policies (docs/authorize.md).
std::optional<PolicySet> request_layers(const Args& args, const PolicySettings& s, std::ostream& err) {
  auto set = load_layers(args, s, "authorize", err);
  if (!set) return std::nullopt;
  const auto& trust = args.values("trust-policy");
  if (trust.size() > 1) {
    err << "linkproof authorize: a role has one trust policy; --trust-policy given " << trust.size() << " times\n";
    return std::nullopt;
  }
  if (!trust.empty()) {
    Diagnostics diags;
    set->resource_based.emplace();
    bool ok = load_policies(trust, PolicyKind::Trust, s, diags, *set->resource_based);
    print_diagnostics(diags, err);
    if (!ok) return std::nullopt;
  }
  separate_resource_based(*set);
  return set;
}

std::string decision_json(Decision d, Layer decided_by, const std::vector<StatementRef>& why) {
  std::string out = "{\"decision\":\"";
  out += decision_name(d);
  if (d == Decision::ImplicitDeny) {
    out += "\",\"decided_by\":\"";
    out += layer_name(decided_by);
  }
  out += "\",\"statements\":[";
  for (size_t i = 0; i < why.size(); ++i) {
    if (i) out += ',';
    append_statement_ref(out, why[i]);
  }
  out += "]}";
  return out;
}

int open_question(const Args& args, const PolicySet& set, const Request& r, const PolicySettings& settings,
                  std::ostream& out, std::ostream& err) {
  OpenQuestion q;
  q.action = r.action;
  q.resource = r.resource;
  q.resource_pattern = args.flag("open") && has_wildcard(r.resource);
  if (!r.principal.empty() && !(args.flag("open") && r.principal == "*")) {
    if (has_wildcard(r.principal)) {
      err << "linkproof authorize: --principal " << r.principal
          << ": an open question takes one principal or * (any principal); principal patterns are not encoded\n";
      return kExitBadInput;
    }
    q.principal = r.principal;
  } else if (r.principal.empty() && !args.flag("open")) {
    q.principal = "";  // a request without a principal, as the concrete evaluator reads it
  }
  for (const auto& e : r.context)
    if (e.values.size() > 1) {
      err << "linkproof authorize: --context " << e.key << ": an open question takes one value per key\n";
      return kExitBadInput;
    }
  q.context = r;
  q.context_open = args.flag("open");
  SolverLimits limits;
  if (!read_solver_limits(args, limits, "authorize", err)) return kExitBadInput;
  add_witness_action_names(limits);
  OpenAnswer a;
  if (set.resource_based)
    a.unsupported = "the Z3 engine does not encode resource-based policies (--trust-policy, a --policy with a "
                    "Principal); ask the concrete question instead (docs/authorize.md)";
  else
    a = authorize_open(set, q, settings, limits);

  const bool json = args.value("format").value_or("text") == "json";
  nlohmann::json j = {{"question",
                       {{"action", q.action},
                        {"resource", q.resource},
                        {"resource_is_pattern", q.resource_pattern},
                        {"principal", q.principal ? nlohmann::json(*q.principal) : nlohmann::json("*")},
                        {"context_open", q.context_open}}},
                      {"outcomes", nlohmann::json::array()}};
  std::string text = "open question: " + q.action + " on " + q.resource + (q.resource_pattern ? " (pattern)" : "") +
                     ", principal " + (q.principal ? (q.principal->empty() ? "(none)" : *q.principal) : "any") +
                     (q.context_open ? ", context keys not given open" : ", context as given") + "\n";
  if (!a.unsupported.empty()) {
    for (const char* d : {"Allow", "ExplicitDeny", "ImplicitDeny"})
      j["outcomes"].push_back({{"decision", d}, {"verdict", "unknown"}, {"reason", a.unsupported}});
    text += "unknown: " + a.unsupported + "\n";
  }
  for (const auto& o : a.outcomes) {
    nlohmann::json oj = {{"decision", decision_name(o.decision)}, {"verdict", verdict_name(o.reachable)}};
    text += std::string(decision_name(o.decision)) + ": " +
            (o.reachable == Verdict::Yes ? "reachable" : o.reachable == Verdict::No ? "never" : "unknown (" + o.reason + ")") +
            "\n";
    if (o.reachable == Verdict::Unknown) oj["reason"] = o.reason;
    if (!o.incomplete.empty()) oj["incomplete"] = o.incomplete;
    if (o.witness) {
      oj["witness"] = request_json(*o.witness);
      text += "  witness: " + request_json(*o.witness).dump() + "\n";
      nlohmann::json ds = nlohmann::json::array(), ws = nlohmann::json::array();
      for (const auto& ref : o.deciders) {
        ds.push_back(statement_ref_json(ref));
        text += "  decided by " + std::string(effect_name(ref.policy->statements[ref.statement_index].effect)) + " " +
                statement_location(ref) + "\n";
      }
      for (const auto& ref : o.when) {
        ws.push_back(statement_ref_json(ref));
        text += "  when " + statement_location(ref) + " applies" +
                (o.decision == Decision::Allow ? " (and no Deny does)" : "") + ": " +
                statement_summary(ref.policy->statements[ref.statement_index]) + "\n";
      }
      oj["statements"] = ds;
      if (o.decision != Decision::ImplicitDeny) oj["when"] = ws;
      if (!o.when_unknown.empty()) {
        nlohmann::json us = nlohmann::json::array();
        for (const auto& ref : o.when_unknown) {
          us.push_back(statement_ref_json(ref));
          text += "  perhaps when " + statement_location(ref) + " applies (undecided)\n";
        }
        oj["when_unknown"] = us;
      }
      if (o.decision == Decision::ImplicitDeny) text += "  when no Allow statement applies in every layer and no Deny applies\n";
    }
    if (o.reachable == Verdict::No) {
      nlohmann::json bs = nlohmann::json::array();
      for (const auto& b : o.because) {
        nlohmann::json bj = statement_ref_json(b.statement);
        bj["parts"] = b.parts;
        if (b.applies) bj["applies"] = true;
        if (!b.reason.empty()) bj["reason"] = b.reason;
        bs.push_back(bj);
        const Statement& st = b.statement.policy->statements[b.statement.statement_index];
        text += "  because " + std::string(effect_name(st.effect)) + " " + statement_location(b.statement) +
                (!b.reason.empty() ? " cannot take effect here (" + b.reason + ")"
                 : b.applies      ? " can apply here, but a bounding layer (control, session) decides first"
                 : b.parts.empty() ? (st.effect == Effect::Deny ? " denies" : " allows") + std::string(" every such request")
                                   : " cannot apply: " + join(b.parts) + " never holds here") +
                "\n";
      }
      if (!o.incomplete.empty()) text += "  explanation incomplete: " + o.incomplete + "\n";
      else if (o.because.empty())
        text += o.decision == Decision::ExplicitDeny ? "  because no Deny statement exists\n" : "  because no statement can produce it\n";
      oj["because"] = bs;
    }
    j["outcomes"].push_back(oj);
  }
  if (json) out << j.dump(2) << "\n";
  else out << text;
  return kExitOk;
}

int single(const Args& args, const PolicySettings& settings, std::ostream& out, std::ostream& err) {
  auto action = args.value("action");
  auto resource = args.value("resource");
  if (args.values("policy").empty() || !action || !resource) {
    err << "linkproof authorize: --policy, --action and --resource are required\n" << kUsage;
    return kExitBadInput;
  }
  // A request holds text, as a policy does: malformed UTF-8 is refused as the JSON reader refuses it.
  for (const char* option : {"action", "resource", "principal", "context"})
    for (const auto& v : args.values(option))
      if (!valid_utf8(v)) {
        err << "linkproof authorize: --" << option << ": the value is not well-formed UTF-8\n";
        return kExitBadInput;
      }
  Request r;
  r.action = *action;
  r.resource = *resource;
  if (auto p = args.value("principal")) r.principal = *p;
  for (const auto& kv : args.values("context")) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "linkproof authorize: --context " << kv << ": expected KEY=VALUE (give a key several times for a "
             "multi-valued key)\n";
      return kExitBadInput;
    }
    r.add_context(kv.substr(0, eq), kv.substr(eq + 1));
  }
  auto loaded = request_layers(args, settings, err);
  if (!loaded) return kExitBadInput;
  const PolicySet& set = *loaded;
  // An action pattern (no concrete action contains * or ?) or --open asks about every request the
  // patterns cover: the Z3 engine's question (docs/authorize.md), never answered by reading a
  // pattern as a literal name. Resources and principals are patterns only under --open: "*" and
  // "acs:oss:*:123:bucket/x" are real request resources.
  if (args.flag("open") || has_wildcard(r.action)) return open_question(args, set, r, settings, out, err);

  std::vector<StatementRef> why;
  Layer decided_by = Layer::Identity;
  Decision d = evaluate(set, r, settings, &why, &decided_by);
  if (is_assume_role(r.action, settings) && !set.resource_based)
    err << "linkproof authorize: warning: no --trust-policy given: sts:AssumeRole also needs the role's trust "
           "policy to allow (reference.md §1.7); this answer covers the caller's policies only\n";
  if (args.value("format").value_or("text") == "json") out << decision_json(d, decided_by, why) << "\n";
  else out << decision_text(set, r, settings, d, decided_by, why);
  return kExitOk;
}

// Reads one request line: {"policy_set": i, "principal", "action", "resource", "context": {k: v | [v]}}.
// Returns an error message (empty on success).
std::string read_request(std::string_view line, size_t line_no, const std::string& file, size_t set_count,
                         size_t& set_index, Request& r) {
  Diagnostics d;
  JsonLimits limits;
  limits.max_depth = 8;
  // Positions count from the line's place in the file, also those inside messages ("first at").
  auto v = parse_json(line, file, d, limits, static_cast<int>(line_no));
  if (!v) {
    const Diagnostic& e = d.items().front();
    return file + ":" + std::to_string(e.where.line) + ":" + std::to_string(e.where.column) + ": " + e.message;
  }
  auto where = [&](const JsonValue& at) { return file + ":" + std::to_string(line_no) + ":" + std::to_string(at.column) + ": "; };
  if (!v->is(JsonKind::Object)) return where(*v) + "expected a request object";
  r.principal.clear();
  r.action.clear();
  r.resource.clear();
  r.context.clear();
  bool have_set = false, have_action = false, have_resource = false;
  for (const auto& m : v->members) {
    const JsonValue& x = m.value;
    if (m.key == "policy_set") {
      double n = -1;
      if (x.is(JsonKind::Number)) n = std::strtod(x.text.c_str(), nullptr);
      if (n < 0 || n != static_cast<double>(static_cast<size_t>(n)) || static_cast<size_t>(n) >= set_count)
        return where(x) + "expected \"policy_set\" to be an index below " + std::to_string(set_count);
      set_index = static_cast<size_t>(n);
      have_set = true;
    } else if (m.key == "principal" || m.key == "action" || m.key == "resource") {
      if (!x.is(JsonKind::String)) return where(x) + "expected \"" + m.key + "\" to be a string";
      (m.key == "principal" ? r.principal : m.key == "action" ? r.action : r.resource) = x.text;
      have_action |= m.key == "action";
      have_resource |= m.key == "resource";
    } else if (m.key == "context") {
      if (!x.is(JsonKind::Object)) return where(x) + "expected \"context\" to be an object {key: value or [values]}";
      // The reader refused duplicate keys, so each member is a new entry: no search per key.
      for (const auto& kv : x.members) {
        ContextEntry e{kv.key, ascii_lower(kv.key), {}};
        auto add = [&](const JsonValue& val) -> bool {
          if (val.is(JsonKind::String) || val.is(JsonKind::Number)) e.values.push_back(val.text);
          else if (val.is(JsonKind::Bool)) e.values.emplace_back(val.boolean ? "true" : "false");
          else return false;
          return true;
        };
        if (kv.value.is(JsonKind::Array)) {
          for (const auto& item : kv.value.items)
            if (!add(item)) return where(item) + "expected a context value (a string)";
        } else if (!add(kv.value)) {
          return where(kv.value) + "expected a context value (a string or a list of strings)";
        }
        if (!e.values.empty()) r.context.push_back(std::move(e));  // [] carries no value
      }
    } else {
      return where(*v) + "unknown member \"" + m.key + "\"; expected policy_set, principal, action, resource, context";
    }
  }
  if (!have_set) return where(*v) + "missing \"policy_set\"";
  if (!have_action) return where(*v) + "missing \"action\"";
  if (!have_resource) return where(*v) + "missing \"resource\"";
  return {};
}

int batch(const Args& args, const PolicySettings& settings, std::istream& in, std::ostream& out, std::ostream& err) {
  auto sets_file = args.value("policy-sets");
  if (!sets_file) {
    err << "linkproof authorize: --batch needs --policy-sets SETS.json\n" << kUsage;
    return kExitBadInput;
  }
  Diagnostics diags;
  auto sets = load_policy_sets(*sets_file, settings, diags);
  print_diagnostics(diags, err);
  if (!sets) return kExitBadInput;
  for (auto& set : *sets) separate_resource_based(set);

  std::string name = *args.value("batch");
  std::ifstream file;
  std::istream* src = &in;
  if (name != "-") {
    file.open(name, std::ios::binary);
    if (!file) {
      err << name << ": error[LP-IO-001]: cannot open the request file\n";
      return kExitBadInput;
    }
    src = &file;
  }
  std::string line, buffer;
  buffer.reserve(1 << 20);
  Request r;
  std::vector<StatementRef> why;
  Layer decided_by = Layer::Identity;
  size_t line_no = 0, bad = 0;
  while (std::getline(*src, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines carry no request
    size_t set_index = 0;
    std::string error;
    if (!scan_request(line, set_index, r) || set_index >= sets->size())
      error = read_request(line, line_no, name == "-" ? "<stdin>" : name, sets->size(), set_index, r);
    if (!error.empty()) {
      ++bad;
      buffer += "{\"error\":";
      append_json_string(buffer, error);
      buffer += ",\"line\":" + std::to_string(line_no) + "}\n";
    } else {
      Decision d = evaluate((*sets)[set_index], r, settings, &why, &decided_by);
      buffer += decision_json(d, decided_by, why);
      buffer += '\n';
    }
    if (buffer.size() > (1u << 20)) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  if (bad) err << "linkproof authorize: " << bad << " of " << line_no << " request lines were malformed\n";
  return bad ? kExitBadInput : kExitOk;
}

}  // namespace

int cmd_authorize(const Argv& argv, std::istream& in, std::ostream& out, std::ostream& err) {
  Args args(argv,
            with_policy_value_options({"policy", "control-policy", "session-policy", "trust-policy", "action",
                                       "resource", "principal",
                                       "context", "format", "policy-sets", "batch", "timeout-ms", "rlimit", "dump-smt",
                                       "encoding"}),
            with_policy_flag_options({"help", "open"}));
  if (args.flag("help")) {
    out << kUsage;
    return kExitOk;
  }
  if (!args.ok()) {
    err << "linkproof authorize: " << args.error() << "\n" << kUsage;
    return kExitBadInput;
  }
  if (!args.positional().empty()) {
    err << "linkproof authorize: unexpected argument " << args.positional().front() << "\n" << kUsage;
    return kExitBadInput;
  }
  auto format = args.value("format").value_or("text");
  if (format != "text" && format != "json") {
    err << "linkproof authorize: --format " << format << ": expected text or json\n";
    return kExitBadInput;
  }
  PolicySettings settings;
  if (!read_policy_settings(args, settings, err)) return kExitBadInput;
  settings.size_limit = SizeLimitRule::Warning;  // the length limit does not change the answer (docs/settings.md)
  if (args.value("batch")) return batch(args, settings, in, out, err);
  return single(args, settings, out, err);
}

}  // namespace lp::cli

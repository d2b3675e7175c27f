#include "cli/policy_options.h"

#include "lang/bundled.h"
#include "lang/catalogue.h"

#include <charconv>
#include <filesystem>
#include <ostream>

#include "lang/json.h"
#include "lang/policy_parser.h"

namespace lp::cli {

namespace {

// One enumerated setting: the option name and its accepted spellings.
template <typename T>
struct Choice {
  const char* spelling;
  T value;
};

template <typename T, size_t N>
bool choose(const Args& args, const char* option, const Choice<T> (&choices)[N], T& out, std::ostream& err) {
  auto v = args.value(option);
  if (!v) return true;
  std::string expected;
  for (const auto& c : choices) {
    if (*v == c.spelling) {
      out = c.value;
      return true;
    }
    expected += (expected.empty() ? "" : " | ") + std::string(c.spelling);
  }
  err << "linkproof: --" << option << " " << *v << ": expected " << expected << "\n";
  return false;
}

constexpr Choice<Dialect> kDialects[] = {{"ram", Dialect::Ram}, {"extended", Dialect::RamExtended},
                                         {"ram-extended", Dialect::RamExtended}};
constexpr Choice<MissingKeyRule> kMissing[] = {{"iam", MissingKeyRule::IamAnalogue},
                                               {"false", MissingKeyRule::AlwaysFalse}};
constexpr Choice<NegatedMultiValueRule> kNegated[] = {{"nor", NegatedMultiValueRule::Nor},
                                                      {"or", NegatedMultiValueRule::Or}};
constexpr Choice<bool> kCase[] = {{"sensitive", false}, {"insensitive", true}};

}  // namespace

std::set<std::string> with_policy_value_options(std::set<std::string> own) {
  own.insert({"dialect", "missing-key", "negated-multi", "resource-case", "condition-key-case", "max-policy-chars"});
  return own;
}

std::set<std::string> with_policy_flag_options(std::set<std::string> own) {
  own.insert("statement-object");
  return own;
}

bool read_policy_settings(const Args& args, PolicySettings& s, std::ostream& err) {
  bool ok = choose(args, "dialect", kDialects, s.dialect, err) &&
            choose(args, "missing-key", kMissing, s.missing_key, err) &&
            choose(args, "negated-multi", kNegated, s.negated_multi_value, err) &&
            choose(args, "resource-case", kCase, s.resource_case_insensitive, err) &&
            choose(args, "condition-key-case", kCase, s.condition_key_case_insensitive, err);
  if (!ok) return false;
  if (args.flag("statement-object")) s.statement_object_allowed = true;
  if (auto v = args.value("max-policy-chars")) {
    size_t n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n == 0) {
      err << "linkproof: --max-policy-chars " << *v << ": expected a positive number of characters\n";
      return false;
    }
    s.max_document_chars = s.max_control_policy_chars = s.max_session_policy_chars = n;
  }
  return true;
}

std::optional<bool> json_format(const Args& args, const char* command, std::ostream& err) {
  std::string format = args.value("format").value_or("text");
  if (format == "text" || format == "json") return format == "json";
  err << "linkproof " << command << ": --format " << format << ": expected text or json\n";
  return std::nullopt;
}

bool read_solver_limits(const Args& args, SolverLimits& limits, const char* command, std::ostream& err) {
  auto number = [&](const char* name, unsigned& out, bool positive) {
    auto v = args.value(name);
    if (!v) return true;
    unsigned n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || (positive && n == 0)) {
      err << "linkproof " << command << ": --" << name << " " << *v << ": expected a " << (positive ? "positive " : "")
          << "whole number\n";
      return false;
    }
    out = n;
    return true;
  };
  if (!number("timeout-ms", limits.timeout_ms, true) || !number("rlimit", limits.rlimit, false)) return false;
  if (auto e = args.value("encoding")) {
    if (*e == "classes") limits.encoding = StringEncoding::Classes;
    else if (*e == "sequences") limits.encoding = StringEncoding::Sequences;
    else {
      err << "linkproof " << command << ": --encoding " << *e << ": expected classes or sequences\n";
      return false;
    }
  }
  if (auto dir = args.value("dump-smt")) {
    // Every solver query is written there as an SMT-LIB 2 script (docs/solver.md).
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (!std::filesystem::is_directory(*dir, ec)) {
      err << "linkproof " << command << ": --dump-smt " << *dir << ": cannot create the directory\n";
      return false;
    }
    limits.journal = std::make_shared<QueryJournal>(*dir);
  }
  return true;
}

std::optional<PolicySet> load_layers(const Args& args, const PolicySettings& s, const char* command, std::ostream& err) {
  if (args.values("policy").empty()) {
    err << "linkproof " << command << ": --policy FILE is required\n";
    return std::nullopt;
  }
  if (args.values("session-policy").size() > 1) {
    err << "linkproof " << command << ": an STS session carries one session policy; --session-policy given "
        << args.values("session-policy").size() << " times\n";
    return std::nullopt;
  }
  Diagnostics diags;
  PolicySet set;
  bool ok = load_policies(args.values("policy"), PolicyKind::Auto, s, diags, set.identity);
  if (!args.values("control-policy").empty()) {
    set.control.emplace();
    ok &= load_policies(args.values("control-policy"), PolicyKind::Control, s, diags, *set.control);
  }
  if (!args.values("session-policy").empty()) {
    set.session.emplace();
    ok &= load_policies(args.values("session-policy"), PolicyKind::Session, s, diags, *set.session);
  }
  print_diagnostics(diags, err);
  if (!ok) return std::nullopt;
  return set;
}

void separate_resource_based(PolicySet& set) {
  auto resource_based = [](const Policy& p) {
    return p.kind == PolicyKind::Trust || p.kind == PolicyKind::ResourceBased;
  };
  for (auto it = set.identity.begin(); it != set.identity.end();) {
    if (!resource_based(*it)) {
      ++it;
      continue;
    }
    if (!set.resource_based) set.resource_based.emplace();
    set.resource_based->push_back(std::move(*it));
    it = set.identity.erase(it);
  }
}

void add_witness_action_names(SolverLimits& limits) {
  Diagnostics ignored;  // a broken bundled catalogue only makes witnesses less readable
  if (auto dir = policies_dir(std::nullopt))
    if (auto cat = load_catalogue(*dir, ignored))
      for (const auto& a : cat->actions()) limits.action_names.push_back(a.service + ":" + a.name);
}

bool load_policies(const std::vector<std::string>& files, PolicyKind kind, const PolicySettings& s,
                   Diagnostics& diags, std::vector<Policy>& out) {
  bool ok = true;
  for (const auto& f : files) {
    if (auto p = load_policy_file(f, s, diags, kind)) out.push_back(std::move(*p));
    else ok = false;
  }
  return ok;
}

namespace {

// One layer's list: inline documents or file names relative to the set file.
bool load_layer(const JsonCursor& c, PolicyKind kind, const PolicySettings& s, Diagnostics& diags,
                std::vector<Policy>& out, const std::filesystem::path& base) {
  if (!c.value().is(JsonKind::Array)) {
    diags.error("LP-SET-002", c.where(),
                std::string("expected a list of policy documents (or policy file names), found ") +
                    json_kind_name(c.value().kind));
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < c.value().items.size(); ++i) {
    JsonCursor ic = c.item(i);
    std::optional<Policy> p;
    if (ic.value().is(JsonKind::String)) {
      std::filesystem::path f(ic.value().text);
      if (f.is_relative()) f = base / f;
      Diagnostics local;
      p = load_policy_file(f.string(), s, local, kind);
      for (auto& d : local.items()) {
        if (d.code == "LP-IO-001") d.where = ic.where();  // name where the missing file was referenced
        diags.add(d);
      }
    } else {
      p = parse_policy(ic, s, diags, kind);
    }
    if (p) out.push_back(std::move(*p));
    else ok = false;
  }
  return ok;
}

bool parse_set(const JsonCursor& sc, const std::filesystem::path& base, const PolicySettings& s, Diagnostics& diags,
               PolicySet& set);

}  // namespace

std::optional<std::vector<PolicySet>> load_policy_sets(const std::string& path, const PolicySettings& s,
                                                       Diagnostics& diags) {
  auto json = load_json_file(path, diags);
  if (!json) return std::nullopt;
  JsonCursor root(path, *json);
  if (!json->is(JsonKind::Array)) {
    diags.error("LP-SET-001", root.where(),
                std::string("expected a list of policy sets, found ") + json_kind_name(json->kind));
    return std::nullopt;
  }
  std::filesystem::path base = std::filesystem::path(path).parent_path();
  std::vector<PolicySet> sets;
  bool ok = true;
  for (size_t i = 0; i < json->items.size(); ++i) {
    PolicySet set;
    ok &= parse_set(root.item(i), base, s, diags, set);
    sets.push_back(std::move(set));
  }
  if (!ok) return std::nullopt;
  return sets;
}

std::optional<PolicySet> load_policy_set_file(const std::string& path, const PolicySettings& s, Diagnostics& diags) {
  auto json = load_json_file(path, diags);
  if (!json) return std::nullopt;
  JsonCursor root(path, *json);
  PolicySet set;
  if (json->is(JsonKind::Object) && (json->find("Version") || json->find("Statement"))) {
    auto p = parse_policy(root, s, diags);
    if (!p) return std::nullopt;
    set.identity.push_back(std::move(*p));
    return set;
  }
  if (!parse_set(root, std::filesystem::path(path).parent_path(), s, diags, set)) return std::nullopt;
  return set;
}

namespace {

bool parse_set(const JsonCursor& sc, const std::filesystem::path& base, const PolicySettings& s, Diagnostics& diags,
               PolicySet& set) {
  bool ok = true;
  {
    if (sc.value().is(JsonKind::Object)) {
      for (const auto& m : sc.value().members) {
        JsonCursor mc = sc.member(m);
        if (m.key == "identity") {
          ok &= load_layer(mc, PolicyKind::Auto, s, diags, set.identity, base);
        } else if (m.key == "control") {
          set.control.emplace();
          ok &= load_layer(mc, PolicyKind::Control, s, diags, *set.control, base);
        } else if (m.key == "session") {
          set.session.emplace();
          ok &= load_layer(mc, PolicyKind::Session, s, diags, *set.session, base);
        } else {
          diags.error("LP-SET-003", sc.key_where(m),
                      "unknown layer \"" + m.key + "\" in a policy set; expected identity, control or session");
          ok = false;
        }
      }
    } else {
      ok &= load_layer(sc, PolicyKind::Auto, s, diags, set.identity, base);
    }
  }
  return ok;
}

}  // namespace

void print_diagnostics(const Diagnostics& diags, std::ostream& err) {
  for (const auto& d : diags.items()) err << d.to_string() << "\n";
}

}  // namespace lp::cli

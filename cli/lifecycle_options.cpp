#include "cli/lifecycle_options.h"

#include <iostream>

#include "cli/policy_options.h"
#include "lang/ingest/any_world.h"
#include "lang/world_loader.h"

namespace lp::cli {

std::optional<Policy> bundled_slr_policy(const PolicySettings& s, Diagnostics& diags);  // cmd_check.cpp

namespace {

nlohmann::json where_json(const SourceRef& w) {
  return {{"file", w.file}, {"pointer", w.json_pointer}, {"line", w.line}, {"column", w.column}};
}

}  // namespace

std::set<std::string> with_lifecycle_value_options(std::set<std::string> own) {
  own.insert({"bandwidth-rules", "ram-resources", "forced-migration", "no-scheduling-privilege", "intra-group", "regions"});
  return with_policy_value_options(std::move(own));
}

std::set<std::string> with_lifecycle_flag_options(std::set<std::string> own) { return with_policy_flag_options(std::move(own)); }

std::optional<int> load_lifecycle(const Args& args, const std::string& world_path, LifecycleLoaded& l, const char* command,
                                  std::ostream& err) {
  auto bad = [&](const std::string& m) {
    err << "linkproof " << command << ": " << m << "\n";
    return kExitBadInput;
  };
  WorldOptions wo;
  if (!read_policy_settings(args, wo.policy, err)) return kExitBadInput;
  wo.regions_file = args.value("regions");
  auto& s = l.settings;
  s.reach.policy = wo.policy;
  std::string intra = args.value("intra-group").value_or("before");
  if (intra != "before" && intra != "after") return bad("--intra-group must be before or after");
  s.reach.sg.intra_group = intra == "after" ? IntraGroupRule::AfterRules : IntraGroupRule::BeforeRules;
  std::string bw = args.value("bandwidth-rules").value_or("guide");
  if (bw != "guide" && bw != "api") return bad("--bandwidth-rules must be guide or api");
  s.bandwidth = bw == "api" ? BandwidthRules::Api2026 : BandwidthRules::Guide20220418;
  std::string rr = args.value("ram-resources").value_or("all");
  if (rr != "all" && rr != "primary") return bad("--ram-resources must be all or primary");
  s.ram_resources = rr == "primary" ? lifecycle::RamResources::Primary : lifecycle::RamResources::All;
  std::string fm = args.value("forced-migration").value_or("drops");
  if (fm != "drops" && fm != "seamless") return bad("--forced-migration must be drops or seamless");
  s.forced_migration = fm == "seamless" ? lifecycle::ForcedMigration::Seamless : lifecycle::ForcedMigration::Drops;
  for (const auto& a : args.values("no-scheduling-privilege")) s.without_scheduling_privilege.insert(a);
  Diagnostics diags;
  l.world = ingest::load_any_world(world_path, wo, diags);
  if (l.world) l.slr = bundled_slr_policy(wo.policy, diags);
  print_diagnostics(diags, err);
  if (!l.world) return kExitBadInput;
  s.reach.default_slr_policy = l.slr ? &*l.slr : nullptr;
  return std::nullopt;
}

nlohmann::json matrix_json(const lifecycle::Matrix& m) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& e : m) {
    nlohmann::json ports = nlohmann::json::array();
    for (const auto& r : e.ports.ranges()) ports.push_back({r.lo, r.hi});
    rows.push_back({{"account", e.account}, {"service", e.service}, {"protocol", protocol_name(e.protocol)}, {"ports", ports},
                    {"clients", e.clients.cidrs()}});
  }
  return rows;
}

nlohmann::json failure_json(const lifecycle::Failure& f) {
  nlohmann::json j = {{"rule", f.rule}, {"message", f.message}, {"object", f.object}};
  j.update(where_json(f.where));
  j["plan"] = where_json(f.plan_where);
  return j;
}

nlohmann::json authorization_json(const lifecycle::Authorization& a) {
  if (!a.evaluated) return {{"decision", "not evaluated"}, {"how", "the step named no resource to authorize"}, {"statements", nlohmann::json::array()}};
  nlohmann::json st = nlohmann::json::array();
  for (const auto& s : a.statements) {
    nlohmann::json j = {{"policy", s.policy}, {"layer", s.layer}, {"index", s.statement}, {"effect", s.effect}, {"sid", s.sid}};
    j.update(where_json(s.where));
    st.push_back(j);
  }
  nlohmann::json requests = nlohmann::json::array();
  for (const auto& c : a.checks) requests.push_back({{"action", c.action}, {"resource", c.resource}});
  nlohmann::json j = {{"decision", decision_name(a.decision)}, {"how", a.how}, {"statements", st}, {"requests", requests}};
  if (a.refused) j["refused"] = {{"action", a.refused->action}, {"resource", a.refused->resource}};
  return j;
}

namespace {

nlohmann::json value_json(const PlanValue& v) {
  switch (v.kind) {
    case PlanValue::Kind::String: return v.text;
    case PlanValue::Kind::Bool: return v.boolean;
    case PlanValue::Kind::Number: return static_cast<long long>(v.number);
    case PlanValue::Kind::List: {
      nlohmann::json l = nlohmann::json::array();
      for (const auto& i : v.items) l.push_back(value_json(i));
      return l;
    }
    case PlanValue::Kind::Object: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& [k, f] : v.fields) o[k] = value_json(f);
      return o;
    }
  }
  return nullptr;
}

}  // namespace

nlohmann::json plan_json(const std::vector<PlanStep>& steps) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : steps) {
    nlohmann::json args = nlohmann::json::object();
    for (const auto& [k, v] : s.args) args[k] = value_json(v);
    list.push_back({{"op", s.op}, {"caller", s.caller}, {"args", args}});
  }
  return {{"linkproof_plan", 1}, {"steps", list}};
}

std::string entry_text(const WhoEntry& e) {
  std::string out = e.account + " -> " + e.service + " " + protocol_name(e.protocol) + " ports";
  for (const auto& r : e.ports.ranges()) {
    (out += ' ') += std::to_string(r.lo);  // appended, not prepended: lang/text.h cat()
    if (r.hi != r.lo) (out += '-') += std::to_string(r.hi);
  }
  out += " from";
  for (const auto& c : e.clients.cidrs()) out += " " + c;
  return out;
}

std::string failure_text(const lifecycle::Failure& f) {
  std::string out = f.rule + " " + f.object + ": " + f.message;
  if (f.where.line) out += " (world " + f.where.to_string() + ")";
  if (f.plan_where.line) out += " [plan " + f.plan_where.to_string() + "]";
  return out;
}

}  // namespace lp::cli

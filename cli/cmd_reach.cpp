// `linkproof reach` and `linkproof who` (solver/reach.h; docs/reach.md).
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/policy_options.h"
#include "lang/ingest/any_world.h"
#include "lang/world_loader.h"
#include "solver/reach.h"

namespace lp::cli {

std::optional<Policy> bundled_slr_policy(const PolicySettings& s, Diagnostics& diags);  // cmd_check.cpp

// --migrating serves|down and --whitelist-wildcard unknown|all|none (docs/settings.md, "World
// model"); shared by check, reach and who. False (with the option named) on a bad value.
bool read_world_settings(const Args& args, WorldSettings& s, std::ostream& err) {
  std::string m = args.value("migrating").value_or("serves");
  if (m == "serves") s.migrating_zone = MigratingZoneRule::Serves;
  else if (m == "down") s.migrating_zone = MigratingZoneRule::Down;
  else {
    err << "linkproof: --migrating must be serves or down, found \"" << m << "\"\n";
    return false;
  }
  std::string wc = args.value("whitelist-wildcard").value_or("unknown");
  if (wc == "unknown") s.whitelist_wildcard = WhitelistWildcardRule::Unknown;
  else if (wc == "all") s.whitelist_wildcard = WhitelistWildcardRule::AllAccounts;
  else if (wc == "none") s.whitelist_wildcard = WhitelistWildcardRule::Ignored;
  else {
    err << "linkproof: --whitelist-wildcard must be unknown, all or none, found \"" << wc << "\"\n";
    return false;
  }
  return true;
}

namespace {

const char* kReachUsage =
    "usage: linkproof reach WORLD --account X --service Y [--port P] [--protocol tcp|udp] [--from IP]\n"
    "                       [--mode now|could] [--intra-group before|after] [--format text|json]\n"
    "                       [--migrating serves|down] [--whitelist-wildcard unknown|all|none]\n"
    "                       [--timeout-ms N] [--rlimit N] [--dump-smt DIR]   (the Z3 search when --from is open)\n";
const char* kWhoUsage =
    "usage: linkproof who WORLD [--service Y | --account X] [--mode now|could] [--intra-group before|after]\n"
    "                     [--format text|json] [--migrating serves|down] [--whitelist-wildcard unknown|all|none]\n";

nlohmann::json where_json(const SourceRef& w) {
  return {{"file", w.file}, {"pointer", w.json_pointer}, {"line", w.line}, {"column", w.column}};
}

nlohmann::json causes_json(const std::vector<ReachCause>& causes) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : causes) {
    nlohmann::json j = {{"rule", c.rule}, {"object", c.object}, {"message", c.message}};
    j.update(where_json(c.where));
    out.push_back(j);
  }
  return out;
}

// Shared set-up: the world and the settings. Returns an exit code on failure.
struct Loaded {
  std::optional<World> world;
  std::optional<Policy> slr;
  ReachSettings settings;
};

std::optional<int> load(const Args& args, Loaded& l, std::ostream& err) {
  WorldOptions wo;
  if (!read_policy_settings(args, wo.policy, err)) return kExitBadInput;
  wo.regions_file = args.value("regions");
  std::string intra = args.value("intra-group").value_or("before");
  if (intra != "before" && intra != "after") {
    err << "linkproof: --intra-group must be before or after\n";
    return kExitBadInput;
  }
  l.settings.sg.intra_group = intra == "after" ? IntraGroupRule::AfterRules : IntraGroupRule::BeforeRules;
  if (!read_world_settings(args, l.settings.world, err)) return kExitBadInput;
  l.settings.policy = wo.policy;
  Diagnostics diags;
  l.world = ingest::load_any_world(args.positional()[0], wo, diags);
  if (l.world) l.slr = bundled_slr_policy(wo.policy, diags);
  print_diagnostics(diags, err);
  if (!l.world) return kExitBadInput;
  l.settings.default_slr_policy = l.slr ? &*l.slr : nullptr;
  return std::nullopt;
}

std::optional<ReachMode> mode_of(const Args& args) {
  std::string m = args.value("mode").value_or("now");
  if (m == "now") return ReachMode::Now;
  if (m == "could") return ReachMode::Could;
  return std::nullopt;
}

}  // namespace

int cmd_reach(const Argv& argv, std::istream&, std::ostream& out, std::ostream& err) {
  Args args(argv, with_policy_value_options({"account", "service", "port", "protocol", "from", "mode", "format", "regions", "intra-group", "migrating", "whitelist-wildcard",
                                              "timeout-ms", "rlimit", "dump-smt"}),
            with_policy_flag_options({"help"}));
  if (args.flag("help")) {
    out << kReachUsage;
    return kExitOk;
  }
  auto bad = [&](const std::string& why) {
    err << "linkproof reach: " << why << "\n" << kReachUsage;
    return kExitBadInput;
  };
  if (!args.ok()) return bad(args.error());
  if (args.positional().size() != 1) return bad("expected one WORLD file");
  if (!args.value("account") || !args.value("service")) return bad("--account and --service are required");
  ReachQuery q;
  q.account = *args.value("account");
  q.service = *args.value("service");
  auto mode = mode_of(args);
  if (!mode) return bad("--mode must be now or could");
  q.mode = *mode;
  std::string proto = args.value("protocol").value_or("tcp");
  if (proto != "tcp" && proto != "udp") return bad("--protocol must be tcp or udp");
  q.protocol = proto == "udp" ? IpProtocol::Udp : IpProtocol::Tcp;
  if (auto p = args.value("port")) {
    try {
      size_t used = 0;
      int port = std::stoi(*p, &used);
      if (used != p->size() || port < 1 || port > 65535) throw std::invalid_argument(*p);
      q.port = port;
    } catch (const std::exception&) {
      return bad("--port must be a port from 1 to 65535");
    }
  }
  if (auto f = args.value("from")) {
    auto ip = parse_ip(*f);
    if (!ip) return bad("--from must be an IP address");
    q.from = *ip;
  }
  std::string format = args.value("format").value_or("text");
  if (format != "text" && format != "json") return bad("--format must be text or json");
  Loaded l;
  if (auto code = load(args, l, err)) return *code;
  if (!read_solver_limits(args, l.settings.solver, "reach", err)) return kExitBadInput;
  if (!l.world->account(q.account)) return bad("no account " + q.account + " in the world");
  if (!l.world->service(q.service)) return bad("no service " + q.service + " in the world");

  ReachAnswer a = reach(*l.world, q, l.settings);
  if (format == "json") {
    nlohmann::json path = nlohmann::json::array();
    for (const auto& s : a.path) {
      nlohmann::json j = {{"kind", s.kind}, {"id", s.id}, {"detail", s.detail}};
      if (s.where.line) j.update(where_json(s.where));
      path.push_back(j);
    }
    out << nlohmann::json{{"verdict", verdict_name(a.verdict)},
                          {"mode", q.mode == ReachMode::Now ? "now" : "could"},
                          {"path", path},
                          {"causes", causes_json(a.causes)}}
               .dump(2)
        << "\n";
  } else {
    const char* how = a.verdict == Verdict::Yes ? (q.mode == ReachMode::Now ? " reaches " : " could reach ")
                      : a.verdict == Verdict::No ? (q.mode == ReachMode::Now ? " does not reach " : " could not reach ")
                                                 : (q.mode == ReachMode::Now ? " may or may not reach " : " may or may not be able to reach ");
    out << verdict_name(a.verdict) << ": account " << q.account << how << q.service << "\n";
    for (const auto& s : a.path)
      out << "  " << s.kind << " " << s.id << (s.detail.empty() ? "" : ": " + s.detail)
          << (s.where.line ? " (" + s.where.to_string() + ")" : "") << "\n";
    for (const auto& c : a.causes)
      out << "  " << c.rule << " " << c.object << ": " << c.message << (c.where.line ? " (" + c.where.to_string() + ")" : "") << "\n";
  }
  return kExitOk;
}

int cmd_who(const Argv& argv, std::istream&, std::ostream& out, std::ostream& err) {
  Args args(argv, with_policy_value_options({"account", "service", "mode", "format", "regions", "intra-group", "migrating", "whitelist-wildcard"}),
            with_policy_flag_options({"help"}));
  if (args.flag("help")) {
    out << kWhoUsage;
    return kExitOk;
  }
  auto bad = [&](const std::string& why) {
    err << "linkproof who: " << why << "\n" << kWhoUsage;
    return kExitBadInput;
  };
  if (!args.ok()) return bad(args.error());
  if (args.positional().size() != 1) return bad("expected one WORLD file");
  if (args.value("account") && args.value("service")) return bad("give --service or --account, not both");
  auto mode = mode_of(args);
  if (!mode) return bad("--mode must be now or could");
  std::string format = args.value("format").value_or("text");
  if (format != "text" && format != "json") return bad("--format must be text or json");
  Loaded l;
  if (auto code = load(args, l, err)) return *code;
  std::string service = args.value("service").value_or(""), account = args.value("account").value_or("");
  if (!service.empty() && !l.world->service(service)) return bad("no service " + service + " in the world");
  if (!account.empty() && !l.world->account(account)) return bad("no account " + account + " in the world");

  WhoAnswer a = who(*l.world, service, account, *mode, l.settings);
  auto ports_json = [](const IntervalSet& s) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : s.ranges()) list.push_back({r.lo, r.hi});
    return list;
  };
  if (format == "json") {
    // One row per line, written as it is made: a large matrix is never held twice as JSON.
    out << "{\"mode\": \"" << (*mode == ReachMode::Now ? "now" : "could") << "\",\n \"reach\": [";
    bool first = true;
    for (const auto& e : a.reach) {
      nlohmann::json row = {{"account", e.account}, {"service", e.service}, {"protocol", protocol_name(e.protocol)},
                            {"ports", ports_json(e.ports)}, {"clients", e.clients.cidrs()}};
      out << (first ? "\n  " : ",\n  ") << row.dump();
      first = false;
    }
    out << (first ? "" : "\n ") << "],\n \"unknown\": " << causes_json(a.unknown).dump() << "}\n";
  } else {
    for (const auto& e : a.reach) {
      out << e.account << " -> " << e.service << " " << protocol_name(e.protocol) << " ports";
      for (const auto& r : e.ports.ranges()) {
        out << " " << r.lo;
        if (r.hi != r.lo) out << "-" << r.hi;
      }
      out << " from";
      for (const auto& c : e.clients.cidrs()) out << " " << c;
      out << "\n";
    }
    for (const auto& u : a.unknown) out << "unknown: " << u.object << ": " << u.message << "\n";
    if (a.reach.empty()) out << "nothing reaches (" << (*mode == ReachMode::Now ? "now" : "could") << ")\n";
  }
  return kExitOk;
}

}  // namespace lp::cli

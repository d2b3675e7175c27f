// `linkproof find WORLD --goal GOAL --caller P...` (solver/lifecycle/find.h; docs/lifecycle.md).
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/lifecycle_options.h"
#include "cli/policy_options.h"
#include "solver/lifecycle/find.h"

namespace lp::cli {

namespace {

const char* kUsage =
    "usage: linkproof find WORLD --goal GOAL --caller P [--caller P]... [--max-steps K] [--max-states N] [-o|--out PLAN]\n"
    "                      [--format text|json] [plan's settings options]\n"
    "  GOAL: \"reach ACCOUNT SERVICE [tcp|udp PORT]\" | \"no-reach ACCOUNT SERVICE\" | \"deleted ID\"\n";

std::optional<lifecycle::Goal> parse_goal(const std::string& text, std::string& why) {
  std::istringstream in(text);
  std::vector<std::string> w;
  for (std::string s; in >> s;) w.push_back(s);
  lifecycle::Goal g;
  if (w.size() == 2 && w[0] == "deleted") {
    g.kind = lifecycle::Goal::Kind::Deleted;
    g.id = w[1];
    return g;
  }
  if ((w.size() == 3 || w.size() == 5) && w[0] == "reach") {
    g.account = w[1];
    g.service = w[2];
    if (w.size() == 5) {
      if (w[3] != "tcp" && w[3] != "udp") {
        why = "the protocol must be tcp or udp";
        return std::nullopt;
      }
      g.protocol = w[3] == "udp" ? IpProtocol::Udp : IpProtocol::Tcp;
      try {
        size_t used = 0;
        int port = std::stoi(w[4], &used);
        if (used != w[4].size() || port < 1 || port > 65535) throw std::invalid_argument(w[4]);
        g.port = port;
      } catch (const std::exception&) {
        why = "the port must be 1 to 65535";
        return std::nullopt;
      }
    }
    return g;
  }
  if (w.size() == 3 && w[0] == "no-reach") {
    g.kind = lifecycle::Goal::Kind::NoReach;
    g.account = w[1];
    g.service = w[2];
    return g;
  }
  why = "expected \"reach ACCOUNT SERVICE [tcp|udp PORT]\", \"no-reach ACCOUNT SERVICE\" or \"deleted ID\"";
  return std::nullopt;
}

std::optional<size_t> count(const Args& args, const char* name, size_t fallback) {
  auto v = args.value(name);
  if (!v) return fallback;
  try {
    size_t used = 0;
    long n = std::stol(*v, &used);
    if (used != v->size() || n < 0) return std::nullopt;
    return static_cast<size_t>(n);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

int cmd_find(const Argv& argv_in, std::istream&, std::ostream& out, std::ostream& err) {
  Argv argv = argv_in;
  for (auto& a : argv)
    if (a == "-o") a = "--out";  // the short form of --out (cli/args.h reads long options only)
  Args args(argv, with_lifecycle_value_options({"format", "goal", "caller", "max-steps", "max-states", "out"}),
            with_lifecycle_flag_options({"help"}));
  if (args.flag("help")) {
    out << kUsage;
    return kExitOk;
  }
  auto bad = [&](const std::string& why) {
    err << "linkproof find: " << why << "\n" << kUsage;
    return kExitBadInput;
  };
  if (!args.ok()) return bad(args.error());
  if (args.positional().size() != 1) return bad("expected one WORLD file");
  auto json = json_format(args, "find", err);
  if (!json) return kExitBadInput;
  if (!args.value("goal")) return bad("--goal is required");
  std::string why;
  auto goal = parse_goal(*args.value("goal"), why);
  if (!goal) return bad("--goal: " + why);
  if (args.values("caller").empty()) return bad("give at least one --caller");
  for (const auto& c : args.values("caller"))
    if (!lifecycle::parse_principal(c, &why)) return bad("--caller " + c + ": " + why);
  lifecycle::FindLimits limits;
  auto k = count(args, "max-steps", limits.max_steps);
  auto n = count(args, "max-states", limits.max_states);
  if (!k) return bad("--max-steps must be a whole number");
  if (!n) return bad("--max-states must be a whole number");
  limits.max_steps = *k;
  limits.max_states = *n;
  LifecycleLoaded l;
  if (auto code = load_lifecycle(args, args.positional()[0], l, "find", err)) return *code;
  const World& w = *l.world;
  if (goal->kind != lifecycle::Goal::Kind::Deleted) {
    if (!w.account(goal->account)) return bad("no account " + goal->account + " in the world");
    if (!w.service(goal->service)) return bad("no service " + goal->service + " in the world");
  } else if (!w.service(goal->id) && !w.endpoint(goal->id)) {
    return bad("no service or endpoint " + goal->id + " in the world");
  }

  lifecycle::FindAnswer a = lifecycle::find_plan(w, *goal, args.values("caller"), l.settings, limits);
  nlohmann::json plan = plan_json(a.plan);
  if (auto path = args.value("out"); path && a.verdict == Verdict::Yes) {
    std::ofstream f(*path);
    f << plan.dump(2) << "\n";
    if (!f) {
      err << "linkproof find: cannot write " << *path << "\n";
      return kExitBadInput;
    }
  }
  if (*json) {
    nlohmann::json blockers = nlohmann::json::array();
    for (const auto& b : a.blockers)
      blockers.push_back({{"rule", b.rule}, {"op", b.op}, {"message", b.message}, {"object", b.object}, {"count", b.count}});
    nlohmann::json j = {{"found", a.verdict == Verdict::Yes}, {"verdict", verdict_name(a.verdict)}, {"length", a.plan.size()},
                        {"plan", plan}, {"blockers", blockers}, {"states", a.states}, {"max_steps", limits.max_steps}};
    if (a.verdict == Verdict::Unknown) j["unknown_reason"] = a.unknown_reason;
    out << j.dump(2) << "\n";
  } else {
    if (a.verdict == Verdict::Yes) {
      out << "found: " << a.plan.size() << " step(s)" << (a.plan.empty() ? " (the goal holds already)" : "") << "\n";
      for (size_t i = 0; i < a.plan.size(); ++i) {
        nlohmann::json args_json = plan_json({a.plan[i]})["steps"][0]["args"];
        out << "  " << i + 1 << ". " << a.plan[i].op << " by " << a.plan[i].caller << " " << args_json.dump() << "\n";
      }
    } else if (a.verdict == Verdict::No) {
      out << "none within " << limits.max_steps << " step(s) (" << a.states << " states explored)\n";
    } else {
      out << "unknown: " << a.unknown_reason << "\n";
    }
    if (a.verdict != Verdict::Yes)
      for (const auto& b : a.blockers) out << "  blocker " << b.rule << " on " << b.op << " (" << b.count << "x): " << b.message << "\n";
  }
  return a.verdict == Verdict::Yes ? kExitOk : a.verdict == Verdict::No ? kExitFindings : kExitInternal;
}

}  // namespace lp::cli

// `linkproof packet`: one packet against the security groups of one ENI (solver/sg_eval.h).
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/policy_options.h"
#include "lang/sg_rule_json.h"
#include "solver/sg_eval.h"

namespace lp::cli {

namespace {

const char* kUsage =
    "usage: linkproof packet --group FILE [--group FILE]... --direction ingress|egress --protocol P\n"
    "                        --src IP --dst IP [--port N] [--peer-group sg-ID]... [--intra-group before|after]\n"
    "                        [--format text|json]\n"
    "  FILE: a security group {\"id\", \"type\", \"inner_access\", \"rules\": [rule line or object, ...]}\n"
    "  --peer-group: the groups of the other end (for group-peer rules and intra-group traffic)\n";

}  // namespace

int cmd_packet(const Argv& argv, std::istream&, std::ostream& out, std::ostream& err) {
  Args args(argv, {"group", "direction", "protocol", "src", "dst", "port", "peer-group", "format", "intra-group"}, {"help"},
            {{"format", {"text", "json"}}});
  if (args.flag("help")) {
    out << kUsage;
    return kExitOk;
  }
  auto bad = [&](const std::string& why) {
    err << "linkproof packet: " << why << "\n" << kUsage;
    return kExitBadInput;
  };
  if (!args.ok()) return bad(args.error());
  if (args.values("group").empty()) return bad("give the ENI's security groups with --group FILE");
  Packet p;
  std::string dir = args.value("direction").value_or("");
  if (dir == "ingress") p.direction = Direction::Ingress;
  else if (dir == "egress") p.direction = Direction::Egress;
  else return bad("--direction must be ingress or egress");
  std::string proto = args.value("protocol").value_or("");
  const std::pair<const char*, IpProtocol> protocols[] = {{"tcp", IpProtocol::Tcp},   {"udp", IpProtocol::Udp},
                                                          {"icmp", IpProtocol::Icmp}, {"icmpv6", IpProtocol::Icmpv6},
                                                          {"gre", IpProtocol::Gre}};
  bool known = false;
  for (const auto& [n, v] : protocols)
    if (proto == n) {
      p.protocol = v;
      known = true;
    }
  if (!known) return bad("--protocol must be tcp, udp, icmp, icmpv6 or gre");
  auto src = parse_ip(args.value("src").value_or("")), dst = parse_ip(args.value("dst").value_or(""));
  if (!src || !dst) return bad("--src and --dst must be IP addresses");
  p.src = *src;
  p.dst = *dst;
  if (p.protocol == IpProtocol::Tcp || p.protocol == IpProtocol::Udp) {
    std::string port = args.value("port").value_or("");
    try {
      size_t used = 0;
      p.port = std::stoi(port, &used);
      if (used != port.size() || p.port < 1 || p.port > 65535) throw std::invalid_argument(port);
    } catch (const std::exception&) {
      return bad("--port must be a port from 1 to 65535 for tcp and udp");
    }
  }
  SgSettings s;
  std::string intra = args.value("intra-group").value_or("before");
  if (intra == "after") s.intra_group = IntraGroupRule::AfterRules;
  else if (intra != "before") return bad("--intra-group must be before or after");
  SgContext ctx;
  ctx.remote_groups = args.values("peer-group");

  Diagnostics diags;
  std::vector<SecurityGroup> groups;
  for (const auto& f : args.values("group"))
    if (auto g = load_security_group_file(f, diags)) groups.push_back(std::move(*g));
  print_diagnostics(diags, err);
  if (diags.has_errors()) return kExitBadInput;
  std::vector<const SecurityGroup*> ptrs;
  for (const auto& g : groups) ptrs.push_back(&g);
  // reference.md §4.1: an ENI cannot belong to a basic and an enterprise group at the same time.
  for (const auto& g : groups)
    if (g.type != groups.front().type)
      return bad("an ENI cannot be in a basic and an enterprise group at once (reference.md §4.1): " + groups.front().id +
                 " is " + (groups.front().type == SecurityGroupType::Basic ? "basic" : "enterprise") + ", " + g.id + " is " +
                 (g.type == SecurityGroupType::Basic ? "basic" : "enterprise"));
  SgVerdict v = evaluate_packet(ptrs, p, ctx, s);

  const char* verdict = v.unknown ? "unknown" : rule_policy_name(v.policy);
  const char* by = v.decided_by == SgDecidedBy::Rule ? "rule" : v.decided_by == SgDecidedBy::IntraGroup ? "intra-group" : "default";
  if (args.value("format").value_or("text") == "json") {
    nlohmann::json j = {{"verdict", verdict}, {"decided_by", v.unknown ? "unknown" : by}};
    if (v.rule)
      j["rule"] = {{"id", v.rule->id},     {"priority", v.rule->priority}, {"policy", rule_policy_name(v.rule->policy)},
                   {"file", v.rule->where.file}, {"line", v.rule->where.line}, {"column", v.rule->where.column}};
    else
      j["rule"] = nullptr;
    j["group"] = v.group ? nlohmann::json(v.group->id) : nlohmann::json(nullptr);
    if (v.unknown) j["reason"] = v.reason;
    else j["explanation"] = v.explanation;
    out << j.dump() << "\n";
  } else {
    out << verdict << ": " << (v.unknown ? v.reason : v.explanation) << "\n";
  }
  return kExitOk;
}

}  // namespace lp::cli

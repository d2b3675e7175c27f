// The built-in security questions of the audit (docs/audit.md, "Built-in findings").
#include <algorithm>
#include <set>

#include "lang/text.h"
#include "solver/audit/internal.h"
#include "solver/z3_questions.h"

namespace lp::audit::detail {

namespace {

Finding finding(const std::string& rule, Severity severity, const std::string& object, const SourceRef& where,
                std::string message, std::string fix = {}) {
  Finding f;
  f.diagnostic.code = rule;
  f.diagnostic.severity = severity;
  f.diagnostic.object = object;
  f.diagnostic.where = where;
  f.diagnostic.message = std::move(message);
  f.diagnostic.hint = std::move(fix);
  f.source = Source::Builtin;
  return f;
}

// LP-AUD-001 / LP-AUD-002: accounts other than the provider's that reach each service.
void cross_account(Context& ctx, Report& report) {
  const World& w = ctx.w;
  const WhoAnswer& now = ctx.who_all(ReachMode::Now);
  const WhoAnswer& could = ctx.who_all(ReachMode::Could);
  std::set<std::pair<std::string, std::string>> reported_now;
  auto emit = [&](const WhoAnswer& who, ReachMode mode) {
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& e : who.reach) {
      const EndpointService* sv = w.service(e.service);
      if (!sv || ctx.owner_of(*sv) == e.account) continue;
      std::pair<std::string, std::string> key{e.account, e.service};
      if (mode == ReachMode::Could && reported_now.count(key)) continue;
      if (!seen.insert(key).second) continue;
      if (mode == ReachMode::Now) reported_now.insert(key);
      std::vector<std::string> flows;
      for (const auto& x : who.reach)
        if (x.account == e.account && x.service == e.service)
          flows.push_back(std::string(protocol_name(x.protocol)) + " " + ports_text(x.ports) + " from " + join(x.clients.cidrs()));
      Answer a = ctx.reach_answer(e.account, e.service, mode, std::nullopt, std::nullopt, std::nullopt);
      Finding f = mode == ReachMode::Now
                      ? finding("LP-AUD-001", Severity::Info, e.account + " " + e.service, sv->where,
                                "account " + e.account + " (not the provider " + ctx.owner_of(*sv) + ") reaches " + e.service +
                                    " now: " + join(flows, "; "))
                      : finding("LP-AUD-002", Severity::Info, e.account + " " + e.service, sv->where,
                                "account " + e.account + " (not the provider " + ctx.owner_of(*sv) + ") could reach " +
                                    e.service + " acting alone: " + join(flows, "; "),
                                "remove " + e.account + " from the whitelist or turn auto-accept off if it must not");
      f.witness = a.witness;
      report.findings.push_back(std::move(f));
    }
  };
  emit(now, ReachMode::Now);
  emit(could, ReachMode::Could);
  // Undecided flows (LP-AUD-003), once per cause.
  std::set<std::string> told;
  for (const WhoAnswer* who : {&now, &could})
    for (const auto& u : who->unknown) {
      if (!told.insert(u.object + "|" + u.message).second) continue;
      Finding f = finding("LP-AUD-003", Severity::Warning, u.object, u.where,
                          "reachability undecided (" + u.rule + "): " + u.message,
                          "give the prefix list's entries in the world file");
      f.unknown = true;
      report.findings.push_back(std::move(f));
    }
}

// LP-AUD-010 / 011 / 012: auto-accept and whitelist entries.
void whitelists(Context& ctx, Report& report) {
  const World& w = ctx.w;
  for (const auto& sv : w.services) {
    std::vector<std::string> others;
    for (size_t i = 0; i < sv.whitelist.size(); ++i) {
      const std::string& entry = sv.whitelist[i];
      SourceRef where = sv.whitelist_where;
      where.json_pointer += "/" + std::to_string(i);
      if (entry == "*") {
        report.findings.push_back(finding("LP-AUD-011", Severity::Error, sv.id, where,
                                          "the whitelist of " + sv.id + " holds the entry *: every account may connect",
                                          "list the account ids that may connect instead of *"));
        others.push_back("*");
        continue;
      }
      if (!w.account(entry))
        report.findings.push_back(finding("LP-AUD-012", Severity::Warning, sv.id + " " + entry, where,
                                          "the whitelist of " + sv.id + " names account " + entry +
                                              ", which the world does not have: the audit cannot see what it reaches",
                                          "add the account to the world file, or remove it from the whitelist"));
      if (entry != ctx.owner_of(sv)) others.push_back(entry);
    }
    if (sv.auto_accept && !others.empty())
      report.findings.push_back(finding("LP-AUD-010", Severity::Warning, sv.id, sv.where,
                                        sv.id + " auto-accepts (PL-SV-05): " + join(others) +
                                            " can connect without the provider's approval (whitelist, PL-WL-01)",
                                        "turn auto-accept off and accept connections one by one"));
  }
}

// LP-AUD-020 / 021: endpoint and client security groups open to 0.0.0.0/0.
void open_groups(Context& ctx, Report& report) {
  const World& w = ctx.w;
  Cidr all;
  all.prefix = 0;
  std::set<size_t> endpoint_groups, client_groups;
  std::set<size_t> endpoint_vpcs;
  for (const auto& e : w.endpoints) {
    endpoint_groups.insert(e.security_groups.begin(), e.security_groups.end());
    if (e.vpc != kNone) endpoint_vpcs.insert(e.vpc);
  }
  for (const auto& inst : w.instances)
    if (inst.vswitch != kNone && endpoint_vpcs.count(w.vswitches[inst.vswitch].vpc))
      for (size_t g : inst.security_groups)
        if (!endpoint_groups.count(g)) client_groups.insert(g);
  auto check = [&](const std::set<size_t>& groups, const char* rule, const char* what) {
    for (size_t g : groups) {
      const SecurityGroup& sg = w.security_groups[g];
      Answer a = groups_admit(w, {g}, all, ctx.s.reach.sg);
      if (a.verdict == Verdict::No) continue;
      SourceRef where = a.witness.path.empty() ? sg.where : a.witness.path.front().where;
      Finding f = finding(rule, Severity::Warning, sg.id, where,
                          a.verdict == Verdict::Yes
                              ? std::string(what) + " " + sg.id + " admits 0.0.0.0/0: " + a.witness.summary
                              : std::string(what) + " " + sg.id + ": whether it admits 0.0.0.0/0 is undecided: " + a.unknown_reason,
                          "limit the rule's source to the client VPC's CIDR block");
      f.witness = a.witness;
      f.unknown = a.verdict == Verdict::Unknown;
      report.findings.push_back(std::move(f));
    }
  };
  check(endpoint_groups, "LP-AUD-020", "endpoint security group");
  check(client_groups, "LP-AUD-021", "client security group");
}

// LP-AUD-030 / 031: principals whose effective policies allow an access-widening action.
void widening_principals(Context& ctx, Report& report) {
  static const std::vector<std::string> kWidening = {
      "privatelink:AddUserToVpcEndpointService",        // whitelist (PL-WL-02)
      "privatelink:UpdateVpcEndpointServiceAttribute",  // auto-accept (PL-SV-07)
      "privatelink:EnableVpcEndpointConnection",        // accept a connection (PL-CN-02)
      "ecs:AuthorizeSecurityGroup",                     // open a security group (reference.md §4)
  };
  for (const auto& arn : world_principals(ctx.w)) {
    PrincipalPolicies pp = principal_policies(ctx.w, arn);
    if (!pp.found || pp.set.identity.empty()) continue;
    const PolicySet& set = ctx.hold(std::move(pp.set));
    std::vector<std::string> can;
    Witness first;
    std::vector<std::string> undecided;
    for (const auto& action : kWidening) {
      OpenQuestion q;
      q.action = action;
      q.resource = "*";
      q.resource_pattern = true;
      q.principal = arn;
      q.context_open = true;
      OpenAnswer oa = authorize_open(set, q, ctx.s.reach.policy, ctx.s.limits);
      if (!oa.unsupported.empty()) {
        undecided.push_back(action + " (" + oa.unsupported + ")");
        continue;
      }
      for (const auto& o : oa.outcomes) {
        if (o.decision != Decision::Allow) continue;
        if (o.reachable == Verdict::Yes) {
          if (can.empty()) first = answer_of(o).witness;
          can.push_back(action);
        } else if (o.reachable == Verdict::Unknown) {
          undecided.push_back(action + " (" + o.reason + ")");
        }
      }
    }
    if (!can.empty()) {
      Finding f = finding("LP-AUD-030", Severity::Info, arn, pp.where,
                          arn + " can widen access: its policies allow " + join(can) + " on some resource");
      f.witness = first;
      report.findings.push_back(std::move(f));
    }
    if (!undecided.empty()) {
      Finding f = finding("LP-AUD-031", Severity::Warning, arn, pp.where,
                          "whether " + arn + " can widen access is undecided for " + join(undecided),
                          "raise --timeout-ms / --rlimit");
      f.unknown = true;
      report.findings.push_back(std::move(f));
    }
  }
}

}  // namespace

void builtin_findings(Context& ctx, Report& report) {
  cross_account(ctx, report);
  whitelists(ctx, report);
  open_groups(ctx, report);
  widening_principals(ctx, report);
  // Service-linked role sufficiency is PL-RL-01 of the static checks (solver/world_checks.h).
}

}  // namespace lp::audit::detail

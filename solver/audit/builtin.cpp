// The built-in security questions of the audit (docs/audit.md, "Built-in findings").
#include <algorithm>
#include <cctype>
#include <map>
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
  // LP-AUD-001: one finding per (account, service) pair reached now, with its flows and a path.
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& e : now.reach) {
    const EndpointService* sv = w.service(e.service);
    if (!sv || ctx.owner_of(*sv) == e.account || !seen.insert({e.account, e.service}).second) continue;
    reported_now.insert({e.account, e.service});
    std::vector<std::string> flows;
    for (const auto& x : now.reach)
      if (x.account == e.account && x.service == e.service)
        flows.push_back(std::string(protocol_name(x.protocol)) + " " + ports_text(x.ports) + " from " + join(x.clients.cidrs()));
    Finding f = finding("LP-AUD-001", Severity::Info, e.account + " " + e.service, sv->where,
                        "account " + e.account + " (not the provider " + ctx.owner_of(*sv) + ") reaches " + e.service +
                            " now: " + join(flows, "; "));
    if (ctx.take_witness_budget())
      f.witness = ctx.reach_answer(e.account, e.service, ReachMode::Now, std::nullopt, std::nullopt, std::nullopt).witness;
    report.findings.push_back(std::move(f));
  }
  // LP-AUD-002: one finding per service, naming every account other than the owner that could
  // reach it acting alone and does not now, with the path of the first.
  std::map<std::string, std::vector<std::string>> could_by_service;
  for (const auto& e : could.reach) {
    const EndpointService* sv = w.service(e.service);
    if (!sv || ctx.owner_of(*sv) == e.account || reported_now.count({e.account, e.service})) continue;
    auto& list = could_by_service[e.service];
    if (std::find(list.begin(), list.end(), e.account) == list.end()) list.push_back(e.account);
  }
  for (const auto& sv : w.services) {
    auto it = could_by_service.find(sv.id);
    if (it == could_by_service.end()) continue;
    const auto& accounts = it->second;
    Finding f = finding("LP-AUD-002", Severity::Info, sv.id, sv.where,
                        std::to_string(accounts.size()) + " account(s) other than the provider " + ctx.owner_of(sv) +
                            " could reach " + sv.id + " acting alone: " + join(accounts),
                        "remove them from the whitelist or turn auto-accept off if they must not");
    if (ctx.take_witness_budget())
      f.witness = ctx.reach_answer(accounts.front(), sv.id, ReachMode::Could, std::nullopt, std::nullopt, std::nullopt).witness;
    report.findings.push_back(std::move(f));
  }
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
      (where.json_pointer += '/') += std::to_string(i);
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
  // Principals holding the same policies get the same answers when nothing in them looks at the
  // principal (no Principal element, no condition on a principal key): asked once per such set.
  struct Answers {
    std::vector<std::string> can, undecided;
    Witness first;
  };
  std::map<std::pair<std::vector<size_t>, std::vector<size_t>>, Answers> memo;
  auto principal_free = [](const PolicySet& set) {
    auto layer_free = [](const std::vector<Policy>& policies) {
      for (const auto& p : policies)
        for (const auto& st : p.statements) {
          if (st.principal.present) return false;
          for (const auto& c : st.conditions)
            if (c.key_folded.find("principal") != std::string::npos) return false;
        }
      return true;
    };
    return layer_free(set.identity) && (!set.control || layer_free(*set.control));
  };
  for (const auto& arn : world_principals(ctx.w)) {
    PrincipalPolicies pp = principal_policies(ctx.w, arn);
    if (!pp.found || pp.set.identity.empty()) continue;
    bool shareable = principal_free(pp.set);
    std::pair<std::vector<size_t>, std::vector<size_t>> key{pp.identity_ids, pp.control_ids};
    std::sort(key.first.begin(), key.first.end());
    std::sort(key.second.begin(), key.second.end());
    auto known = shareable ? memo.find(key) : memo.end();
    Answers ans;
    if (known != memo.end()) {
      ans = known->second;
    } else {
      const PolicySet& set = ctx.hold(std::move(pp.set));
      for (const auto& action : kWidening) {
        // An Allow can decide only when some Allow statement's Action covers the name: otherwise
        // the Allow outcome is unreachable and the solver need not be asked.
        std::string folded = action;
        std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return std::tolower(c); });
        bool any_allow = false;
        for (const auto& p : set.identity)
          for (const auto& st : p.statements)
            if (st.effect == Effect::Allow && (st.action.matches(action) || st.action.matches(folded))) any_allow = true;
        if (!any_allow) continue;
        OpenQuestion q;
        q.action = action;
        q.resource = "*";
        q.resource_pattern = true;
        q.principal = arn;
        q.context_open = true;
        OpenAnswer oa = authorize_open(set, q, ctx.s.reach.policy, ctx.s.limits);
        if (!oa.unsupported.empty()) {
          ans.undecided.push_back(action + " (" + oa.unsupported + ")");
          continue;
        }
        for (const auto& o : oa.outcomes) {
          if (o.decision != Decision::Allow) continue;
          if (o.reachable == Verdict::Yes) {
            if (ans.can.empty()) ans.first = answer_of(o).witness;
            ans.can.push_back(action);
          } else if (o.reachable == Verdict::Unknown) {
            ans.undecided.push_back(action + " (" + o.reason + ")");
          }
        }
      }
      if (shareable) memo[key] = ans;
    }
    const std::vector<std::string>& can = ans.can;
    const std::vector<std::string>& undecided = ans.undecided;
    Witness first = ans.first;
    if (first.request && shareable) first.request->principal = arn;
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

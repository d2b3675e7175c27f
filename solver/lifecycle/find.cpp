#include "solver/lifecycle/find.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_set>

#include "lang/text.h"
#include "solver/lifecycle/ctx.h"

namespace lp::lifecycle {

namespace {

using namespace plan_values;

PlanStep make(const std::string& op, const std::string& caller, std::vector<std::pair<std::string, PlanValue>> args) {
  PlanStep s;
  s.op = op;
  s.caller = caller;
  s.args = std::move(args);
  return s;
}

// Everything that distinguishes two states for the search.
std::string signature(const LifecycleState& st) {
  std::string sig;
  const World& w = st.world;
  for (const auto& e : w.endpoints) {
    sig += cat(e.id, ":", std::to_string(static_cast<int>(e.connection)));
    for (size_t g : e.security_groups) sig += cat(",", std::to_string(g));
    for (const auto& z : e.zones) sig += cat("|", z.zone, std::to_string(static_cast<int>(z.status)), ".", std::to_string(z.resource));
    sig += ";";
  }
  for (const auto& sv : w.services) {
    sig += sv.id + (sv.auto_accept ? "A" : "a");
    for (const auto& u : sv.whitelist) sig += cat(",", u);
    for (const auto& r : sv.resources) sig += cat("|", std::to_string(r.clb), (r.auto_allocation ? "+" : "-"));
    sig += ";";
  }
  for (const auto& g : w.security_groups) sig += cat(std::to_string(g.rules.size()), ".");
  for (const auto& a : w.accounts) {
    for (const auto& u : a.users) {
      for (size_t p : u.policies) sig += cat("u", std::to_string(p));
      for (size_t g : u.groups) sig += cat("g", std::to_string(g));
    }
    for (const auto& g : a.groups)
      for (size_t p : g.policies) sig += cat("G", std::to_string(p));
    for (const auto& r : a.roles)
      for (size_t p : r.policies) sig += cat("R", std::to_string(p));
  }
  for (const auto& p : w.policies) sig += cat(std::to_string(p.policy.statements.size()), "/", std::to_string(p.policy.document_chars));
  for (const auto& r : st.replaced) sig += cat("~", r.endpoint, r.zone);
  for (const auto& s : st.sessions) sig += cat("@", s);
  return sig;
}

bool owns_account(const Principal& p, const World& w, size_t account) {
  return account != kNone && w.accounts[account].id == p.account;
}

int goal_port(const World& w, const Goal& g) {
  if (g.port) return *g.port;
  if (const EndpointService* sv = w.service(g.service))
    for (const auto& r : sv->resources)
      for (const auto& l : w.clbs[r.clb].listeners) return l.port;
  return 80;
}

const char* kAllowAll = R"({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";

void ram_candidates(const World& w, const Principal& p, std::vector<PlanStep>& out) {
  const Account* a = w.account(p.account);
  if (!a || p.kind == Principal::Kind::Root) return;
  auto attached = [&](const std::vector<size_t>& ps, size_t i) { return std::find(ps.begin(), ps.end(), i) != ps.end(); };
  if (p.kind == Principal::Kind::User) {
    const RamUser* u = nullptr;
    for (const auto& x : a->users)
      if (x.name == p.name) u = &x;
    if (!u) return;
    std::vector<size_t> mine = u->policies;
    for (size_t g : u->groups) mine.insert(mine.end(), a->groups[g].policies.begin(), a->groups[g].policies.end());
    for (size_t i = 0; i < w.policies.size(); ++i) {
      if (w.policies[i].policy.kind != PolicyKind::Identity) continue;
      if (!attached(u->policies, i))
        out.push_back(make("AttachPolicyToUser", p.arn, {{"PolicyType", text("Custom")}, {"PolicyName", text(w.policies[i].id)}, {"UserName", text(u->name)}}));
    }
    for (size_t g = 0; g < a->groups.size(); ++g)
      if (!attached(u->groups, g))
        out.push_back(make("AddUserToGroup", p.arn, {{"GroupName", text(a->groups[g].name)}, {"UserName", text(u->name)}}));
    std::sort(mine.begin(), mine.end());
    mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
    for (size_t i : mine)
      out.push_back(make("CreatePolicyVersion", p.arn,
                         {{"PolicyName", text(w.policies[i].id)}, {"PolicyDocument", text(kAllowAll)}, {"SetAsDefault", flag(true)}}));
  }
  for (const auto& r : a->roles) {
    std::string role_arn = "acs:ram::" + a->id + ":role/" + r.name;
    if (p.kind == Principal::Kind::Role && p.name == r.name) {
      for (size_t i = 0; i < w.policies.size(); ++i)
        if (w.policies[i].policy.kind == PolicyKind::Identity && !attached(r.policies, i))
          out.push_back(make("AttachPolicyToRole", p.arn, {{"PolicyType", text("Custom")}, {"PolicyName", text(w.policies[i].id)}, {"RoleName", text(r.name)}}));
    } else {
      out.push_back(make("AssumeRole", p.arn, {{"RoleArn", text(role_arn)}, {"RoleSessionName", text("linkproof")}}));
    }
  }
}

}  // namespace

bool goal_holds(const LifecycleState& st, const Goal& g, const LifecycleSettings& s, std::vector<ReachCause>* why) {
  if (g.kind == Goal::Kind::Deleted) {
    bool gone = !st.world.service(g.id) && !st.world.endpoint(g.id);
    if (!gone && why) why->push_back({"PL-OP-01", g.id, {}, g.id + " still exists"});
    return gone;
  }
  std::optional<World> copy;
  if (!st.replaced.empty()) copy = reach_view(st);
  const World& view = copy ? *copy : st.world;
  if (!view.account(g.account) || !view.service(g.service)) return g.kind == Goal::Kind::NoReach;
  ReachQuery q;
  q.account = g.account;
  q.service = g.service;
  q.protocol = g.protocol;
  q.port = g.port;
  ReachAnswer a = reach(view, q, s.reach);
  bool holds = g.kind == Goal::Kind::Reach ? a.verdict == Verdict::Yes : a.verdict == Verdict::No;
  if (!holds && why) {
    if (g.kind == Goal::Kind::Reach) why->insert(why->end(), a.causes.begin(), a.causes.end());
    else why->push_back({"PL-CN-04", g.service, {}, g.account + " still reaches " + g.service});
  }
  return holds;
}

std::vector<PlanStep> candidate_steps(const LifecycleState& st, const Goal& g, const std::vector<std::string>& callers_in) {
  const World& w = st.world;
  std::vector<PlanStep> out;
  std::vector<std::string> callers = callers_in;
  for (const auto& s : st.sessions)
    if (std::find(callers.begin(), callers.end(), s) == callers.end()) callers.push_back(s);
  for (const auto& arn : callers) {
    auto p = parse_principal(arn, nullptr);
    if (!p) continue;
    ram_candidates(w, *p, out);
    for (size_t si = 0; si < w.services.size(); ++si) {
      const EndpointService& sv = w.services[si];
      bool relevant = g.kind == Goal::Kind::Deleted ? true : sv.id == g.service;
      if (g.kind == Goal::Kind::Deleted && w.endpoint(g.id) && w.endpoint(g.id)->services != std::vector<size_t>{si}) relevant = false;
      if (g.kind == Goal::Kind::Deleted && w.service(g.id) && sv.id != g.id) relevant = false;
      if (!relevant) continue;
      bool provider = owns_account(*p, w, sv.account);
      const Account* target = g.kind == Goal::Kind::Deleted ? nullptr : w.account(g.account);
      // ---- provider steps ----
      if (provider) {
        if (g.kind == Goal::Kind::Reach) {
          if (target && target->id != w.accounts[sv.account].id &&
              std::find(sv.whitelist.begin(), sv.whitelist.end(), target->id) == sv.whitelist.end())
            out.push_back(make("AddUserToVpcEndpointService", arn, {{"ServiceId", text(sv.id)}, {"UserId", text(target->id)}}));
          if (!sv.auto_accept)
            out.push_back(make("UpdateVpcEndpointServiceAttribute", arn, {{"ServiceId", text(sv.id)}, {"AutoAcceptEnabled", flag(true)}}));
        }
        if (g.kind == Goal::Kind::Deleted && sv.id == g.id) {
          for (const auto& r : sv.resources) {
            const std::string& lb = w.clbs[r.clb].id;
            out.push_back(make("DetachResourceFromVpcEndpointService", arn, {{"ServiceId", text(sv.id)}, {"ResourceId", text(lb)}, {"ResourceType", text("slb")}}));
          }
          out.push_back(make("DeleteVpcEndpointService", arn, {{"ServiceId", text(sv.id)}}));
        }
        for (const auto& e : w.endpoints) {
          if (e.services != std::vector<size_t>{si}) continue;
          if (g.kind != Goal::Kind::Deleted && target && e.account != w.account_index.at(target->id)) continue;
          auto ep_args = [&](std::vector<std::pair<std::string, PlanValue>> more) {
            std::vector<std::pair<std::string, PlanValue>> a = {{"ServiceId", text(sv.id)}, {"EndpointId", text(e.id)}};
            a.insert(a.end(), more.begin(), more.end());
            return a;
          };
          if (g.kind == Goal::Kind::Reach) {
            if (e.connection != ConnectionStatus::Connected) out.push_back(make("EnableVpcEndpointConnection", arn, ep_args({})));
            for (const auto& z : e.zones)
              if (z.status == ZoneStatus::Wait || z.status == ZoneStatus::Disconnected)
                out.push_back(make("EnableVpcEndpointZoneConnection", arn, ep_args({{"ZoneId", text(z.zone)}})));
          } else {
            if (e.connection != ConnectionStatus::Disconnected) out.push_back(make("DisableVpcEndpointConnection", arn, ep_args({})));
            if (g.kind == Goal::Kind::NoReach)
              for (const auto& z : e.zones)
                if (z.status == ZoneStatus::Connected) out.push_back(make("DisableVpcEndpointZoneConnection", arn, ep_args({{"ZoneId", text(z.zone)}})));
          }
          for (const auto& rp : st.replaced)
            if (rp.endpoint == e.id)
              out.push_back(make("DisableVpcEndpointZoneConnection", arn, ep_args({{"ZoneId", text(rp.zone)}, {"ReplacedResource", flag(true)}})));
        }
      }
      // ---- consumer steps ----
      const Account* me = w.account(p->account);
      if (!me) continue;
      size_t mine = w.account_index.at(me->id);
      if (g.kind == Goal::Kind::Reach && me->id == g.account) {
        for (size_t v = 0; v < w.vpcs.size(); ++v) {
          if (w.vpcs[v].account != mine || w.vpcs[v].region != sv.region) continue;
          // Pruning: one endpoint per VPC and service is enough; zones and groups are added to it.
          if (std::any_of(w.endpoints.begin(), w.endpoints.end(),
                          [&](const Endpoint& e) { return e.vpc == v && e.services == std::vector<size_t>{si}; }))
            continue;
          for (size_t vs = 0; vs < w.vswitches.size(); ++vs) {
            if (w.vswitches[vs].vpc != v) continue;
            bool served = std::any_of(sv.resources.begin(), sv.resources.end(), [&](const ServiceResource& r) { return r.zone == w.vswitches[vs].zone; });
            if (!served) continue;
            for (const auto& sg : w.security_groups) {
              if (sg.vpc_id != w.vpcs[v].id) continue;
              out.push_back(make("CreateVpcEndpoint", arn,
                                 {{"VpcId", text(w.vpcs[v].id)}, {"ServiceId", text(sv.id)}, {"SecurityGroupId", list({text(sg.id)})},
                                  {"Zone", list({object({{"ZoneId", text(w.vswitches[vs].zone)}, {"VSwitchId", text(w.vswitches[vs].id)}})})},
                                  {"EndpointId", text("ep-find" + std::to_string(st.created + 1))}}));
            }
          }
        }
      }
      for (const auto& e : w.endpoints) {
        if (e.account != mine || e.services != std::vector<size_t>{si}) continue;
        if (g.kind == Goal::Kind::Deleted && e.id != g.id && sv.id != g.id) continue;
        if (g.kind == Goal::Kind::NoReach && me->id != g.account) continue;
        if (g.kind == Goal::Kind::Reach) {
          int port = goal_port(w, g);
          for (size_t gi : e.security_groups)
            out.push_back(make("AuthorizeSecurityGroup", arn,
                               {{"SecurityGroupId", text(w.security_groups[gi].id)}, {"IpProtocol", text(g.protocol == IpProtocol::Udp ? "UDP" : "TCP")},
                                {"PortRange", text(std::to_string(port) + "/" + std::to_string(port))},
                                {"SourceCidrIp", text(w.vpcs[e.vpc].cidr.to_string())}, {"Policy", text("accept")}, {"Priority", number(1)}}));
          for (const auto& sg : w.security_groups)
            if (sg.vpc_id == w.vpcs[e.vpc].id &&
                std::find(e.security_groups.begin(), e.security_groups.end(), w.sg_index.at(sg.id)) == e.security_groups.end())
              out.push_back(make("AttachSecurityGroupToVpcEndpoint", arn, {{"EndpointId", text(e.id)}, {"SecurityGroupId", text(sg.id)}}));
          for (const auto& vs : w.vswitches)
            if (vs.vpc == e.vpc && std::none_of(e.zones.begin(), e.zones.end(), [&](const EndpointZone& z) { return z.zone == vs.zone; }) &&
                std::any_of(sv.resources.begin(), sv.resources.end(), [&](const ServiceResource& r) { return r.zone == vs.zone; }))
              out.push_back(make("AddZoneToVpcEndpoint", arn, {{"EndpointId", text(e.id)}, {"ZoneId", text(vs.zone)}, {"VSwitchId", text(vs.id)}}));
        } else {
          for (const auto& z : e.zones)
            out.push_back(make("RemoveZoneFromVpcEndpoint", arn, {{"EndpointId", text(e.id)}, {"ZoneId", text(z.zone)}}));
          if (g.kind == Goal::Kind::Deleted || e.zones.empty()) out.push_back(make("DeleteVpcEndpoint", arn, {{"EndpointId", text(e.id)}}));
        }
      }
    }
  }
  return out;
}

FindAnswer find_plan(const World& w, const Goal& g, const std::vector<std::string>& callers, const LifecycleSettings& s,
                     const FindLimits& limits) {
  FindAnswer a;
  LifecycleState root;
  root.world = w;
  std::map<std::pair<std::string, std::string>, Blocker> blockers;  // (rule, op)
  auto goal_blockers = [&](const std::vector<ReachCause>& why) {
    std::set<std::pair<std::string, std::string>> once;
    for (const auto& c : why) {
      if (!once.insert({c.rule, c.message}).second) continue;
      auto& b = blockers[{c.rule, "(goal) " + c.message}];
      if (!b.count) b = {c.rule, "(goal)", c.message, c.object, 0};
      ++b.count;
    }
  };
  std::vector<ReachCause> why;
  if (goal_holds(root, g, s, &why)) {
    a.verdict = Verdict::Yes;
    return a;
  }
  goal_blockers(why);
  // The queue holds paths, not states: a state is rebuilt from the world when its path is expanded,
  // so memory stays proportional to the paths (a state is a copy of the world).
  std::deque<std::vector<PlanStep>> queue;
  queue.push_back({});
  std::unordered_set<std::string> seen{signature(root)};
  bool limited = false;
  while (!queue.empty()) {
    std::vector<PlanStep> path = std::move(queue.front());
    queue.pop_front();
    if (path.size() >= limits.max_steps) continue;
    if (++a.states > limits.max_states) {
      limited = true;
      break;
    }
    LifecycleState st = root;
    for (const auto& step : path) apply_step(st, step, s);
    for (auto& step : candidate_steps(st, g, callers)) {
      StepOutcome judged = judge_step(st, step, s);
      if (!judged.accepted) {
        std::set<std::string> counted;  // a rule counts once per refused step
        for (const auto& f : judged.failed) {
          if (!counted.insert(f.rule).second) continue;
          auto& b = blockers[{f.rule, step.op}];
          if (!b.count) b = {f.rule, step.op, f.message, f.object, 0};
          ++b.count;
        }
        continue;
      }
      LifecycleState next = st;
      apply_step(next, step, s);
      if (!seen.insert(signature(next)).second) continue;
      std::vector<PlanStep> longer = path;
      longer.push_back(step);
      why.clear();
      if (goal_holds(next, g, s, &why)) {
        a.verdict = Verdict::Yes;
        a.plan = std::move(longer);
        return a;
      }
      goal_blockers(why);
      queue.push_back(std::move(longer));
    }
  }
  for (auto& [_, b] : blockers) a.blockers.push_back(b);
  std::sort(a.blockers.begin(), a.blockers.end(), [](const Blocker& x, const Blocker& y) {
    return x.count != y.count ? x.count > y.count : std::tie(x.rule, x.op, x.message) < std::tie(y.rule, y.op, y.message);
  });
  if (a.blockers.size() > 10) a.blockers.resize(10);
  if (limited) {
    a.verdict = Verdict::Unknown;
    a.unknown_reason = "the search visited " + std::to_string(limits.max_states) + " states (--max-states) without finding a plan or exhausting " +
                       std::to_string(limits.max_steps) + " steps";
  } else {
    a.verdict = Verdict::No;
  }
  return a;
}

}  // namespace lp::lifecycle

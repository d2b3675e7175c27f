#include "solver/audit/diff.h"

#include <algorithm>
#include <map>
#include <set>

#include "lang/text.h"
#include "solver/audit/internal.h"

namespace lp::audit {

bool DiffReport::gained() const {
  for (const auto& r : reach)
    if (r.gained) return true;
  for (const auto& a : auth)
    if (a.gained) return true;
  return false;
}

namespace {

using FlowKey = std::tuple<std::string, std::string, int>;  // account, service, protocol
using Flows = std::map<FlowKey, std::map<int, IntervalSet>>;  // -> port -> clients

Flows flows_of(const WhoAnswer& who) {
  Flows out;
  for (const auto& e : who.reach)
    for (const auto& r : e.ports.ranges())
      for (uint64_t p = r.lo; p <= r.hi; ++p) {
        auto& slot = out[{e.account, e.service, static_cast<int>(e.protocol)}][static_cast<int>(p)];
        slot = slot.unite(e.clients);
      }
  return out;
}

// The flows `has` has and `lacks` does not, grouped by identical client sets over ports.
void changes(const Flows& has, const Flows& lacks, bool gained, ReachMode mode, detail::Context& world, DiffReport& out) {
  for (const auto& [key, ports] : has) {
    auto other = lacks.find(key);
    std::map<std::vector<std::pair<uint64_t, uint64_t>>, std::pair<IntervalSet, IntervalSet>> grouped;  // clients -> (ports, clients)
    for (const auto& [port, clients] : ports) {
      IntervalSet diff = clients;
      if (other != lacks.end()) {
        auto it = other->second.find(port);
        if (it != other->second.end()) diff = diff.subtract(it->second);
      }
      if (diff.empty()) continue;
      std::vector<std::pair<uint64_t, uint64_t>> sig;
      for (const auto& r : diff.ranges()) sig.push_back({r.lo, r.hi});
      auto& g = grouped[sig];
      g.first = g.first.unite(IntervalSet::range(static_cast<uint64_t>(port), static_cast<uint64_t>(port)));
      g.second = diff;
    }
    for (const auto& [sig, g] : grouped) {
      ReachChange c;
      c.gained = gained;
      c.account = std::get<0>(key);
      c.service = std::get<1>(key);
      c.protocol = static_cast<IpProtocol>(std::get<2>(key));
      c.mode = mode;
      c.ports = g.first;
      c.clients = g.second;
      Answer a = world.reach_answer(c.account, c.service, mode, c.protocol, static_cast<int>(c.ports.ranges().front().lo),
                                    detail::witness_host(world.w, c.clients));
      c.witness = a.witness;
      out.reach.push_back(std::move(c));
    }
  }
}

std::string finding_key(const Finding& f) {
  return f.diagnostic.code + "|" + f.diagnostic.object + "|" + f.diagnostic.message;
}

std::vector<Finding> only_in(const std::vector<Finding>& a, const std::vector<Finding>& b) {
  std::map<std::string, int> count;
  for (const auto& f : b) ++count[finding_key(f)];
  std::vector<Finding> out;
  for (const auto& f : a)
    if (count[finding_key(f)]-- <= 0) out.push_back(f);
  return out;
}

}  // namespace

DiffReport diff(const World& before, const World& after, const Settings& s) {
  DiffReport out;
  out.before = before.file;
  out.after = after.file;
  detail::Context b(before, s, *out.policy_sets), a(after, s, *out.policy_sets);

  for (ReachMode mode : {ReachMode::Now, ReachMode::Could}) {
    Flows fb = flows_of(b.who_all(mode)), fa = flows_of(a.who_all(mode));
    changes(fa, fb, true, mode, a, out);
    changes(fb, fa, false, mode, b, out);
    for (const auto& u : a.who_all(mode).unknown) {
      bool seen = std::any_of(out.unknown.begin(), out.unknown.end(),
                              [&](const Cause& c) { return c.object == u.object && c.message == u.message; });
      if (!seen) out.unknown.push_back({u.rule, u.object, u.where, u.message, Severity::Warning});
    }
  }

  std::vector<std::string> principals = detail::world_principals(before);
  for (const auto& p : detail::world_principals(after))
    if (std::find(principals.begin(), principals.end(), p) == principals.end()) principals.push_back(p);
  for (const auto& arn : principals) {
    detail::PrincipalPolicies pb = detail::principal_policies(before, arn), pa = detail::principal_policies(after, arn);
    const PolicySet& sb = b.hold(pb.found ? std::move(pb.set) : PolicySet{});
    const PolicySet& sa = a.hold(pa.found ? std::move(pa.set) : PolicySet{});
    if (sb.identity.empty() && sa.identity.empty()) continue;
    CompareResult r = compare_policy_sets(sa, sb, s.reach.policy, s.limits);
    if (r.relation == Relation::Unknown) {
      out.unknown.push_back({"LP-AUD-031", arn, pa.found ? pa.where : pb.where,
                             "whether " + arn + "'s access changed is undecided: " + r.reason, Severity::Warning});
      continue;
    }
    for (const auto& w : r.witnesses) {
      AuthChange c;
      c.gained = w.allowed_by == "A";
      c.principal = arn;
      c.where = c.gained ? pa.where : pb.where;
      c.witness.request = w.request;
      c.witness.statements = w.statements;
      c.witness.summary = (c.gained ? "now allowed: " : "no longer allowed: ") + w.request.action + " on " + w.request.resource;
      out.auth.push_back(std::move(c));
    }
  }

  Report rb = run(before, {}, s), ra = run(after, {}, s);
  out.new_findings = only_in(ra.findings, rb.findings);
  out.fixed_findings = only_in(rb.findings, ra.findings);
  // The findings' witnesses may point into the runs' policy sets: keep them alive.
  out.kept.push_back(rb.policy_sets);
  out.kept.push_back(ra.policy_sets);
  return out;
}

}  // namespace lp::audit

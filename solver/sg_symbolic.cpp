#include "solver/sg_symbolic.h"

#include <z3++.h>

#include <algorithm>

#include "solver/z3_query.h"

namespace lp {

struct SgSymbolic::Impl {
  z3::context ctx;
  z3::expr src = ctx.bv_const("src", 32);
  z3::expr port = ctx.bv_const("port", 16);
  z3::expr accept = ctx.bool_val(false);
  bool ok = true;
  std::string reason;

  z3::expr in_set(const IntervalSet& s) {
    z3::expr any = ctx.bool_val(false);
    for (const auto& r : s.ranges()) {
      z3::expr lo = ctx.bv_val(static_cast<uint64_t>(r.lo), 32), hi = ctx.bv_val(static_cast<uint64_t>(r.hi), 32);
      any = any || (z3::uge(src, lo) && z3::ule(src, hi));
    }
    return any;
  }
};

namespace {

IntervalSet members(const World& w, const std::string& group) {
  IntervalSet out;
  auto add = [&](const Cidr& ip) {
    if (!ip.v6) out = out.unite(IntervalSet::range(ip.v4(), ip.v4()));
  };
  for (const auto& i : w.instances)
    for (size_t g : i.security_groups)
      if (w.security_groups[g].id == group) add(i.ip);
  for (const auto& e : w.endpoints)
    for (size_t g : e.security_groups)
      if (w.security_groups[g].id == group)
        for (const auto& z : e.zones)
          if (z.has_ip) add(z.ip);
  return out;
}

}  // namespace

SgSymbolic::SgSymbolic(const World& w, const std::vector<size_t>& groups, IpProtocol protocol, const SgSettings& s)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  IntervalSet intra;
  for (size_t g : groups) {
    const SecurityGroup& sg = w.security_groups[g];
    if (sg.type == SecurityGroupType::Basic && sg.inner_access == InnerAccessPolicy::Accept) intra = intra.unite(members(w, sg.id));
  }
  std::vector<const SecurityGroupRule*> rules;
  for (size_t g : groups)
    for (const auto& r : w.security_groups[g].rules)
      if (r.direction == Direction::Ingress && (r.protocol == IpProtocol::All || r.protocol == protocol)) rules.push_back(&r);
  std::stable_sort(rules.begin(), rules.end(), [](const SecurityGroupRule* a, const SecurityGroupRule* b) {
    if (a->priority != b->priority) return a->priority < b->priority;
    return a->policy == RulePolicy::Drop && b->policy == RulePolicy::Accept;
  });
  bool ports_matter = protocol == IpProtocol::Tcp || protocol == IpProtocol::Udp;
  // Build the chain from the last rule back: verdict = ite(match_1, policy_1, ite(match_2, ...)).
  z3::expr verdict = s.intra_group == IntraGroupRule::AfterRules ? m.in_set(intra) : m.ctx.bool_val(false);
  for (auto it = rules.rbegin(); it != rules.rend(); ++it) {
    const SecurityGroupRule& r = **it;
    if (r.peer.kind == RulePeer::Kind::PrefixList) {
      m.ok = false;
      m.reason = "rule " + r.id + " names prefix list " + r.peer.prefix_list + ", whose entries are not known";
      continue;
    }
    z3::expr peer = r.peer.kind == RulePeer::Kind::Cidr ? m.in_set(IntervalSet::of_cidr(r.peer.cidr)) : m.in_set(members(w, r.peer.group_id));
    z3::expr match = peer;
    if (ports_matter && !r.ports.all())
      match = match && z3::uge(m.port, m.ctx.bv_val(r.ports.from, 16)) && z3::ule(m.port, m.ctx.bv_val(r.ports.to, 16));
    verdict = z3::ite(match, m.ctx.bool_val(r.policy == RulePolicy::Accept), verdict);
  }
  if (s.intra_group == IntraGroupRule::BeforeRules) verdict = m.in_set(intra) || verdict;
  m.accept = verdict;
}

SgSymbolic::~SgSymbolic() = default;

bool SgSymbolic::ok() const { return impl_->ok; }
const std::string& SgSymbolic::reason() const { return impl_->reason; }

bool SgSymbolic::accepts(uint32_t src, int port) const {
  Impl& m = *impl_;
  z3::expr_vector from(m.ctx), to(m.ctx);
  from.push_back(m.src);
  to.push_back(m.ctx.bv_val(static_cast<uint64_t>(src), 32));
  from.push_back(m.port);
  to.push_back(m.ctx.bv_val(port, 16));
  z3::expr v = m.accept.substitute(from, to).simplify();
  return v.is_true();
}

SgSymbolic::Search SgSymbolic::witness(const IntervalSet& sources, const IntervalSet& ports,
                                      const std::vector<uint32_t>& excluded, const SolverLimits& limits) const {
  Impl& m = *impl_;
  z3::solver solver = z3q::make_solver(m.ctx, limits);
  solver.add(m.accept);
  solver.add(m.in_set(sources));
  z3::expr port_ok = m.ctx.bool_val(false);
  for (const auto& r : ports.ranges())
    port_ok = port_ok || (z3::uge(m.port, m.ctx.bv_val(r.lo, 16)) && z3::ule(m.port, m.ctx.bv_val(r.hi, 16)));
  solver.add(port_ok);
  for (uint32_t x : excluded) solver.add(m.src != m.ctx.bv_val(static_cast<uint64_t>(x), 32));
  Search out;
  z3q::Check r = z3q::check(solver, limits, "sg-witness");
  if (r.unknown()) out.unknown = r.reason;
  if (r.sat()) {
    z3::model model = solver.get_model();
    uint32_t s = static_cast<uint32_t>(model.eval(m.src, true).get_numeral_uint64());
    int port = static_cast<int>(model.eval(m.port, true).get_numeral_uint64());
    out.hit = std::make_pair(s, port);
  }
  return out;
}

}  // namespace lp

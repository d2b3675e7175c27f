#include "solver/reach_sets.h"

#include <algorithm>

namespace lp::reach_sets {

Cidr host(uint32_t ip) {
  Cidr c;
  c.bytes[0] = static_cast<uint8_t>(ip >> 24);
  c.bytes[1] = static_cast<uint8_t>(ip >> 16);
  c.bytes[2] = static_cast<uint8_t>(ip >> 8);
  c.bytes[3] = static_cast<uint8_t>(ip);
  c.prefix = 32;
  return c;
}

bool listener_carries(const Listener& l, IpProtocol p) {
  if (p == IpProtocol::Udp) return l.protocol == ListenerProtocol::Udp;
  return l.protocol != ListenerProtocol::Udp;  // tcp, http and https listeners carry TCP
}

std::vector<const SecurityGroup*> group_ptrs(const World& w, const std::vector<size_t>& idx) {
  std::vector<const SecurityGroup*> out;
  for (size_t i : idx) out.push_back(&w.security_groups[i]);
  return out;
}

std::vector<std::string> group_ids(const World& w, const std::vector<size_t>& idx) {
  std::vector<std::string> out;
  for (size_t i : idx) out.push_back(w.security_groups[i].id);
  return out;
}

Index::Index(const World& world)
    : w(world), instances_of_vpc(world.vpcs.size()), clients_of_vpc(world.vpcs.size()), taken_of_vpc(world.vpcs.size()),
      groups_of_vpc(world.vpcs.size()) {
  std::vector<std::vector<IntervalSet::Range>> blocks(w.vpcs.size()), taken(w.vpcs.size());
  std::vector<IntervalSet::Range> enis;
  for (const auto& vs : w.vswitches) {
    if (vs.vpc == kNone || vs.cidr.v6) continue;
    IntervalSet b = IntervalSet::of_cidr(vs.cidr);
    // The vSwitch's network address is no host address.
    if (!b.empty()) blocks[vs.vpc].push_back({b.ranges().front().lo + 1, b.ranges().front().hi});
  }
  for (const auto& e : w.endpoints)
    for (const auto& z : e.zones)
      if (z.has_ip && !z.ip.v6) {
        enis.push_back({v4(z.ip), v4(z.ip)});
        if (z.vswitch != kNone && w.vswitches[z.vswitch].vpc != kNone) taken[w.vswitches[z.vswitch].vpc].push_back({v4(z.ip), v4(z.ip)});
        auto& g = groups_at[v4(z.ip)];
        for (size_t s : e.security_groups) g.push_back(w.security_groups[s].id);
      }
  IntervalSet eni_set = IntervalSet::of_ranges(enis);
  for (size_t v = 0; v < w.vpcs.size(); ++v)
    clients_of_vpc[v] = IntervalSet::of_ranges(blocks[v]).intersect(IntervalSet::of_cidr(w.vpcs[v].cidr)).subtract(eni_set);
  for (size_t i = 0; i < w.instances.size(); ++i) {
    const Instance& inst = w.instances[i];
    if (inst.ip.v6) continue;
    auto& g = groups_at[v4(inst.ip)];
    for (size_t s : inst.security_groups) {
      g.push_back(w.security_groups[s].id);
      members_of_group[w.security_groups[s].id].push_back(i);
    }
    if (inst.vswitch == kNone || w.vswitches[inst.vswitch].vpc == kNone) continue;
    size_t v = w.vswitches[inst.vswitch].vpc;
    taken[v].push_back({v4(inst.ip), v4(inst.ip)});
    if (clients_of_vpc[v].contains(v4(inst.ip))) instances_of_vpc[v].push_back(i);
  }
  for (size_t v = 0; v < w.vpcs.size(); ++v) taken_of_vpc[v] = IntervalSet::of_ranges(taken[v]);
  for (size_t g = 0; g < w.security_groups.size(); ++g) {
    auto it = w.vpc_index.find(w.security_groups[g].vpc_id);
    if (it != w.vpc_index.end()) groups_of_vpc[it->second].push_back(g);
  }
}

IntervalSet Index::members(const std::string& group) const {
  std::vector<IntervalSet::Range> out;
  if (auto it = members_of_group.find(group); it != members_of_group.end())
    for (size_t i : it->second) out.push_back({v4(w.instances[i].ip), v4(w.instances[i].ip)});
  for (const auto& e : w.endpoints) {
    bool in = false;
    for (size_t s : e.security_groups) in |= w.security_groups[s].id == group;
    if (!in) continue;
    for (const auto& z : e.zones)
      if (z.has_ip && !z.ip.v6) out.push_back({v4(z.ip), v4(z.ip)});
  }
  return IntervalSet::of_ranges(out);
}

std::vector<std::string> Index::groups_of(uint32_t ip) const {
  auto it = groups_at.find(ip);
  return it == groups_at.end() ? std::vector<std::string>{} : it->second;
}

IntervalSet Index::free_in(size_t vs) const {
  const VSwitch& s = w.vswitches[vs];
  if (s.vpc == kNone || s.cidr.v6) return {};
  IntervalSet b = IntervalSet::of_cidr(s.cidr);
  b = b.subtract(IntervalSet::range(b.ranges().front().lo, b.ranges().front().lo));
  return b.intersect(IntervalSet::of_cidr(w.vpcs[s.vpc].cidr)).subtract(taken_of_vpc[s.vpc]);
}

std::string Index::not_a_client(size_t vpc, const Cidr& ip) const {
  const Vpc& v = w.vpcs[vpc];
  if (ip.v6) return "an IPv6 address (clients are IPv4 addresses of the VPC's vSwitches)";
  if (!v.cidr.contains(ip)) return "not in VPC " + v.id + " (" + v.cidr.to_string() + ")";
  if (clients_of_vpc[vpc].contains(v4(ip))) return {};
  for (const auto& e : w.endpoints)
    for (const auto& z : e.zones)
      if (z.has_ip && !z.ip.v6 && v4(z.ip) == v4(ip)) return "the address of ENI " + (z.eni.empty() ? e.id + "/" + z.zone : z.eni) + " of " + e.id;
  for (const auto& vs : w.vswitches)
    if (vs.vpc == vpc && !vs.cidr.v6 && IntervalSet::of_cidr(vs.cidr).ranges().front().lo == v4(ip))
      return "the network address of vSwitch " + vs.id;
  return "in no vSwitch of VPC " + v.id;
}

// The clients of a VPC: the one address asked about (with its instance, if one has it), or every
// client instance of the VPC.
std::vector<std::pair<uint32_t, const Instance*>> vpc_clients(const Index& ix, size_t vpc, const std::optional<Cidr>& from) {
  const World& w = ix.w;
  std::vector<std::pair<uint32_t, const Instance*>> out;
  if (from) {
    const Instance* inst = nullptr;
    for (size_t i : ix.instances_of_vpc[vpc])
      if (v4(w.instances[i].ip) == v4(*from)) inst = &w.instances[i];
    out.push_back({v4(*from), inst});
    return out;
  }
  for (size_t i : ix.instances_of_vpc[vpc]) out.push_back({v4(w.instances[i].ip), &w.instances[i]});
  return out;
}

// The destinations an ENI in `groups` lets out for (protocol, port) when the destination is a new
// endpoint ENI in security group `eni_group`: exactly what evaluate_packet decides for each
// destination address with the ENI's groups {eni_group} (a group-peer rule naming eni_group matches
// every candidate address; intra-group traffic when the ENI shares a basic Accept group).
// `unknown` receives addresses a prefix-list rule, or mixed group types, leave open.
IntervalSet accepted_destinations(const World& w, const std::vector<size_t>& groups, IpProtocol protocol, int port,
                                  size_t eni_group, const SgSettings& s, IntervalSet* unknown) {
  const IntervalSet all = IntervalSet::range(0, 0xFFFFFFFFull);
  IntervalSet undecided = all, accepted;
  bool intra = false, basic = false, enterprise = false;
  for (size_t g : groups) {
    const SecurityGroup& sg = w.security_groups[g];
    (sg.type == SecurityGroupType::Basic ? basic : enterprise) = true;
    if (g == eni_group && sg.type == SecurityGroupType::Basic && sg.inner_access == InnerAccessPolicy::Accept) intra = true;
  }
  if (intra && s.intra_group == IntraGroupRule::BeforeRules) return all;
  std::vector<const SecurityGroupRule*> rules;
  for (size_t g : groups)
    for (const auto& r : w.security_groups[g].rules)
      if (r.direction == Direction::Egress) rules.push_back(&r);
  std::stable_sort(rules.begin(), rules.end(), [](const SecurityGroupRule* a, const SecurityGroupRule* b) {
    if (a->priority != b->priority) return a->priority < b->priority;
    return a->policy == RulePolicy::Drop && b->policy == RulePolicy::Accept;
  });
  bool ports_matter = protocol == IpProtocol::Tcp || protocol == IpProtocol::Udp;
  for (const SecurityGroupRule* r : rules) {
    if (r->protocol != IpProtocol::All && r->protocol != protocol) continue;
    if (ports_matter && !r->ports.contains(port)) continue;
    if (r->peer.kind == RulePeer::Kind::PrefixList) {
      if (unknown) *unknown = unknown->unite(undecided);
      return accepted;
    }
    IntervalSet peer = r->peer.kind == RulePeer::Kind::Cidr ? IntervalSet::of_cidr(r->peer.cidr)
                       : r->peer.group_id == w.security_groups[eni_group].id ? all
                                                                              : IntervalSet{};
    if (r->policy == RulePolicy::Accept) accepted = accepted.unite(undecided.intersect(peer));
    undecided = undecided.subtract(peer);
  }
  if (intra) return accepted.unite(undecided);
  if (basic && enterprise) {
    if (unknown) *unknown = unknown->unite(undecided);
    return accepted;
  }
  return enterprise ? accepted : accepted.unite(undecided);  // §4.1 egress defaults; no group: the basic default
}

IntervalSet accepted_sources_indexed(const Index& ix, const std::vector<size_t>& groups, IpProtocol protocol, int port,
                                     const SgSettings& s, IntervalSet* unknown) {
  const World& w = ix.w;
  IntervalSet undecided = IntervalSet::range(0, 0xFFFFFFFFull), accepted;
  // Intra-group: members of a shared basic group whose policy is Accept (evaluate_packet order).
  IntervalSet intra;
  for (size_t g : groups) {
    const SecurityGroup& sg = w.security_groups[g];
    if (sg.type == SecurityGroupType::Basic && sg.inner_access == InnerAccessPolicy::Accept) intra = intra.unite(ix.members(sg.id));
  }
  if (s.intra_group == IntraGroupRule::BeforeRules) {
    accepted = accepted.unite(intra);
    undecided = undecided.subtract(intra);
  }
  struct Candidate {
    const SecurityGroupRule* rule;
  };
  std::vector<Candidate> rules;
  for (size_t g : groups)
    for (const auto& r : w.security_groups[g].rules)
      if (r.direction == Direction::Ingress) rules.push_back({&r});
  std::stable_sort(rules.begin(), rules.end(), [](const Candidate& a, const Candidate& b) {
    if (a.rule->priority != b.rule->priority) return a.rule->priority < b.rule->priority;
    return a.rule->policy == RulePolicy::Drop && b.rule->policy == RulePolicy::Accept;
  });
  bool ports_matter = protocol == IpProtocol::Tcp || protocol == IpProtocol::Udp;
  for (const auto& c : rules) {
    const SecurityGroupRule& r = *c.rule;
    if (r.protocol != IpProtocol::All && r.protocol != protocol) continue;
    if (ports_matter && !r.ports.contains(port)) continue;
    if (r.peer.kind == RulePeer::Kind::PrefixList) {
      // Every address still undecided may or may not be in the list: unknown from here on.
      if (unknown) *unknown = unknown->unite(undecided);
      undecided = {};
      break;
    }
    IntervalSet peer = r.peer.kind == RulePeer::Kind::Cidr ? IntervalSet::of_cidr(r.peer.cidr) : ix.members(r.peer.group_id);
    IntervalSet hit = undecided.intersect(peer);
    if (r.policy == RulePolicy::Accept) accepted = accepted.unite(hit);
    undecided = undecided.subtract(peer);
  }
  if (s.intra_group == IntraGroupRule::AfterRules) accepted = accepted.unite(undecided.intersect(intra));
  return accepted;  // the rest falls to the ingress default: drop
}

}  // namespace lp::reach_sets

// The address sets reachability is computed over (docs/reach.md): the world's index of addresses,
// groups and client addresses, and the sources and destinations a set of security groups lets
// through, as interval sets. Private to solver/reach*.cpp; solver/reach.h is the entry header.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lang/world.h"
#include "solver/ip_set.h"
#include "solver/sg_eval.h"

namespace lp::reach_sets {

inline uint32_t v4(const Cidr& c) { return c.v4(); }

// The IPv4 host address `ip` as a /32.
Cidr host(uint32_t ip);
inline std::string ip_text(uint32_t ip) { return host(ip).to_string(); }

// tcp, http and https listeners carry TCP; udp listeners UDP.
bool listener_carries(const Listener& l, IpProtocol p);

std::vector<const SecurityGroup*> group_ptrs(const World& w, const std::vector<size_t>& idx);
std::vector<std::string> group_ids(const World& w, const std::vector<size_t>& idx);
inline std::string rule_text(const SgVerdict& v) { return v.unknown ? v.reason : v.explanation; }

// The id a path step names for a verdict: the rule, else the group (intra-group traffic), else the default.
inline std::string decided_by(const SgVerdict& v) { return v.rule ? v.rule->id : v.group ? v.group->id : "default"; }

// Everything the reachability questions need to look up repeatedly, built once per call.
struct Index {
  const World& w;
  std::unordered_map<std::string, std::vector<size_t>> members_of_group;  // group id -> instance indexes
  std::unordered_map<uint32_t, std::vector<std::string>> groups_at;       // address -> group ids
  std::vector<std::vector<size_t>> instances_of_vpc;  // the instances whose address is a client of the VPC
  std::vector<IntervalSet> clients_of_vpc;            // client_addresses per VPC
  std::vector<IntervalSet> taken_of_vpc;              // addresses held by an instance or an endpoint ENI
  std::vector<std::vector<size_t>> groups_of_vpc;     // the security groups in each VPC

  explicit Index(const World& world);

  // The addresses of the ENIs (instances and endpoint zones) in `group`.
  IntervalSet members(const std::string& group) const;
  // The groups of the ENIs holding `ip`, as ids.
  std::vector<std::string> groups_of(uint32_t ip) const;

  // The addresses a new endpoint ENI may take in vSwitch `vs` (CreateVpcEndpoint lets the account
  // choose the ENI's ip, reference.md §3.8): the vSwitch's host addresses inside its VPC that no
  // instance or ENI holds.
  IntervalSet free_in(size_t vs) const;

  // Why `ip` is no client address of VPC `vpc` ("" when it is one).
  std::string not_a_client(size_t vpc, const Cidr& ip) const;
};

// The clients of a VPC: the one address asked about (with its instance, if one has it), or every
// client instance of the VPC.
std::vector<std::pair<uint32_t, const Instance*>> vpc_clients(const Index& ix, size_t vpc, const std::optional<Cidr>& from);

// The destinations an ENI in `groups` lets out for (protocol, port) toward a new endpoint ENI in
// security group `eni_group` (exactly evaluate_packet's verdict per destination); `unknown` receives
// the addresses a prefix-list rule or mixed group types leave open.
IntervalSet accepted_destinations(const World& w, const std::vector<size_t>& groups, IpProtocol protocol, int port,
                                  size_t eni_group, const SgSettings& s, IntervalSet* unknown);

// The sources an ENI in `groups` accepts on ingress for (protocol, port), as evaluate_packet decides
// them (group peers resolved to the members' addresses); `unknown` receives what a prefix list leaves open.
IntervalSet accepted_sources_indexed(const Index& ix, const std::vector<size_t>& groups, IpProtocol protocol, int port,
                                     const SgSettings& s, IntervalSet* unknown);

}  // namespace lp::reach_sets

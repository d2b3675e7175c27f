// Reachability over a world (reference.md §3.12; privatelink-rules.md): can account X reach
// service Y, now or if X acts alone, and through what. `reach` answers one pair with a witness path
// or every blocking cause; `who` computes the whole matrix as sets (port ranges, CIDR blocks).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/policy.h"
#include "lang/settings.h"
#include "lang/world.h"
#include "solver/ip_set.h"
#include "solver/sg_eval.h"
#include "solver/solver_limits.h"
#include "solver/verdict.h"

namespace lp {

enum class ReachMode { Now, Could };

struct ReachSettings {
  PolicySettings policy;
  SgSettings sg;
  WorldSettings world;  // Migrating zones, whitelist wildcards (docs/settings.md)
  const Policy* default_slr_policy = nullptr;  // the bundled AliyunServiceRolePolicyForPrivatelink (PL-RL-01)
  SolverLimits solver;                         // for the Z3 search of an open client address (docs/solver.md)
};

struct ReachQuery {
  std::string account;
  std::string service;
  std::optional<int> port;                // open when absent: any listener port
  IpProtocol protocol = IpProtocol::Tcp;  // tcp | udp
  std::optional<Cidr> from;               // open when absent: any client address of X's VPCs
  ReachMode mode = ReachMode::Now;
};

// One step of a witness path: {"kind": "client", "id": "i-ecs03", "detail": "192.168.1.10 -> 192.168.1.100:80"}.
struct ReachStep {
  std::string kind;
  std::string id;
  std::string detail;
  SourceRef where;
};

struct ReachCause {
  std::string rule;    // PL-... id
  std::string object;  // the object that blocks
  SourceRef where;
  std::string message;
};

struct ReachAnswer {
  Verdict verdict = Verdict::No;
  std::vector<ReachStep> path;     // Yes
  std::vector<ReachCause> causes;  // No (every cause), Unknown (the reasons)
};

ReachAnswer reach(const World& w, const ReachQuery& q, const ReachSettings& s);

// ---- who ----

struct WhoEntry {
  std::string account, service;
  IpProtocol protocol = IpProtocol::Tcp;
  IntervalSet ports;    // port ranges
  IntervalSet clients;  // IPv4 client addresses (CIDR blocks)
};

struct WhoAnswer {
  ReachMode mode = ReachMode::Now;
  std::vector<WhoEntry> reach;
  std::vector<ReachCause> unknown;  // pairs that could not be decided, with the reason
};

// `service` / `account` restrict the matrix (empty = all).
WhoAnswer who(const World& w, const std::string& service, const std::string& account, ReachMode mode,
              const ReachSettings& s);

// The source addresses an ENI in `groups` accepts for (protocol, port) on ingress, as sets: exactly
// what evaluate_packet decides for each address (group peers resolved to the world's member IPs).
// `unknown` receives addresses whose verdict a prefix-list rule leaves open.
IntervalSet accepted_sources(const World& w, const std::vector<size_t>& groups, IpProtocol protocol, int port,
                             const SgSettings& s, IntervalSet* unknown = nullptr);

// The security groups of the world ENI (instance or endpoint zone ENI) holding `ip`, as ids.
std::vector<std::string> groups_of_address(const World& w, uint32_t ip);

// The client addresses of VPC `vpc` (an index; docs/reach.md): the addresses of its vSwitches inside
// the VPC's block, without each vSwitch's network address and without endpoint ENI addresses.
IntervalSet client_addresses(const World& w, size_t vpc);

}  // namespace lp

// Access gained and lost between two worlds (docs/audit.md, "diff"): reach pairs (account,
// service, protocol, ports, client blocks; now and could), per-principal authorization (the
// effective layered policies compared with the Z3 engine, with witness requests), and the audit's
// findings new and fixed.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "solver/audit/audit.h"
#include "solver/ip_set.h"

namespace lp::audit {

struct ReachChange {
  bool gained = true;  // false: lost
  std::string account, service;
  ReachMode mode = ReachMode::Now;
  IpProtocol protocol = IpProtocol::Tcp;
  IntervalSet ports;    // the ports whose client set changed by `clients`
  IntervalSet clients;  // the client addresses gained (or lost) on those ports
  Witness witness;      // a path in the world that has the access
};

struct AuthChange {
  bool gained = true;
  std::string principal;
  SourceRef where;  // the user or role in the world that has the access
  Witness witness;  // a request allowed there and not in the other world, with the statements
};

struct DiffReport {
  std::string before, after;
  std::vector<ReachChange> reach;
  std::vector<AuthChange> auth;
  std::vector<Finding> new_findings, fixed_findings;
  std::vector<Cause> unknown;  // possible changes that could not be decided
  // The policy sets the witnesses' statement references point into, kept alive with the report.
  std::shared_ptr<std::deque<PolicySet>> policy_sets = std::make_shared<std::deque<PolicySet>>();
  std::vector<std::shared_ptr<std::deque<PolicySet>>> kept;

  bool gained() const;
};

DiffReport diff(const World& before, const World& after, const Settings& s);

}  // namespace lp::audit

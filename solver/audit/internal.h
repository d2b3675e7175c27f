// Shared by the audit's parts (audit.cpp, builtin.cpp, assertions.cpp); not a public header.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "solver/audit/audit.h"
#include "solver/request.h"

namespace lp::audit::detail {

// The world with the answers several parts ask for, computed once.
class Context {
 public:
  Context(const World& world, const Settings& settings, std::deque<PolicySet>& held)
      : w(world), s(settings), held_(held) {}

  const World& w;
  const Settings& s;

  // The whole who-matrix of a mode (computed once).
  const WhoAnswer& who_all(ReachMode mode);
  // What reaches one (account, service) pair, and what is undecided for it, from that matrix.
  struct Pair {
    std::vector<const WhoEntry*> reach;
    std::vector<const ReachCause*> unknown;
  };
  Pair pair(const std::string& account, const std::string& service, ReachMode mode);

  // Reach on a (protocol, port, client block) restriction: Yes, No, or Unknown when the sets leave
  // something open. With `search` (one path search over the world), Yes carries a witness path
  // found by `reach` at a concrete port and client the sets give, and No the causes it names.
  Answer reach_answer(const std::string& account, const std::string& service, ReachMode mode,
                      std::optional<IpProtocol> protocol, std::optional<int> port, std::optional<Cidr> from,
                      bool search = true);

  // Whether a built-in finding may still draw a witness path (Settings::witness_paths).
  bool take_witness_budget() {
    if (witnesses_drawn_ >= s.witness_paths) return false;
    ++witnesses_drawn_;
    return true;
  }

  // Keeps a policy set alive as long as the report (answers point into it).
  const PolicySet& hold(PolicySet set) {
    held_.push_back(std::move(set));
    return held_.back();
  }

  std::string owner_of(const EndpointService& sv) const {
    return sv.account == kNone ? std::string() : w.accounts[sv.account].id;
  }

 private:
  struct Matrix {
    WhoAnswer who;
    std::map<std::pair<std::string, std::string>, Pair> pairs;
    std::map<std::string, std::vector<const ReachCause*>> account_unknown;  // causes on an account's instances
  };
  Matrix& matrix(ReachMode mode);
  std::map<ReachMode, Matrix> matrices_;
  std::deque<PolicySet>& held_;
  size_t witnesses_drawn_ = 0;
};

// A principal of the world named by its ARN (acs:ram::ACCOUNT:user/NAME or :role/NAME).
struct PrincipalPolicies {
  std::string arn;
  const Account* account = nullptr;
  PolicySet set;
  std::vector<size_t> identity_ids, control_ids;  // the world policies the set was made of
  SourceRef where;  // the user or role
  bool found = false;
  std::string problem;  // why it is not found
};
PrincipalPolicies principal_policies(const World& w, const std::string& arn);

// Every (user or role) principal of the world with its ARN.
std::vector<std::string> world_principals(const World& w);

// Whether the security groups admit ingress from every address of `block` on some tcp/udp port,
// evaluated with the given groups alone: Yes with the protocol, port and accepting rule as witness.
Answer groups_admit(const World& w, const std::vector<size_t>& groups, const Cidr& block, const SgSettings& s);

std::string ports_text(const IntervalSet& ports);

// A client address of `clients` to show in a witness: an instance of the world when one is in the
// set, else the first host address of the set's first block.
Cidr witness_host(const World& w, const IntervalSet& clients);

// builtin.cpp: the built-in security questions, appended to `report.findings`.
void builtin_findings(Context& ctx, Report& report);

// assertions.cpp: one assertion, evaluated.
AssertionResult evaluate(Context& ctx, const Assertion& a);

}  // namespace lp::audit::detail

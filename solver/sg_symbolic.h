// Security-group ingress as a Z3 formula over bit-vectors (docs/reach.md: symbolic where it pays): the
// source address (32 bits) and destination port (16 bits) are left open, the rules become one
// if-then-else chain in evaluation order (reference.md §4.3). z3++.h stays in the .cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lang/world.h"
#include "solver/ip_set.h"
#include "solver/sg_eval.h"
#include "solver/solver_limits.h"

namespace lp {

class SgSymbolic {
 public:
  // The ingress verdict of an ENI in `groups` for `protocol`; group peers resolved to the world's
  // member addresses. `ok()` is false (with `reason()`) when a rule cannot be encoded exactly
  // (a prefix list: its entries are not in the world).
  SgSymbolic(const World& w, const std::vector<size_t>& groups, IpProtocol protocol, const SgSettings& s = {});
  ~SgSymbolic();
  SgSymbolic(const SgSymbolic&) = delete;
  SgSymbolic& operator=(const SgSymbolic&) = delete;

  bool ok() const;
  const std::string& reason() const;

  // The formula under a concrete packet (for cross-checking the concrete evaluator).
  bool accepts(uint32_t src, int port) const;

  // An accepted source inside `sources` on a port inside `ports`, avoiding `excluded` addresses:
  // `hit` when one exists, neither `hit` nor `unknown` when none does, `unknown` (the reason) when
  // the solver could not tell under `limits`.
  struct Search {
    std::optional<std::pair<uint32_t, int>> hit;
    std::string unknown;
  };
  Search witness(const IntervalSet& sources, const IntervalSet& ports, const std::vector<uint32_t>& excluded,
                 const SolverLimits& limits = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lp

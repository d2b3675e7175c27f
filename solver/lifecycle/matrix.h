// Reachability matrices as sets (the `who` entries of solver/reach.h) and their differences: what a
// step gains and loses, and what is lost in between.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "solver/reach.h"

namespace lp::lifecycle {

using Matrix = std::vector<WhoEntry>;

// `who --mode now` over the world, restricted to `services` (every service when `all`).
Matrix matrix(const World& view, const std::set<std::string>& services, bool all, const ReachSettings& s,
              std::vector<ReachCause>* unknown = nullptr);

// The cells (account, service, protocol, port, client) of `a` that are not in `b`, as entries.
Matrix minus(const Matrix& a, const Matrix& b);
Matrix intersect(const Matrix& a, const Matrix& b);
Matrix unite(const Matrix& a, const Matrix& b);
// The entries of `m` whose service is (or is not) in `services`.
Matrix only(const Matrix& m, const std::set<std::string>& services, bool keep);
bool same(const Matrix& a, const Matrix& b);  // the same cells

}  // namespace lp::lifecycle

// Sets of IPv4 addresses and of ports as sorted disjoint intervals: the arithmetic `who` uses to
// compute reachability as sets (CIDR blocks, port ranges) instead of one query per pair.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lang/policy.h"

namespace lp {

class IntervalSet {
 public:
  struct Range {
    uint64_t lo, hi;  // inclusive
  };
  IntervalSet() = default;
  static IntervalSet range(uint64_t lo, uint64_t hi);
  static IntervalSet of_cidr(const Cidr& c);  // IPv4 only; an IPv6 block gives the empty set
  static IntervalSet of_ranges(std::vector<Range> ranges);  // any order, may overlap

  IntervalSet unite(const IntervalSet& o) const;
  IntervalSet intersect(const IntervalSet& o) const;
  IntervalSet subtract(const IntervalSet& o) const;
  bool contains(uint64_t v) const;
  bool empty() const { return ranges_.empty(); }
  uint64_t size() const;
  bool operator==(const IntervalSet& o) const;
  const std::vector<Range>& ranges() const { return ranges_; }

  // The set as the fewest CIDR blocks ("10.0.0.0/24", ...), for address sets.
  std::vector<std::string> cidrs() const;

 private:
  std::vector<Range> ranges_;  // sorted, disjoint, not adjacent
  void add(uint64_t lo, uint64_t hi);
};

}  // namespace lp

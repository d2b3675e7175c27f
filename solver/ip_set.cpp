#include "solver/ip_set.h"

#include <algorithm>

namespace lp {

void IntervalSet::add(uint64_t lo, uint64_t hi) {
  if (!ranges_.empty() && lo <= ranges_.back().hi + 1) {
    ranges_.back().hi = std::max(ranges_.back().hi, hi);
    return;
  }
  ranges_.push_back({lo, hi});
}

IntervalSet IntervalSet::range(uint64_t lo, uint64_t hi) {
  IntervalSet s;
  if (lo <= hi) s.ranges_.push_back({lo, hi});
  return s;
}

IntervalSet IntervalSet::of_ranges(std::vector<Range> ranges) {
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.lo < b.lo; });
  IntervalSet out;
  for (const auto& r : ranges)
    if (r.lo <= r.hi) out.add(r.lo, r.hi);
  return out;
}

IntervalSet IntervalSet::of_cidr(const Cidr& c) {
  if (c.v6) return {};
  uint64_t size = uint64_t(1) << (32 - c.prefix);
  uint64_t base = c.v4() & ~(size - 1);
  return range(base, base + size - 1);
}

IntervalSet IntervalSet::unite(const IntervalSet& o) const {
  std::vector<Range> all = ranges_;
  all.insert(all.end(), o.ranges_.begin(), o.ranges_.end());
  std::sort(all.begin(), all.end(), [](const Range& a, const Range& b) { return a.lo < b.lo; });
  IntervalSet out;
  for (const auto& r : all) out.add(r.lo, r.hi);
  return out;
}

IntervalSet IntervalSet::intersect(const IntervalSet& o) const {
  IntervalSet out;
  size_t i = 0, j = 0;
  while (i < ranges_.size() && j < o.ranges_.size()) {
    uint64_t lo = std::max(ranges_[i].lo, o.ranges_[j].lo), hi = std::min(ranges_[i].hi, o.ranges_[j].hi);
    if (lo <= hi) out.add(lo, hi);
    (ranges_[i].hi < o.ranges_[j].hi ? i : j)++;
  }
  return out;
}

IntervalSet IntervalSet::subtract(const IntervalSet& o) const {
  IntervalSet out;
  size_t j = 0;
  for (const auto& r : ranges_) {
    uint64_t lo = r.lo;
    bool done = false;
    while (j < o.ranges_.size() && o.ranges_[j].hi < lo) ++j;
    for (size_t k = j; k < o.ranges_.size() && o.ranges_[k].lo <= r.hi; ++k) {
      if (o.ranges_[k].lo > lo) out.add(lo, o.ranges_[k].lo - 1);
      if (o.ranges_[k].hi >= r.hi) {
        done = true;
        break;
      }
      lo = o.ranges_[k].hi + 1;
    }
    if (!done) out.add(lo, r.hi);
  }
  return out;
}

bool IntervalSet::contains(uint64_t v) const {
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), v, [](uint64_t x, const Range& r) { return x < r.lo; });
  return it != ranges_.begin() && std::prev(it)->hi >= v;
}

uint64_t IntervalSet::size() const {
  uint64_t n = 0;
  for (const auto& r : ranges_) n += r.hi - r.lo + 1;
  return n;
}

bool IntervalSet::operator==(const IntervalSet& o) const {
  if (ranges_.size() != o.ranges_.size()) return false;
  for (size_t i = 0; i < ranges_.size(); ++i)
    if (ranges_[i].lo != o.ranges_[i].lo || ranges_[i].hi != o.ranges_[i].hi) return false;
  return true;
}

std::vector<std::string> IntervalSet::cidrs() const {
  std::vector<std::string> out;
  for (const auto& r : ranges_) {
    uint64_t lo = r.lo;
    while (lo <= r.hi) {
      // The largest aligned block starting at lo that fits in the range.
      int bits = 0;
      while (bits < 32 && (lo & ((uint64_t(1) << (bits + 1)) - 1)) == 0 && lo + (uint64_t(1) << (bits + 1)) - 1 <= r.hi) ++bits;
      Cidr c;
      c.bytes[0] = static_cast<uint8_t>(lo >> 24);
      c.bytes[1] = static_cast<uint8_t>(lo >> 16);
      c.bytes[2] = static_cast<uint8_t>(lo >> 8);
      c.bytes[3] = static_cast<uint8_t>(lo);
      c.prefix = 32 - bits;
      std::string s = c.to_string();
      if (c.prefix == 32) s += "/32";
      out.push_back(s);
      lo += uint64_t(1) << bits;
    }
  }
  return out;
}

}  // namespace lp

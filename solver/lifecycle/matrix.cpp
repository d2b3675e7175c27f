#include "solver/lifecycle/matrix.h"

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>

namespace lp::lifecycle {

namespace {

using Key = std::tuple<std::string, std::string, int>;  // account, service, protocol
using Rects = std::vector<std::pair<IntervalSet, IntervalSet>>;  // (ports, clients)

std::map<Key, Rects> by_key(const Matrix& m) {
  std::map<Key, Rects> out;
  for (const auto& e : m) out[{e.account, e.service, static_cast<int>(e.protocol)}].push_back({e.ports, e.clients});
  return out;
}

IntervalSet clients_at(const Rects& r, uint64_t port) {
  IntervalSet out;
  for (const auto& [ports, clients] : r)
    if (ports.contains(port)) out = out.unite(clients);
  return out;
}

// Combines two matrices cell by cell: the port axis is cut at every range end of either side, and
// on each piece the client sets are combined; equal client sets over pieces become one entry.
Matrix combine(const Matrix& a, const Matrix& b, const std::function<IntervalSet(const IntervalSet&, const IntervalSet&)>& op) {
  auto ka = by_key(a), kb = by_key(b);
  std::set<Key> keys;
  for (const auto& [k, _] : ka) keys.insert(k);
  for (const auto& [k, _] : kb) keys.insert(k);
  Matrix out;
  static const Rects none;
  for (const auto& k : keys) {
    const Rects& ra = ka.count(k) ? ka[k] : none;
    const Rects& rb = kb.count(k) ? kb[k] : none;
    std::set<uint64_t> cuts;
    for (const Rects* r : {&ra, &rb})
      for (const auto& [ports, _] : *r)
        for (const auto& range : ports.ranges()) {
          cuts.insert(range.lo);
          cuts.insert(range.hi + 1);
        }
    std::vector<std::pair<IntervalSet, IntervalSet>> groups;  // (ports, clients)
    for (auto it = cuts.begin(); it != cuts.end(); ++it) {
      auto next = std::next(it);
      if (next == cuts.end()) break;
      IntervalSet clients = op(clients_at(ra, *it), clients_at(rb, *it));
      if (clients.empty()) continue;
      IntervalSet piece = IntervalSet::range(*it, *next - 1);
      auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.second == clients; });
      if (g == groups.end()) groups.push_back({piece, clients});
      else g->first = g->first.unite(piece);
    }
    for (auto& [ports, clients] : groups)
      out.push_back({std::get<0>(k), std::get<1>(k), static_cast<IpProtocol>(std::get<2>(k)), ports, clients});
  }
  return out;
}

}  // namespace

Matrix matrix(const World& view, const std::set<std::string>& services, bool all, const ReachSettings& s,
              std::vector<ReachCause>* unknown) {
  Matrix out;
  auto take = [&](WhoAnswer a) {
    out.insert(out.end(), a.reach.begin(), a.reach.end());
    if (unknown) unknown->insert(unknown->end(), a.unknown.begin(), a.unknown.end());
  };
  if (all) {
    take(who(view, "", "", ReachMode::Now, s));
    return out;
  }
  for (const auto& sv : services)
    if (view.service(sv)) take(who(view, sv, "", ReachMode::Now, s));
  return out;
}

Matrix minus(const Matrix& a, const Matrix& b) {
  return combine(a, b, [](const IntervalSet& x, const IntervalSet& y) { return x.subtract(y); });
}
Matrix intersect(const Matrix& a, const Matrix& b) {
  return combine(a, b, [](const IntervalSet& x, const IntervalSet& y) { return x.intersect(y); });
}
Matrix unite(const Matrix& a, const Matrix& b) {
  return combine(a, b, [](const IntervalSet& x, const IntervalSet& y) { return x.unite(y); });
}

Matrix only(const Matrix& m, const std::set<std::string>& services, bool keep) {
  Matrix out;
  for (const auto& e : m)
    if ((services.count(e.service) > 0) == keep) out.push_back(e);
  return out;
}

bool same(const Matrix& a, const Matrix& b) { return minus(a, b).empty() && minus(b, a).empty(); }

}  // namespace lp::lifecycle

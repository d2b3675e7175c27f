// Reachability cross-checks (docs/reach.md):
// - on every corpus world, `reach` and `who` agree on every (account, service, port, client) tried,
//   and what is reachable now is reachable `could`;
// - on random security groups, three independent deciders agree on every packet: the concrete
//   evaluator (solver/sg_eval.cpp), the interval-set computation `who` uses (solver/reach_sets.cpp) and
//   the Z3 bit-vector formula (solver/sg_symbolic.cpp). At least 10,000 packets per run;
//   LINKPROOF_PROPERTY_N sets more, LINKPROOF_PROPERTY_SEED another seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "lang/bundled.h"
#include "lang/policy_parser.h"
#include "lang/world_loader.h"
#include "solver/reach.h"
#include "solver/sg_symbolic.h"

namespace fs = std::filesystem;

namespace lp {
namespace {

std::vector<std::string> corpus_worlds() {
  std::vector<std::string> out;
  for (const char* dir : {"/corpus/world", "/corpus/reach"})
    for (const auto& e : fs::recursive_directory_iterator(std::string(LINKPROOF_ROOT) + dir))
      if (e.path().filename() == "world.json") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

const WhoEntry* find_entry(const WhoAnswer& a, const std::string& x, const std::string& y, IpProtocol p, int port) {
  for (const auto& e : a.reach)
    if (e.account == x && e.service == y && e.protocol == p && e.ports.contains(static_cast<uint64_t>(port))) return &e;
  return nullptr;
}

TEST(ReachProperty, ReachAndWhoAgreeOnEveryCorpusWorld) {
  Diagnostics setup;
  auto dir = policies_dir();
  ASSERT_TRUE(dir);
  auto slr = load_policy_file(*dir + "/AliyunServiceRolePolicyForPrivatelink.json", {}, setup);
  ASSERT_TRUE(slr);
  ReachSettings s;
  s.default_slr_policy = &*slr;
  std::mt19937 rng(11);
  size_t checked = 0, worlds = 0;
  for (const auto& path : corpus_worlds()) {
    Diagnostics d;
    auto w = load_world(path, {}, d);
    if (!w) continue;  // the bad-input scenarios
    ++worlds;
    std::vector<int> ports;
    for (const auto& lb : w->clbs)
      for (const auto& l : lb.listeners) ports.push_back(l.port);
    ports.push_back(9);  // a port no listener has
    for (ReachMode mode : {ReachMode::Now, ReachMode::Could}) {
      WhoAnswer all = who(*w, "", "", mode, s);
      for (const auto& acct : w->accounts) {
        std::vector<Cidr> candidates;
        for (const auto& inst : w->instances)
          if (inst.vswitch != kNone && w->vpcs[w->vswitches[inst.vswitch].vpc].account == w->account_index.at(acct.id))
            candidates.push_back(inst.ip);
        for (const auto& v : w->vpcs) {
          if (v.account != w->account_index.at(acct.id) || v.cidr.v6) continue;
          uint32_t size = uint32_t(1) << (32 - v.cidr.prefix);
          for (int k = 0; k < 2; ++k) {
            Cidr c = v.cidr;
            uint32_t ip = (v.cidr.v4() & ~(size - 1)) + static_cast<uint32_t>(rng() % size);
            for (int b = 0; b < 4; ++b) c.bytes[static_cast<size_t>(b)] = static_cast<uint8_t>(ip >> (24 - 8 * b));
            c.prefix = 32;
            candidates.push_back(c);
          }
        }
        for (const auto& sv : w->services)
          for (IpProtocol p : {IpProtocol::Tcp, IpProtocol::Udp})
            for (int port : ports) {
              ReachQuery q{acct.id, sv.id, port, p, std::nullopt, mode};
              ReachAnswer open = reach(*w, q, s);
              if (mode == ReachMode::Could) {
                // Reachable now implies reachable acting alone: an open `now` never becomes a `could` no.
                ReachQuery nq = q;
                nq.mode = ReachMode::Now;
                if (reach(*w, nq, s).verdict == Verdict::Unknown) {
                  EXPECT_NE(open.verdict, Verdict::No) << path << ": now unknown but could no: " << acct.id << " " << sv.id;
                }
              }
              const WhoEntry* entry = find_entry(all, acct.id, sv.id, p, port);
              if (open.verdict != Verdict::Unknown) {
                EXPECT_EQ(open.verdict == Verdict::Yes, entry != nullptr)
                    << path << ": reach " << acct.id << " " << sv.id << " " << protocol_name(p) << "/" << port
                    << (mode == ReachMode::Now ? " now" : " could") << " with any client";
                ++checked;
              }
              for (const auto& c : candidates) {
                q.from = c;
                ReachAnswer a = reach(*w, q, s);
                if (a.verdict == Verdict::Unknown) continue;
                bool in_who = entry && entry->clients.contains(c.v4());
                EXPECT_EQ(a.verdict == Verdict::Yes, in_who)
                    << path << ": reach " << acct.id << " " << sv.id << " " << protocol_name(p) << "/" << port << " from "
                    << c.to_string() << (mode == ReachMode::Now ? " now" : " could")
                    << (a.causes.empty() ? "" : " (cause: " + a.causes[0].message + ")");
                ++checked;
              }
            }
      }
    }
  }
  EXPECT_GT(worlds, 20u);
  EXPECT_GT(checked, 1000u);
  std::cout << "[property] reach/who agreement: " << checked << " queries over " << worlds << " worlds\n";
}

// Every client `who` lists is a client address of one of the account's VPCs (docs/reach.md,
// Clients): never an endpoint ENI, a vSwitch's network address or an address in no vSwitch.
TEST(ReachProperty, WhoListsOnlyClientAddresses) {
  ReachSettings s;
  Diagnostics setup;
  auto dir = policies_dir();
  auto slr = load_policy_file(*dir + "/AliyunServiceRolePolicyForPrivatelink.json", {}, setup);
  s.default_slr_policy = slr ? &*slr : nullptr;
  size_t rows = 0;
  for (const auto& path : corpus_worlds()) {
    Diagnostics d;
    auto w = load_world(path, {}, d);
    if (!w) continue;
    IntervalSet enis;
    for (const auto& e : w->endpoints)
      for (const auto& z : e.zones)
        if (z.has_ip && !z.ip.v6) enis = enis.unite(IntervalSet::range(z.ip.v4(), z.ip.v4()));
    for (ReachMode mode : {ReachMode::Now, ReachMode::Could})
      for (const auto& row : who(*w, "", "", mode, s).reach) {
        IntervalSet space;
        size_t x = w->account_index.at(row.account);
        for (size_t v = 0; v < w->vpcs.size(); ++v)
          if (w->vpcs[v].account == x) space = space.unite(client_addresses(*w, v));
        EXPECT_TRUE(row.clients.subtract(space).empty()) << path << ": " << row.account << " -> " << row.service;
        EXPECT_TRUE(row.clients.intersect(enis).empty()) << path << ": an ENI listed as a client of " << row.service;
        ++rows;
      }
  }
  EXPECT_GT(rows, 10u);
}

TEST(ReachProperty, NowIsWithinCould) {
  ReachSettings s;
  Diagnostics setup;
  auto dir = policies_dir();
  auto slr = load_policy_file(*dir + "/AliyunServiceRolePolicyForPrivatelink.json", {}, setup);
  s.default_slr_policy = slr ? &*slr : nullptr;
  for (const auto& path : corpus_worlds()) {
    Diagnostics d;
    auto w = load_world(path, {}, d);
    if (!w) continue;
    WhoAnswer now = who(*w, "", "", ReachMode::Now, s), could = who(*w, "", "", ReachMode::Could, s);
    for (const auto& e : now.reach)
      for (const auto& r : e.ports.ranges())
        for (uint64_t port = r.lo; port <= r.hi; ++port) {
          IntervalSet covered;
          for (const auto& c : could.reach)
            if (c.account == e.account && c.service == e.service && c.protocol == e.protocol && c.ports.contains(port))
              covered = covered.unite(c.clients);
          EXPECT_TRUE(e.clients.subtract(covered).empty()) << path << ": " << e.account << " -> " << e.service << " port " << port;
        }
  }
}

// ---- random security groups: three deciders agree ----

struct RandomWorld {
  World w;
  std::vector<size_t> eni_groups;
};

Cidr random_block(std::mt19937& rng) {
  Cidr c;
  int prefix = std::uniform_int_distribution<int>(8, 32)(rng);
  uint32_t ip = 0x0A000000u | (rng() & 0x00FFFFFFu);  // inside 10.0.0.0/8
  if (prefix < 32) ip &= ~((uint32_t(1) << (32 - prefix)) - 1);
  for (int b = 0; b < 4; ++b) c.bytes[static_cast<size_t>(b)] = static_cast<uint8_t>(ip >> (24 - 8 * b));
  c.prefix = prefix;
  return c;
}

RandomWorld random_world(std::mt19937& rng) {
  RandomWorld r;
  World& w = r.w;
  int groups = std::uniform_int_distribution<int>(1, 4)(rng);
  for (int g = 0; g < groups; ++g) {
    SecurityGroup sg;
    sg.id = "sg-" + std::to_string(g);
    sg.type = rng() % 5 == 0 ? SecurityGroupType::Enterprise : SecurityGroupType::Basic;
    sg.inner_access = sg.type == SecurityGroupType::Basic && rng() % 2 ? InnerAccessPolicy::Accept : InnerAccessPolicy::Drop;
    int rules = std::uniform_int_distribution<int>(0, 8)(rng);
    for (int k = 0; k < rules; ++k) {
      SecurityGroupRule rule;
      rule.id = sg.id + "#" + std::to_string(k);
      rule.direction = rng() % 6 == 0 ? Direction::Egress : Direction::Ingress;
      rule.protocol = std::array<IpProtocol, 4>{IpProtocol::Tcp, IpProtocol::Tcp, IpProtocol::Udp, IpProtocol::All}[rng() % 4];
      if (rule.protocol != IpProtocol::All) {
        int from = std::uniform_int_distribution<int>(1, 1000)(rng);
        rule.ports = {from, from + std::uniform_int_distribution<int>(0, 200)(rng)};
      }
      rule.policy = rng() % 3 == 0 ? RulePolicy::Drop : RulePolicy::Accept;
      rule.priority = std::uniform_int_distribution<int>(1, 4)(rng);  // many ties
      if (rng() % 6 == 0 && groups > 1) {
        rule.peer.kind = RulePeer::Kind::Group;
        rule.peer.group_id = "sg-" + std::to_string(rng() % static_cast<unsigned>(groups));
      } else {
        rule.peer.cidr = random_block(rng);
      }
      sg.rules.push_back(rule);
    }
    w.sg_index[sg.id] = w.security_groups.size();
    w.security_groups.push_back(sg);
  }
  // Instances carrying the groups (group peers and intra-group traffic resolve to them).
  for (int i = 0; i < 6; ++i) {
    Instance inst;
    inst.id = "i-" + std::to_string(i);
    inst.ip = random_block(rng);
    inst.ip.prefix = 32;
    inst.security_groups.push_back(rng() % static_cast<unsigned>(groups));
    w.instances.push_back(inst);
  }
  // The ENI: a non-empty set of groups of one type (ECS refuses mixing, reference.md §4.1).
  for (int g = 0; g < groups; ++g)
    if (rng() % 2 || r.eni_groups.empty()) r.eni_groups.push_back(static_cast<size_t>(g));
  auto type = w.security_groups[r.eni_groups[0]].type;
  r.eni_groups.erase(std::remove_if(r.eni_groups.begin(), r.eni_groups.end(),
                                    [&](size_t g) { return w.security_groups[g].type != type; }),
                     r.eni_groups.end());
  return r;
}

TEST(ReachProperty, ConcreteSetsAndZ3AgreeOnRandomPackets) {
  const char* n_env = std::getenv("LINKPROOF_PROPERTY_N");
  const char* seed_env = std::getenv("LINKPROOF_PROPERTY_SEED");
  const size_t packets = n_env ? std::strtoull(n_env, nullptr, 10) : 10000;
  std::mt19937 rng(seed_env ? static_cast<unsigned>(std::strtoul(seed_env, nullptr, 10)) : 20261124u);
  size_t done = 0, accepted = 0;
  for (int pass = 0; pass < 2; ++pass) {
    SgSettings s{pass == 0 ? IntraGroupRule::BeforeRules : IntraGroupRule::AfterRules};
    while (done < (pass + 1) * packets / 2) {
      RandomWorld rw = random_world(rng);
      const World& w = rw.w;
      std::vector<const SecurityGroup*> groups;
      for (size_t g : rw.eni_groups) groups.push_back(&w.security_groups[g]);
      for (IpProtocol p : {IpProtocol::Tcp, IpProtocol::Udp}) {
        SgSymbolic sym(w, rw.eni_groups, p, s);
        ASSERT_TRUE(sym.ok());
        for (int k = 0; k < 50; ++k) {
          Cidr src;
          if (k % 3 == 0) src = w.instances[rng() % w.instances.size()].ip;
          else {
            src = random_block(rng);
            src.prefix = 32;
            uint32_t ip = src.v4() | (rng() & 0xFF);
            for (int b = 0; b < 4; ++b) src.bytes[static_cast<size_t>(b)] = static_cast<uint8_t>(ip >> (24 - 8 * b));
          }
          int port = std::uniform_int_distribution<int>(1, 1250)(rng);
          Packet pk{Direction::Ingress, p, src, *parse_ip("10.255.255.1"), port};
          SgVerdict concrete = evaluate_packet(groups, pk, {groups_of_address(w, src.v4())}, s);
          ASSERT_FALSE(concrete.unknown);
          bool in_set = accepted_sources(w, rw.eni_groups, p, port, s).contains(src.v4());
          bool in_z3 = sym.accepts(src.v4(), port);
          bool c = concrete.policy == RulePolicy::Accept;
          ASSERT_EQ(c, in_set) << "sets disagree: " << protocol_name(p) << "/" << port << " from " << src.to_string() << " ("
                               << concrete.explanation << ")";
          ASSERT_EQ(c, in_z3) << "Z3 disagrees: " << protocol_name(p) << "/" << port << " from " << src.to_string() << " ("
                              << concrete.explanation << ")";
          accepted += c;
          ++done;
        }
      }
    }
  }
  EXPECT_GE(done, packets);
  EXPECT_GT(accepted, packets / 20);  // the generator produces both verdicts
  std::cout << "[property] security groups: " << done << " random packets, " << accepted
            << " accepted; concrete, interval sets and Z3 agree\n";
}

}  // namespace
}  // namespace lp

// Property tests of the transition system on generated worlds and random plans (docs/lifecycle.md
// "Invariants"): (a) the invariants the preconditions protect hold after every accepted step, as
// `check` judges them; (b) the per-step gains and losses computed for the services a step can
// change equal the difference of two full `who` runs; (c) every plan `find` returns replays
// through `plan` with every step accepted. Seed printed on failure; LINKPROOF_PROPERTY_PLANS runs more.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "lang/policy_parser.h"
#include "lang/world_loader.h"
#include "solver/lifecycle/find.h"
#include "solver/lifecycle/plan_run.h"
#include "solver/world_checks.h"

namespace lp::lifecycle {
namespace {

namespace fs = std::filesystem;

// A random world: a provider with one or two services over CLBs in zones H and I, three consumer
// accounts with a VPC each (vSwitches in H and I, groups with random port rules), some endpoints.
std::string generated_world(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* zones[] = {"cn-hangzhou-h", "cn-hangzhou-i"};
  std::string w = R"({"linkproof": 1,
  "policies": [{"id": "p-dev", "document": {"Version": "1", "Statement": [{"Effect": "Allow",
    "Action": ["privatelink:*", "ecs:AuthorizeSecurityGroup"], "Resource": "*"}]}}],
  "accounts": [{"id": "100000000000"}, {"id": "200000000000", "users": [{"name": "dev", "policies": ["p-dev"]}]},
               {"id": "300000000000", "users": [{"name": "dev", "policies": ["p-dev"]}]}, {"id": "400000000000"}],
  "vpcs": [{"id": "vpc-p", "account": "100000000000", "region": "cn-hangzhou", "cidr": "172.16.0.0/16"})";
  for (int a = 2; a <= 4; ++a)
    w += R"(, {"id": "vpc-)" + std::to_string(a) + R"(", "account": ")" + std::to_string(a) + R"(00000000000", "region": "cn-hangzhou", "cidr": "10.)" +
         std::to_string(a) + R"(.0.0/16"})";
  w += R"(], "vswitches": [{"id": "vsw-p", "vpc": "vpc-p", "zone": "cn-hangzhou-h", "cidr": "172.16.1.0/24"})";
  for (int a = 2; a <= 4; ++a)
    for (int z = 0; z < 2; ++z)
      w += R"(, {"id": "vsw-)" + std::to_string(a) + "-" + std::to_string(z) + R"(", "vpc": "vpc-)" + std::to_string(a) + R"(", "zone": ")" +
           zones[z] + R"(", "cidr": "10.)" + std::to_string(a) + "." + std::to_string(z + 1) + R"(.0/24"})";
  w += R"(], "security_groups": [{"id": "sg-p", "vpc": "vpc-p", "rules": ["ingress accept tcp 80 from 0.0.0.0/0"]})";
  int ports[] = {80, 443, 8080};
  for (int a = 2; a <= 4; ++a)
    for (int g = 0; g < 2; ++g) {
      w += R"(, {"id": "sg-)" + std::to_string(a) + "-" + std::to_string(g) + R"(", "vpc": "vpc-)" + std::to_string(a) + R"(", "rules": [)";
      int n = pick(3);
      for (int r = 0; r < n; ++r)
        w += std::string(r ? ", " : "") + "\"ingress " + (pick(4) ? "accept" : "drop") + " tcp " + std::to_string(ports[pick(3)]) + " from 10." +
             std::to_string(a) + "." + std::to_string(pick(2) + 1) + ".0/24 priority " + std::to_string(pick(3) + 1) + "\"";
      w += "]}";
    }
  w += R"(], "instances": [{"id": "i-web", "vswitch": "vsw-p", "ip": "172.16.1.10", "security_groups": ["sg-p"]})";
  for (int a = 2; a <= 4; ++a)
    w += R"(, {"id": "i-)" + std::to_string(a) + R"(", "vswitch": "vsw-)" + std::to_string(a) + R"(-0", "ip": "10.)" + std::to_string(a) +
         R"(.1.10", "security_groups": ["sg-)" + std::to_string(a) + R"(-0"]})";
  w += R"(], "clbs": [)";
  for (int c = 0; c < 4; ++c)
    w += std::string(c ? ", " : "") + R"({"id": "lb-)" + std::to_string(c) + R"(", "account": "100000000000", "region": "cn-hangzhou", "zone": ")" +
         zones[c % 2] + R"(", "vpc": "vpc-p", "listeners": [{"protocol": "tcp", "port": )" + std::to_string(ports[pick(3)]) +
         R"(}], "backends": ["i-web"]})";
  w += R"(], "services": [)";
  int services = 1 + pick(2);
  for (int s = 0; s < services; ++s) {
    w += std::string(s ? ", " : "") + R"({"id": "epsrv-)" + std::to_string(s) + R"(", "account": "100000000000", "region": "cn-hangzhou", "auto_accept": )" +
         (pick(2) ? "true" : "false") + R"(, "whitelist": [)";
    bool first = true;
    for (int a = 2; a <= 4; ++a)
      if (pick(3)) {
        w += std::string(first ? "" : ", ") + "\"" + std::to_string(a) + "00000000000\"";
        first = false;
      }
    w += R"(], "resources": [{"clb": "lb-)" + std::to_string(2 * s) + R"(", "zone": "cn-hangzhou-h"}, {"clb": "lb-)" + std::to_string(2 * s + 1) +
         R"(", "zone": "cn-hangzhou-i"}]})";
  }
  w += R"(], "endpoints": []})";
  return w;
}

// A random step: a candidate of a random goal, sometimes with one argument dropped or replaced by
// a wrong value (so refusals occur too).
PlanStep random_step(const LifecycleState& st, std::mt19937& rng) {
  const World& w = st.world;
  Goal g;
  int kind = static_cast<int>(rng() % 3);
  g.kind = kind == 0 ? Goal::Kind::Reach : kind == 1 ? Goal::Kind::NoReach : Goal::Kind::Deleted;
  g.account = w.accounts[1 + rng() % 3].id;
  g.service = w.services.empty() ? "none" : w.services[rng() % w.services.size()].id;
  g.id = g.service;
  if (g.kind == Goal::Kind::Deleted && !w.endpoints.empty() && rng() % 2) g.id = w.endpoints[rng() % w.endpoints.size()].id;
  std::vector<std::string> callers;
  for (const auto& a : w.accounts) callers.push_back("acs:ram::" + a.id + ":root");
  auto steps = candidate_steps(st, g, callers);
  if (steps.empty()) {
    PlanStep s;
    s.op = "ListVpcEndpointConnections";
    s.caller = callers[0];
    return s;
  }
  PlanStep s = steps[rng() % steps.size()];
  if (rng() % 6 == 0 && !s.args.empty()) s.args.erase(s.args.begin() + static_cast<long>(rng() % s.args.size()));
  return s;
}

struct Fixture {
  std::optional<Policy> slr;
  LifecycleSettings settings;
  Fixture() {
    Diagnostics d;
    slr = load_policy_file(std::string(LINKPROOF_ROOT) + "/policies/AliyunServiceRolePolicyForPrivatelink.json", {}, d, PolicyKind::Identity);
    settings.reach.default_slr_policy = slr ? &*slr : nullptr;
  }
};

const std::set<std::string> kInvariants = {"PL-EP-09", "PL-EP-02", "PL-EP-11", "PL-RS-01", "PL-EP-03", "PL-CN-02",
                                           "PL-EP-04", "PL-CN-01", "PL-EP-05", "PL-EP-06"};

std::multiset<std::string> invariant_findings(const World& w, const Fixture& f) {
  std::multiset<std::string> out;
  Diagnostics findings = check_world(w, f.slr ? &*f.slr : nullptr);
  for (const auto& d : findings.items())
    if (d.severity == Severity::Error && kInvariants.count(d.code)) out.insert(d.code + " " + d.object + ": " + d.message);
  return out;
}

TEST(LifecycleProperty, InvariantsHoldAndDeltasEqualFullRecompute) {
  Fixture f;
  ASSERT_TRUE(f.slr);
  size_t plans = 40;
  if (const char* n = std::getenv("LINKPROOF_PROPERTY_PLANS")) plans = std::strtoul(n, nullptr, 10);
  fs::path dir = fs::temp_directory_path() / ("linkproof-lifecycle-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  size_t accepted_steps = 0, refused_steps = 0;
  for (unsigned seed = 1; seed <= plans; ++seed) {
    std::mt19937 rng(seed);
    fs::path file = dir / ("world-" + std::to_string(seed) + ".json");
    std::ofstream(file) << generated_world(rng);
    Diagnostics d;
    auto world = load_world(file.string(), {}, d);
    ASSERT_TRUE(world) << "seed " << seed << ": " << (d.empty() ? "" : d.items().front().to_string());
    auto before = invariant_findings(*world, f);
    // Build a random plan by walking the state, so most steps are meaningful.
    Plan plan;
    LifecycleState st;
    st.world = *world;
    for (int i = 0; i < 10; ++i) {
      PlanStep s = random_step(st, rng);
      StepOutcome o = apply_step(st, s, f.settings);
      plan.steps.push_back(s);
      if (!o.accepted) {
        ++refused_steps;
        continue;
      }
      ++accepted_steps;
      // (a) no invariant finding the starting world did not already have.
      auto now = invariant_findings(st.world, f);
      for (const auto& finding : now)
        EXPECT_TRUE(before.count(finding)) << "seed " << seed << " step " << i + 1 << " " << s.op << ": " << finding;
    }
    // (b) per-step deltas against full recomputation, through run_plan both ways.
    PlanOptions delta, full;
    delta.keep_going = full.keep_going = true;
    full.full_recompute = true;
    PlanReport a = run_plan(*world, plan, f.settings, delta), b = run_plan(*world, plan, f.settings, full);
    ASSERT_EQ(a.steps.size(), b.steps.size());
    for (size_t i = 0; i < a.steps.size(); ++i) {
      EXPECT_EQ(a.steps[i].outcome.accepted, b.steps[i].outcome.accepted) << "seed " << seed << " step " << i + 1;
      EXPECT_TRUE(same(a.steps[i].gained, b.steps[i].gained)) << "seed " << seed << " step " << i + 1 << " " << plan.steps[i].op << " gained";
      EXPECT_TRUE(same(a.steps[i].lost, b.steps[i].lost)) << "seed " << seed << " step " << i + 1 << " " << plan.steps[i].op << " lost";
      EXPECT_TRUE(same(a.steps[i].transient_loss, b.steps[i].transient_loss)) << "seed " << seed << " step " << i + 1;
    }
    // And the full recomputation against `who` on the final world directly.
    Matrix final_who = matrix(reach_view(b.final_state), {}, true, f.settings.reach);
    Matrix start_who = matrix(*world, {}, true, f.settings.reach);
    Matrix gained, lost;
    for (const auto& s : b.steps) {
      gained = minus(unite(gained, s.gained), s.lost);
      lost = minus(unite(lost, s.lost), s.gained);
    }
    EXPECT_TRUE(same(minus(final_who, start_who), minus(gained, start_who))) << "seed " << seed;
    EXPECT_TRUE(same(minus(start_who, final_who), intersect(lost, start_who))) << "seed " << seed;
  }
  fs::remove_all(dir);
  EXPECT_GT(accepted_steps, plans) << "the random plans should mostly run";
  EXPECT_GT(refused_steps, 0u) << "and sometimes be refused";
}

TEST(LifecycleProperty, FoundPlansReplayThroughPlan) {
  Fixture f;
  fs::path dir = fs::temp_directory_path() / ("linkproof-lifecycle-find-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  size_t found = 0;
  for (unsigned seed = 1; seed <= 15; ++seed) {
    std::mt19937 rng(seed * 7919);
    fs::path file = dir / "world.json";
    std::ofstream(file) << generated_world(rng);
    Diagnostics d;
    auto world = load_world(file.string(), {}, d);
    ASSERT_TRUE(world);
    Goal g;
    g.account = world->accounts[1 + rng() % 3].id;
    g.service = world->services[rng() % world->services.size()].id;
    std::vector<std::string> callers = {"acs:ram::" + g.account + ":root", "acs:ram::100000000000:root"};
    FindLimits limits;
    limits.max_steps = 4;
    FindAnswer a = find_plan(*world, g, callers, f.settings, limits);
    ASSERT_NE(a.verdict, Verdict::Unknown) << "seed " << seed << ": " << a.unknown_reason;
    if (a.verdict != Verdict::Yes) continue;
    ++found;
    Plan plan;
    plan.steps = a.plan;
    PlanReport r = run_plan(*world, plan, f.settings);
    EXPECT_TRUE(r.accepted) << "seed " << seed;
    EXPECT_TRUE(goal_holds(r.final_state, g, f.settings)) << "seed " << seed;
  }
  fs::remove_all(dir);
  EXPECT_GT(found, 0u);
}

// (c) `reach --mode could` (the account's own RAM users and roles, no provider step) says yes
// exactly when `find --goal reach` with those principals finds a plan (RAM: the primary resource,
// as could asks it; the users may open the port on their own group).
TEST(LifecycleProperty, CouldAgreesWithFind) {
  Fixture f;
  LifecycleSettings s = f.settings;
  s.ram_resources = RamResources::Primary;
  fs::path dir = fs::temp_directory_path() / ("linkproof-lifecycle-could-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  size_t yes = 0, pairs = 0;
  for (unsigned seed = 1; seed <= 12; ++seed) {
    std::mt19937 rng(seed * 104729);
    fs::path file = dir / "world.json";
    std::ofstream(file) << generated_world(rng);
    Diagnostics d;
    auto world = load_world(file.string(), {}, d);
    ASSERT_TRUE(world);
    for (const auto& a : world->accounts) {
      std::vector<std::string> callers;
      for (const auto& u : a.users) callers.push_back("acs:ram::" + a.id + ":user/" + u.name);
      for (const auto& r : a.roles) callers.push_back("acs:ram::" + a.id + ":role/" + r.name);
      for (const auto& sv : world->services) {
        if (world->account_index.at(a.id) == sv.account) continue;
        ReachQuery q;
        q.account = a.id;
        q.service = sv.id;
        q.mode = ReachMode::Could;
        Verdict could = reach(*world, q, s.reach).verdict;
        ASSERT_NE(could, Verdict::Unknown);
        Goal g;
        g.account = a.id;
        g.service = sv.id;
        FindLimits limits;
        limits.max_steps = 3;
        FindAnswer found = callers.empty() ? FindAnswer{} : find_plan(*world, g, callers, s, limits);
        if (callers.empty()) found.verdict = goal_holds(LifecycleState{*world, {}, {}, 0}, g, s) ? Verdict::Yes : Verdict::No;
        ++pairs;
        yes += could == Verdict::Yes;
        EXPECT_EQ(could == Verdict::Yes, found.verdict == Verdict::Yes) << "seed " << seed << " " << a.id << " " << sv.id;
      }
    }
  }
  fs::remove_all(dir);
  EXPECT_GT(yes, 0u);
  EXPECT_LT(yes, pairs);
}

}  // namespace
}  // namespace lp::lifecycle

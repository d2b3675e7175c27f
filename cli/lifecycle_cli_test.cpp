// `find -o PLAN` writes a plan that `plan` accepts step by step; `plan --write-world OUT` writes a
// world that `who` reads (docs/lifecycle.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "cli/commands.h"

namespace lp::cli {
namespace {

namespace fs = std::filesystem;

int run_cli(const Argv& args, std::string& out) {
  std::istringstream in;
  std::ostringstream o, e;
  int code = run(args, in, o, e);
  out = o.str() + e.str();
  return code;
}

TEST(LifecycleCli, FoundPlanIsAcceptedByPlan) {
  std::string root = LINKPROOF_ROOT, out;
  fs::path plan = fs::temp_directory_path() / ("linkproof-found-" + std::to_string(::getpid()) + ".json");
  ASSERT_EQ(run_cli({"find", root + "/corpus/lifecycle/accounts/world.json", "--goal", "reach 222222222222 epsrv-p tcp 80", "--caller",
                     "acs:ram::222222222222:user/dev", "-o", plan.string()},
                    out),
            0)
      << out;
  EXPECT_EQ(run_cli({"plan", root + "/corpus/lifecycle/accounts/world.json", plan.string()}, out), 0) << out;
  // The clients are the host addresses of vpc-c2's vSwitches (docs/reach.md, Clients) that sg-c2
  // accepts (10.2.0.0/16): 10.2.1.0/24 without .0 and the new ENI's .1 (the lowest free address
  // after the block's first; i-c2 holds .10 and is a client), and 10.2.2.0/24 without .0.
  EXPECT_NE(out.find("gained: 222222222222 -> epsrv-p tcp ports 80 from 10.2.1.2/31 10.2.1.4/30 10.2.1.8/29 10.2.1.16/28 10.2.1.32/27 "
                     "10.2.1.64/26 10.2.1.128/25 10.2.2.1/32 10.2.2.2/31 10.2.2.4/30 10.2.2.8/29 10.2.2.16/28 10.2.2.32/27 "
                     "10.2.2.64/26 10.2.2.128/25\n"),
            std::string::npos)
      << out;
  fs::remove(plan);
}

TEST(LifecycleCli, WrittenWorldAnswersWho) {
  std::string root = LINKPROOF_ROOT, out;
  fs::path world = fs::temp_directory_path() / ("linkproof-after-" + std::to_string(::getpid()) + ".json");
  ASSERT_EQ(run_cli({"plan", root + "/corpus/lifecycle/guide/world.json", root + "/corpus/lifecycle/guide/smooth.json", "--write-world",
                     world.string()},
                    out),
            0)
      << out;
  ASSERT_EQ(run_cli({"who", world.string()}, out), 0) << out;
  // After the plan zone H is served by CLB2 alone (CLB1 removed), through the ENI the smooth
  // migration created at 192.168.1.1 (the lowest free address; the old ENI's .100 is released by
  // the cleanup): the clients are 192.168.1.0/24 without .0 and .1, i.e. .2-.255 (ECS03 at .10 too).
  EXPECT_NE(out.find("1234567890123456 -> epsrv-guide tcp ports 80 from 192.168.1.2/31 192.168.1.4/30 192.168.1.8/29 192.168.1.16/28 "
                     "192.168.1.32/27 192.168.1.64/26 192.168.1.128/25\n"),
            std::string::npos)
      << out;
  ASSERT_EQ(run_cli({"reach", world.string(), "--account", "1234567890123456", "--service", "epsrv-guide", "--port", "80", "--format", "json"}, out), 0);
  EXPECT_NE(out.find("\"id\": \"lb-clb2\""), std::string::npos) << out;
  EXPECT_EQ(out.find("lb-clb1\""), std::string::npos) << out;
  fs::remove(world);
}

}  // namespace
}  // namespace lp::cli

// Golden SMT-LIB 2 scripts (docs/solver.md, "--dump-smt"): the queries of a few small questions,
// dumped through the CLI, must equal tests/golden/<case>/. They pin the encoding: a change to it
// shows here as a diff to read. After an intended change (or a new Z3), refresh them with
//   LINKPROOF_UPDATE_GOLDEN=1 build/tests/integration_tests --gtest_filter='SmtGolden.*'
// and review the diff before committing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/commands.h"

namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  const char* name;
  std::vector<std::string> args;  // {root} is the repository root
};

const GoldenCase kCases[] = {
    {"compare-added-deny", {"compare", "{root}/corpus/compare/added-deny/a.json", "{root}/corpus/compare/added-deny/b.json"}},
    {"open-deny-covers",
     {"authorize", "--policy", "{root}/corpus/authz-open/deny-covers/policy.json", "--action", "ecs:DeleteInstance",
      "--resource", "acs:ecs:cn-hangzhou:1234567890123456:instance/*", "--open"}},
    {"statements-duplicate", {"ask", "statements", "--policy", "{root}/corpus/validate/duplicate/p.json"}},
    {"reach-open-client",
     {"reach", "{root}/corpus/reach/open-client-limits/world.json", "--account", "1234567890123456", "--service",
      "epsrv-guide", "--port", "80"}},
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

std::map<std::string, std::string> read_dir(const fs::path& dir) {
  std::map<std::string, std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& f : fs::directory_iterator(dir)) {
    if (f.path().extension() != ".smt2") continue;  // queries.log has the timings
    std::ifstream in(f.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    out[f.path().filename().string()] = text.str();
  }
  return out;
}

class SmtGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(SmtGolden, DumpedQueriesMatch) {
  const GoldenCase& c = GetParam();
  const std::string root = LINKPROOF_ROOT;
  fs::path dump = fs::temp_directory_path() / ("linkproof-golden-" + std::string(c.name) + "-" + std::to_string(::getpid()));
  fs::remove_all(dump);
  std::vector<std::string> args;
  for (std::string a : c.args) {
    if (auto at = a.find("{root}"); at != std::string::npos) a.replace(at, 6, root);
    args.push_back(a);
  }
  args.push_back("--dump-smt");
  args.push_back(dump.string());
  std::istringstream in;
  std::ostringstream out, err;
  int code = lp::cli::run(args, in, out, err);
  ASSERT_TRUE(code == 0 || code == 1) << err.str();
  auto got = read_dir(dump);
  fs::remove_all(dump);
  ASSERT_FALSE(got.empty()) << "no query was dumped";
  fs::path golden = fs::path(root) / "tests" / "golden" / c.name;
  if (std::getenv("LINKPROOF_UPDATE_GOLDEN")) {
    fs::remove_all(golden);
    fs::create_directories(golden);
    for (const auto& [name, text] : got) std::ofstream(golden / name, std::ios::binary) << text;
    GTEST_SKIP() << "refreshed " << golden;
  }
  auto want = read_dir(golden);
  ASSERT_FALSE(want.empty()) << golden << " is missing; see the refresh command at the top of this file";
  std::vector<std::string> got_names, want_names;
  for (const auto& [name, text] : got) got_names.push_back(name);
  for (const auto& [name, text] : want) want_names.push_back(name);
  ASSERT_EQ(got_names, want_names) << "the question now asks a different sequence of queries";
  for (const auto& [name, text] : want) EXPECT_EQ(got[name], text) << c.name << "/" << name << " differs";
}

INSTANTIATE_TEST_SUITE_P(Cases, SmtGolden, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<GoldenCase>& p) {
                           std::string n = p.param.name;
                           for (char& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

}  // namespace

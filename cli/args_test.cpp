// The command-line conventions: the Args reader (CLI11 underneath), --help and --version, unknown
// options and commands with the nearest valid name, declared value choices, "-" for standard input.
#include "cli/args.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "cli/commands.h"

namespace lp::cli {
namespace {

struct Ran {
  int exit;
  std::string out, err;
};

Ran run_cli(const Argv& argv, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  int code = run(argv, in, out, err);
  return {code, out.str(), err.str()};
}

std::string read(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

const std::string kRoot = LINKPROOF_ROOT;

TEST(Args, RepeatedOptionsTakeOneValueEachInOrder) {
  Args a({"--policy", "a.json", "b.json", "--policy=c.json", "--open", "-", "--", "--policy"}, {"policy"}, {"open"});
  ASSERT_TRUE(a.ok()) << a.error();
  EXPECT_EQ(a.values("policy"), (std::vector<std::string>{"a.json", "c.json"}));
  EXPECT_EQ(a.value("policy"), "c.json");
  EXPECT_TRUE(a.flag("open"));
  EXPECT_EQ(a.positional(), (std::vector<std::string>{"b.json", "-", "--policy"}));
  EXPECT_FALSE(a.value("missing"));
  EXPECT_TRUE(a.values("missing").empty());
}

TEST(Args, UnknownOptionNamesItselfAndTheNearestOption) {
  Args typo({"--formt", "json"}, {"format", "fail-on"}, {"help"});
  EXPECT_EQ(typo.error(), "unknown option --formt; did you mean --format?");
  Args swapped({"--fial-on=warning"}, {"format", "fail-on"}, {});
  EXPECT_EQ(swapped.error(), "unknown option --fial-on; did you mean --fail-on?");
  Args prefix({"--bandwidth", "api"}, {"bandwidth-rules", "format"}, {});
  EXPECT_EQ(prefix.error(), "unknown option --bandwidth; did you mean --bandwidth-rules?");
  Args far({"--zzzzzz"}, {"format"}, {});
  EXPECT_EQ(far.error(), "unknown option --zzzzzz");
  Args dash({"-x"}, {"format"}, {});
  EXPECT_EQ(dash.error(), "unknown option -x");
}

TEST(Args, MissingValueNamesTheOption) {
  Args a({"file", "--format"}, {"format"}, {});
  EXPECT_EQ(a.error(), "option --format needs a value");
}

TEST(Args, ValueOutsideTheDeclaredChoicesNamesOptionAndValues) {
  Args a({"--fail-on", "sometimes"}, {"fail-on"}, {}, {{"fail-on", {"error", "warning", "info", "never"}}});
  EXPECT_EQ(a.error(), "--fail-on sometimes: expected error, warning, info or never");
  Args two({"--format=xml"}, {"format"}, {}, {{"format", {"text", "json"}}});
  EXPECT_EQ(two.error(), "--format xml: expected text or json");
  Args empty({"--format="}, {"format"}, {}, {{"format", {"text", "json"}}});
  EXPECT_EQ(empty.error(), "option --format needs a value");
  Args blank({"--format", ""}, {"format"}, {}, {{"format", {"text", "json"}}});
  EXPECT_EQ(blank.error(), "--format \"\": expected text or json");
  Args good({"--format", "json"}, {"format"}, {}, {{"format", {"text", "json"}}});
  EXPECT_TRUE(good.ok()) << good.error();
}

TEST(Args, HelpWinsOverEveryOtherMistake) {
  Args a({"--bogus", "--format", "xml", "-h"}, {"format"}, {"help"}, {{"format", {"text", "json"}}});
  EXPECT_TRUE(a.ok()) << a.error();
  EXPECT_TRUE(a.flag("help"));
  Args after_end({"--", "--help"}, {}, {"help"});
  EXPECT_FALSE(after_end.flag("help"));
  EXPECT_EQ(after_end.positional(), std::vector<std::string>{"--help"});
}

TEST(Args, StandardInputIsReadOnce) {
  Args a({"-", "--policy", "-"}, {"policy"}, {});
  EXPECT_EQ(a.error(), "standard input (\"-\") can be read once, but \"-\" is given 2 times");
}

TEST(Args, DeclarationsAreRecordedForTheGenerators) {
  DeclarationRecorder r;
  Args a({}, {"format"}, {"help"}, {{"format", {"text", "json"}}});
  ASSERT_EQ(r.seen.size(), 1u);
  EXPECT_EQ(r.seen[0].with_value, std::set<std::string>{"format"});
  EXPECT_EQ(r.seen[0].choices.at("format"), (std::vector<std::string>{"text", "json"}));
}

TEST(Cli, VersionNamesVersionCommitAndZ3) {
  auto r = run_cli({"--version"});
  EXPECT_EQ(r.exit, kExitOk);
  EXPECT_TRUE(std::regex_match(r.out, std::regex("linkproof [0-9]+\\.[0-9]+\\.[0-9]+\ncommit [^\n]+\nZ3 [0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+\n")))
      << r.out;
}

TEST(Cli, HelpOnEveryCommandExitsZeroToStandardOutput) {
  ASSERT_GE(command_list().size(), 8u);
  for (const auto& c : command_list()) {
    for (const Argv& argv : {Argv{c.name, "--help"}, Argv{c.name, "-h"}, Argv{"help", c.name},
                             Argv{c.name, "--no-such-option", "--help"}}) {
      auto r = run_cli(argv);
      EXPECT_EQ(r.exit, kExitOk) << argv[0] << " " << argv[1] << ": " << r.err;
      EXPECT_NE(r.out.find("usage: linkproof " + c.name), std::string::npos) << c.name << ": " << r.out;
      EXPECT_EQ(r.err, "") << c.name;
    }
  }
  auto top = run_cli({"--help"});
  EXPECT_EQ(top.exit, kExitOk);
  for (const auto& c : command_list()) EXPECT_NE(top.out.find("  " + c.name + " "), std::string::npos) << c.name;
}

TEST(Cli, UnknownCommandOrTopLevelOptionSuggestsTheNearest) {
  auto cmd = run_cli({"valdiate", "x.json"});
  EXPECT_EQ(cmd.exit, kExitBadInput);
  EXPECT_NE(cmd.err.find("unknown command 'valdiate'; did you mean 'validate'?"), std::string::npos) << cmd.err;
  auto opt = run_cli({"--verison"});
  EXPECT_EQ(opt.exit, kExitBadInput);
  EXPECT_NE(opt.err.find("unknown option --verison; did you mean --version?"), std::string::npos) << opt.err;
}

TEST(Cli, UnknownOptionOfACommandSuggestsTheNearest) {
  auto r = run_cli({"check", "w.json", "--regoins", "r.json"});
  EXPECT_EQ(r.exit, kExitBadInput);
  EXPECT_NE(r.err.find("linkproof check: unknown option --regoins; did you mean --regions?"), std::string::npos) << r.err;
}

// A bad value of --fail-on, --bandwidth-rules or --format names the option and what it accepts.
TEST(Cli, BadChoiceValuesNameTheOption) {
  const std::string world = kRoot + "/corpus/world/guide/world.json";
  struct Case {
    Argv argv;
    std::string message;
  } cases[] = {
      {{"check", world, "--fail-on", "sometimes"}, "--fail-on sometimes: expected error, warning, info or never"},
      {{"check", world, "--bandwidth-rules", "2019"}, "--bandwidth-rules 2019: expected guide or api"},
      {{"check", world, "--format", "xml"}, "--format xml: expected text or json"},
      {{"validate", "--bundled", "--format", "yaml"}, "--format yaml: expected text or json"},
      {{"validate", "--bundled", "--fail-on", "all"}, "--fail-on all: expected error, warning, info or never"},
      {{"validate", "--bundled", "--kind", "user"}, "--kind user: expected auto, identity, trust, resource, control or session"},
      {{"packet", "--group", "g.json", "--format", "xml"}, "--format xml: expected text or json"},
  };
  for (const auto& c : cases) {
    auto r = run_cli(c.argv);
    EXPECT_EQ(r.exit, kExitBadInput) << c.message;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST(Cli, DashReadsAPolicyFromStandardInput) {
  const std::string policy = read(kRoot + "/corpus/validate/unknown-action/p.json");
  ASSERT_FALSE(policy.empty());
  auto r = run_cli({"validate", "-"}, policy);
  EXPECT_EQ(r.exit, kExitOk) << r.err;
  EXPECT_NE(r.out.find("-:2:33: warning[LP-VAL-001]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 of 1 policies parsed"), std::string::npos) << r.out;

  auto bad = run_cli({"validate", "-"}, "{\"Statement\": [}");
  EXPECT_EQ(bad.exit, kExitBadInput);
  EXPECT_NE(bad.err.find("-:1:"), std::string::npos) << bad.err;

  auto authorize = run_cli({"authorize", "--policy", "-", "--action", "privatelink:CreateVpcEndpoints", "--resource", "*",
                            "--format", "json"},
                           policy);
  EXPECT_EQ(authorize.exit, kExitOk) << authorize.err;
  EXPECT_NE(authorize.out.find("\"decision\""), std::string::npos) << authorize.out;
}

TEST(Cli, DashReadsAWorldFromStandardInput) {
  const std::string path = kRoot + "/corpus/world/multi-account-whitelist/world.json";
  auto from_file = run_cli({"check", path, "--format", "json"});
  auto from_stdin = run_cli({"check", "-", "--format", "json"}, read(path));
  EXPECT_EQ(from_stdin.exit, from_file.exit) << from_stdin.err;
  EXPECT_NE(from_stdin.out.find("\"world\": \"-\""), std::string::npos) << from_stdin.out;
  EXPECT_NE(from_stdin.out.find("PL-WL-03"), std::string::npos) << from_stdin.out;
}

TEST(Cli, DashReadsASecurityGroupFromStandardInput) {
  const std::string group = read(kRoot + "/corpus/sg/basic-web/sg-web.json");
  ASSERT_FALSE(group.empty());
  auto r = run_cli({"packet", "--group", "-", "--direction", "ingress", "--protocol", "tcp", "--src", "10.9.1.1", "--dst",
                    "10.0.0.100", "--port", "22"},
                   group);
  EXPECT_EQ(r.exit, kExitOk) << r.err;
  EXPECT_EQ(r.out.rfind("drop: ", 0), 0u) << r.out;  // README's example: rule sg-web#2 drops tcp/22
  EXPECT_NE(r.out.find("-:8:3"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace lp::cli

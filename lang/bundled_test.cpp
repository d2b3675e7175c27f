// The bundled data under policies/: where it is found, and that every file in it loads through
// the loaders user input goes through (policy documents through the RAM parser, the action
// catalogue through its loader, the region table through the world loader's).
#include "lang/bundled.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "lang/catalogue.h"
#include "lang/json.h"
#include "lang/policy_parser.h"
#include "lang/world_loader.h"

namespace lp {
namespace {

namespace fs = std::filesystem;

const std::string kRoot = std::string(LINKPROOF_ROOT) + "/policies";

std::string first_error(const Diagnostics& d) { return d.empty() ? "" : d.items()[0].to_string(); }

TEST(Bundled, OverrideWinsAndMustHoldTheCatalogue) {
  EXPECT_EQ(policies_dir(kRoot), kRoot);
  EXPECT_EQ(policies_dir(std::string("/nonexistent/linkproof")), std::nullopt);
}

TEST(Bundled, EnvironmentVariableIsUsed) {
  const char* old = std::getenv("LINKPROOF_POLICIES");
  std::string saved = old ? old : "";
  ::setenv("LINKPROOF_POLICIES", kRoot.c_str(), 1);
  EXPECT_EQ(policies_dir(), kRoot);
  if (old) ::setenv("LINKPROOF_POLICIES", saved.c_str(), 1);
  else ::unsetenv("LINKPROOF_POLICIES");
}

// Installed: <prefix>/bin/linkproof reads <prefix>/share/linkproof; the build tree mirrors that.
TEST(Bundled, PrefixDataIsBesideTheBinarysBinFolder) {
  EXPECT_EQ(prefix_data_dirs("/opt/lp/bin/linkproof"),
            (std::vector<std::string>{"/opt/lp/share/linkproof", "/opt/lp/bin/share/linkproof"}));
}

TEST(Bundled, WithoutEnvironmentTheTestBinaryFindsTheBuildTreesMirror) {
  const char* old = std::getenv("LINKPROOF_POLICIES");
  std::string saved = old ? old : "";
  ::unsetenv("LINKPROOF_POLICIES");
  auto dir = policies_dir();
  if (old) ::setenv("LINKPROOF_POLICIES", saved.c_str(), 1);
  ASSERT_TRUE(dir);
  EXPECT_EQ(fs::path(*dir).filename(), "linkproof");
  EXPECT_EQ(fs::canonical(*dir), fs::canonical(kRoot));
}

TEST(Bundled, FilesAreTheAliyunDocumentsNamedBuiltin) {
  auto files = bundled_policy_files(kRoot);
  std::vector<std::string> names;
  for (const auto& b : files) {
    names.push_back(b.display);
    EXPECT_EQ(b.display.rfind("<builtin>/", 0), 0u) << b.display;
    EXPECT_EQ(b.kind, PolicyKind::Identity);
  }
  const std::vector<std::string> expected = {
      "<builtin>/AliyunServiceRolePolicyForPrivatelink.json",
      "<builtin>/system/AliyunPrivateLinkFullAccess.json",
      "<builtin>/system/AliyunPrivateLinkReadOnlyAccess.json",
      "<builtin>/system/AliyunPrivatelinkEndpointFullAccess.json",
      "<builtin>/system/AliyunPrivatelinkEndpointReadOnlyAccess.json",
      "<builtin>/system/AliyunPrivatelinkEndpointServiceFullAccess.json",
      "<builtin>/system/AliyunPrivatelinkEndpointServiceReadOnlyAccess.json",
  };
  EXPECT_EQ(names, expected);
}

// PL-RL-01: the service-linked role's policy, statement by statement.
TEST(Bundled, ServiceRolePolicyIsThePlRl01Text) {
  auto files = bundled_policy_files(kRoot);
  ASSERT_FALSE(files.empty());
  Diagnostics d;
  auto p = load_bundled_policy(files[0], {}, d);
  ASSERT_TRUE(p) << first_error(d);
  EXPECT_EQ(p->name, "AliyunServiceRolePolicyForPrivatelink");
  EXPECT_EQ(p->file, "<builtin>/AliyunServiceRolePolicyForPrivatelink.json");
  ASSERT_EQ(p->statements.size(), 3u);
  auto actions = [&](size_t i) {
    std::vector<std::string> out;
    for (const auto& it : p->statements[i].action.items) out.push_back(it.text);
    return out;
  };
  EXPECT_EQ(actions(0), std::vector<std::string>{"vpc:DescribeVSwitchAttributes"});
  EXPECT_EQ(actions(1), (std::vector<std::string>{"ecs:CreateNetworkInterface", "ecs:DeleteNetworkInterface",
                                                  "ecs:DescribeNetworkInterfaces",
                                                  "ecs:CreateNetworkInterfacePermission",
                                                  "ecs:DescribeNetworkInterfacePermissions",
                                                  "ecs:DeleteNetworkInterfacePermission"}));
  EXPECT_EQ(actions(2), std::vector<std::string>{"ram:DeleteServiceLinkedRole"});
  for (const auto& st : p->statements) {
    EXPECT_EQ(st.effect, Effect::Allow);
    ASSERT_EQ(st.resource.items.size(), 1u);
    EXPECT_EQ(st.resource.items[0].text, "*");
  }
  EXPECT_TRUE(p->statements[0].conditions.empty());
  EXPECT_TRUE(p->statements[1].conditions.empty());
  ASSERT_EQ(p->statements[2].conditions.size(), 1u);
  const Condition& c = p->statements[2].conditions[0];
  EXPECT_EQ(c.op.kind, OperatorKind::StringEquals);
  EXPECT_EQ(c.key, "ram:ServiceName");
  ASSERT_EQ(c.values.size(), 1u);
  EXPECT_EQ(c.values[0].text, "privatelink.aliyuncs.com");
  EXPECT_EQ(c.where.file, "<builtin>/AliyunServiceRolePolicyForPrivatelink.json");
}

// Every file under policies/ loads through a loader; none is left unread.
TEST(Bundled, EveryFileUnderPoliciesLoads) {
  std::set<std::string> policy_paths;
  for (const auto& b : bundled_policy_files(kRoot)) {
    Diagnostics d;
    EXPECT_TRUE(load_bundled_policy(b, {}, d)) << first_error(d);
    EXPECT_TRUE(d.empty()) << first_error(d);
    policy_paths.insert(fs::canonical(b.path).string());
  }
  Diagnostics cd;
  EXPECT_TRUE(load_catalogue(kRoot, cd)) << first_error(cd);
  size_t checked = 0;
  for (const auto& e : fs::recursive_directory_iterator(kRoot)) {
    if (!e.is_regular_file()) continue;
    const fs::path& f = e.path();
    if (f.extension() == ".md") continue;  // documentation
    ASSERT_EQ(f.extension(), ".json") << f << ": policies/ holds JSON data and Markdown notes only";
    ++checked;
    if (policy_paths.count(fs::canonical(f).string())) continue;
    Diagnostics d;
    if (f.parent_path().filename() == "actions") {
      Catalogue cat;
      std::string text;
      ASSERT_TRUE(read_file(f.string(), text, d));
      EXPECT_TRUE(load_catalogue_text(text, f.string(), cat, d)) << first_error(d);
      EXPECT_FALSE(cat.actions().empty()) << f;
    } else {
      ASSERT_EQ(f.filename(), "regions.json") << f << ": a file no loader reads";
      auto table = load_region_table(f.string(), d);
      ASSERT_TRUE(table) << first_error(d);
      EXPECT_FALSE(table->regions.empty());
    }
  }
  EXPECT_GE(checked, 7u + 6u);
}

}  // namespace
}  // namespace lp

// docs/settings.md and the binary agree: every RAM setting flag the page names exists, and every
// value it lists for one is accepted.
#include "cli/policy_options.h"

#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <sstream>

namespace lp::cli {
namespace {

// The cells of the rows of the "RAM policies" table.
std::vector<std::vector<std::string>> ram_settings_rows() {
  std::ifstream in(std::string(LINKPROOF_ROOT) + "/docs/settings.md");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool in_section = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) in_section = line.find("RAM policies") != std::string::npos;
    if (!in_section || line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream row(line.substr(1));
    std::string cell;
    while (std::getline(row, cell, '|')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

std::vector<std::string> backticked(const std::string& cell) {
  std::vector<std::string> out;
  static const std::regex code("`([^`]+)`");
  for (auto it = std::sregex_iterator(cell.begin(), cell.end(), code); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

TEST(PolicyOptions, SettingsPageNamesRealFlagsAndValues) {
  auto rows = ram_settings_rows();
  ASSERT_GE(rows.size(), 8u) << "docs/settings.md: RAM policies table not found";
  const auto values = with_policy_value_options({});
  const auto flags = with_policy_flag_options({});
  size_t named = 0;
  for (const auto& cells : rows) {
    ASSERT_GE(cells.size(), 4u);
    for (const auto& flag : backticked(cells[1])) {
      ASSERT_EQ(flag.rfind("--", 0), 0u) << flag;
      const std::string name = flag.substr(2);
      ++named;
      if (flags.count(name)) {
        Args args({flag}, values, flags);
        std::ostringstream err;
        PolicySettings s;
        EXPECT_TRUE(args.ok() && read_policy_settings(args, s, err)) << flag << ": " << err.str();
        continue;
      }
      ASSERT_TRUE(values.count(name)) << "docs/settings.md names " << flag << ", which no command accepts";
      auto listed = backticked(cells[2] + cells[3]);
      if (listed.empty()) listed.push_back("1");  // a number
      for (const auto& v : listed) {
        Args args({flag, v}, values, flags);
        std::ostringstream err;
        PolicySettings s;
        EXPECT_TRUE(args.ok() && read_policy_settings(args, s, err)) << flag << " " << v << ": " << err.str();
      }
    }
  }
  EXPECT_GE(named, 7u);
}

}  // namespace
}  // namespace lp::cli

// The one parameterised test over corpus/: every corpus/**/case.json is a scenario whose queries
// run in-process through the same dispatcher as the linkproof binary (corpus/README.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kRoot = LINKPROOF_ROOT;
const std::string kShared = LINKPROOF_SHARED;

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(kRoot + "/corpus"))
    if (e.is_regular_file() && e.path().filename() == "case.json") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string substitute(std::string s, const std::string& dir) {
  for (auto [key, value] : {std::pair<std::string, std::string>{"{dir}", dir}, {"{root}", kRoot}, {"{shared}", kShared}}) {
    for (size_t at; (at = s.find(key)) != std::string::npos;) s.replace(at, key.size(), value);
  }
  return s;
}

// Placeholders apply inside expected values too (file names in answers).
json substitute_all(const json& j, const std::string& dir) {
  if (j.is_string()) return substitute(j.get<std::string>(), dir);
  if (!j.is_structured()) return j;
  json out = j;
  for (auto it = out.begin(); it != out.end(); ++it) *it = substitute_all(*it, dir);
  return out;
}

// `expected` is a subset of `actual`: objects by key, arrays item by item with equal length.
bool subset(const json& expected, const json& actual, const std::string& path, std::string& why) {
  if (expected.is_object()) {
    if (!actual.is_object()) {
      why = path + ": expected an object, got " + actual.dump();
      return false;
    }
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      if (!actual.contains(it.key())) {
        why = path + "/" + it.key() + ": missing";
        return false;
      }
      if (!subset(it.value(), actual.at(it.key()), path + "/" + it.key(), why)) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      why = path + ": expected " + std::to_string(expected.size()) + " items, got " + actual.dump();
      return false;
    }
    for (size_t i = 0; i < expected.size(); ++i)
      if (!subset(expected[i], actual[i], path + "/" + std::to_string(i), why)) return false;
    return true;
  }
  if (expected != actual) {
    why = path + ": expected " + expected.dump() + ", got " + actual.dump();
    return false;
  }
  return true;
}

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, Scenario) {
  const std::string file = GetParam();
  const std::string dir = fs::path(file).parent_path().string();
  std::ifstream in(file);
  json c = json::parse(in, nullptr, false);
  ASSERT_FALSE(c.is_discarded()) << file << ": not valid JSON";
  ASSERT_TRUE(c.contains("reason") && c["reason"].is_string()) << file << ": every case says why (\"reason\")";
  ASSERT_TRUE(c.contains("queries") && c["queries"].is_array() && !c["queries"].empty()) << file;
  size_t qi = 0;
  for (const auto& q : c["queries"]) {
    lp::cli::Argv args;
    for (const auto& a : q.at("args")) args.push_back(substitute(a.get<std::string>(), dir));
    std::string stdin_text = q.contains("stdin") ? substitute(q["stdin"].get<std::string>(), dir) : "";
    std::istringstream sin(stdin_text);
    std::ostringstream sout, serr;
    int code = lp::cli::run(args, sin, sout, serr);
    std::string shown;
    for (const auto& a : args) shown += " " + a;
    std::string context = file + " query " + std::to_string(qi) + ":" + shown + "\n--- stdout:\n" + sout.str() +
                          "--- stderr:\n" + serr.str() + (q.contains("why") ? "--- why: " + q["why"].get<std::string>() : "");
    EXPECT_EQ(code, q.value("exit", 0)) << context;
    if (q.contains("expect")) {
      json actual = json::parse(sout.str(), nullptr, false);
      std::string why;
      EXPECT_FALSE(actual.is_discarded()) << "stdout is not JSON\n" << context;
      if (!actual.is_discarded()) {
        EXPECT_TRUE(subset(substitute_all(q["expect"], dir), actual, "", why)) << why << "\n" << context;
      }
    }
    if (q.contains("expect_lines")) {
      std::istringstream lines(sout.str());
      std::string line;
      size_t li = 0;
      const json expected = substitute_all(q["expect_lines"], dir);
      while (std::getline(lines, line)) {
        if (line.empty()) continue;
        ASSERT_LT(li, expected.size()) << "more output lines than expected\n" << context;
        json actual = json::parse(line, nullptr, false);
        std::string why;
        EXPECT_TRUE(!actual.is_discarded() && subset(expected[li], actual, "line " + std::to_string(li + 1), why))
            << why << "\n" << context;
        ++li;
      }
      EXPECT_EQ(li, expected.size()) << "fewer output lines than expected\n" << context;
    }
    if (q.contains("stdout_contains")) {
      for (const auto& s : q["stdout_contains"]) {
        EXPECT_NE(sout.str().find(substitute(s.get<std::string>(), dir)), std::string::npos)
            << "stdout lacks: " << s << "\n" << context;
      }
    }
    if (q.contains("stderr_contains")) {
      for (const auto& s : q["stderr_contains"]) {
        EXPECT_NE(serr.str().find(substitute(s.get<std::string>(), dir)), std::string::npos)
            << "stderr lacks: " << s << "\n" << context;
      }
    }
    ++qi;
  }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string rel = fs::relative(fs::path(info.param).parent_path(), kRoot + "/corpus").string();
  for (auto& ch : rel)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return rel;
}

INSTANTIATE_TEST_SUITE_P(All, Corpus, ::testing::ValuesIn(case_files()), test_name);

}  // namespace

// The audit's report formats on the organisation corpus world (corpus/audit/org): SARIF 2.1.0
// validated against the official schema (tests/schemas/) and checked for what GitHub code
// scanning needs; the JSON report validated against docs/audit.schema.json; the HTML report
// self-contained; Markdown with its tables.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/commands.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kRoot = LINKPROOF_ROOT;
const std::string kOrg = kRoot + "/corpus/audit/org";

struct AuditRun {
  int exit = 0;
  std::string out, err;
};

AuditRun audit(std::vector<std::string> extra) {
  std::vector<std::string> argv = {"audit", kOrg + "/world.json", "--spec", kOrg + "/org.audit"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  std::istringstream in;
  std::ostringstream out, err;
  AuditRun r;
  r.exit = lp::cli::run(argv, in, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

bool have_jsonschema() { return std::system(LINKPROOF_PYTHON " -c 'import jsonschema' >/dev/null 2>&1") == 0; }

// Validates `document` against `schema` with Python's jsonschema; returns the validator's output
// (empty when valid).
std::string validate(const std::string& document, const std::string& schema, const char* validator) {
  fs::path dir = fs::temp_directory_path() / ("linkproof-audit-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path doc = dir / "doc.json", report = dir / "errors.txt";
  std::ofstream(doc) << document;
  std::string cmd = LINKPROOF_PYTHON " -c \"import json,sys,jsonschema; s=json.load(open(sys.argv[1])); d=json.load(open(sys.argv[2])); "
                    "errs=[e.message+' at '+'/'.join(map(str,e.absolute_path)) for e in jsonschema." +
                    std::string(validator) +
                    "(s).iter_errors(d)]; print('\\n'.join(errs[:20])); sys.exit(1 if errs else 0)\" '" + schema + "' '" +
                    doc.string() + "' > '" + report.string() + "' 2>&1";
  int rc = std::system(cmd.c_str());
  std::ifstream in(report);
  std::stringstream ss;
  ss << in.rdbuf();
  fs::remove_all(dir);
  return rc == 0 ? std::string() : "validator exit " + std::to_string(rc) + ": " + ss.str();
}

TEST(AuditSarif, ValidAgainstTheOfficialSchema) {
  if (!have_jsonschema()) GTEST_SKIP() << "python3 jsonschema is not installed";
  AuditRun r = audit({"--format", "sarif", "--sarif-root", kRoot});
  ASSERT_EQ(r.exit, 1) << r.err;
  EXPECT_EQ(validate(r.out, kRoot + "/tests/schemas/sarif-schema-2.1.0.json", "Draft4Validator"), "");
}

TEST(AuditSarif, WhatCodeScanningNeeds) {
  AuditRun r = audit({"--format", "sarif", "--sarif-root", kRoot});
  json s = json::parse(r.out);
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_TRUE(s.contains("$schema"));
  ASSERT_EQ(s["runs"].size(), 1u);
  const json& run = s["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "linkproof");
  std::set<std::string> rule_ids;
  for (const auto& rule : run["tool"]["driver"]["rules"]) {
    rule_ids.insert(rule["id"].get<std::string>());
    for (const char* field : {"shortDescription", "fullDescription", "help"})
      EXPECT_FALSE(rule[field]["text"].get<std::string>().empty()) << rule["id"] << " " << field;
    EXPECT_TRUE(rule.contains("helpUri"));
  }
  // 12 findings (with PL-WL-01 on the "*" whitelist entry of epsrv-3) and the 10 violated
  // assertions (holding assertions are not results).
  ASSERT_EQ(run["results"].size(), 22u);
  std::set<std::string> fingerprints;
  for (const auto& res : run["results"]) {
    std::string id = res["ruleId"];
    EXPECT_TRUE(rule_ids.count(id)) << id;
    EXPECT_EQ(run["tool"]["driver"]["rules"][res["ruleIndex"].get<size_t>()]["id"], id);
    EXPECT_FALSE(res["message"]["text"].get<std::string>().empty());
    ASSERT_GE(res["locations"].size(), 1u);
    const json& pl = res["locations"][0]["physicalLocation"];
    std::string uri = pl["artifactLocation"]["uri"];
    EXPECT_EQ(uri.rfind("corpus/audit/org/", 0), 0u) << uri;  // relative to the repository root
    EXPECT_EQ(pl["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    EXPECT_GE(pl["region"]["startLine"].get<int>(), 1);
    EXPECT_GE(pl["region"]["startColumn"].get<int>(), 1);
    fingerprints.insert(res["partialFingerprints"]["primaryLocationLineHash"].get<std::string>());
  }
  EXPECT_EQ(fingerprints.size(), run["results"].size());  // one per result

  // Levels from severities; results on the lines that cause them.
  bool saw_star = false, saw_assertion = false;
  for (const auto& res : run["results"]) {
    const json& pl = res["locations"][0]["physicalLocation"];
    if (res["ruleId"] == "LP-AUD-011") {
      saw_star = true;
      EXPECT_EQ(res["level"], "error");
      EXPECT_EQ(pl["artifactLocation"]["uri"], "corpus/audit/org/world.json");
      EXPECT_EQ(pl["region"]["startLine"], 49);
    }
    if (res["ruleId"] == "LP-AUD-101" && pl["region"]["startLine"] == 4) {
      saw_assertion = true;
      EXPECT_EQ(res["level"], "error");
      EXPECT_EQ(pl["artifactLocation"]["uri"], "corpus/audit/org/org.audit");
    }
    if (res["ruleId"] == "LP-VAL-011") {
      EXPECT_EQ(res["level"], "note");
      EXPECT_EQ(pl["artifactLocation"]["uri"], "corpus/audit/org/policies/admin.json");
      EXPECT_EQ(pl["region"]["startLine"], 4);
    }
  }
  EXPECT_TRUE(saw_star);
  EXPECT_TRUE(saw_assertion);
}

TEST(AuditSarif, FingerprintsAreStable) {
  AuditRun a = audit({"--format", "sarif", "--sarif-root", kRoot});
  AuditRun b = audit({"--format", "sarif", "--sarif-root", kRoot});
  EXPECT_EQ(a.out, b.out);
}

TEST(AuditJson, ValidAgainstItsSchema) {
  if (!have_jsonschema()) GTEST_SKIP() << "python3 jsonschema is not installed";
  AuditRun r = audit({"--format", "json"});
  ASSERT_EQ(r.exit, 1) << r.err;
  EXPECT_EQ(validate(r.out, kRoot + "/docs/audit.schema.json", "Draft7Validator"), "");
  // The undecided corpus world exercises unknown answers and their reasons.
  std::istringstream in;
  std::ostringstream out, err;
  int code = lp::cli::run({"audit", kRoot + "/corpus/audit/undecided/world.json", "--spec",
                           kRoot + "/corpus/audit/undecided/spec.audit", "--format", "json"},
                          in, out, err);
  EXPECT_EQ(code, 3);
  EXPECT_EQ(validate(out.str(), kRoot + "/docs/audit.schema.json", "Draft7Validator"), "");
}

TEST(AuditJson, SchemaRejectsARoundedUnknown) {
  if (!have_jsonschema()) GTEST_SKIP() << "python3 jsonschema is not installed";
  json j = json::parse(audit({"--format", "json"}).out);
  j["assertions"][0]["answer"]["verdict"] = "unknown";  // an unknown without its reason
  EXPECT_NE(validate(j.dump(), kRoot + "/docs/audit.schema.json", "Draft7Validator"), "");
}

TEST(AuditHtml, SelfContained) {
  AuditRun r = audit({"--format", "html"});
  ASSERT_EQ(r.exit, 1);
  const std::string& h = r.out;
  EXPECT_EQ(h.rfind("<!DOCTYPE html>", 0), 0u);
  // No fetch of any kind: no external scripts, styles, images, fonts or links.
  for (const char* banned : {"<link", "src=", "href=", "@import", "url(", "http://", "https://"})
    EXPECT_EQ(h.find(banned), std::string::npos) << banned;
  EXPECT_NE(h.find("default-src 'none'"), std::string::npos);
  // The matrix (3 accounts x 3 services), the filter, a witness diagram, the assertions.
  size_t cells = 0;
  for (size_t at = 0; (at = h.find("<td class=\"cell\"", at)) != std::string::npos; ++at) ++cells;
  EXPECT_EQ(cells, 9u);
  EXPECT_NE(h.find("class=\"filter\""), std::string::npos);
  EXPECT_NE(h.find("class=\"path\""), std::string::npos);
  EXPECT_NE(h.find("<b>endpoint-ingress</b>sg-c3#1"), std::string::npos);
  EXPECT_NE(h.find("only org can reach epsrv-1"), std::string::npos);
}

TEST(AuditMarkdown, Tables) {
  AuditRun r = audit({"--format", "md"});
  EXPECT_NE(r.out.find("| findings | 1 | 5 | 6 | 0 |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| 21 | 11 | 10 | 0 |"), std::string::npos);
  EXPECT_NE(r.out.find("| 333333333333 | yes / yes | no / no | no / no |"), std::string::npos);
  EXPECT_NE(r.out.find("❌ violated | LP-AUD-101 | `only org can reach epsrv-1`"), std::string::npos);
}

TEST(AuditOutput, OutDirWritesEveryFormat) {
  fs::path dir = fs::temp_directory_path() / ("linkproof-audit-out-" + std::to_string(::getpid()));
  AuditRun r = audit({"--out-dir", dir.string(), "--quiet"});
  EXPECT_EQ(r.exit, 1);
  for (const char* name : {"audit.txt", "audit.json", "audit.md", "audit.html", "audit.sarif"})
    EXPECT_GT(fs::file_size(dir / name), 100u) << name;
  EXPECT_NE(r.out.find("assertions: 11 hold, 10 violated, 0 unknown"), std::string::npos);  // text still printed
  fs::remove_all(dir);
}

}  // namespace

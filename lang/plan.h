// A lifecycle plan (docs/lifecycle.md "The plan file"): an ordered list of operations, each with its
// caller and its API arguments. Loaded once from JSON into these structs with every value's source
// location; the lifecycle solver (solver/lifecycle/) checks and applies the steps.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lang/diagnostic.h"
#include "lang/source.h"

namespace lp {

struct PlanField;

// One API argument value as the plan gives it: the API's words as JSON types ("Manual", true, 1024,
// a list of security-group ids, a list of {ZoneId, VSwitchId, ip} objects).
struct PlanValue {
  enum class Kind { String, Bool, Number, List, Object } kind = Kind::String;
  std::string text;    // String; Number as written
  bool boolean = false;
  double number = 0;
  std::vector<PlanValue> items;                           // List
  std::vector<PlanField> fields;                          // Object, in document order
  SourceRef where;

  const PlanValue* field(const std::string& name) const;
};

// One member of an object value. A struct of its own, not std::pair: a pair of the still incomplete
// PlanValue inside PlanValue is refused by Clang with libstdc++.
struct PlanField {
  std::string first;  // the member name
  PlanValue second;
};

const char* plan_value_kind_name(PlanValue::Kind k);  // "a string", "a boolean", ...

// Values built in code (a plan that `find` writes, benchmarks): one constructor per kind.
namespace plan_values {
PlanValue text(const std::string& s);
PlanValue flag(bool b);
PlanValue number(int n);
PlanValue list(std::vector<PlanValue> items);
PlanValue object(std::vector<PlanField> fields);
}  // namespace plan_values

struct PlanStep {
  std::string op;      // the API name, e.g. "EnableVpcEndpointConnection"
  std::string caller;  // a RAM principal ARN: acs:ram::<account>:root | user/<name> | role/<name>
  std::vector<std::pair<std::string, PlanValue>> args;
  SourceRef where, op_where, caller_where, args_where;

  const PlanValue* arg(const std::string& name) const;
};

struct Plan {
  std::string file;
  std::vector<PlanStep> steps;
};

// {"linkproof_plan": 1, "steps": [{"op": ..., "caller": ..., "args": {...}}]}. Located LP-PLAN-*
// errors (file, JSON pointer, line:column); nullopt on any error.
std::optional<Plan> load_plan(const std::string& path, Diagnostics& diags);
std::optional<Plan> parse_plan_text(const std::string& text, const std::string& file, Diagnostics& diags);

}  // namespace lp

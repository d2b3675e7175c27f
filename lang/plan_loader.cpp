#include <cmath>

#include "lang/json.h"
#include "lang/plan.h"
#include "lang/policy.h"

namespace lp {

const PlanValue* PlanValue::field(const std::string& name) const {
  for (const auto& [k, v] : fields)
    if (k == name) return &v;
  return nullptr;
}

const PlanValue* PlanStep::arg(const std::string& name) const {
  for (const auto& [k, v] : args)
    if (k == name) return &v;
  return nullptr;
}

const char* plan_value_kind_name(PlanValue::Kind k) {
  switch (k) {
    case PlanValue::Kind::String: return "a string";
    case PlanValue::Kind::Bool: return "a boolean";
    case PlanValue::Kind::Number: return "a number";
    case PlanValue::Kind::List: return "a list";
    case PlanValue::Kind::Object: return "an object";
  }
  return "a value";
}

namespace {

class PlanReader {
 public:
  explicit PlanReader(Diagnostics& d) : d_(d) {}

  std::optional<Plan> run(const JsonValue& json, const std::string& file) {
    Plan plan;
    plan.file = file;
    JsonCursor root(file, json);
    if (!json.is(JsonKind::Object)) {
      err(root.where(), "LP-PLAN-001", "expected a plan object {\"linkproof_plan\": 1, \"steps\": [...]}");
      return std::nullopt;
    }
    bool versioned = false, has_steps = false;
    for (const auto& m : json.members) {
      JsonCursor c = root.member(m);
      if (m.key == "linkproof_plan") {
        versioned = true;
        if (!c.value().is(JsonKind::Number) || c.value().text != "1")
          err(c.where(), "LP-PLAN-001", "expected \"linkproof_plan\": 1 (the only plan format version)");
      } else if (m.key == "description") {
        if (!c.value().is(JsonKind::String)) err(c.where(), "LP-PLAN-001", "expected a string");
      } else if (m.key == "steps") {
        has_steps = true;
        if (!c.value().is(JsonKind::Array)) {
          err(c.where(), "LP-PLAN-001", std::string("expected a list of steps, found ") + json_kind_name(c.value().kind));
          continue;
        }
        for (size_t i = 0; i < c.value().items.size(); ++i) step(c.item(i), plan);
      } else {
        err(root.key_where(m), "LP-PLAN-002", "unknown member \"" + m.key + "\" in the plan; expected linkproof_plan, description, steps");
      }
    }
    if (!versioned) err(root.where(), "LP-PLAN-003", "missing \"linkproof_plan\": 1 (the plan format version)");
    if (!has_steps) err(root.where(), "LP-PLAN-003", "the plan needs \"steps\"");
    if (!ok_) return std::nullopt;
    return plan;
  }

 private:
  Diagnostics& d_;
  bool ok_ = true;

  void err(const SourceRef& where, const char* code, const std::string& message) {
    d_.error(code, where, message);
    ok_ = false;
  }

  void step(const JsonCursor& c, Plan& plan) {
    if (!c.value().is(JsonKind::Object)) {
      err(c.where(), "LP-PLAN-001", std::string("expected a step object {\"op\", \"caller\", \"args\"}, found ") +
                                        json_kind_name(c.value().kind));
      return;
    }
    PlanStep s;
    s.where = c.where();
    bool has_op = false, has_caller = false;
    for (const auto& m : c.value().members) {
      JsonCursor v = c.member(m);
      if (m.key == "op" || m.key == "caller") {
        if (!v.value().is(JsonKind::String) || v.value().text.empty()) {
          err(v.where(), "LP-PLAN-001", "expected \"" + m.key + "\" to be a non-empty string");
          continue;
        }
        if (m.key == "op") {
          s.op = v.value().text, s.op_where = v.where(), has_op = true;
        } else {
          s.caller = v.value().text, s.caller_where = v.where(), has_caller = true;
        }
      } else if (m.key == "args") {
        s.args_where = v.where();
        if (!v.value().is(JsonKind::Object)) {
          err(v.where(), "LP-PLAN-001", std::string("expected \"args\" to be an object, found ") + json_kind_name(v.value().kind));
          continue;
        }
        for (const auto& a : v.value().members) {
          auto pv = value(v.member(a));
          if (pv) s.args.emplace_back(a.key, std::move(*pv));
        }
      } else if (m.key != "why") {
        err(c.key_where(m), "LP-PLAN-002", "unknown member \"" + m.key + "\" in a step; expected op, caller, args, why");
      }
    }
    if (!has_op) err(c.where(), "LP-PLAN-003", "a step needs \"op\"");
    if (!has_caller) err(c.where(), "LP-PLAN-003", "a step needs \"caller\" (a RAM principal ARN)");
    if (!s.args_where.line) s.args_where = s.where;
    plan.steps.push_back(std::move(s));
  }

  std::optional<PlanValue> value(const JsonCursor& c) {
    PlanValue v;
    v.where = c.where();
    switch (c.value().kind) {
      case JsonKind::String: v.kind = PlanValue::Kind::String; v.text = c.value().text; return v;
      case JsonKind::Bool: v.kind = PlanValue::Kind::Bool; v.boolean = c.value().boolean; return v;
      case JsonKind::Number: {
        v.kind = PlanValue::Kind::Number;
        v.text = c.value().text;
        auto n = parse_number(v.text);
        if (!n) {
          err(c.where(), "LP-PLAN-001", "the number " + v.text + " is out of range");
          return std::nullopt;
        }
        v.number = *n;
        return v;
      }
      case JsonKind::Array:
        v.kind = PlanValue::Kind::List;
        for (size_t i = 0; i < c.value().items.size(); ++i)
          if (auto item = value(c.item(i))) v.items.push_back(std::move(*item));
        return v;
      case JsonKind::Object:
        v.kind = PlanValue::Kind::Object;
        for (const auto& m : c.value().members)
          if (auto f = value(c.member(m))) v.fields.push_back({m.key, std::move(*f)});
        return v;
      case JsonKind::Null: break;
    }
    err(c.where(), "LP-PLAN-001", "null is not an argument value; leave the argument out instead");
    return std::nullopt;
  }
};

}  // namespace

std::optional<Plan> parse_plan_text(const std::string& text, const std::string& file, Diagnostics& diags) {
  auto json = parse_json(text, file, diags);
  if (!json) return std::nullopt;
  return PlanReader(diags).run(*json, file);
}

std::optional<Plan> load_plan(const std::string& path, Diagnostics& diags) {
  auto json = load_json_file(path, diags);
  if (!json) return std::nullopt;
  return PlanReader(diags).run(*json, path);
}

namespace plan_values {

PlanValue text(const std::string& s) {
  PlanValue v;
  v.kind = PlanValue::Kind::String;
  v.text = s;
  return v;
}
PlanValue flag(bool b) {
  PlanValue v;
  v.kind = PlanValue::Kind::Bool;
  v.boolean = b;
  return v;
}
PlanValue number(int n) {
  PlanValue v;
  v.kind = PlanValue::Kind::Number;
  v.text = std::to_string(n);
  v.number = n;
  return v;
}
PlanValue list(std::vector<PlanValue> items) {
  PlanValue v;
  v.kind = PlanValue::Kind::List;
  v.items = std::move(items);
  return v;
}
PlanValue object(std::vector<PlanField> fields) {
  PlanValue v;
  v.kind = PlanValue::Kind::Object;
  v.fields = std::move(fields);
  return v;
}

}  // namespace plan_values

}  // namespace lp

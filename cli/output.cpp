#include "cli/output.h"

namespace lp::cli {

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void append_statement_ref(std::string& out, const StatementRef& ref) {
  const Statement& st = ref.policy->statements[ref.statement_index];
  out += "{\"file\":";
  append_json_string(out, ref.policy->file);
  out += ",\"pointer\":";
  append_json_string(out, st.where.json_pointer);
  out += ",\"layer\":\"";
  out += layer_name(ref.layer);
  out += "\",\"policy\":";
  out += std::to_string(ref.policy_index);
  out += ",\"index\":";
  out += std::to_string(ref.statement_index);
  out += ",\"effect\":\"";
  out += effect_name(st.effect);
  out += '"';
  if (st.sid) {
    out += ",\"sid\":";
    append_json_string(out, *st.sid);
  }
  out += ",\"line\":";
  out += std::to_string(st.where.line);
  out += ",\"column\":";
  out += std::to_string(st.where.column);
  out += '}';
}

std::string statement_location(const StatementRef& ref) {
  return ref.policy->statements[ref.statement_index].where.to_string();
}

nlohmann::json request_json(const Request& r) {
  nlohmann::json ctx = nlohmann::json::object();
  for (const auto& e : r.context) ctx[e.key] = e.values.size() == 1 ? nlohmann::json(e.values[0]) : nlohmann::json(e.values);
  return {{"principal", r.principal}, {"action", r.action}, {"resource", r.resource}, {"context", ctx}};
}

nlohmann::json statement_ref_json(const StatementRef& ref) {
  std::string text;
  append_statement_ref(text, ref);
  return nlohmann::json::parse(text);
}

std::string statement_summary(const Statement& st) {
  auto list = [](const auto& items, auto text) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + text(items[i]);
    return out + "]";
  };
  auto item_text = [](const PatternItem& it) { return it.text; };
  std::string out = std::string(st.action.negated ? "NotAction " : "Action ") + list(st.action.items, item_text);
  if (st.resource.present)
    out += std::string(st.resource.negated ? "; NotResource " : "; Resource ") + list(st.resource.items, item_text);
  if (st.principal.present)
    out += "; Principal " + list(st.principal.entries, [](const PrincipalEntry& e) { return e.value; });
  for (const auto& c : st.conditions)
    out += "; " + c.op.spelled + " " + c.key + " " + list(c.values, [](const ConditionValue& v) { return v.text; });
  return out;
}

}  // namespace lp::cli

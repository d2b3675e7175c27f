// JSON tree -> typed RAM Policy (reference.md §1.1-§1.4, §1.12). Every refusal is an LP-RAM-*
// error at the exact line:column of the offending value; the parser keeps going after an error
// so one run reports every problem of a document. The codes are listed in docs/errors.md.
#include "lang/policy_parser.h"

#include <array>
#include <filesystem>

namespace lp {

namespace {

// Characters of the document as RAM would store it minified: whitespace between tokens is not
// counted, every code point of keys and strings is (docs/settings.md, "document size").
size_t compact_chars(const JsonValue& v) {
  auto string_chars = [](const std::string& s) {
    size_t n = 2;  // the quotes
    for (unsigned char c : s) {
      if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
      if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') n += 2;
      else if (c < 0x20) n += 6;
      else n += 1;
    }
    return n;
  };
  switch (v.kind) {
    case JsonKind::Null: return 4;
    case JsonKind::Bool: return v.boolean ? 4 : 5;
    case JsonKind::Number: return v.text.size();
    case JsonKind::String: return string_chars(v.text);
    case JsonKind::Array: {
      size_t n = 2 + (v.items.empty() ? 0 : v.items.size() - 1);
      for (const auto& it : v.items) n += compact_chars(it);
      return n;
    }
    case JsonKind::Object: {
      size_t n = 2 + (v.members.empty() ? 0 : v.members.size() - 1);
      for (const auto& m : v.members) n += string_chars(m.key) + 1 + compact_chars(m.value);
      return n;
    }
  }
  return 0;
}

// The same count read from the text, without building a tree, so an over-size document is refused
// before any other work. Equal to compact_chars of the parsed document for well-formed JSON.
size_t compact_chars(std::string_view t) {
  auto hex = [&](size_t at, uint32_t& cp) {
    cp = 0;
    if (at + 4 > t.size()) return false;
    for (size_t i = at; i < at + 4; ++i) {
      char c = t[i];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return false;
      cp = cp * 16 + static_cast<uint32_t>(d);
    }
    return true;
  };
  auto escaped = [](uint32_t cp) -> size_t {  // characters of a code point inside a minified string
    if (cp == '"' || cp == '\\' || cp == '\b' || cp == '\f' || cp == '\n' || cp == '\r' || cp == '\t') return 2;
    return cp < 0x20 ? 6 : 1;
  };
  size_t n = 0, i = t.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // a byte order mark is not content
  bool in_string = false;
  for (; i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    if (!in_string) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
      in_string = c == '"';
      ++n;
      continue;
    }
    if (c == '"') {
      in_string = false;
      ++n;
    } else if (c != '\\' || i + 1 == t.size()) {
      n += escaped(c);
    } else if (t[++i] != 'u') {
      const char e = t[i];
      n += e == '/' ? 1 : 2;
    } else {
      uint32_t cp = 0, low = 0;
      if (!hex(i + 1, cp)) {
        n += 2;
        continue;
      }
      i += 4;
      // A surrogate pair is one code point.
      if (cp >= 0xD800 && cp <= 0xDBFF && t.substr(i + 1, 2) == "\\u" && hex(i + 3, low)) i += 6;
      n += escaped(cp);
    }
  }
  return n;
}

size_t size_limit(const PolicySettings& s, PolicyKind kind) {
  return kind == PolicyKind::Control   ? s.max_control_policy_chars
         : kind == PolicyKind::Session ? s.max_session_policy_chars
                                       : s.max_document_chars;
}

// LP-RAM-023 (reference.md §1.12): an error or, under SizeLimitRule::Warning, a warning.
void size_finding(Diagnostics& d, const PolicySettings& s, PolicyKind kind, SourceRef where, size_t chars) {
  const char* what = kind == PolicyKind::Control   ? "a control policy (reference.md §1.8)"
                     : kind == PolicyKind::Session ? "a session policy (reference.md §1.9)"
                                                   : "a custom policy (reference.md §1.12)";
  std::string message = "document has " + std::to_string(chars) +
                        " characters (without insignificant whitespace), over RAM's limit of " +
                        std::to_string(size_limit(s, kind)) + " for " + what;
  if (s.size_limit == SizeLimitRule::Warning)
    d.warning("LP-RAM-023", std::move(where), message + "; RAM would refuse it, read here as written");
  else
    d.error("LP-RAM-023", std::move(where), std::move(message),
            "the limit is the setting max_document_chars (--max-policy-chars N)");
}

// Operators of IAM's grammar that RAM does not document (reference.md §1.4).
constexpr std::array<std::string_view, 10> kIamOnlyOperators = {
    "Null", "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike", "BinaryEquals",
    "ArnEqualsIfExists", "ArnLikeIfExists", "ArnNotEqualsIfExists", "ArnNotLikeIfExists"};

class Parser {
 public:
  Parser(const PolicySettings& s, Diagnostics& d, PolicyKind kind) : s_(s), d_(d), kind_(kind) {}

  // PolicyKind::Auto (reference.md §1.1): a Principal in any statement makes the document
  // resource-based, a role trust policy when no statement names a Resource; then every statement
  // must name its Principal, as in a document of that kind given explicitly. Decided before the
  // statements are read, so one statement cannot change how the others are checked.
  static PolicyKind detect_kind(const JsonValue& doc, std::optional<size_t>& first_principal) {
    const JsonValue* list = doc.find("Statement");
    if (!list) return PolicyKind::Identity;
    const bool one = list->is(JsonKind::Object);  // a bare Statement object (statement_object_allowed)
    const size_t n = one ? 1 : list->is(JsonKind::Array) ? list->items.size() : 0;
    bool resource = false;
    for (size_t i = 0; i < n; ++i) {
      const JsonValue& st = one ? *list : list->items[i];
      if (!st.is(JsonKind::Object)) continue;
      if (st.find("Principal") && !first_principal) first_principal = i;
      resource |= st.find("Resource") || st.find("NotResource");
    }
    if (!first_principal) return PolicyKind::Identity;
    return resource ? PolicyKind::ResourceBased : PolicyKind::Trust;
  }

  std::optional<Policy> document(const JsonCursor& c) {
    Policy p;
    p.file = c.file();
    p.name = std::filesystem::path(c.file()).stem().string();
    p.where = c.where();
    p.kind = kind_;
    const JsonValue& v = c.value();
    if (!v.is(JsonKind::Object)) {
      err("LP-RAM-001", c.where(),
          std::string("expected a policy document object {\"Version\": \"1\", \"Statement\": [...]}, found ") +
              json_kind_name(v.kind));
      return std::nullopt;
    }
    p.document_chars = compact_chars(v);
    if (kind_ == PolicyKind::Auto) {
      auto_detected_ = true;
      kind_ = detect_kind(v, first_principal_);
      p.kind = kind_;
    }
    const JsonMember* version = nullptr;
    const JsonMember* statement = nullptr;
    for (const auto& m : v.members) {
      if (m.key == "Version") version = &m;
      else if (m.key == "Statement") statement = &m;
      else unknown_element(c, m, {"Version", "Statement"}, "a policy document");
    }
    if (!version) {
      err("LP-RAM-002", c.where(), "missing \"Version\": a RAM policy needs \"Version\": \"1\"");
    } else {
      JsonCursor vc = c.member(*version);
      if (!vc.value().is(JsonKind::String)) {
        err("LP-RAM-003", vc.where(), std::string("expected \"Version\" to be the string \"1\", found ") +
                                          json_kind_name(vc.value().kind));
      } else if (vc.value().text != "1") {
        bool iam = vc.value().text == "2012-10-17" || vc.value().text == "2008-10-17";
        err("LP-RAM-003", vc.where(),
            "expected \"Version\": \"1\" (the only RAM policy version), found \"" + vc.value().text + "\"",
            iam ? "this is an AWS IAM policy version; RAM documents use Version \"1\" and acs: names" : "");
      } else {
        p.version = "1";
      }
    }
    if (!statement) {
      err("LP-RAM-004", c.where(), "missing \"Statement\": expected a list of statements");
    } else {
      statements(c.member(*statement), p);
    }
    if (p.kind == PolicyKind::Auto) p.kind = PolicyKind::Identity;
    if (p.document_chars > size_limit(s_, p.kind)) {
      size_finding(d_, s_, p.kind, c.where(), p.document_chars);
      if (s_.size_limit == SizeLimitRule::Error) ok_ = false;
    }
    if (!ok_) return std::nullopt;
    return p;
  }

 private:
  void err(const char* code, SourceRef where, std::string message, std::string hint = {}) {
    d_.error(code, std::move(where), std::move(message), std::move(hint));
    ok_ = false;
  }

  void unknown_element(const JsonCursor& c, const JsonMember& m, std::initializer_list<std::string_view> known,
                       const char* in) {
    std::string hint;
    for (auto k : known)
      if (ascii_iequals(k, m.key)) hint = "element names are case-sensitive: did you mean \"" + std::string(k) + "\"?";
    if (hint.empty() && m.key == "Id") hint = "\"Id\" is IAM syntax; RAM documents have no Id element";
    std::string expected;
    for (auto k : known) expected += (expected.empty() ? "" : ", ") + std::string(k);
    err("LP-RAM-007", c.key_where(m), "unknown element \"" + m.key + "\" in " + in + "; expected one of " + expected,
        hint);
  }

  void statements(const JsonCursor& c, Policy& p) {
    const JsonValue& v = c.value();
    if (v.is(JsonKind::Object)) {
      if (!s_.statement_object_allowed) {
        err("LP-RAM-005", c.where(), "expected \"Statement\" to be a list of statements, found a single object",
            "wrap it in [ ] (the setting statement_object_allowed accepts the bare object)");
        return;
      }
      p.statement_was_object = true;
      statement(c, p, 0);
      return;
    }
    if (!v.is(JsonKind::Array)) {
      err("LP-RAM-005", c.where(),
          std::string("expected \"Statement\" to be a list of statement objects, found ") + json_kind_name(v.kind));
      return;
    }
    for (size_t i = 0; i < v.items.size(); ++i) statement(c.item(i), p, i);
  }

  void statement(const JsonCursor& c, Policy& p, size_t index) {
    const JsonValue& v = c.value();
    if (!v.is(JsonKind::Object)) {
      err("LP-RAM-006", c.where(), std::string("expected a statement object, found ") + json_kind_name(v.kind));
      return;
    }
    Statement st;
    st.index = index;
    st.where = c.where();
    const JsonMember *effect = nullptr, *action = nullptr, *not_action = nullptr, *resource = nullptr,
                     *not_resource = nullptr, *principal = nullptr, *condition = nullptr;
    for (const auto& m : v.members) {
      if (m.key == "Effect") effect = &m;
      else if (m.key == "Action") action = &m;
      else if (m.key == "NotAction") not_action = &m;
      else if (m.key == "Resource") resource = &m;
      else if (m.key == "NotResource") not_resource = &m;
      else if (m.key == "Principal") principal = &m;
      else if (m.key == "Condition") condition = &m;
      else if (m.key == "Sid") {
        JsonCursor sc = c.member(m);
        if (!sc.value().is(JsonKind::String))
          err("LP-RAM-025", sc.where(), std::string("expected \"Sid\" to be a string, found ") +
                                            json_kind_name(sc.value().kind));
        else
          st.sid = sc.value().text;
      } else {
        unknown_element(c, m, {"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal",
                               "Condition"},
                        "a statement");
      }
    }

    if (!effect) {
      err("LP-RAM-008", c.where(), "statement has no \"Effect\": expected \"Allow\" or \"Deny\"");
    } else {
      JsonCursor ec = c.member(*effect);
      const JsonValue& ev = ec.value();
      if (ev.is(JsonKind::String) && ev.text == "Allow") st.effect = Effect::Allow;
      else if (ev.is(JsonKind::String) && ev.text == "Deny") st.effect = Effect::Deny;
      else
        err("LP-RAM-008", ec.where(),
            "expected \"Effect\" to be \"Allow\" or \"Deny\", found " +
                (ev.is(JsonKind::String) ? "\"" + ev.text + "\"" : std::string(json_kind_name(ev.kind))),
            ev.is(JsonKind::String) && (ascii_iequals(ev.text, "allow") || ascii_iequals(ev.text, "deny"))
                ? "Effect values are case-sensitive"
                : "");
    }

    if (action && not_action) {
      err("LP-RAM-009", c.key_where(*not_action), "a statement has either \"Action\" or \"NotAction\", not both");
    } else if (!action && !not_action) {
      err("LP-RAM-009", c.where(), "statement has no \"Action\" (or \"NotAction\"): expected e.g. \"ecs:Describe*\"");
    } else {
      patterns(c.member(action ? *action : *not_action), action ? "Action" : "NotAction", st.action, true);
      st.action.negated = not_action != nullptr;
    }

    if (principal) principal_block(c.member(*principal), st.principal);
    bool principal_allowed = kind_ == PolicyKind::Trust || kind_ == PolicyKind::ResourceBased;
    if (principal && !principal_allowed)
      err("LP-RAM-014", c.key_where(*principal),
          std::string("\"Principal\" is not allowed in this ") + policy_kind_name(kind_) +
              " policy (only in role trust and resource-based policies, reference.md §1.1)");
    if (!principal && (kind_ == PolicyKind::Trust || kind_ == PolicyKind::ResourceBased))
      err("LP-RAM-014", c.where(),
          std::string("a statement of a ") + policy_kind_name(kind_) + " policy needs a \"Principal\"",
          auto_detected_ && first_principal_
              ? "the document is read as a " + std::string(policy_kind_name(kind_)) + " policy because statement " +
                    std::to_string(*first_principal_) +
                    " has a Principal; a statement without one would apply to every principal"
              : std::string());

    if (resource && not_resource) {
      err("LP-RAM-012", c.key_where(*not_resource), "a statement has either \"Resource\" or \"NotResource\", not both");
    } else if (resource || not_resource) {
      patterns(c.member(resource ? *resource : *not_resource), resource ? "Resource" : "NotResource", st.resource,
               false);
      st.resource.negated = not_resource != nullptr;
    } else if (!principal && kind_ != PolicyKind::Trust) {
      // Trust policies (and other resource-based documents, whose resource is implied) may omit it.
      err("LP-RAM-012", c.where(), "statement has no \"Resource\" (or \"NotResource\"): expected \"*\" or "
                                   "acs:service:region:account:relative-id");
    }

    if (condition) conditions(c.member(*condition), st.conditions);
    p.statements.push_back(std::move(st));
  }

  // A string or a non-empty list of strings.
  template <typename F>
  void strings(const JsonCursor& c, const char* element, F&& each) {
    const JsonValue& v = c.value();
    if (v.is(JsonKind::String)) {
      each(c);
      return;
    }
    if (!v.is(JsonKind::Array)) {
      err("LP-RAM-010", c.where(), std::string("expected \"") + element + "\" to be a string or a list of strings, found " +
                                       json_kind_name(v.kind));
      return;
    }
    if (v.items.empty()) err("LP-RAM-024", c.where(), std::string("\"") + element + "\" is an empty list");
    for (size_t i = 0; i < v.items.size(); ++i) {
      JsonCursor ic = c.item(i);
      if (!ic.value().is(JsonKind::String))
        err("LP-RAM-010", ic.where(), std::string("expected each item of \"") + element + "\" to be a string, found " +
                                          json_kind_name(ic.value().kind));
      else
        each(ic);
    }
  }

  void patterns(const JsonCursor& c, const char* element, PatternSet& out, bool is_action) {
    out.present = true;
    out.where = c.where();
    strings(c, element, [&](const JsonCursor& ic) {
      const std::string& text = ic.value().text;
      if (is_action ? check_action(ic, text) : check_resource(ic, text)) {
        bool fold = is_action ? s_.action_case_insensitive : s_.resource_case_insensitive;
        // Every action is service:Action, so "*:*" covers exactly what "*" covers: compiled as "*",
        // every engine (evaluator, Z3, validate's full-administrator check) reads them alike.
        out.items.push_back({text, Wildcard(is_action && every_action(text) ? "*" : text, fold), ic.where()});
      }
    });
  }

  static bool template_expression(const std::string& text) { return text.find("${") != std::string::npos; }

  // "*:*" (and "**:*", ...): stars on both sides of the one colon.
  static bool every_action(const std::string& a) {
    size_t colon = a.find(':');
    return colon != std::string::npos && colon > 0 && colon + 1 < a.size() &&
           a.find_first_not_of('*') == colon && a.find_first_not_of('*', colon + 1) == std::string::npos;
  }

  static constexpr const char* kTemplateHint = "an unresolved template expression; substitute it before checking";

  bool check_action(const JsonCursor& c, const std::string& a) {
    if (a == "*") return true;
    if (template_expression(a)) {
      err("LP-RAM-011", c.where(), "action \"" + a + "\" holds a template expression ${...}, not a RAM action name",
          kTemplateHint);
      return false;
    }
    if (a.empty()) {
      err("LP-RAM-024", c.where(), "empty action name: expected service:Action (e.g. ecs:DescribeInstances) or *");
      return false;
    }
    size_t colon = a.find(':');
    bool ok = colon != std::string::npos && colon > 0 && colon + 1 < a.size() &&
              a.find(':', colon + 1) == std::string::npos;
    for (size_t i = 0; ok && i < a.size(); ++i) {
      unsigned char ch = static_cast<unsigned char>(a[i]);
      if (ch <= ' ' || ch >= 0x7F) ok = false;
    }
    if (ok) return true;
    std::string hint;
    if (colon == std::string::npos) hint = "an action needs its service prefix, e.g. \"ecs:" + a + "\"";
    err("LP-RAM-011", c.where(),
        "action \"" + a + "\" is not of the form service:Action (e.g. privatelink:CreateVpcEndpoint) or *", hint);
    return false;
  }

  bool check_resource(const JsonCursor& c, const std::string& r) {
    if (r == "*") return true;
    if (template_expression(r)) {
      err("LP-RAM-013", c.where(), "resource \"" + r + "\" holds a template expression ${...}, not a resource name",
          kTemplateHint);
      return false;
    }
    // acs:<service>:<region>:<account>:<relative-id>; the relative id may itself contain ':'.
    size_t pos[4];
    size_t from = 0;
    bool ok = r.rfind("acs:", 0) == 0;
    for (int i = 0; ok && i < 4; ++i) {
      pos[i] = r.find(':', from);
      if (pos[i] == std::string::npos) ok = false;
      from = pos[i] + 1;
    }
    if (ok) ok = pos[1] > pos[0] + 1 && pos[3] + 1 < r.size();  // service and relative id non-empty
    if (ok) return true;
    std::string hint;
    if (r.rfind("arn:", 0) == 0) hint = "this is an AWS ARN; RAM resources start with acs:";
    else if (r.rfind("acs:", 0) == 0) hint = "a name needs five ':'-separated parts with a non-empty service and relative id";
    err("LP-RAM-013", c.where(),
        "resource \"" + r + "\" is neither * nor acs:service:region:account:relative-id", hint);
    return false;
  }

  void principal_block(const JsonCursor& c, PrincipalBlock& out) {
    out.present = true;
    out.where = c.where();
    const JsonValue& v = c.value();
    auto add = [&](PrincipalKind kind, const JsonCursor& ic) {
      const std::string& text = ic.value().text;
      if (text.empty()) {
        err("LP-RAM-024", ic.where(), "empty principal");
        return;
      }
      if (template_expression(text)) {
        err("LP-RAM-015", ic.where(), "principal \"" + text + "\" holds a template expression ${...}, not a principal",
            kTemplateHint);
        return;
      }
      out.entries.push_back({kind, text, Wildcard(text), ic.where()});
    };
    if (v.is(JsonKind::String) || v.is(JsonKind::Array)) {
      // "*" / ["*"] / a list of account ids (OSS bucket policies, corpus-external README).
      strings(c, "Principal", [&](const JsonCursor& ic) {
        add(ic.value().text == "*" ? PrincipalKind::Any : PrincipalKind::Ram, ic);
      });
      return;
    }
    if (!v.is(JsonKind::Object)) {
      err("LP-RAM-015", c.where(), std::string("expected \"Principal\" to be \"*\" or an object with RAM, Service or "
                                               "Federated, found ") + json_kind_name(v.kind));
      return;
    }
    if (v.members.empty()) err("LP-RAM-015", c.where(), "\"Principal\" is an empty object");
    for (const auto& m : v.members) {
      // The principal type keys are matched case-insensitively: real inputs write "raM", "serVICE"
      // (corpus-external README), and the Terraform provider treats them so.
      PrincipalKind kind;
      if (ascii_iequals(m.key, "RAM")) kind = PrincipalKind::Ram;
      else if (ascii_iequals(m.key, "Service")) kind = PrincipalKind::Service;
      else if (ascii_iequals(m.key, "Federated")) kind = PrincipalKind::Federated;
      else {
        err("LP-RAM-015", c.key_where(m), "unknown principal type \"" + m.key + "\": expected RAM, Service or Federated",
            m.key == "AWS" ? "\"AWS\" is IAM syntax; RAM trust policies use \"RAM\"" : "");
        continue;
      }
      strings(c.member(m), "Principal", [&](const JsonCursor& ic) { add(kind, ic); });
    }
  }

  std::optional<Operator> parse_operator(const JsonCursor& c, const JsonMember& m) {
    Operator op;
    op.spelled = m.key;
    std::string_view name = m.key;
    bool extended = s_.dialect == Dialect::RamExtended;
    std::string extended_hint = "not documented for RAM (reference.md §1.4); --dialect extended accepts it";
    for (auto [prefix, q] : {std::pair{std::string_view("ForAnyValue:"), SetQualifier::ForAnyValue},
                             std::pair{std::string_view("ForAllValues:"), SetQualifier::ForAllValues}}) {
      if (name.substr(0, prefix.size()) == prefix) {
        if (!extended) {
          err("LP-RAM-017", c.key_where(m), "operator \"" + m.key + "\": the set qualifier " +
                                                std::string(prefix) + " is " + extended_hint);
          return std::nullopt;
        }
        op.qualifier = q;
        name.remove_prefix(prefix.size());
        break;
      }
    }
    if (op.qualifier != SetQualifier::None)
      for (std::string_view again : {std::string_view("ForAnyValue:"), std::string_view("ForAllValues:")})
        if (name.substr(0, again.size()) == again) {
          err("LP-RAM-017", c.key_where(m), "operator \"" + m.key + "\" has two set qualifiers; an operator takes "
                                                "at most one of ForAnyValue: and ForAllValues:");
          return std::nullopt;
        }
    constexpr std::string_view kIfExists = "IfExists";
    if (name.size() > kIfExists.size() && name.substr(name.size() - kIfExists.size()) == kIfExists &&
        !operator_from_name(name)) {
      if (!extended) {
        err("LP-RAM-017", c.key_where(m), "operator \"" + m.key + "\": the IfExists suffix is " + extended_hint);
        return std::nullopt;
      }
      op.if_exists = true;
      name.remove_suffix(kIfExists.size());
    }
    if (auto k = operator_from_name(name)) {
      op.kind = *k;
      return op;
    }
    std::string hint;
    for (auto iam : kIamOnlyOperators)
      if (name == iam) hint = "an AWS IAM operator that RAM does not document (reference.md §1.4)";
    for (int i = 0; i < kOperatorCount && hint.empty(); ++i)
      if (ascii_iequals(name, operator_name(static_cast<OperatorKind>(i))))
        hint = std::string("operator names are case-sensitive: did you mean \"") +
               operator_name(static_cast<OperatorKind>(i)) + "\"?";
    err("LP-RAM-017", c.key_where(m),
        "unknown condition operator \"" + m.key + "\": expected one of RAM's String*, Numeric*, Date*, Bool, "
        "IpAddress, NotIpAddress operators",
        hint);
    return std::nullopt;
  }

  void conditions(const JsonCursor& c, std::vector<Condition>& out) {
    const JsonValue& v = c.value();
    if (!v.is(JsonKind::Object)) {
      err("LP-RAM-016", c.where(), std::string("expected \"Condition\" to be an object {operator: {key: value}}, "
                                               "found ") + json_kind_name(v.kind));
      return;
    }
    // "Condition": {} is accepted as no condition: Alibaba Cloud's own documentation writes it in
    // policies users are told to create (ECS and OSS guides; docs/errors.md, LP-RAM-016).
    for (const auto& om : v.members) {
      auto op = parse_operator(c, om);
      JsonCursor oc = c.member(om);
      if (!oc.value().is(JsonKind::Object)) {
        err("LP-RAM-016", oc.where(), "expected the operator \"" + om.key + "\" to map condition keys to values, found " +
                                          json_kind_name(oc.value().kind));
        continue;
      }
      if (oc.value().members.empty())
        err("LP-RAM-016", oc.where(), "operator \"" + om.key + "\" has no condition keys");
      for (const auto& km : oc.value().members) {
        JsonCursor kc = oc.member(km);
        if (km.key.empty()) err("LP-RAM-026", oc.key_where(km), "empty condition key");
        if (!op) continue;
        Condition cond;
        cond.op = *op;
        cond.key = km.key;
        cond.key_folded = ascii_lower(km.key);
        cond.where = oc.key_where(km);
        condition_values(kc, cond);
        out.push_back(std::move(cond));
      }
    }
  }

  void condition_values(const JsonCursor& c, Condition& cond) {
    auto one = [&](const JsonCursor& ic) {
      const JsonValue& v = ic.value();
      // Documents write every value as a string (reference.md §1.1); JSON numbers and booleans are
      // read as their literal text, as the IAM documents RAM's examples derive from do.
      if (!v.is(JsonKind::String) && !v.is(JsonKind::Number) && !v.is(JsonKind::Bool)) {
        err("LP-RAM-018", ic.where(), std::string("expected a condition value (a string), found ") +
                                          json_kind_name(v.kind));
        return;
      }
      ConditionValue cv;
      cv.text = v.is(JsonKind::Bool) ? (v.boolean ? "true" : "false") : v.text;
      cv.where = ic.where();
      if (compile_value(ic, cond, cv)) cond.values.push_back(std::move(cv));
    };
    const JsonValue& v = c.value();
    if (v.is(JsonKind::Array)) {
      if (v.items.empty()) err("LP-RAM-024", c.where(), "condition key \"" + cond.key + "\" has an empty value list");
      for (size_t i = 0; i < v.items.size(); ++i) one(c.item(i));
    } else {
      one(c);
    }
  }

  bool compile_value(const JsonCursor& c, const Condition& cond, ConditionValue& cv) {
    OperatorKind k = cond.op.kind;
    switch (operator_family(k)) {
      case OperatorFamily::String: {
        bool fold = k == OperatorKind::StringEqualsIgnoreCase || k == OperatorKind::StringNotEqualsIgnoreCase;
        cv.pattern = Wildcard(cv.text, fold);
        return true;
      }
      case OperatorFamily::Numeric:
        if (auto n = parse_number(cv.text)) {
          cv.number = *n;
          return true;
        }
        err("LP-RAM-021", c.where(), "\"" + cv.text + "\" is not a number (expected a decimal such as 10 or 2.5) for " +
                                         operator_name(k));
        return false;
      case OperatorFamily::Date:
        if (auto d = parse_iso8601(cv.text)) {
          cv.millis = *d;
          return true;
        }
        err("LP-RAM-020", c.where(), "\"" + cv.text + "\" is not an ISO 8601 date-time (expected e.g. "
                                         "2019-08-12T17:00:00+08:00 or 2012-11-11T23:59:59Z) for " + operator_name(k));
        return false;
      case OperatorFamily::Bool:
        if (ascii_iequals(cv.text, "true") || ascii_iequals(cv.text, "false")) {
          cv.boolean = ascii_iequals(cv.text, "true");
          return true;
        }
        err("LP-RAM-022", c.where(), "\"" + cv.text + "\" is not a boolean: expected \"true\" or \"false\"");
        return false;
      case OperatorFamily::Ip:
        if (auto ip = parse_cidr(cv.text)) {
          cv.cidr = *ip;
          return true;
        }
        err("LP-RAM-019", c.where(), "\"" + cv.text + "\" is not an IP address or CIDR block (expected e.g. "
                                         "192.168.0.0/16 or 10.1.2.3) for " + operator_name(k));
        return false;
    }
    return false;
  }

  const PolicySettings& s_;
  Diagnostics& d_;
  PolicyKind kind_;
  bool auto_detected_ = false;              // kind_ was inferred (PolicyKind::Auto)
  std::optional<size_t> first_principal_;   // the statement that made it resource-based
  bool ok_ = true;
};

}  // namespace

std::optional<Policy> parse_policy(const JsonCursor& cursor, const PolicySettings& settings, Diagnostics& diags,
                                   PolicyKind kind) {
  return Parser(settings, diags, kind).document(cursor);
}

std::optional<Policy> parse_policy_text(std::string_view text, const std::string& file,
                                        const PolicySettings& settings, Diagnostics& diags, PolicyKind kind) {
  // An over-size document that is an error is refused before the JSON is read: nothing else of it
  // is worth the time (a document of megabytes is no policy RAM would store).
  if (settings.size_limit == SizeLimitRule::Error) {
    size_t chars = compact_chars(text);
    if (chars > size_limit(settings, kind)) {
      size_finding(diags, settings, kind, SourceRef{file, "", 1, 1}, chars);
      return std::nullopt;
    }
  }
  auto json = parse_json(text, file, diags);
  if (!json) return std::nullopt;
  return parse_policy(JsonCursor(file, *json), settings, diags, kind);
}

std::optional<Policy> load_policy_file(const std::string& path, const PolicySettings& settings, Diagnostics& diags,
                                       PolicyKind kind) {
  std::string text;
  if (!read_file(path, text, diags)) return std::nullopt;
  return parse_policy_text(text, path, settings, diags, kind);
}

}  // namespace lp

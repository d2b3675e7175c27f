#include "solver/z3_compare.h"

#include <z3++.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "solver/evaluator.h"
#include "solver/validate.h"

namespace lp {

const char* relation_name(Relation r) {
  switch (r) {
    case Relation::Equivalent: return "equivalent";
    case Relation::MorePermissive: return "more-permissive";
    case Relation::LessPermissive: return "less-permissive";
    case Relation::Incomparable: return "incomparable";
    case Relation::Unknown: return "unknown";
  }
  return "unknown";
}

namespace {

// ---- string classes ----

// A pattern of a string field: a glob (* and ?) or a literal (StringEquals), matched with or
// without ASCII case folding (the pattern text is stored folded when `fold`).
struct Pattern {
  std::string text;
  bool literal = false;
  bool fold = false;
  bool operator<(const Pattern& o) const { return std::tie(text, literal, fold) < std::tie(o.text, o.literal, o.fold); }
};

bool pattern_matches(const Pattern& p, std::string_view s) {
  if (p.literal) return p.fold ? ascii_iequals(p.text, s) : p.text == s;
  return wildcard_match(p.text, s, p.fold);
}

// Positions of a pattern's automaton: a bit per position 0..n (n = accepted).
using States = std::vector<bool>;

States closure(const Pattern& p, States st) {
  if (p.literal) return st;
  for (size_t i = 0; i < p.text.size(); ++i)
    if (st[i] && p.text[i] == '*') st[i + 1] = true;
  return st;
}

States step(const Pattern& p, const States& st, char c) {
  States next(st.size(), false);
  char fc = p.fold ? ascii_lower(c) : c;
  for (size_t i = 0; i < p.text.size(); ++i) {
    if (!st[i]) continue;
    char pc = p.text[i];
    if (!p.literal && pc == '*') next[i] = true;
    else if ((!p.literal && pc == '?') || pc == fc) next[i + 1] = true;
  }
  return closure(p, std::move(next));
}

// A string whose membership in every pattern is `want`, found by breadth-first search over the
// product of the patterns' automata; nullopt when none exists within the search bound.
std::optional<std::string> realise(const std::vector<Pattern>& pats, const std::vector<bool>& want) {
  for (size_t i = 0; i < pats.size(); ++i)
    if (want[i] && pats[i].literal &&
        (!pats[i].fold || std::none_of(pats[i].text.begin(), pats[i].text.end(), ::isalpha))) {  // one string: it is forced
      std::string s = pats[i].text;
      for (size_t j = 0; j < pats.size(); ++j)
        if (pattern_matches(pats[j], s) != want[j]) return std::nullopt;
      return s;
    }
  // Exact strings (case-sensitive literals) stay out of the automaton product: a candidate string
  // is checked against them directly, and the search goes on past a string they wrongly include
  // or exclude. The product then holds only the globs, usually few.
  auto one_string = [](const Pattern& p) {
    return p.literal && (!p.fold || std::none_of(p.text.begin(), p.text.end(), ::isalpha));
  };
  std::vector<size_t> product;
  for (size_t i = 0; i < pats.size(); ++i)
    if (!one_string(pats[i])) product.push_back(i);
  std::set<char> alpha;
  for (const auto& p : pats)
    for (char c : p.text)
      if (p.literal || (c != '*' && c != '?')) {
        alpha.insert(c);
        // A case-folding pattern admits every spelling: the search needs the other case too.
        if (p.fold && c >= 'a' && c <= 'z') alpha.insert(static_cast<char>(c - 32));
      }
  for (char c : std::string("x0-:/")) alpha.insert(c);  // characters no pattern names behave alike
  std::vector<char> alphabet(alpha.begin(), alpha.end());
  struct Node {
    std::vector<States> st;
    size_t parent;
    char c;
  };
  std::deque<Node> nodes;
  std::map<std::vector<States>, size_t> seen;
  std::vector<States> start;
  for (size_t i : product) {
    States s(pats[i].text.size() + 1, false);
    s[0] = true;
    start.push_back(closure(pats[i], s));
  }
  nodes.push_back({start, SIZE_MAX, 0});
  seen.emplace(start, 0);
  size_t tries = 0;
  for (size_t at = 0; at < nodes.size() && nodes.size() < 50000; ++at) {
    bool ok = true;
    for (size_t k = 0; k < product.size() && ok; ++k) ok = nodes[at].st[k].back() == want[product[k]];
    if (ok) {
      std::string s;
      for (size_t n = at; nodes[n].parent != SIZE_MAX; n = nodes[n].parent) s += nodes[n].c;
      std::reverse(s.begin(), s.end());
      bool exact_ok = true;
      for (size_t i = 0; i < pats.size() && exact_ok; ++i)
        if (one_string(pats[i])) exact_ok = (pats[i].text == s) == want[i];
      if (exact_ok) return s;
      // Only an exact string can be wrong here; a longer string reaches the same class too, so the
      // search continues (states are visited once, hence the bound on how often this may happen).
      if (++tries > 1000) return std::nullopt;
    }
    for (char c : alphabet) {
      std::vector<States> next;
      next.reserve(product.size());
      for (size_t k = 0; k < product.size(); ++k) next.push_back(step(pats[product[k]], nodes[at].st[k], c));
      if (seen.emplace(next, nodes.size()).second) nodes.push_back({std::move(next), at, c});
    }
  }
  return std::nullopt;
}

struct Field {
  std::string name;
  std::vector<Pattern> patterns;
  std::map<Pattern, size_t> index;
  std::vector<z3::expr> vars;

  size_t add(const Pattern& p) {
    auto [it, fresh] = index.emplace(p, patterns.size());
    if (fresh) patterns.push_back(p);
    return it->second;
  }
};

enum class Family { None, String, Numeric, Date, Bool, Ip, Mixed };

struct Key {
  std::string name;  // as the request carries it
  Family family = Family::None;
  Field str;
  std::optional<z3::expr> present, ok, num, date, boolean, ip;
};

std::string key_name(const Condition& c, const PolicySettings& s) { return s.condition_key_case_insensitive ? c.key_folded : c.key; }

Family family_of(OperatorKind k) {
  switch (operator_family(k)) {
    case OperatorFamily::String: return Family::String;
    case OperatorFamily::Numeric: return Family::Numeric;
    case OperatorFamily::Date: return Family::Date;
    case OperatorFamily::Bool: return Family::Bool;
    case OperatorFamily::Ip: return Family::Ip;
  }
  return Family::Mixed;
}

Pattern value_pattern(const Condition& c, const ConditionValue& v) {
  OperatorKind k = c.op.kind;
  bool like = k == OperatorKind::StringLike || k == OperatorKind::StringNotLike;
  bool fold = k == OperatorKind::StringEqualsIgnoreCase || k == OperatorKind::StringNotEqualsIgnoreCase;
  return {v.pattern.pattern(), !like, fold};
}

std::string decimal(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", d);
  return buf;
}

std::string iso8601(int64_t millis) {
  int64_t days = millis >= 0 ? millis / 86400000 : -((-millis + 86399999) / 86400000);
  int64_t rest = millis - days * 86400000;
  // civil_from_days (proleptic Gregorian)
  int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y), m, d,
                static_cast<long long>(rest / 3600000), static_cast<long long>(rest / 60000 % 60),
                static_cast<long long>(rest / 1000 % 60), static_cast<long long>(rest % 1000));
  return buf;
}

class Encoder {
 public:
  Encoder(z3::context& c, const PolicySettings& s) : c_(c), s_(s) {}

  // Pass 1: every pattern, key and principal of the sets under question.
  void collect(const PolicySet& set) {
    for_each_policy(set, [&](const Policy& p) {
      for (const auto& st : p.statements) {
        for (const auto& it : st.action.items) action_.add({it.compiled.pattern(), false, it.compiled.fold_case()});
        for (const auto& it : st.resource.items) resource_.add({it.compiled.pattern(), false, it.compiled.fold_case()});
        for (const auto& e : st.principal.entries) {
          if (e.kind != PrincipalKind::Any && e.value != "*" && e.compiled.has_wildcards())
            unsupported_ = "a Principal with wildcards (" + e.value + ") is not encoded";
          principals_.insert(e.value);
          if (e.value.rfind("acs:ram::", 0) == 0 && e.value.size() > 5 && e.value.substr(e.value.size() - 5) == ":root")
            principals_.insert("acs:ram::" + e.value.substr(9, e.value.size() - 14) + ":user/linkproof-member");
          if (!e.value.empty() && std::all_of(e.value.begin(), e.value.end(), ::isdigit))
            principals_.insert("acs:ram::" + e.value + ":user/linkproof-member");
        }
        for (const auto& cnd : st.conditions) {
          Key& k = keys_[key_name(cnd, s_)];
          k.name = cnd.key;
          Family f = family_of(cnd.op.kind);
          if (k.family == Family::None) k.family = f;
          else if (k.family != f) {
            k.family = Family::Mixed;
            unsupported_ = "condition key " + cnd.key + " is used with operators of several types";
          }
          if (f == Family::String)
            for (const auto& v : cnd.values) k.str.add(value_pattern(cnd, v));
        }
      }
    });
  }

  void add_principal(const std::string& p) { principals_.insert(p); }

  // Pass 2: the variables and the constraints every class must satisfy.
  void declare(z3::solver& solver) {
    declare_field(action_, "action", solver);
    declare_field(resource_, "resource", solver);
    principal_list_.assign(principals_.begin(), principals_.end());
    principal_list_.push_back("linkproof-other-principal");
    principal_ = c_.int_const("principal");
    solver.add(*principal_ >= 0 && *principal_ < static_cast<int>(principal_list_.size()));
    for (auto& [name, k] : keys_) {
      k.present = c_.bool_const(("present:" + name).c_str());
      k.ok = c_.bool_const(("ok:" + name).c_str());
      if (k.family == Family::String) declare_field(k.str, "key:" + name, solver);
      if (k.family == Family::Numeric) k.num = c_.real_const(("num:" + name).c_str());
      if (k.family == Family::Date) k.date = c_.int_const(("date:" + name).c_str());
      if (k.family == Family::Bool) k.boolean = c_.bool_const(("bool:" + name).c_str());
      if (k.family == Family::Ip) k.ip = c_.bv_const(("ip:" + name).c_str(), 32);
    }
  }

  const std::string& unsupported() const { return unsupported_; }

  z3::expr allows(const PolicySet& set) {
    z3::expr deny_any = c_.bool_val(false);
    auto layer_allow = [&](const std::vector<Policy>& ps) {
      z3::expr any = c_.bool_val(false);
      for (const auto& p : ps)
        for (const auto& st : p.statements) {
          z3::expr m = statement(st);
          if (st.effect == Effect::Deny) deny_any = deny_any || m;
          else any = any || m;
        }
      return any;
    };
    z3::expr allow = layer_allow(set.identity);
    if (set.control) allow = allow && layer_allow(*set.control);
    if (set.session) allow = allow && layer_allow(*set.session);
    return allow && !deny_any;
  }

  // Fixes every variable to the concrete request (nullopt: outside what the encoding models).
  std::optional<z3::expr> assign(const Request& r) {
    z3::expr a = c_.bool_val(true);
    auto fix = [&](Field& f, std::string_view v) {
      for (size_t i = 0; i < f.patterns.size(); ++i) a = a && (f.vars[i] == c_.bool_val(pattern_matches(f.patterns[i], v)));
    };
    fix(action_, r.action);
    fix(resource_, r.resource);
    auto it = std::find(principal_list_.begin(), principal_list_.end(), r.principal);
    if (it == principal_list_.end()) return std::nullopt;
    a = a && (*principal_ == static_cast<int>(it - principal_list_.begin()));
    for (auto& [name, k] : keys_) {
      const ContextEntry* e = r.find(name, s_.condition_key_case_insensitive);
      if (!e || e->values.empty()) {
        a = a && !*k.present;
        continue;
      }
      if (e->values.size() > 1) return std::nullopt;
      const std::string& v = e->values[0];
      a = a && *k.present;
      switch (k.family) {
        case Family::String: fix(k.str, v); break;
        case Family::Numeric: {
          auto n = parse_number(v);
          a = a && (*k.ok == c_.bool_val(n.has_value()));
          if (n) a = a && (*k.num == c_.real_val(decimal(*n).c_str()));
          break;
        }
        case Family::Date: {
          auto d = parse_iso8601(v);
          a = a && (*k.ok == c_.bool_val(d.has_value()));
          if (d) a = a && (*k.date == c_.int_val(static_cast<int64_t>(*d)));
          break;
        }
        case Family::Bool: {
          bool t = ascii_iequals(v, "true"), f = ascii_iequals(v, "false");
          a = a && (*k.ok == c_.bool_val(t || f)) && (*k.boolean == c_.bool_val(t));
          break;
        }
        case Family::Ip: {
          auto ip = parse_ip(v);
          if (ip && ip->v6) return std::nullopt;
          a = a && (*k.ok == c_.bool_val(ip.has_value()));
          if (ip) a = a && (*k.ip == c_.bv_val(static_cast<uint64_t>(ip->v4()), 32));
          break;
        }
        default: return std::nullopt;
      }
    }
    return a;
  }

  // A concrete request from a model; nullopt (with a blocking clause in `block`) when a string
  // class of the model has no string.
  std::optional<Request> request(const z3::model& m, z3::expr& block) {
    Request r;
    auto realise_field = [&](Field& f, std::string& out) {
      std::vector<bool> want;
      for (const auto& v : f.vars) want.push_back(m.eval(v, true).is_true());
      auto s = realise(f.patterns, want);
      if (!s) {
        z3::expr differ = c_.bool_val(false);
        for (size_t i = 0; i < f.vars.size(); ++i) differ = differ || (f.vars[i] != c_.bool_val(want[i]));
        block = differ;
        return false;
      }
      out = *s;
      return true;
    };
    if (!realise_field(action_, r.action) || !realise_field(resource_, r.resource)) return std::nullopt;
    r.principal = principal_list_[static_cast<size_t>(m.eval(*principal_, true).get_numeral_int())];
    if (r.principal == "linkproof-other-principal") r.principal.clear();
    for (auto& [name, k] : keys_) {
      if (!m.eval(*k.present, true).is_true()) continue;
      bool ok = m.eval(*k.ok, true).is_true();
      std::string v;
      switch (k.family) {
        case Family::String:
          if (!realise_field(k.str, v)) return std::nullopt;
          break;
        case Family::Numeric: v = ok ? m.eval(*k.num, true).get_decimal_string(12) : "not-a-number"; break;
        case Family::Date: v = ok ? iso8601(m.eval(*k.date, true).get_numeral_int64()) : "not-a-date"; break;
        case Family::Bool: v = ok ? (m.eval(*k.boolean, true).is_true() ? "true" : "false") : "maybe"; break;
        case Family::Ip: {
          uint64_t ip = m.eval(*k.ip, true).get_numeral_uint64();
          v = ok ? std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 255) + "." + std::to_string((ip >> 8) & 255) + "." +
                       std::to_string(ip & 255)
                 : "not-an-ip";
          break;
        }
        default: continue;
      }
      if (!v.empty() && v.back() == '?') v.pop_back();  // Z3 marks a truncated decimal expansion
      r.add_context(k.name, v);
    }
    return r;
  }

 private:
  template <typename F>
  static void for_each_policy(const PolicySet& set, F&& f) {
    for (const auto& p : set.identity) f(p);
    if (set.control)
      for (const auto& p : *set.control) f(p);
    if (set.session)
      for (const auto& p : *set.session) f(p);
  }

  void declare_field(Field& f, const std::string& name, z3::solver& solver) {
    // What the patterns certainly have in common. A case-sensitive literal is one string: the
    // string is at most one of them, so they share one integer "which one, if any" (-1 = none)
    // rather than a Boolean each, and that choice decides every glob. Glob inclusions imply.
    std::vector<size_t> exact, globs;
    for (size_t i = 0; i < f.patterns.size(); ++i) {
      const Pattern& p = f.patterns[i];
      bool one_string = p.literal && (!p.fold || std::none_of(p.text.begin(), p.text.end(), ::isalpha));
      (one_string ? exact : globs).push_back(i);
    }
    z3::expr choice = c_.int_const((name + "#literal").c_str());
    solver.add(choice >= -1 && choice < static_cast<int>(exact.size()));
    f.vars.assign(f.patterns.size(), c_.bool_val(false));
    for (size_t k = 0; k < exact.size(); ++k) f.vars[exact[k]] = (choice == static_cast<int>(k));
    for (size_t j : globs) f.vars[j] = c_.bool_const((name + "#" + std::to_string(j)).c_str());
    for (size_t k = 0; k < exact.size(); ++k)
      for (size_t j : globs) {
        bool m = pattern_matches(f.patterns[j], f.patterns[exact[k]].text);
        solver.add(z3::implies(choice == static_cast<int>(k), m ? f.vars[j] : !f.vars[j]));
      }
    if (globs.size() <= 400)
      for (size_t i : globs)
        for (size_t j : globs)
          if (i != j && f.patterns[i].fold == f.patterns[j].fold && !f.patterns[i].literal && !f.patterns[j].literal &&
              glob_subsumes(f.patterns[j].text, f.patterns[i].text))
            solver.add(z3::implies(f.vars[i], f.vars[j]));
  }

  z3::expr var(Field& f, const Pattern& p) { return f.vars[f.index.at(p)]; }

  z3::expr statement(const Statement& st) {
    z3::expr m = c_.bool_val(true);
    auto patterns = [&](const PatternSet& ps, Field& f) {
      z3::expr any = c_.bool_val(false);
      for (const auto& it : ps.items) any = any || var(f, {it.compiled.pattern(), false, it.compiled.fold_case()});
      return ps.negated ? !any : any;
    };
    m = m && patterns(st.action, action_);
    if (st.resource.present) m = m && patterns(st.resource, resource_);
    if (st.principal.present) {
      z3::expr any = c_.bool_val(false);
      for (size_t i = 0; i < principal_list_.size(); ++i) {
        std::string who = principal_list_[i] == "linkproof-other-principal" ? "" : principal_list_[i];
        if (principal_matches(st.principal, who)) any = any || (*principal_ == static_cast<int>(i));
      }
      m = m && any;
    }
    for (const auto& c : st.conditions) m = m && condition(c);
    return m;
  }

  z3::expr value_match(Key& k, const Condition& c, OperatorKind positive, const ConditionValue& v) {
    switch (positive) {
      case OperatorKind::StringEquals:
      case OperatorKind::StringEqualsIgnoreCase:
      case OperatorKind::StringLike: return var(k.str, value_pattern(c, v));
      case OperatorKind::NumericEquals: return *k.ok && (*k.num == c_.real_val(decimal(v.number).c_str()));
      case OperatorKind::NumericLessThan: return *k.ok && (*k.num < c_.real_val(decimal(v.number).c_str()));
      case OperatorKind::NumericLessThanEquals: return *k.ok && (*k.num <= c_.real_val(decimal(v.number).c_str()));
      case OperatorKind::NumericGreaterThan: return *k.ok && (*k.num > c_.real_val(decimal(v.number).c_str()));
      case OperatorKind::NumericGreaterThanEquals: return *k.ok && (*k.num >= c_.real_val(decimal(v.number).c_str()));
      case OperatorKind::DateEquals: return *k.ok && (*k.date == c_.int_val(static_cast<int64_t>(v.millis)));
      case OperatorKind::DateLessThan: return *k.ok && (*k.date < c_.int_val(static_cast<int64_t>(v.millis)));
      case OperatorKind::DateLessThanEquals: return *k.ok && (*k.date <= c_.int_val(static_cast<int64_t>(v.millis)));
      case OperatorKind::DateGreaterThan: return *k.ok && (*k.date > c_.int_val(static_cast<int64_t>(v.millis)));
      case OperatorKind::DateGreaterThanEquals: return *k.ok && (*k.date >= c_.int_val(static_cast<int64_t>(v.millis)));
      case OperatorKind::Bool: return *k.ok && (*k.boolean == c_.bool_val(v.boolean));
      case OperatorKind::IpAddress: {
        if (v.cidr.v6) return c_.bool_val(false);  // IPv4 requests only (docs/solver.md)
        uint64_t mask = v.cidr.prefix == 0 ? 0 : (0xFFFFFFFFull << (32 - v.cidr.prefix)) & 0xFFFFFFFFull;
        return *k.ok && ((*k.ip & c_.bv_val(mask, 32)) == c_.bv_val(static_cast<uint64_t>(v.cidr.v4()) & mask, 32));
      }
      default: return c_.bool_val(false);
    }
  }

  // Mirrors condition_holds (solver/evaluator.cpp) for a request with one value per key.
  z3::expr condition(const Condition& c) {
    Key& k = keys_.at(key_name(c, s_));
    if (k.family == Family::Mixed) return c_.bool_val(false);  // reported through unsupported()
    bool negated = operator_negated(c.op.kind);
    OperatorKind positive = c.op.kind;
    switch (c.op.kind) {
      case OperatorKind::StringNotEquals: positive = OperatorKind::StringEquals; break;
      case OperatorKind::StringNotEqualsIgnoreCase: positive = OperatorKind::StringEqualsIgnoreCase; break;
      case OperatorKind::StringNotLike: positive = OperatorKind::StringLike; break;
      case OperatorKind::NumericNotEquals: positive = OperatorKind::NumericEquals; break;
      case OperatorKind::DateNotEquals: positive = OperatorKind::DateEquals; break;
      case OperatorKind::NotIpAddress: positive = OperatorKind::IpAddress; break;
      default: break;
    }
    z3::expr any = c_.bool_val(false), some_not = c_.bool_val(false);
    for (const auto& v : c.values) {
      z3::expr m = value_match(k, c, positive, v);
      any = any || m;
      some_not = some_not || !m;
    }
    z3::expr holds = !negated ? any : (s_.negated_multi_value == NegatedMultiValueRule::Nor ? !any : some_not);
    bool missing;
    if (c.op.if_exists) missing = true;
    else if (s_.missing_key == MissingKeyRule::AlwaysFalse) missing = false;
    else if (c.op.qualifier == SetQualifier::ForAllValues) missing = true;
    else if (c.op.qualifier == SetQualifier::ForAnyValue) missing = false;
    else missing = negated;
    return z3::ite(*k.present, holds, c_.bool_val(missing));
  }

  z3::context& c_;
  const PolicySettings& s_;
  Field action_, resource_;
  std::map<std::string, Key> keys_;
  std::set<std::string> principals_;
  std::vector<std::string> principal_list_;
  std::optional<z3::expr> principal_;
  std::string unsupported_;
};

struct Direction {
  std::optional<Request> witness;
  std::string unknown;
};

// One direction: a request `yes` allows and `no` does not.
Direction differ(z3::context& c, Encoder& enc, z3::solver& solver, const z3::expr& yes, const z3::expr& no,
                 const SolverLimits& limits) {
  Direction d;
  solver.push();
  solver.add(yes && !no);
  for (unsigned round = 0; round < limits.max_rounds; ++round) {
    z3::check_result r = solver.check();
    if (r == z3::unsat) break;
    if (r == z3::unknown) {
      d.unknown = "Z3: " + solver.reason_unknown();
      break;
    }
    z3::expr block = c.bool_val(true);
    auto req = enc.request(solver.get_model(), block);
    if (req) {
      d.witness = std::move(*req);
      break;
    }
    solver.add(block);  // that class of strings is empty: ask again
    if (round + 1 == limits.max_rounds) d.unknown = "no string realises the solver's classes after " + std::to_string(limits.max_rounds) + " rounds";
  }
  solver.pop();
  return d;
}

}  // namespace

CompareResult compare_policy_sets(const PolicySet& a, const PolicySet& b, const PolicySettings& s, const SolverLimits& limits) {
  z3::context c;
  z3::solver solver(c);
  z3::params p(c);
  p.set("timeout", limits.timeout_ms);
  solver.set(p);
  Encoder enc(c, s);
  enc.collect(a);
  enc.collect(b);
  CompareResult out;
  if (!enc.unsupported().empty()) {
    out.reason = enc.unsupported();
    return out;
  }
  enc.declare(solver);
  z3::expr allow_a = enc.allows(a), allow_b = enc.allows(b);
  Direction ab = differ(c, enc, solver, allow_a, allow_b, limits);
  Direction ba = differ(c, enc, solver, allow_b, allow_a, limits);
  // Replay every witness through the concrete evaluator: a disagreement is a bug, never an answer.
  auto replay = [&](const Request& r, bool a_allows) {
    bool ea = evaluate(a, r, s) == Decision::Allow, eb = evaluate(b, r, s) == Decision::Allow;
    if (ea != a_allows || eb == a_allows)
      throw std::logic_error("internal error: the solver's witness (action " + r.action + ", resource " + r.resource +
                             ") is not confirmed by the concrete evaluator");
  };
  if (ab.witness) {
    replay(*ab.witness, true);
    out.witnesses.push_back({"A", *ab.witness});
  }
  if (ba.witness) {
    replay(*ba.witness, false);
    out.witnesses.push_back({"B", *ba.witness});
  }
  if (!ab.unknown.empty() || !ba.unknown.empty()) {
    out.relation = Relation::Unknown;
    out.reason = !ab.unknown.empty() ? ab.unknown : ba.unknown;
    return out;
  }
  out.relation = ab.witness && ba.witness ? Relation::Incomparable
                 : ab.witness            ? Relation::MorePermissive
                 : ba.witness            ? Relation::LessPermissive
                                         : Relation::Equivalent;
  return out;
}

std::vector<std::optional<bool>> encoded_allows_all(const PolicySet& set, const std::vector<Request>& requests,
                                                    const PolicySettings& s) {
  std::vector<std::optional<bool>> out(requests.size());
  z3::context c;
  z3::solver solver(c);
  Encoder enc(c, s);
  enc.collect(set);
  for (const auto& r : requests)
    if (!r.principal.empty()) enc.add_principal(r.principal);
  if (!enc.unsupported().empty()) return out;
  enc.declare(solver);
  z3::expr allow = enc.allows(set);
  for (size_t i = 0; i < requests.size(); ++i) {
    Request q = requests[i];
    if (q.principal.empty()) q.principal = "linkproof-other-principal";
    auto fixed = enc.assign(q);
    if (!fixed) continue;
    solver.push();
    solver.add(*fixed);
    if (solver.check() == z3::sat) out[i] = solver.get_model().eval(allow, true).is_true();
    solver.pop();
  }
  return out;
}

std::optional<bool> encoded_allows(const PolicySet& set, const Request& r, const PolicySettings& s) {
  return encoded_allows_all(set, {r}, s)[0];
}

}  // namespace lp

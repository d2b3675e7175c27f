#include "solver/validate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <vector>

namespace lp {

// ---- glob inclusion ----

namespace {

// The quick test: covers[i][j] holds when q[j..] matches every string p[i..] matches. q's '*' may
// absorb any run of p's symbols (including p's '*'); q's '?' absorbs one literal or '?'; literals
// must be equal. Sound (true means included) but it misses e.g. "*?" covering "?*".
bool inclusion_by_alignment(std::string_view q, std::string_view p) {
  const size_t n = p.size(), m = q.size();
  std::vector<char> covers((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> char& { return covers[i * (m + 1) + j]; };
  for (size_t i = n + 1; i-- > 0;) {
    for (size_t j = m + 1; j-- > 0;) {
      bool v;
      if (j == m) v = i == n;
      else if (q[j] == '*') v = at(i, j + 1) || (i < n && at(i + 1, j));
      else if (i == n) v = false;
      else if (p[i] == '*') v = false;  // only a '*' of q can cover a run of any length
      else if (q[j] == '?') v = at(i + 1, j + 1);
      else v = p[i] == q[j] && at(i + 1, j + 1);
      at(i, j) = v;
    }
  }
  return at(0, 0);
}

// q's positions reachable after the '*'s at them are skipped (a '*' may match nothing).
void close_stars(std::string_view q, std::vector<bool>& s) {
  for (size_t j = 0; j < q.size(); ++j)
    if (s[j] && q[j] == '*') s[j + 1] = true;
}

// Symbol -1 stands for every character that is written in neither pattern: glob matching only
// compares characters with the literals, so all such characters behave alike and one of them is
// enough to find a counterexample.
std::vector<bool> step(std::string_view q, const std::vector<bool>& s, int c) {
  std::vector<bool> t(q.size() + 1, false);
  for (size_t j = 0; j < q.size(); ++j) {
    if (!s[j]) continue;
    if (q[j] == '*') t[j] = true;
    else if (q[j] == '?' || static_cast<unsigned char>(q[j]) == c) t[j + 1] = true;
  }
  close_stars(q, t);
  return t;
}

}  // namespace

InclusionResult glob_inclusion(std::string_view q, std::string_view p, size_t state_budget) {
  if (inclusion_by_alignment(q, p)) return {Inclusion::Yes, {}};
  std::set<int> literal;
  for (std::string_view s : {q, p})
    for (char c : s)
      if (c != '*' && c != '?') literal.insert(static_cast<unsigned char>(c));
  std::vector<int> sigma(literal.begin(), literal.end());
  sigma.push_back(-1);
  char other = '#';
  for (char c : std::string_view("#~%_@0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if (!literal.count(static_cast<unsigned char>(c))) {
      other = c;
      break;
    }

  // Breadth-first search of (position in p, set of positions in q); a state where p has matched
  // its whole text and q cannot be at its end is a string p matches and q does not.
  struct Node {
    size_t i;
    std::vector<bool> s;
    size_t parent;
    int symbol;  // -2: reached without reading (p's '*' matched nothing)
  };
  std::vector<Node> nodes;
  std::set<std::pair<size_t, std::vector<bool>>> seen;
  auto push = [&](size_t i, std::vector<bool> s, size_t parent, int symbol) {
    if (seen.emplace(i, s).second) nodes.push_back({i, std::move(s), parent, symbol});
  };
  std::vector<bool> start(q.size() + 1, false);
  start[0] = true;
  close_stars(q, start);
  push(0, start, 0, -2);
  const size_t n = p.size(), m = q.size();
  for (size_t k = 0; k < nodes.size(); ++k) {
    if (nodes.size() > state_budget) return {Inclusion::Unknown, {}};
    const size_t i = nodes[k].i;
    if (i == n && !nodes[k].s[m]) {
      std::string witness;
      for (size_t at = k; at != 0; at = nodes[at].parent)
        if (nodes[at].symbol != -2) witness.insert(witness.begin(), nodes[at].symbol == -1 ? other : char(nodes[at].symbol));
      return {Inclusion::No, witness};
    }
    if (i == n) continue;
    if (p[i] == '*') push(i + 1, nodes[k].s, k, -2);
    for (int c : sigma) {
      if (p[i] != '*' && p[i] != '?' && static_cast<unsigned char>(p[i]) != c) continue;
      std::vector<bool> t = step(q, nodes[k].s, c);
      push(p[i] == '*' ? i : i + 1, std::move(t), k, c);
    }
  }
  return {Inclusion::Yes, {}};
}

bool glob_subsumes(std::string_view q, std::string_view p) { return glob_inclusion(q, p).answer == Inclusion::Yes; }

namespace {

// Global keys RAM documents as carrying one value per request (reference.md §1.6); only for these
// can two conditions contradict each other (a multi-valued key may satisfy both with two values).
bool single_valued(std::string_view folded_key) {
  static const std::set<std::string, std::less<>> keys = {"acs:currenttime", "acs:securetransport", "acs:sourceip",
                                                          "acs:mfapresent",  "acs:sourcevpc",      "acs:useragent",
                                                          "acs:referer",     "acs:principalarn"};
  return keys.count(folded_key) > 0;
}

struct Finder {
  const Policy& p;
  const Catalogue& cat;
  const PolicySettings& s;
  Diagnostics out;

  void add(const char* code, Severity sev, const SourceRef& where, std::string message, std::string hint = {}) {
    out.add({code, sev, where, std::move(message), std::move(hint), {}});
  }

  std::string statement_name(const Statement& st) {
    return "statement " + std::to_string(st.index) + (st.sid ? " (" + *st.sid + ")" : "");
  }

  void actions(const Statement& st) {
    for (const auto& item : st.action.items) {
      const std::string& a = item.text;
      if (a == "*") continue;
      const size_t colon = a.find(':');
      if (colon == std::string::npos) continue;  // the parser refuses these (LP-RAM); nothing to look up
      std::string service = a.substr(0, colon);
      if (service.find_first_of("*?") != std::string::npos) continue;  // a pattern over services: nothing to look up
      if (!cat.covers(service)) {
        add("LP-VAL-004", Severity::Info, item.where,
            "service \"" + service + "\" is not in the bundled action catalogue; action \"" + a + "\" is not checked");
        continue;
      }
      if (item.compiled.has_wildcards()) {
        Wildcard folded(a, true);
        if (cat.count_matching(folded) == 0)
          add("LP-VAL-003", Severity::Warning, item.where,
              "action pattern \"" + a + "\" matches no " + service + " action of the catalogue");
        else if (st.effect == Effect::Allow && !st.action.negated && a.substr(colon + 1).find_first_not_of('*') == std::string::npos)
          add("LP-VAL-012", Severity::Info, item.where,
              "Allow of \"" + a + "\": every action of " + service +
                  ", including permission changes and actions the service adds later");
        continue;
      }
      if (cat.status(a) == ActionStatus::UnknownAction) {
        add("LP-VAL-001", Severity::Warning, item.where,
            "unknown action \"" + a + "\": " + service + " has no such action in the catalogue");
        continue;
      }
      const CatalogueAction* known = cat.find(a);
      if (known && a != known->service + ":" + known->name)
        add("LP-VAL-002", Severity::Info, item.where,
            "action \"" + a + "\" is written in another case than documented (\"" + known->service + ":" + known->name +
                "\"); RAM matches actions ignoring case \"in most cases\" (reference.md §1.2)");
    }
  }

  void breadth(const Statement& st) {
    if (st.effect != Effect::Allow) return;
    if (st.action.negated)
      add("LP-VAL-020", Severity::Warning, st.action.where,
          "Allow with NotAction grants every action not listed, including actions added to services later");
    if (st.resource.present && st.resource.negated)
      add("LP-VAL-021", Severity::Warning, st.resource.where,
          "Allow with NotResource grants every resource not listed, in every account and region");
    bool all_actions = false, all_resources = false;
    for (const auto& it : st.action.items)
      if (!st.action.negated && it.compiled.is_match_all()) all_actions = true;
    for (const auto& it : st.resource.items)
      if (!st.resource.negated && it.compiled.is_match_all()) all_resources = true;
    if (all_actions)
      add("LP-VAL-010", all_resources && st.conditions.empty() ? Severity::Error : Severity::Warning, st.action.where,
          all_resources && st.conditions.empty()
              ? "Allow of every action on every resource without conditions: full administrator access"
              : "Allow with Action \"*\" grants every action of every service");
    else if (all_resources)
      add("LP-VAL-011", Severity::Info, st.resource.where,
          "Allow on Resource \"*\": every resource of every account the caller can reach; scope it where the actions "
          "support resource-level authorization");
    if (st.principal.present)
      for (const auto& e : st.principal.entries)
        if (e.kind == PrincipalKind::Any || e.value == "*")
          add("LP-VAL-060", Severity::Warning, e.where,
              "Allow to Principal \"*\": anyone, including other accounts and anonymous callers, may use it");
    for (const auto& c : st.conditions) {
      if (c.key.find(':') == std::string::npos)
        add("LP-VAL-052", Severity::Warning, c.where,
            "condition key \"" + c.key + "\" has no service prefix (acs:, ram:, ...); no documented key has this form, "
            "so requests never carry it and the condition follows the missing-key rule (docs/settings.md)");
    }
  }

  // ---- conditions that can never hold ----

  struct Interval {
    double lo = -std::numeric_limits<double>::infinity(), hi = std::numeric_limits<double>::infinity();
    bool lo_open = false, hi_open = false;
  };

  static Interval interval_of(OperatorKind k, double v) {
    Interval i;
    switch (k) {
      case OperatorKind::NumericEquals: case OperatorKind::DateEquals: i.lo = i.hi = v; break;
      case OperatorKind::NumericLessThan: case OperatorKind::DateLessThan: i.hi = v; i.hi_open = true; break;
      case OperatorKind::NumericLessThanEquals: case OperatorKind::DateLessThanEquals: i.hi = v; break;
      case OperatorKind::NumericGreaterThan: case OperatorKind::DateGreaterThan: i.lo = v; i.lo_open = true; break;
      case OperatorKind::NumericGreaterThanEquals: case OperatorKind::DateGreaterThanEquals: i.lo = v; break;
      default: break;
    }
    return i;
  }

  static bool empty(const Interval& i) { return i.lo > i.hi || (i.lo == i.hi && (i.lo_open || i.hi_open)); }

  void impossible(const Statement& st) {
    // Group the unqualified, non-IfExists conditions by key.
    std::map<std::string, std::vector<const Condition*>> by_key;
    for (const auto& c : st.conditions)
      if (c.op.qualifier == SetQualifier::None && !c.op.if_exists && !c.values.empty())
        by_key[s.condition_key_case_insensitive ? c.key_folded : c.key].push_back(&c);
    for (const auto& [key, conds] : by_key) {
      if (!single_valued(ascii_lower(key))) continue;
      range_conflict(conds);
      string_conflict(conds);
      ip_conflict(conds);
    }
  }

  void report_conflict(const Condition& a, const Condition& b, const std::string& why) {
    add("LP-VAL-040", Severity::Warning, b.where,
        "this condition and the one at " + a.where.to_string() + " on the single-valued key \"" + b.key +
            "\" can never hold together (" + why + "): the statement never applies");
  }

  void range_conflict(const std::vector<const Condition*>& conds) {
    // Each positive numeric/date condition allows the hull of its values' intervals (sound: the
    // real set is a subset of the hull); the key's value must lie in every one. The pair reported
    // is the condition that set the lower bound and the one that set the upper bound.
    for (auto family : {OperatorFamily::Numeric, OperatorFamily::Date}) {
      auto value_of = [&](const ConditionValue& v) { return family == OperatorFamily::Numeric ? v.number : double(v.millis); };
      Interval acc;
      const Condition *lo_from = nullptr, *hi_from = nullptr;
      bool reported = false;
      for (const Condition* c : conds) {
        if (operator_family(c->op.kind) != family || operator_negated(c->op.kind)) continue;
        Interval hull{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), false, false};
        for (const auto& v : c->values) {
          Interval i = interval_of(c->op.kind, value_of(v));
          if (i.lo < hull.lo || (i.lo == hull.lo && !i.lo_open)) { hull.lo = i.lo; hull.lo_open = i.lo_open; }
          if (i.hi > hull.hi || (i.hi == hull.hi && !i.hi_open)) { hull.hi = i.hi; hull.hi_open = i.hi_open; }
        }
        if (hull.lo > acc.lo || (hull.lo == acc.lo && hull.lo_open && !acc.lo_open)) {
          acc.lo = hull.lo;
          acc.lo_open = hull.lo_open;
          lo_from = c;
        }
        if (hull.hi < acc.hi || (hull.hi == acc.hi && hull.hi_open && !acc.hi_open)) {
          acc.hi = hull.hi;
          acc.hi_open = hull.hi_open;
          hi_from = c;
        }
        if (lo_from && hi_from && lo_from != hi_from && empty(acc)) {
          const bool lo_first = lo_from->where.line < hi_from->where.line ||
                                (lo_from->where.line == hi_from->where.line && lo_from->where.column < hi_from->where.column);
          report_conflict(lo_first ? *lo_from : *hi_from, lo_first ? *hi_from : *lo_from,
                          family == OperatorFamily::Numeric ? "no number satisfies both bounds"
                                                            : "no date satisfies both bounds");
          reported = true;
          break;
        }
      }
      // The bounds pin the value to one point, and a NotEquals excludes it.
      if (reported || !lo_from || !hi_from || acc.lo != acc.hi || acc.lo_open || acc.hi_open) continue;
      for (const Condition* c : conds) {
        if (operator_family(c->op.kind) != family || !operator_negated(c->op.kind) || !negation_excludes_each(*c))
          continue;
        if (std::any_of(c->values.begin(), c->values.end(), [&](const ConditionValue& v) { return value_of(v) == acc.lo; })) {
          report_conflict(*lo_from, *c, "the other conditions allow one value only, and this one excludes it");
          break;
        }
      }
    }
  }

  // Whether a negated condition holds only when the request value matches none of its values. That
  // is the NOR rule, and with a single value both rules agree (NegatedMultiValueRule, settings.h).
  bool negation_excludes_each(const Condition& c) const {
    return s.negated_multi_value == NegatedMultiValueRule::Nor || c.values.size() == 1;
  }

  // Whether the single request value `v` can satisfy string condition `c`.
  bool string_holds(const Condition& c, const std::string& v) const {
    auto any = [&](auto&& match) {
      return std::any_of(c.values.begin(), c.values.end(), [&](const ConditionValue& cv) { return match(cv); });
    };
    switch (c.op.kind) {
      case OperatorKind::StringEquals: return any([&](const ConditionValue& cv) { return cv.text == v; });
      case OperatorKind::StringEqualsIgnoreCase:
        return any([&](const ConditionValue& cv) { return ascii_iequals(cv.text, v); });
      case OperatorKind::StringLike: return any([&](const ConditionValue& cv) { return cv.pattern.matches(v); });
      case OperatorKind::StringNotEquals: return !any([&](const ConditionValue& cv) { return cv.text == v; });
      case OperatorKind::StringNotEqualsIgnoreCase:
        return !any([&](const ConditionValue& cv) { return ascii_iequals(cv.text, v); });
      case OperatorKind::StringNotLike: return !any([&](const ConditionValue& cv) { return cv.pattern.matches(v); });
      default: return true;
    }
  }

  void string_conflict(const std::vector<const Condition*>& conds) {
    // The values StringEquals conditions allow form a finite set; every other string condition on
    // the key must hold for one of them. Negated conditions take part only where they exclude
    // each of their values (negation_excludes_each).
    const Condition* first = nullptr;
    std::set<std::string> allowed;
    for (const Condition* c : conds) {
      if (c->op.kind != OperatorKind::StringEquals) continue;
      if (!first) {
        first = c;
        for (const auto& v : c->values) allowed.insert(v.text);
      }
    }
    if (first) {
      for (const Condition* c : conds) {
        if (c == first || operator_family(c->op.kind) != OperatorFamily::String) continue;
        if (operator_negated(c->op.kind) && !negation_excludes_each(*c)) continue;
        std::set<std::string> kept;
        for (const auto& v : allowed)
          if (string_holds(*c, v)) kept.insert(v);
        if (kept.empty()) {
          report_conflict(*first, *c,
                          std::string("no value StringEquals allows satisfies ") + operator_name(c->op.kind));
          return;
        }
        allowed = std::move(kept);
      }
      return;
    }
    // Without StringEquals: a StringNotLike that excludes everything a StringLike admits. Each
    // StringLike pattern must be included in one StringNotLike pattern (glob inclusion, exact).
    for (const Condition* like : conds) {
      if (like->op.kind != OperatorKind::StringLike) continue;
      for (const Condition* unlike : conds) {
        if (unlike->op.kind != OperatorKind::StringNotLike || !negation_excludes_each(*unlike)) continue;
        bool all_excluded = std::all_of(like->values.begin(), like->values.end(), [&](const ConditionValue& l) {
          return std::any_of(unlike->values.begin(), unlike->values.end(), [&](const ConditionValue& u) {
            return glob_subsumes(u.pattern.pattern(), l.pattern.pattern());
          });
        });
        if (all_excluded) {
          report_conflict(*like, *unlike, "StringNotLike excludes every value StringLike admits");
          return;
        }
      }
    }
  }

  static bool overlap(const Cidr& a, const Cidr& b) {
    if (a.v6 != b.v6) return false;
    Cidr wider = a.prefix <= b.prefix ? a : b, narrower = a.prefix <= b.prefix ? b : a;
    Cidr probe = narrower;
    probe.prefix = narrower.v6 ? 128 : 32;
    return wider.contains(probe);
  }

  // Whether block `outer` contains every address of block `inner`.
  static bool contains_block(const Cidr& outer, const Cidr& inner) {
    return outer.v6 == inner.v6 && outer.prefix <= inner.prefix && overlap(outer, inner);
  }

  void ip_conflict(const std::vector<const Condition*>& conds) {
    const Condition* first = nullptr;
    for (const Condition* c : conds) {
      if (c->op.kind != OperatorKind::IpAddress) continue;
      if (!first) {
        first = c;
        continue;
      }
      bool any = false;
      for (const auto& a : first->values)
        for (const auto& b : c->values) any |= overlap(a.cidr, b.cidr);
      if (!any) {
        report_conflict(*first, *c, "their IpAddress blocks do not overlap");
        return;
      }
    }
    if (!first) return;
    // Every block IpAddress admits lies inside one block a NotIpAddress excludes.
    for (const Condition* c : conds) {
      if (c->op.kind != OperatorKind::NotIpAddress || !negation_excludes_each(*c)) continue;
      bool all_excluded = std::all_of(first->values.begin(), first->values.end(), [&](const ConditionValue& in) {
        return std::any_of(c->values.begin(), c->values.end(),
                           [&](const ConditionValue& ex) { return contains_block(ex.cidr, in.cidr); });
      });
      if (all_excluded) {
        report_conflict(*first, *c, "NotIpAddress excludes every IpAddress block");
        return;
      }
    }
  }

  // ---- duplicates and shadowing ----

  static bool patterns_covered(const PatternSet& inner, const PatternSet& outer) {
    if (!outer.present) return !inner.present;
    if (!inner.present || inner.negated || outer.negated) return false;
    for (const auto& i : inner.items) {
      bool covered = false;
      for (const auto& o : outer.items)
        if (glob_subsumes(o.compiled.pattern(), i.compiled.pattern())) {
          covered = true;
          break;
        }
      if (!covered) return false;
    }
    return true;
  }

  // Two conditions with one signature hold for the same requests. Keys compare folded only when
  // condition keys are case-insensitive (PolicySettings::condition_key_case_insensitive).
  std::string condition_signature(const Condition& c) const {
    std::string sig = c.op.spelled + "|" + (s.condition_key_case_insensitive ? c.key_folded : c.key) + "|";
    std::vector<std::string> vals;
    for (const auto& v : c.values) vals.push_back(v.text);
    std::sort(vals.begin(), vals.end());
    for (const auto& v : vals) sig += v + "\x1f";
    return sig;
  }

  std::set<std::string> signatures(const Statement& st) const {
    std::set<std::string> sigs;
    for (const auto& c : st.conditions) sigs.insert(condition_signature(c));
    return sigs;
  }

  // Whether `outer` applies to every request `inner` applies to: its patterns cover inner's and its
  // conditions are a subset of inner's (so inner is at least as constrained).
  bool covers(const Statement& outer, const Statement& inner) const {
    if (outer.principal.present || inner.principal.present) return false;  // principals: leave to the solver
    if (outer.action.negated != inner.action.negated || outer.resource.negated != inner.resource.negated) return false;
    if (inner.action.negated) return false;
    if (!patterns_covered(inner.action, outer.action) || !patterns_covered(inner.resource, outer.resource)) return false;
    auto o = signatures(outer), i = signatures(inner);
    return std::includes(i.begin(), i.end(), o.begin(), o.end());
  }

  void redundancy() {
    const auto& sts = p.statements;
    for (size_t a = 0; a < sts.size(); ++a) {
      for (size_t b = 0; b < sts.size(); ++b) {
        if (a == b) continue;
        const Statement& inner = sts[a];
        const Statement& outer = sts[b];
        if (!covers(outer, inner)) continue;
        if (outer.effect == inner.effect) {
          bool mutual = covers(inner, outer);
          if (mutual && a < b) continue;  // report a duplicate pair once, on the later statement
          add(mutual ? "LP-VAL-030" : "LP-VAL-031", Severity::Warning, inner.where,
              statement_name(inner) + (mutual ? " duplicates " : " is redundant: ") + statement_name(outer) + " at " +
                  outer.where.to_string() + (mutual ? "" : " already " + std::string(inner.effect == Effect::Allow ? "allows" : "denies") +
                                                                 " everything it does"));
          break;  // one covering statement is enough to name
        }
        if (outer.effect == Effect::Deny && inner.effect == Effect::Allow) {
          add("LP-VAL-032", Severity::Warning, inner.where,
              statement_name(inner) + " never takes effect: the Deny of " + statement_name(outer) + " at " +
                  outer.where.to_string() + " covers every request it allows");
          break;
        }
      }
    }
  }

  void run() {
    if (p.statements.empty())
      add("LP-VAL-051", Severity::Warning, p.where, "the policy has no statements: it allows and denies nothing");
    if (p.statement_was_object)
      add("LP-VAL-050", Severity::Info, p.where,
          "\"Statement\" is a single object; RAM's grammar gives a list (reference.md §1.1), write [ {...} ]");
    for (const auto& st : p.statements) {
      actions(st);
      breadth(st);
      impossible(st);
    }
    redundancy();
  }
};

}  // namespace

Diagnostics validate_policy(const Policy& policy, const Catalogue& catalogue, const PolicySettings& settings) {
  Finder f{policy, catalogue, settings, {}};
  f.run();
  return std::move(f.out);
}

}  // namespace lp

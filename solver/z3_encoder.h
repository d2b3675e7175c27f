// The Z3 encoding of a policy set's decision over a symbolic request (docs/solver.md).
// Internal to solver/: it includes z3++.h, which lang/ and cli/ never see.
//
// String fields (action, resource, each string condition key) are encoded by class (the default):
// the distinct exact strings of the field share one integer "which one, if any"; every other pattern
// is a Boolean that the choice decides, or that is free when the string is none of the exact ones.
// A model's free Booleans are realised as a concrete string (solver/string_classes.h); a class with no
// string yields lemmas (usually two-pattern inclusions or disjointness) and the solver is asked again.
// The reference encoding (StringEncoding::Sequences) uses Z3 strings and regular expressions.
// Typed keys: numbers are exact rationals, dates integer milliseconds within what ISO 8601 text can
// write, booleans Booleans, IP addresses 128-bit vectors with a v6 flag and CIDR masks; each value of
// a key has an `in` and an `ok` (parses as the type) flag.
#pragma once

#include <z3++.h>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lang/settings.h"
#include "solver/evaluator.h"
#include "solver/request.h"
#include "solver/string_classes.h"
#include "solver/z3_compare.h"

namespace lp::z3enc {

// One string field. Its patterns are used in groups ("uses": a statement's Action or Resource list,
// a condition's values); the encoding gives each use "the string matches some pattern" and "the
// string matches every pattern", which is all a decision asks of a single-valued string.
struct Field {
  std::vector<classes::Pattern> patterns;
  std::map<classes::Pattern, size_t> index;
  std::vector<std::vector<size_t>> uses;  // sorted pattern indexes
  std::map<std::vector<size_t>, size_t> use_index;
  std::vector<z3::expr> use_any, use_all;
  // Classes encoding: exact strings that every use treats alike form one group; `choice` names the
  // group of the string (-1: none of the exact strings), `exact` holds one string per group.
  bool folded = false;                        // every pattern folds case: solved over folded strings
  std::vector<std::optional<z3::expr>> free;  // per non-exact pattern: its membership when choice = -1
  std::vector<std::string> exact;
  std::map<std::string, int> group_of;  // every exact string -> its group
  std::optional<z3::expr> choice;
  // Sequences encoding.
  std::optional<z3::expr> str;

  size_t add(const classes::Pattern& p);
  size_t add_use(std::vector<size_t> pattern_indexes);
};

enum class Family { None, String, Numeric, Date, Bool, Ip, Mixed };

// One value of a context key. A key that a condition qualifies with ForAnyValue:/ForAllValues:
// (docs/solver.md, "Multi-valued keys") has one slot per value a question can need, each with an
// `in` flag; other keys have one, unless a concrete request under question gives them more.
struct Slot {
  Field str;  // String keys: a copy of the key's field, declared per slot
  std::optional<z3::expr> in, ok, num, date, boolean, ip, v6;
};

struct Key {
  std::string name;  // as the request carries it
  Family family = Family::None;
  Field str;  // String keys: the patterns and uses every slot shares
  // The conditions on the key, each as "(quantifier, operator, values)": one slot per distinct one
  // decides every condition as a set of any size would (docs/solver.md).
  std::set<std::string> distinct;
  bool multi = false;                // some condition qualifies it (ForAnyValue:/ForAllValues:)
  unsigned ip_bits = 32;             // Ip keys: 128 when a condition names an IPv6 block
  size_t reserved = 0;               // values a concrete request under question gives the key
  std::vector<std::string> numbers;  // Numeric keys: the values the conditions compare with
  std::optional<z3::expr> present;
  std::vector<Slot> slots;
};

// One part of a statement (Action, Resource, Principal, a condition), for explanations.
struct Part {
  std::string label;
  z3::expr holds;
};

class Encoder {
 public:
  Encoder(z3::context& c, const PolicySettings& s, StringEncoding e, const std::vector<std::string>* action_names = nullptr)
      : c_(c), s_(s), encoding_(e), action_names_(action_names) {}

  // Pass 1: every pattern, key and principal of the sets under question.
  void collect(const PolicySet& set);
  void add_principal(const std::string& p) { principals_.insert(p); }
  // A concrete request the question fixes (before declare): its principal is a candidate and each
  // key gets a slot for every value it gives.
  void add_request(const Request& r);
  // An extra pattern of a field ("action", "resource" or a context key's name), for open questions.
  void add_pattern(const std::string& field, const classes::Pattern& p);
  // Pass 2: the variables and the constraints every class satisfies.
  void declare(z3::solver& solver);

  const std::string& unsupported() const { return unsupported_; }
  // The membership of an extra pattern (after declare).
  z3::expr pattern_var(const std::string& field, const classes::Pattern& p);
  z3::expr principal_is(const std::string& principal);
  // The principal candidates (after declare): every principal the policies name, a member of each
  // account they name, and kOtherPrincipal for any other.
  const std::vector<std::string>& principal_candidates() const { return principal_list_; }
  z3::expr key_present(const std::string& name);
  bool has_key(const std::string& name) const;

  // Fixes variables to a concrete request (nullopt: outside what the encoding models).
  std::optional<z3::expr> assign(const Request& r);
  // Fixes the principal and/or the context keys `r` gives; keys it does not give are absent, or
  // free when `others_open` (the open authorize question).
  std::optional<z3::expr> assign_partial(const Request& r, bool principal_fixed, bool context_fixed,
                                         bool others_open = false);
  // The parts of a statement, each with its encoding (their conjunction is `statement`).
  std::vector<Part> parts(const Statement& st);
  z3::expr statement(const Statement& st);

  enum class Realised { Yes, Retry, Unknown };
  // A concrete request from a model. Retry: some string class was empty; `lemmas` say why (add them
  // and ask again). Unknown: `why` says what could not be decided.
  Realised request(const z3::model& m, Request& out, std::vector<z3::expr>& lemmas, std::string& why);

  unsigned next_goal() { return goals_++; }

 private:
  void declare_field(Field& f, const std::string& name, z3::solver& solver);
  Field& field(const std::string& name);
  size_t use_of(Field& f, const PatternSet& ps);
  size_t use_of(Field& f, const Condition& c);
  z3::expr value_match(Slot& k, OperatorKind positive, const ConditionValue& v);
  bool fix_value(Key& k, Slot& slot, const std::string& v, z3::expr& a);  // false: not modelled
  std::string realise_number(const Key& k, const Slot& slot, const z3::model& m);
  z3::expr condition(const Condition& c);
  Realised realise_field(Field& f, const z3::model& m, std::string& out, std::vector<z3::expr>& lemmas, std::string& why,
                         const std::vector<std::string>* hints = nullptr);
  z3::expr regex(const classes::Pattern& p);
  z3::expr fix(Field& f, std::string_view v);  // the memberships of one concrete string

  z3::context& c_;
  const PolicySettings& s_;
  StringEncoding encoding_;
  const std::vector<std::string>* action_names_;  // witness hints for the action field
  Field action_, resource_;
  std::map<std::string, Key> keys_;
  std::set<std::string> principals_;
  std::vector<std::string> principal_list_;
  std::optional<z3::expr> principal_;
  std::string unsupported_;
  unsigned goals_ = 0;
};

// The "linkproof-other-principal" stand-in of the principal candidates (any principal no policy names).
extern const char* const kOtherPrincipal;

struct Search {
  std::optional<Request> witness;
  std::string unknown;  // why no answer, when the search could not decide
};

// A concrete request satisfying `goal` (asserted under an indicator, so lemmas learnt stay valid for
// later questions on the same solver), realised and refined up to `limits.max_rounds` times.
Search find_request(z3::context& c, Encoder& enc, z3::solver& solver, const z3::expr& goal, const SolverLimits& limits);

// Every statement of a set with where it sits (identity, then control, then session policies).
struct Located {
  StatementRef ref;
  const Statement* st;
};
std::vector<Located> statements_of(const PolicySet& set);

// The layered decisions of a set whose statement i applies where `applies[i]` holds, counting
// statement i only where `active(i)` holds (switches for unsat cores; reference.md §1.7).
using Switch = std::function<z3::expr(size_t)>;
z3::expr layered_allow(z3::context& c, const PolicySet& set, const std::vector<Located>& located,
                       const std::vector<z3::expr>& applies, const Switch& active);
// Some Deny statement (of layer `only`, if given) applies.
z3::expr any_deny(z3::context& c, const std::vector<Located>& located, const std::vector<z3::expr>& applies,
                  const Switch& active, std::optional<Layer> only = std::nullopt);
// The set's decision is ExplicitDeny: the Deny of the first layer that does not allow.
z3::expr layered_deny(z3::context& c, const PolicySet& set, const std::vector<Located>& located,
                      const std::vector<z3::expr>& applies, const Switch& active);

}  // namespace lp::z3enc

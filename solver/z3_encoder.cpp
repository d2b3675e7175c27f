#include "solver/z3_encoder.h"

#include <algorithm>
#include <cstdio>

#include "solver/evaluator.h"
#include "solver/exact_number.h"
#include "solver/z3_query.h"

namespace lp::z3enc {

using classes::Pattern;

const char* const kOtherPrincipal = "linkproof-other-principal";

size_t Field::add(const Pattern& p) {
  auto [it, fresh] = index.emplace(p, patterns.size());
  if (fresh) patterns.push_back(p);
  return it->second;
}

size_t Field::add_use(std::vector<size_t> idx) {
  std::sort(idx.begin(), idx.end());
  idx.erase(std::unique(idx.begin(), idx.end()), idx.end());
  auto [it, fresh] = use_index.emplace(idx, uses.size());
  if (fresh) uses.push_back(std::move(idx));
  return it->second;
}

namespace {

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

Pattern item_pattern(const PatternItem& it) { return {it.compiled.pattern(), false, it.compiled.fold_case()}; }

// The milliseconds ISO 8601 text can write (parse_iso8601): local times from 0000-01-01T00:00:00
// to 9999-12-31T23:59:60.999 (a leap second), shifted by zone offsets up to 23:59 either way. The
// date of every key is kept inside it, so every model has a text (docs/solver.md, "Dates").
struct DateRange {
  int64_t lo, hi;                  // every written value lies within
  int64_t first_local, last_local;  // written with "Z" and a second below 60
};
const DateRange& date_range() {
  static const DateRange r{*parse_iso8601("0000-01-01T00:00:00+23:59"), *parse_iso8601("9999-12-31T23:59:60.999-23:59"),
                           *parse_iso8601("0000-01-01T00:00:00Z"), *parse_iso8601("9999-12-31T23:59:59.999Z")};
  return r;
}

// A local date-time in the range written without a zone.
std::string civil(int64_t millis) {
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
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lld", static_cast<long long>(y), m, d,
                static_cast<long long>(rest / 3600000), static_cast<long long>(rest / 60000 % 60),
                static_cast<long long>(rest / 1000 % 60), static_cast<long long>(rest % 1000));
  return buf;
}

std::string zone(char sign, int64_t minutes) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%c%02lld:%02lld", sign, static_cast<long long>(minutes / 60), static_cast<long long>(minutes % 60));
  return buf;
}

// A text parse_iso8601 reads as `millis` (within date_range()): UTC where it can, else the local
// time of a zone that brings it into years 0000 to 9999.
std::string iso8601(int64_t millis) {
  const DateRange& r = date_range();
  if (millis < r.first_local) {
    int64_t o = (r.first_local - millis + 59999) / 60000;
    return civil(millis + o * 60000) + zone('+', o);
  }
  if (millis > r.last_local) {
    int64_t o = std::min<int64_t>((millis - r.last_local + 59999) / 60000, 23 * 60 + 59);
    int64_t local = millis - o * 60000;
    if (local <= r.last_local) return civil(local) + zone('-', o);
    char buf[48];  // within the leap second after 9999-12-31T23:59:59.999
    std::snprintf(buf, sizeof buf, "9999-12-31T23:59:60.%03lld", static_cast<long long>(local - r.last_local - 1));
    return buf + zone('-', o);
  }
  return civil(millis) + "Z";
}

// An address or block as a 128-bit vector (IPv4 in the low 32 bits).
z3::expr ip_value(z3::context& c, const Cidr& ip) {
  if (!ip.v6) return c.bv_val(static_cast<uint64_t>(ip.v4()), 128);
  uint64_t hi = 0, lo = 0;
  for (size_t i = 0; i < 8; ++i) {
    hi = hi << 8 | ip.bytes[i];
    lo = lo << 8 | ip.bytes[i + 8];
  }
  return z3::concat(c.bv_val(hi, 64), c.bv_val(lo, 64));
}

// The address a model gives a slot, as parse_ip reads it (an IPv6 address of a 32-bit key: ::<bits>).
std::string ip_text(const z3::model& m, const Slot& sl) {
  Cidr ip;
  ip.v6 = m.eval(*sl.v6, true).is_true();
  ip.prefix = ip.v6 ? 128 : 32;
  const bool wide = sl.ip->get_sort().bv_size() == 128;
  uint64_t hi = wide ? m.eval(sl.ip->extract(127, 64), true).get_numeral_uint64() : 0;
  uint64_t lo = m.eval(wide ? sl.ip->extract(63, 0) : *sl.ip, true).get_numeral_uint64();
  if (ip.v6)
    for (size_t i = 0; i < 8; ++i) {
      ip.bytes[i] = static_cast<uint8_t>(hi >> (56 - 8 * i));
      ip.bytes[i + 8] = static_cast<uint8_t>(lo >> (56 - 8 * i));
    }
  else
    for (size_t i = 0; i < 4; ++i) ip.bytes[i] = static_cast<uint8_t>(lo >> (24 - 8 * i));
  return ip.to_string();
}

// Whether a condition is decided over all of a key's values (ForAllValues; an unqualified negated
// operator under Nor), as condition_holds reads it, rather than by one value.
bool over_every_value(const Condition& c, const PolicySettings& s) {
  return c.op.qualifier == SetQualifier::ForAllValues ||
         (c.op.qualifier == SetQualifier::None && operator_negated(c.op.kind) && s.negated_multi_value == NegatedMultiValueRule::Nor);
}

}  // namespace

void Encoder::collect(const PolicySet& set) {
  for (const auto& located : statements_of(set)) {
    const Statement& st = *located.st;
    use_of(action_, st.action);
    if (st.resource.present) use_of(resource_, st.resource);
    for (const auto& e : st.principal.entries) {
      if (e.kind != PrincipalKind::Any && e.value != "*" && e.compiled.has_wildcards())
        unsupported_ = "a Principal with wildcards (" + e.value + ") is not encoded";
      principals_.insert(e.value);
      // A root or a bare account id stands for every identity of the account: one member of it.
      if (e.value.rfind("acs:ram::", 0) == 0 && e.value.size() > 14 && e.value.substr(e.value.size() - 5) == ":root")
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
      if (f == Family::String) use_of(k.str, cnd);
      std::string sig = std::string(over_every_value(cnd, s_) ? "every " : "some ") + operator_name(cnd.op.kind);
      for (const auto& v : cnd.values) {
        sig += '\0' + v.text;
        if (f == Family::Ip && v.cidr.v6) k.ip_bits = 128;
        if (f != Family::Numeric) continue;
        if (parse_decimal(v.text)) k.numbers.push_back(v.text);
        else unsupported_ = "the number " + v.text + " of " + cnd.key + " has an exponent beyond what is compared exactly";
      }
      k.distinct.insert(std::move(sig));
      if (cnd.op.qualifier != SetQualifier::None) k.multi = true;
    }
  }
}

Field& Encoder::field(const std::string& name) {
  if (name == "action") return action_;
  if (name == "resource") return resource_;
  Key& k = keys_[s_.condition_key_case_insensitive ? ascii_lower(name) : name];
  if (k.name.empty()) k.name = name;
  if (k.family == Family::None) k.family = Family::String;
  if (k.family != Family::String) unsupported_ = "condition key " + name + " is not a string key of these policies";
  return k.str;
}

size_t Encoder::use_of(Field& f, const PatternSet& ps) {
  std::vector<size_t> idx;
  for (const auto& it : ps.items) idx.push_back(f.add(item_pattern(it)));
  return f.add_use(std::move(idx));
}

size_t Encoder::use_of(Field& f, const Condition& c) {
  std::vector<size_t> idx;
  for (const auto& v : c.values) idx.push_back(f.add(value_pattern(c, v)));
  return f.add_use(std::move(idx));
}

void Encoder::add_request(const Request& r) {
  if (!r.principal.empty()) add_principal(r.principal);
  for (auto& [name, k] : keys_)
    if (const ContextEntry* e = r.find(name, s_.condition_key_case_insensitive)) k.reserved = std::max(k.reserved, e->values.size());
}

void Encoder::add_pattern(const std::string& name, const Pattern& p) {
  Field& f = field(name);
  f.add_use({f.add(p)});
}

z3::expr Encoder::pattern_var(const std::string& name, const Pattern& p) {
  Field& f = field(name);
  size_t u = f.use_index.at({f.index.at(p)});
  if (&f == &action_ || &f == &resource_) return f.use_any[u];
  return keys_.at(s_.condition_key_case_insensitive ? ascii_lower(name) : name).slots[0].str.use_any[u];
}

bool Encoder::has_key(const std::string& name) const {
  return keys_.count(s_.condition_key_case_insensitive ? ascii_lower(name) : name) > 0;
}

z3::expr Encoder::key_present(const std::string& name) {
  return *keys_.at(s_.condition_key_case_insensitive ? ascii_lower(name) : name).present;
}

z3::expr Encoder::principal_is(const std::string& who) {
  auto it = std::find(principal_list_.begin(), principal_list_.end(), who);
  if (it == principal_list_.end()) return c_.bool_val(false);
  return *principal_ == static_cast<int>(it - principal_list_.begin());
}

void Encoder::declare(z3::solver& solver) {
  declare_field(action_, "action", solver);
  declare_field(resource_, "resource", solver);
  principal_list_.assign(principals_.begin(), principals_.end());
  principal_list_.push_back(kOtherPrincipal);
  principal_ = c_.int_const("principal");
  solver.add(*principal_ >= 0 && *principal_ < static_cast<int>(principal_list_.size()));
  const DateRange& dates = date_range();
  for (auto& [name, k] : keys_) {
    k.present = c_.bool_const(("present:" + name).c_str());
    // A multi-valued key: one slot per distinct condition. A set of values that decides the key's
    // conditions keeps that outcome on a subset with one value per condition (a witness of each
    // ForAnyValue-like condition that holds, a counterexample of each ForAllValues-like one that
    // fails), so these slots reach every outcome a set of any size reaches.
    k.slots.resize(std::max({size_t{1}, k.multi ? k.distinct.size() : 1, k.reserved}));
    for (size_t j = 0; j < k.slots.size(); ++j) {
      Slot& sl = k.slots[j];
      std::string v = name + "#" + std::to_string(j);
      sl.in = j == 0 ? *k.present : c_.bool_const(("in:" + v).c_str());
      if (j > 0) solver.add(z3::implies(*sl.in, *k.present));
      sl.ok = c_.bool_const(("ok:" + v).c_str());
      if (k.family == Family::String) {
        sl.str = k.str;
        declare_field(sl.str, "key:" + v, solver);
      }
      if (k.family == Family::Numeric) sl.num = c_.real_const(("num:" + v).c_str());
      if (k.family == Family::Date) {
        sl.date = c_.int_const(("date:" + v).c_str());
        solver.add(z3::implies(*sl.ok, *sl.date >= c_.int_val(dates.lo) && *sl.date <= c_.int_val(dates.hi)));
      }
      if (k.family == Family::Bool) sl.boolean = c_.bool_const(("bool:" + v).c_str());
      if (k.family == Family::Ip) {
        // Without an IPv6 block the flag alone decides an IPv6 address (it matches no IPv4 block).
        sl.ip = c_.bv_const(("ip:" + v).c_str(), k.ip_bits);
        sl.v6 = c_.bool_const(("v6:" + v).c_str());
      }
    }
  }
}

z3::expr Encoder::regex(const Pattern& p) {
  z3::sort str = c_.string_sort();
  z3::expr any = z3::range(c_.string_val(" "), c_.string_val("~"));
  std::optional<z3::expr> re;
  auto append = [&](const z3::expr& part) { re = re ? z3::concat(*re, part) : part; };
  std::string run;
  auto flush = [&] {
    if (!run.empty()) append(z3::to_re(c_.string_val(run)));
    run.clear();
  };
  for (char ch : p.text) {
    if (!p.literal && ch == '*') {
      flush();
      append(z3::star(any));
    } else if (!p.literal && ch == '?') {
      flush();
      append(any);
    } else if (p.fold && ch >= 'a' && ch <= 'z') {
      flush();
      append(z3::to_re(c_.string_val(std::string(1, ch))) + z3::to_re(c_.string_val(std::string(1, static_cast<char>(ch - 32)))));
    } else {
      run += ch;
    }
  }
  flush();
  return re ? *re : z3::to_re(c_.string_val(""));
}

void Encoder::declare_field(Field& f, const std::string& name, z3::solver& solver) {
  auto any_of = [&](const z3::expr_vector& v) { return v.empty() ? c_.bool_val(false) : z3::mk_or(v); };
  if (encoding_ == StringEncoding::Sequences) {
    // Requests are printable ASCII in this encoding (docs/solver.md).
    f.str = c_.string_const(name.c_str());
    solver.add(z3::in_re(*f.str, z3::star(z3::range(c_.string_val(" "), c_.string_val("~")))));
    std::vector<z3::expr> member;
    for (const auto& p : f.patterns) member.push_back(z3::in_re(*f.str, regex(p)));
    for (const auto& use : f.uses) {
      z3::expr_vector v(c_);
      for (size_t i : use) v.push_back(member[i]);
      f.use_any.push_back(any_of(v));
      f.use_all.push_back(v.empty() ? c_.bool_val(true) : z3::mk_and(v));
    }
    return;
  }
  f.folded = !f.patterns.empty() && std::all_of(f.patterns.begin(), f.patterns.end(), [](const Pattern& p) { return p.fold; });
  std::vector<size_t> globs;
  std::map<std::string, std::vector<size_t>> exact_patterns;  // exact string -> the patterns that are it
  for (size_t i = 0; i < f.patterns.size(); ++i)
    if (classes::is_exact(f.patterns[i], f.folded)) exact_patterns[f.patterns[i].text].push_back(i);
    else globs.push_back(i);
  std::vector<std::vector<size_t>> uses_of(f.patterns.size());
  for (size_t u = 0; u < f.uses.size(); ++u)
    for (size_t i : f.uses[u]) uses_of[i].push_back(u);
  // Group the exact strings by what every use says of them: (use, matches some, matches every).
  std::map<std::vector<size_t>, int> groups;
  std::vector<std::vector<size_t>> any_groups(f.uses.size()), all_groups(f.uses.size());
  std::vector<size_t> count(f.uses.size(), 0);
  for (const auto& [text, own] : exact_patterns) {
    std::vector<size_t> matched = own;
    for (size_t j : globs) {
      std::string_view head = std::string_view(f.patterns[j].text).substr(0, f.patterns[j].text.find_first_of("*?"));
      if ((f.patterns[j].fold && !f.folded) || text.compare(0, head.size(), head) == 0)
        if (classes::matches(f.patterns[j], text)) matched.push_back(j);
    }
    std::vector<size_t> touched;
    for (size_t i : matched)
      for (size_t u : uses_of[i])
        if (count[u]++ == 0) touched.push_back(u);
    std::vector<size_t> sig;
    for (size_t u : touched) {
      sig.push_back(u * 2 + (count[u] == f.uses[u].size() ? 1 : 0));
      count[u] = 0;
    }
    std::sort(sig.begin(), sig.end());
    auto [it, fresh] = groups.emplace(sig, static_cast<int>(f.exact.size()));
    f.group_of[text] = it->second;
    if (!fresh) continue;
    f.exact.push_back(text);
    for (size_t x : sig) {
      any_groups[x / 2].push_back(f.exact.size() - 1);
      if (x % 2) all_groups[x / 2].push_back(f.exact.size() - 1);
    }
  }
  f.choice = c_.int_const((name + "#exact").c_str());
  solver.add(*f.choice >= -1 && *f.choice < static_cast<int>(f.exact.size()));
  f.free.assign(f.patterns.size(), std::nullopt);
  for (size_t j : globs) {
    f.free[j] = c_.bool_const((name + "#" + std::to_string(j)).c_str());
    if (classes::matches_everything(f.patterns[j])) solver.add(*f.free[j]);
  }
  const z3::expr none = (*f.choice == -1);
  for (size_t u = 0; u < f.uses.size(); ++u) {
    z3::expr_vector some_glob(c_), every_glob(c_), in_any(c_), in_all(c_);
    bool has_exact = false;
    for (size_t i : f.uses[u])
      if (f.free[i]) {
        some_glob.push_back(*f.free[i]);
        every_glob.push_back(*f.free[i]);
      } else {
        has_exact = true;
      }
    for (size_t g : any_groups[u]) in_any.push_back(*f.choice == static_cast<int>(g));
    for (size_t g : all_groups[u]) in_all.push_back(*f.choice == static_cast<int>(g));
    f.use_any.push_back(z3::ite(none, any_of(some_glob), any_of(in_any)));
    f.use_all.push_back(z3::ite(none, has_exact || every_glob.empty() ? c_.bool_val(false) : z3::mk_and(every_glob), any_of(in_all)));
  }
  // Inclusions between patterns, where cheap tests let them through and the exact test confirms.
  for (size_t i : globs)
    for (size_t j : globs)
      if (i != j && !f.patterns[i].literal && !f.patterns[j].literal && f.patterns[i].fold == f.patterns[j].fold &&
          !classes::matches_everything(f.patterns[j])) {
        classes::Answer in = classes::includes(f.patterns[i], f.patterns[j]);
        if (in == classes::Answer::Yes ||
            (in == classes::Answer::Maybe &&
             classes::realise({&f.patterns[i]}, {&f.patterns[j]}, f.folded, 2000).status == classes::Search::Empty))
          solver.add(z3::implies(*f.free[i], *f.free[j]));
      }
}

std::vector<Part> Encoder::parts(const Statement& st) {
  std::vector<Part> out;
  auto patterns = [&](const PatternSet& ps, Field& f) {
    z3::expr e = f.use_any[use_of(f, ps)];
    return ps.negated ? !e : e;
  };
  out.push_back({st.action.negated ? "NotAction" : "Action", patterns(st.action, action_)});
  if (st.resource.present) out.push_back({st.resource.negated ? "NotResource" : "Resource", patterns(st.resource, resource_)});
  if (st.principal.present) {
    z3::expr_vector any(c_);
    for (size_t i = 0; i < principal_list_.size(); ++i) {
      std::string who = principal_list_[i] == kOtherPrincipal ? "" : principal_list_[i];
      if (principal_matches(st.principal, who)) any.push_back(*principal_ == static_cast<int>(i));
    }
    out.push_back({"Principal", any.empty() ? c_.bool_val(false) : z3::mk_or(any)});
  }
  for (const auto& c : st.conditions) out.push_back({"Condition " + c.op.spelled + " " + c.key, condition(c)});
  return out;
}

z3::expr Encoder::statement(const Statement& st) {
  z3::expr_vector all(c_);
  for (auto& p : parts(st)) all.push_back(p.holds);
  return z3::mk_and(all);
}

z3::expr Encoder::value_match(Slot& k, OperatorKind positive, const ConditionValue& v) {
  auto number = [&] { return c_.real_val(rational_text(*parse_decimal(v.text)).c_str()); };  // exact (collect checked it)
  const z3::expr millis = c_.int_val(static_cast<int64_t>(v.millis));
  switch (positive) {
    case OperatorKind::NumericEquals: return *k.ok && (*k.num == number());
    case OperatorKind::NumericLessThan: return *k.ok && (*k.num < number());
    case OperatorKind::NumericLessThanEquals: return *k.ok && (*k.num <= number());
    case OperatorKind::NumericGreaterThan: return *k.ok && (*k.num > number());
    case OperatorKind::NumericGreaterThanEquals: return *k.ok && (*k.num >= number());
    case OperatorKind::DateEquals: return *k.ok && (*k.date == millis);
    case OperatorKind::DateLessThan: return *k.ok && (*k.date < millis);
    case OperatorKind::DateLessThanEquals: return *k.ok && (*k.date <= millis);
    case OperatorKind::DateGreaterThan: return *k.ok && (*k.date > millis);
    case OperatorKind::DateGreaterThanEquals: return *k.ok && (*k.date >= millis);
    case OperatorKind::Bool: return *k.ok && (*k.boolean == c_.bool_val(v.boolean));
    case OperatorKind::IpAddress: {
      // Cidr::contains: an address matches a block of its own family only.
      const int width = v.cidr.v6 ? 128 : 32;
      z3::expr family = v.cidr.v6 ? *k.v6 : !*k.v6;
      if (v.cidr.prefix == 0) return *k.ok && family;
      const z3::expr block = ip_value(c_, v.cidr).extract(width - 1, static_cast<unsigned>(width - v.cidr.prefix));
      return *k.ok && family && (k.ip->extract(width - 1, static_cast<unsigned>(width - v.cidr.prefix)) == block);
    }
    default: return c_.bool_val(false);
  }
}

// Mirrors condition_holds (solver/evaluator.cpp) for a request with one value per key.
z3::expr Encoder::condition(const Condition& c) {
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
  // The condition on one value (holds_for in condition_holds), then over the request's values.
  std::optional<size_t> use;
  if (k.family == Family::String) use = use_of(k.str, c);
  z3::expr_vector over(c_);
  const bool every = over_every_value(c, s_);
  for (Slot& sl : k.slots) {
    z3::expr any = c_.bool_val(false), some_not = c_.bool_val(false);
    if (use) {
      any = sl.str.use_any[*use];
      some_not = !sl.str.use_all[*use];
    } else {
      z3::expr_vector a(c_), n(c_);
      for (const auto& v : c.values) {
        z3::expr m = value_match(sl, positive, v);
        a.push_back(m);
        n.push_back(!m);
      }
      if (!a.empty()) any = z3::mk_or(a), some_not = z3::mk_or(n);
    }
    z3::expr one = !negated ? any : (s_.negated_multi_value == NegatedMultiValueRule::Nor ? !any : some_not);
    if (k.slots.size() == 1) over.push_back(one);  // the one slot is in exactly when the key is present
    else over.push_back(every ? z3::implies(*sl.in, one) : *sl.in && one);
  }
  z3::expr holds = every ? z3::mk_and(over) : z3::mk_or(over);
  bool missing;
  if (c.op.if_exists) missing = true;
  else if (s_.missing_key == MissingKeyRule::AlwaysFalse) missing = false;
  else if (c.op.qualifier == SetQualifier::ForAllValues) missing = true;
  else if (c.op.qualifier == SetQualifier::ForAnyValue) missing = false;
  else missing = negated;
  return z3::ite(*k.present, holds, c_.bool_val(missing));
}

z3::expr Encoder::fix(Field& f, std::string_view v) {
  if (f.str) return *f.str == c_.string_val(std::string(v));
  auto group = f.group_of.find(f.folded ? ascii_lower(v) : std::string(v));
  if (group != f.group_of.end()) return *f.choice == group->second;
  z3::expr_vector all(c_);
  all.push_back(*f.choice == -1);
  for (size_t i = 0; i < f.patterns.size(); ++i)
    if (f.free[i]) all.push_back(*f.free[i] == c_.bool_val(classes::matches(f.patterns[i], v)));
  return z3::mk_and(all);
}

std::optional<z3::expr> Encoder::assign(const Request& r) {
  auto partial = assign_partial(r, true, true);
  if (!partial) return std::nullopt;
  return *partial && fix(action_, r.action) && fix(resource_, r.resource);
}

std::optional<z3::expr> Encoder::assign_partial(const Request& r, bool principal_fixed, bool context_fixed, bool others_open) {
  z3::expr a = c_.bool_val(true);
  if (principal_fixed) {
    std::string who = r.principal.empty() ? kOtherPrincipal : r.principal;
    auto it = std::find(principal_list_.begin(), principal_list_.end(), who);
    if (it == principal_list_.end()) it = principal_list_.end() - 1;  // a principal no policy names
    a = a && (*principal_ == static_cast<int>(it - principal_list_.begin()));
  }
  if (!context_fixed) return a;
  for (auto& [name, k] : keys_) {
    const ContextEntry* e = r.find(name, s_.condition_key_case_insensitive);
    if (!e || e->values.empty()) {
      if (!others_open) a = a && !*k.present;
      continue;
    }
    // The request's values in the first slots, the others empty.
    if (e->values.size() > k.slots.size()) return std::nullopt;  // add_request reserves them
    for (size_t j = 0; j < k.slots.size(); ++j) {
      Slot& sl = k.slots[j];
      if (j >= e->values.size()) {
        a = a && !*sl.in;
        continue;
      }
      a = a && *sl.in;
      if (!fix_value(k, sl, e->values[j], a)) return std::nullopt;
    }
  }
  return a;
}

bool Encoder::fix_value(Key& k, Slot& sl, const std::string& v, z3::expr& a) {
  switch (k.family) {
    case Family::String: a = a && fix(sl.str, v); return true;
    case Family::Numeric: {
      auto n = parse_decimal(v);
      a = a && (*sl.ok == c_.bool_val(n.has_value()));
      if (n) a = a && (*sl.num == c_.real_val(rational_text(*n).c_str()));
      return true;
    }
    case Family::Date: {
      auto d = parse_iso8601(v);
      a = a && (*sl.ok == c_.bool_val(d.has_value()));
      if (d) a = a && (*sl.date == c_.int_val(static_cast<int64_t>(*d)));
      return true;
    }
    case Family::Bool: {
      bool t = ascii_iequals(v, "true"), f = ascii_iequals(v, "false");
      a = a && (*sl.ok == c_.bool_val(t || f)) && (*sl.boolean == c_.bool_val(t));
      return true;
    }
    case Family::Ip: {
      auto ip = parse_ip(v);
      a = a && (*sl.ok == c_.bool_val(ip.has_value()));
      if (!ip) return true;
      a = a && (*sl.v6 == c_.bool_val(ip->v6));
      if (!ip->v6) a = a && sl.ip->extract(31, 0) == ip_value(c_, *ip).extract(31, 0);
      else if (k.ip_bits == 128) a = a && *sl.ip == ip_value(c_, *ip);
      return true;
    }
    default: return false;
  }
}

// The value's place among the numbers the conditions name decides every condition on it: the
// number itself, or a decimal strictly between its neighbours (Z3's own value may be any rational).
std::string Encoder::realise_number(const Key& k, const Slot& sl, const z3::model& m) {
  std::optional<DecimalView> below, above;
  for (const auto& t : k.numbers) {
    DecimalView d = *parse_decimal(t);
    z3::expr c = c_.real_val(rational_text(d).c_str());
    if (m.eval(*sl.num == c, true).is_true()) return t;
    if (m.eval(*sl.num > c, true).is_true()) {
      if (!below || compare_decimal(d, *below) > 0) below = d;
    } else if (!above || compare_decimal(d, *above) < 0) {
      above = d;
    }
  }
  // Zero where it lies on the value's side of every number, else the nearest whole step past them.
  const DecimalView zero = *parse_decimal("0");
  if (below && above) return decimal_between(*below, *above);
  if (below) return compare_decimal(*below, zero) < 0 ? "0" : decimal_above(*below);
  if (above) return compare_decimal(*above, zero) > 0 ? "0" : decimal_below(*above);
  return "0";
}

Encoder::Realised Encoder::realise_field(Field& f, const z3::model& m, std::string& out, std::vector<z3::expr>& lemmas,
                                         std::string& why, const std::vector<std::string>* hints) {
  if (f.str) {
    out = m.eval(*f.str, true).get_string();
    return Realised::Yes;
  }
  int chosen = m.eval(*f.choice, true).get_numeral_int();
  if (chosen >= 0) {
    out = f.exact[static_cast<size_t>(chosen)];
    if (hints && f.folded)  // the hint's spelling of the same (folded) name
      for (const auto& h : *hints)
        if (h.size() == out.size() && ascii_iequals(h, out)) {
          out = h;
          break;
        }
    return Realised::Yes;
  }
  // None of the exact strings: the free Booleans say which other patterns the string matches.
  std::vector<size_t> yes, no;
  std::vector<bool> member(f.patterns.size(), false);
  std::vector<const Pattern*> must, must_not;
  for (size_t i = 0; i < f.patterns.size(); ++i) {
    if (!f.free[i]) {
      must_not.push_back(&f.patterns[i]);
      continue;
    }
    bool v = member[i] = m.eval(*f.free[i], true).is_true();
    (v ? yes : no).push_back(i);
    (v ? must : must_not).push_back(&f.patterns[i]);
  }
  auto r = classes::realise(must, must_not, f.folded, 200000, hints);
  if (r.status == classes::Search::Found) {
    out = r.text;
    return Realised::Yes;
  }
  if (r.status == classes::Search::Unknown) {
    why = "the string search over the patterns' automata ran past its state budget";
    return Realised::Unknown;
  }
  // Empty: learn why, as small as the cheap tests find it.
  const z3::expr some = (*f.choice != -1);
  size_t before = lemmas.size();
  for (size_t t : yes)
    for (size_t g : no)
      if (classes::may_include(f.patterns[t], f.patterns[g]) &&
          classes::realise({&f.patterns[t]}, {&f.patterns[g]}, f.folded).status == classes::Search::Empty)
        lemmas.push_back(some || !*f.free[t] || *f.free[g]);
  for (size_t a = 0; a < yes.size(); ++a)
    for (size_t b = a + 1; b < yes.size(); ++b) {
      const Pattern *pa = &f.patterns[yes[a]], *pb = &f.patterns[yes[b]];
      if (!classes::may_overlap(*pa, *pb) || classes::realise({pa, pb}, {}, f.folded).status == classes::Search::Empty)
        lemmas.push_back(some || !*f.free[yes[a]] || !*f.free[yes[b]]);
    }
  if (lemmas.size() > before) return Realised::Retry;
  // No pair explains it: drop what is not needed, one pattern at a time (exact strings stay excluded).
  std::vector<size_t> keep = yes;
  for (size_t g : no)
    if (std::all_of(yes.begin(), yes.end(), [&](size_t t) { return classes::may_overlap(f.patterns[t], f.patterns[g]); }))
      keep.push_back(g);
  auto empty_with = [&](const std::vector<size_t>& set) {
    std::vector<const Pattern*> in, out_;
    for (size_t i = 0; i < f.patterns.size(); ++i)
      if (!f.free[i]) out_.push_back(&f.patterns[i]);
    for (size_t i : set) (member[i] ? in : out_).push_back(&f.patterns[i]);
    return classes::realise(in, out_, f.folded).status == classes::Search::Empty;
  };
  if (keep.size() <= 64)
    for (size_t at = 0; at < keep.size();) {
      std::vector<size_t> trial = keep;
      trial.erase(trial.begin() + static_cast<long>(at));
      if (empty_with(trial)) keep = std::move(trial);
      else ++at;
    }
  z3::expr_vector clause(c_);
  clause.push_back(some);
  for (size_t i : keep) clause.push_back(member[i] ? !*f.free[i] : *f.free[i]);
  lemmas.push_back(z3::mk_or(clause));
  return Realised::Retry;
}

Encoder::Realised Encoder::request(const z3::model& m, Request& r, std::vector<z3::expr>& lemmas, std::string& why) {
  r = Request{};
  bool retry = false;
  auto take = [&](Field& f, std::string& out) {
    Realised x = realise_field(f, m, out, lemmas, why, &f == &action_ ? action_names_ : nullptr);
    if (x == Realised::Retry) retry = true;
    return x != Realised::Unknown;
  };
  if (!take(action_, r.action) || !take(resource_, r.resource)) return Realised::Unknown;
  r.principal = principal_list_[static_cast<size_t>(m.eval(*principal_, true).get_numeral_int())];
  if (r.principal == kOtherPrincipal) r.principal.clear();
  for (auto& [name, k] : keys_)
    for (Slot& sl : k.slots) {
      if (!m.eval(*sl.in, true).is_true()) continue;
      bool ok = m.eval(*sl.ok, true).is_true();
      std::string v;
      switch (k.family) {
        case Family::String:
          if (!take(sl.str, v)) return Realised::Unknown;
          break;
        case Family::Numeric: v = ok ? realise_number(k, sl, m) : "not-a-number"; break;
        case Family::Date: v = ok ? iso8601(m.eval(*sl.date, true).get_numeral_int64()) : "not-a-date"; break;
        case Family::Bool: v = ok ? (m.eval(*sl.boolean, true).is_true() ? "true" : "false") : "maybe"; break;
        case Family::Ip: v = ok ? ip_text(m, sl) : "not-an-ip"; break;
        default: continue;
      }
      r.add_context(k.name, v);
    }
  return retry ? Realised::Retry : Realised::Yes;
}

Search find_request(z3::context& c, Encoder& enc, z3::solver& solver, const z3::expr& goal, const SolverLimits& limits) {
  Search out;
  z3::expr on = c.bool_const(("goal#" + std::to_string(enc.next_goal())).c_str());
  solver.add(z3::implies(on, goal));
  z3::expr_vector assume(c);
  assume.push_back(on);
  for (unsigned round = 0; round < limits.max_rounds; ++round) {
    z3q::Check r = z3q::check(solver, limits, assume, "find-request");
    if (r.unsat()) return out;
    if (r.unknown()) {
      out.unknown = r.reason;
      return out;
    }
    Request req;
    std::vector<z3::expr> lemmas;
    std::string why;
    switch (enc.request(solver.get_model(), req, lemmas, why)) {
      case Encoder::Realised::Yes: out.witness = std::move(req); return out;
      case Encoder::Realised::Unknown: out.unknown = why; return out;
      case Encoder::Realised::Retry:
        for (const auto& l : lemmas) solver.add(l);  // facts about the strings: valid for every later question
        break;
    }
  }
  out.unknown = "no string realises the solver's classes after " + std::to_string(limits.max_rounds) + " rounds";
  return out;
}

std::vector<Located> statements_of(const PolicySet& set) {
  std::vector<Located> out;
  auto add = [&](const std::vector<Policy>& ps, Layer layer) {
    for (size_t p = 0; p < ps.size(); ++p)
      for (size_t i = 0; i < ps[p].statements.size(); ++i) out.push_back({{layer, &ps[p], p, i}, &ps[p].statements[i]});
  };
  add(set.identity, Layer::Identity);
  if (set.control) add(*set.control, Layer::Control);
  if (set.session) add(*set.session, Layer::Session);
  return out;
}

z3::expr any_deny(z3::context& c, const std::vector<Located>& located, const std::vector<z3::expr>& applies,
                  const Switch& active, std::optional<Layer> only) {
  z3::expr_vector deny(c);
  for (size_t i = 0; i < located.size(); ++i)
    if (located[i].st->effect == Effect::Deny && (!only || located[i].ref.layer == *only))
      deny.push_back(active(i) && applies[i]);
  return deny.empty() ? c.bool_val(false) : z3::mk_or(deny);
}

namespace {
// Some Allow statement of layer `l` applies (layered_allow and layered_deny read a layer alike).
z3::expr any_allow(z3::context& c, const std::vector<Located>& located, const std::vector<z3::expr>& applies,
                   const Switch& active, Layer l) {
  z3::expr_vector allow(c);
  for (size_t i = 0; i < located.size(); ++i)
    if (located[i].st->effect != Effect::Deny && located[i].ref.layer == l) allow.push_back(active(i) && applies[i]);
  return allow.empty() ? c.bool_val(false) : z3::mk_or(allow);
}

// Layer `l` on its own allows: one of its Allow statements applies and none of its Deny statements.
z3::expr layer_allows(z3::context& c, const std::vector<Located>& located, const std::vector<z3::expr>& applies,
                      const Switch& active, Layer l) {
  return any_allow(c, located, applies, active, l) && !any_deny(c, located, applies, active, l);
}
}  // namespace

z3::expr layered_deny(z3::context& c, const PolicySet& set, const std::vector<Located>& located,
                      const std::vector<z3::expr>& applies, const Switch& active) {
  // reference.md §1.7, as `evaluate`: a bounding layer that does not allow is final.
  z3::expr out = any_deny(c, located, applies, active, Layer::Identity);
  if (set.session)
    out = any_deny(c, located, applies, active, Layer::Session) ||
          (layer_allows(c, located, applies, active, Layer::Session) && out);
  if (set.control)
    out = any_deny(c, located, applies, active, Layer::Control) ||
          (layer_allows(c, located, applies, active, Layer::Control) && out);
  return out;
}

z3::expr layered_allow(z3::context& c, const PolicySet& set, const std::vector<Located>& located,
                       const std::vector<z3::expr>& applies, const Switch& active) {
  z3::expr allow = any_allow(c, located, applies, active, Layer::Identity);
  if (set.control) allow = allow && any_allow(c, located, applies, active, Layer::Control);
  if (set.session) allow = allow && any_allow(c, located, applies, active, Layer::Session);
  return allow && !any_deny(c, located, applies, active);
}

}  // namespace lp::z3enc

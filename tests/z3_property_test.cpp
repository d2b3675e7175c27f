// The Z3 encoding against the concrete evaluator (docs/solver.md): on random concrete requests
// over the corpus policies and randomly generated policies, the decision the encoding gives under
// the request must equal evaluate()'s. At least 10,000 requests per run (LINKPROOF_PROPERTY_N for
// more, LINKPROOF_PROPERTY_SEED for another seed); a disagreement prints the request.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>

#include "lang/policy_parser.h"
#include "solver/evaluator.h"
#include "solver/z3_compare.h"
#include "solver/z3_questions.h"

namespace fs = std::filesystem;

namespace lp {
namespace {

std::string mutate(std::string s, std::mt19937& rng) {
  bool keep_wildcards = rng() % 4 == 0;  // a request string may carry `*` and `?` literally
  for (auto& c : s)
    if ((c == '*' || c == '?') && !keep_wildcards) c = "abxZ"[rng() % 4];
  switch (rng() % 5) {
    case 0: if (!s.empty()) s.pop_back(); break;
    case 1: s += "x"; break;
    case 2: if (!s.empty()) s[rng() % s.size()] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[rng() % s.size()]))); break;
    default: break;
  }
  return s;
}

template <size_t N>
std::string pick(const char* const (&texts)[N], std::mt19937& rng) { return texts[rng() % N]; }

// Numbers a double cannot tell apart from their neighbours, and ones with more than six decimals.
const char* const kNumbers[] = {"0.0000001", "0.00000015", "0.0000002", "2E-7", "1e-7", "9007199254740992",
                                "9007199254740993", "9007199254740992.5", "9.007199254740993e15", "0.30000000000000001",
                                "0.3", "-0.0", "10", "3", "4", "-1e400", "1e400"};
// Dates at and past the ends of what ISO 8601 text can write (years 0000 to 9999, offsets to 23:59).
const char* const kDates[] = {"0000-01-01T00:00:00Z", "0000-01-01T00:00:00+23:59", "0000-01-01T00:00:00.001+23:59",
                              "9999-12-31T23:59:59.999Z", "9999-12-31T23:59:60.999-23:59", "9999-12-31T23:59:59Z",
                              "10000-01-01T00:00:00Z", "2010-01-01T00:00:00Z", "2030-06-01T12:00:00+08:00"};

// An address near `block`: inside it, with its last bytes drawn, or of the other family.
std::string address_near(const Cidr& block, std::mt19937& rng) {
  Cidr a = block;
  a.prefix = a.v6 ? 128 : 32;
  size_t n = a.v6 ? 16 : 4;
  for (size_t i = n / 2; i < n; ++i)
    if (rng() % 2) a.bytes[i] = static_cast<uint8_t>(rng() % 256);
  if (rng() % 4 == 0) a.bytes[rng() % n] = static_cast<uint8_t>(rng() % 256);
  if (rng() % 8 == 0) return a.v6 ? "10.1.2.3" : "2001:db8::1";
  return a.to_string();
}

// The keys a ForAnyValue:/ForAllValues: condition of the sets marks as multi-valued (folded).
std::set<std::string> multi_valued(std::initializer_list<const PolicySet*> sets) {
  std::set<std::string> out;
  for (const PolicySet* set : sets)
    for (const auto& p : set->identity)
      for (const auto& st : p.statements)
        for (const auto& c : st.conditions)
          if (c.op.qualifier != SetQualifier::None) out.insert(c.key_folded);
  return out;
}

// A request drawn from the policy's own names and values, so statements and conditions are exercised;
// some keys get several values (only those in `multi`, when given).
Request draw(const PolicySet& set, std::mt19937& rng, const std::set<std::string>* multi = nullptr) {
  std::vector<const Statement*> sts;
  for (const auto& p : set.identity)
    for (const auto& st : p.statements) sts.push_back(&st);
  Request r;
  const Statement* st = sts.empty() ? nullptr : sts[rng() % sts.size()];
  r.action = st && !st->action.items.empty() ? mutate(st->action.items[rng() % st->action.items.size()].text, rng) : "ecs:Other";
  r.resource = st && !st->resource.items.empty() ? mutate(st->resource.items[rng() % st->resource.items.size()].text, rng) : "*";
  if (rng() % 4 == 0) r.resource = "*";
  for (const auto* s : sts)
    for (const auto& c : s->conditions) {
      if (rng() % 3 == 0 || r.find(c.key_folded, true)) continue;
      size_t values = rng() % 4 == 0 && (!multi || multi->count(c.key_folded)) ? 2 + rng() % 2 : 1;
      for (size_t n = 0; n < values; ++n) {
        const ConditionValue& v = c.values[rng() % c.values.size()];
        std::string text = v.text;
        switch (operator_family(c.op.kind)) {
          case OperatorFamily::String: text = rng() % 2 ? mutate(text, rng) : text; break;
          case OperatorFamily::Numeric:
            text = rng() % 2 ? pick(kNumbers, rng)
                             : std::to_string(static_cast<long long>(v.number) + static_cast<long long>(rng() % 3) - 1);
            break;
          case OperatorFamily::Date: text = rng() % 3 ? pick(kDates, rng) : v.text; break;
          case OperatorFamily::Bool: text = rng() % 2 ? "true" : "false"; break;
          case OperatorFamily::Ip: text = address_near(v.cidr, rng); break;
        }
        if (rng() % 10 == 0) text = "garbage";
        r.add_context(c.key, text);
      }
    }
  return r;
}

// The extended dialect: random policies use ForAnyValue:/ForAllValues:.
PolicySettings extended() {
  PolicySettings s;
  s.dialect = Dialect::RamExtended;
  return s;
}

std::string context_text(const Request& r) {
  std::string out;
  for (const auto& c : r.context)
    for (const auto& v : c.values) out += " " + c.key + "=" + v;
  return out;
}

Policy random_policy(std::mt19937& rng) {
  const char* actions[] = {"ecs:*", "ecs:Describe*", "ecs:StartInstance", "vpc:Create?pc", "*", "privatelink:*Endpoint*"};
  const char* resources[] = {"*", "acs:ecs:*:123:instance/*", "acs:ecs:cn-hangzhou:123:instance/i-?", "acs:vpc:*:*:vpc/vpc-1"};
  const char* ops[][3] = {{"StringEquals", "acs:SourceVpc", "\"vpc-1\""},
                          {"StringEquals", "acs:Referer", "\"https://console.example.com/?\""},
                          {"StringLike", "acs:Referer", "[\"https://*.example.com/*\", \"*?\"]"},
                          {"NumericLessThan", "acs:MaxResults", "\"0.0000002\""},
                          {"NumericGreaterThanEquals", "acs:MaxResults", "\"9007199254740993\""},
                          {"NumericEquals", "acs:MaxResults", "[\"9007199254740992\", \"1e-7\"]"},
                          {"DateLessThan", "acs:CurrentTime", "\"0000-01-01T00:00:00.001+23:59\""},
                          {"DateGreaterThanEquals", "acs:CurrentTime", "\"9999-12-31T23:59:59.999Z\""},
                          {"DateGreaterThan", "acs:CurrentTime", "\"9999-12-31T23:59:60.998-23:59\""},
                          {"IpAddress", "acs:SourceIp", "[\"2001:db8::/32\", \"10.0.0.0/8\"]"},
                          {"NotIpAddress", "acs:SourceIp", "\"2001:db8:1::/48\""},
                          {"ForAnyValue:StringEquals", "acs:TagKeys", "[\"env\", \"team\"]"},
                          {"ForAllValues:StringLike", "acs:TagKeys", "\"e*\""},
                          {"ForAnyValue:StringNotEquals", "acs:TagKeys", "\"env\""},
                          {"ForAllValues:NumericLessThan", "acs:Counts", "\"0.00000025\""},
                          {"ForAnyValue:IpAddress", "acs:SourceIp", "\"2001:db8::/64\""},
                          {"StringNotLike", "acs:UserAgent", "[\"curl*\", \"wget?\"]"},
                          {"StringEqualsIgnoreCase", "acs:UserAgent", "\"Terraform\""},
                          {"NumericLessThan", "acs:MaxResults", "\"10\""},
                          {"NumericNotEquals", "acs:MaxResults", "[\"3\", \"4\"]"},
                          {"DateGreaterThan", "acs:CurrentTime", "\"2020-01-01T00:00:00Z\""},
                          {"Bool", "acs:SecureTransport", "\"true\""},
                          {"IpAddress", "acs:SourceIp", "[\"10.0.0.0/8\", \"192.168.1.1\"]"},
                          {"NotIpAddress", "acs:SourceIp", "\"10.1.0.0/16\""}};
  std::string doc = "{\"Version\": \"1\", \"Statement\": [";
  int n = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < n; ++i) {
    if (i) doc += ",";
    doc += std::string("{\"Effect\": \"") + (rng() % 4 == 0 ? "Deny" : "Allow") + "\", \"" + (rng() % 6 == 0 ? "NotAction" : "Action") +
           "\": \"" + actions[rng() % 6] + "\", \"Resource\": \"" + resources[rng() % 4] + "\"";
    if (rng() % 2) {
      constexpr size_t kOps = sizeof ops / sizeof ops[0];
      auto& o = ops[rng() % kOps];
      auto& o2 = ops[rng() % kOps];
      doc += std::string(", \"Condition\": {\"") + o[0] + "\": {\"" + o[1] + "\": " + o[2] + "}";
      if (rng() % 2 && std::string(o2[0]) != o[0]) doc += std::string(", \"") + o2[0] + "\": {\"" + o2[1] + "\": " + o2[2] + "}";
      doc += "}";
    }
    doc += "}";
  }
  doc += "]}";
  Diagnostics d;
  auto p = parse_policy_text(doc, "random.json", extended(), d);
  EXPECT_TRUE(p) << doc << (d.empty() ? "" : d.items()[0].to_string());
  return p ? *p : Policy{};
}

TEST(Z3Property, EncodingAgreesWithTheConcreteEvaluator) {
  const char* n_env = std::getenv("LINKPROOF_PROPERTY_N");
  const char* seed_env = std::getenv("LINKPROOF_PROPERTY_SEED");
  const size_t target = n_env ? std::strtoull(n_env, nullptr, 10) : 10000;
  std::mt19937 rng(seed_env ? static_cast<unsigned>(std::strtoul(seed_env, nullptr, 10)) : 7u);
  const PolicySettings s = extended();
  std::vector<PolicySet> sets;
  // Corpus policies: the hand-worked authorization cases and the bundled documents.
  for (const auto& e : fs::recursive_directory_iterator(std::string(LINKPROOF_ROOT) + "/corpus/authz")) {
    if (e.path().extension() != ".json" || e.path().filename() == "case.json" || e.path().filename() == "sets.json") continue;
    Diagnostics d;
    auto p = load_policy_file(e.path().string(), s, d);
    if (!p || p->kind != PolicyKind::Identity) continue;
    PolicySet set;
    set.identity.push_back(std::move(*p));
    sets.push_back(std::move(set));
  }
  ASSERT_GT(sets.size(), 40u);
  size_t done = 0, allowed = 0, skipped = 0;
  while (done < target) {
    PolicySet set;
    if (rng() % 2) set = sets[rng() % sets.size()];
    else {
      set.identity.push_back(random_policy(rng));
      if (rng() % 3 == 0) set.identity.push_back(random_policy(rng));
      if (rng() % 4 == 0) {
        set.control.emplace();
        set.control->push_back(random_policy(rng));
      }
    }
    std::vector<Request> batch;
    for (int k = 0; k < 40; ++k) batch.push_back(draw(set, rng));
    auto answers = encoded_allows_all(set, batch, s);
    for (size_t k = 0; k < batch.size() && done < target; ++k) {
      const Request& r = batch[k];
      bool concrete = evaluate(set, r, s) == Decision::Allow;
      auto encoded = answers[k];
      if (!encoded) {
        ++skipped;
        continue;
      }
      ASSERT_EQ(*encoded, concrete) << "action " << r.action << " resource " << r.resource << " context" << context_text(r);
      allowed += concrete;
      ++done;
    }
  }
  EXPECT_GT(allowed, target / 20);
  EXPECT_LT(skipped, done / 10);
  std::cout << "[property] Z3 encoding: " << done << " random requests agree with the concrete evaluator (" << allowed
            << " allowed, " << skipped << " outside the encoding)\n";
}

// compare on random policy pairs against the concrete evaluator: a direction the solver calls empty
// ("every request A allows, B allows") must hold on every request drawn from either policy; a
// witness must be what it claims (compare replays it, a failure throws). LINKPROOF_PROPERTY_PAIRS
// for more pairs.
TEST(Z3Property, CompareIsSoundOnRandomPairs) {
  const char* n_env = std::getenv("LINKPROOF_PROPERTY_PAIRS");
  const size_t pairs = n_env ? std::strtoull(n_env, nullptr, 10) : 300;
  std::mt19937 rng(11);
  const PolicySettings s = extended();
  size_t checked = 0, relations[5] = {0, 0, 0, 0, 0};
  for (size_t i = 0; i < pairs; ++i) {
    PolicySet a, b;
    a.identity.push_back(random_policy(rng));
    b.identity.push_back(random_policy(rng));
    if (rng() % 2) b.identity.push_back(a.identity[0]);  // often one contains the other
    CompareResult r;
    ASSERT_NO_THROW(r = compare_policy_sets(a, b, s));
    ASSERT_NE(r.relation, Relation::Unknown) << r.reason;
    relations[static_cast<int>(r.relation)]++;
    // compare answers over requests that give several values only to keys marked multi-valued
    // (docs/solver.md, Multi-valued keys).
    const std::set<std::string> multi = multi_valued({&a, &b});
    const bool a_within_b = r.relation == Relation::Equivalent || r.relation == Relation::LessPermissive;
    const bool b_within_a = r.relation == Relation::Equivalent || r.relation == Relation::MorePermissive;
    for (int k = 0; k < 60; ++k) {
      Request q = draw(k % 2 ? a : b, rng, &multi);
      bool ea = evaluate(a, q, s) == Decision::Allow, eb = evaluate(b, q, s) == Decision::Allow;
      const std::string ctx = context_text(q);
      ASSERT_TRUE(!a_within_b || !ea || eb) << relation_name(r.relation) << " but A alone allows " << q.action << " " << q.resource << ctx;
      ASSERT_TRUE(!b_within_a || !eb || ea) << relation_name(r.relation) << " but B alone allows " << q.action << " " << q.resource << ctx;
      ++checked;
    }
  }
  // Every relation occurs, so each branch above was exercised.
  for (int k = 0; k < 4; ++k) EXPECT_GT(relations[k], 0u) << relation_name(static_cast<Relation>(k));
  std::cout << "[property] compare: " << pairs << " random pairs, " << checked << " requests consistent with the relation\n";
}

// Every witness the statements question and the open question realise (numbers between bounds,
// dates at the ends of the range, IPv6 addresses, several values, strings with ? and *) is replayed
// through the concrete evaluator by the question itself: a disagreement throws. Nothing in these
// policies lies outside the encoding, so no answer is unknown. LINKPROOF_PROPERTY_POLICIES for more.
TEST(Z3Property, WitnessesReplayOnRandomPolicies) {
  const char* n_env = std::getenv("LINKPROOF_PROPERTY_POLICIES");
  const size_t policies = n_env ? std::strtoull(n_env, nullptr, 10) : 200;
  std::mt19937 rng(13);
  const PolicySettings s = extended();
  size_t witnesses = 0;
  for (size_t i = 0; i < policies; ++i) {
    PolicySet set;
    set.identity.push_back(random_policy(rng));
    if (rng() % 3 == 0) set.identity.push_back(random_policy(rng));
    std::vector<StatementEffect> effects;
    ASSERT_NO_THROW(effects = statement_effects(set, s, {}));
    for (const auto& e : effects) {
      ASSERT_NE(e.status, StatementStatus::Unknown) << e.reason;
      witnesses += e.witness.has_value();
    }
    OpenQuestion q;
    q.action = "*";
    q.resource = "*";
    q.resource_pattern = true;
    q.context_open = true;
    OpenAnswer open;
    ASSERT_NO_THROW(open = authorize_open(set, q, s, {}));
    ASSERT_TRUE(open.unsupported.empty()) << open.unsupported;
    for (const auto& o : open.outcomes) {
      ASSERT_NE(o.reachable, Verdict::Unknown) << o.reason;
      witnesses += o.witness.has_value();
    }
  }
  EXPECT_GT(witnesses, policies);
  std::cout << "[property] witnesses: " << policies << " random policies, " << witnesses << " witnesses replayed\n";
}

}  // namespace
}  // namespace lp

// Grammar (docs/audit.md), one sentence per line, `#` to the end of the line is a comment:
//   let NAME = accounts ID {, ID}
//   only SET (can | could) reach TARGET
//   account ID (can | cannot | could | could not) reach TARGET [on (tcp|udp) PORT] [from CIDR]
//   no account (can | could) reach TARGET [on (tcp|udp) PORT] [from CIDR]
//   principal ARN (can | cannot) ACTION on PATTERN [when KEY = VALUE {and KEY = VALUE}]
//   policy ID is no broader than "FILE"
//   no service auto-accepts accounts outside SET
//   no service whitelists "ENTRY"
//   no endpoint security group admits CIDR
//   plan "FILE" keeps account ID reaching SERVICE
//   SET    := NAME | account ID | accounts ID {, ID}
//   TARGET := SERVICE | any service
// Words are case-insensitive. After a sentence's first word every part sits behind an expectation
// point, so a failure names the column and the part that was expected (as lang/sg_rule_line.cpp).
#include "lang/audit_spec.h"

#include <boost/spirit/home/x3.hpp>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "lang/json.h"

namespace lp {

namespace x3 = boost::spirit::x3;

namespace {

enum class Sentence { None, Let, Only, Account, NoAccount, Principal, Policy, NoAutoAccept, NoWhitelist, NoAdmits, Plan };

// A piece of the line: offsets into it (the text is taken from the original line).
struct Piece {
  size_t at = 0, end = 0;
  bool set = false;
};

struct SpecState {
  Sentence kind = Sentence::None;
  Piece name;                      // let NAME, or a set named in a sentence
  std::vector<Piece> accounts;     // the account ids of a list (let, SET)
  bool set_named = false;          // SET was a NAME
  Piece set_at;                    // where SET starts
  Piece account;                   // account ID (sentence subject, plan)
  bool positive = true;
  ReachTense tense = ReachTense::Now;
  bool target_any = false;
  Piece target;
  IpProtocol protocol = IpProtocol::Tcp;
  Piece port, from;
  Piece principal, action, resource;
  std::vector<std::pair<Piece, Piece>> when;
  Piece quoted;                    // the inside of "..."
  Piece policy;
};

struct state_tag;

template <typename Ctx>
SpecState& state(Ctx& ctx) {
  return x3::get<state_tag>(ctx).get();
}

// Characters of a bare word: ids, ARNs, action and resource patterns, CIDR blocks.
const auto word_char = x3::alnum | x3::char_("-_./:*?@$+");
const auto word_end = !word_char;

// The rule names double as the "expected ..." text; they must outlive the grammar.
const char* name_of(const std::string& s) {
  static std::set<std::string> names;
  return names.insert(s).first->c_str();
}

// A keyword, whole word, case-insensitive.
auto kw(const char* word) {
  return x3::rule<struct kw_r>{name_of(std::string("'") + word + "'")} =
             x3::lexeme[x3::no_case[x3::lit(word)] >> word_end];
}

struct ProtocolSymbols : x3::symbols<IpProtocol> {
  ProtocolSymbols() { add("tcp", IpProtocol::Tcp)("udp", IpProtocol::Udp); }
};
const ProtocolSymbols kProtocol;

// Cuts the comment off (a `#` outside quotes). Returns the length of the sentence part, or npos
// with `open_quote` set when a quote is not closed.
size_t sentence_length(std::string_view line, size_t& open_quote) {
  bool in_quote = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') {
      if (!in_quote) open_quote = i;
      in_quote = !in_quote;
    } else if (line[i] == '#' && !in_quote) {
      return i;
    }
  }
  return in_quote ? std::string_view::npos : line.size();
}

class LineParser {
 public:
  LineParser(std::string_view line, SourceRef where, Diagnostics& diags) : line_(line), where_(std::move(where)), diags_(diags) {}

  // Parses one sentence (already without its comment). False after reporting an error.
  bool parse(SpecState& st) {
    // Spirit's character classes are ASCII; quoted text may be any UTF-8, so the grammar reads a
    // copy with the quoted bytes replaced and the pieces are cut from the original line.
    std::string ascii(line_);
    bool in_quote = false;
    for (size_t i = 0; i < ascii.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(ascii[i]);
      if (ascii[i] == '"') {
        in_quote = !in_quote;
      } else if (in_quote) {
        if (c >= 0x80 || c < 0x20) ascii[i] = 'x';
      } else if (c >= 0x80 || (c < 0x20 && c != '\t')) {
        return fail(i, "LP-SPEC-006", "unexpected character: a sentence is ASCII words (only \"quoted\" text may hold other text)");
      }
    }
    const char* begin = ascii.data();
    const char* end = begin + ascii.size();
    auto at = [begin](auto& ctx) {
      Piece p;
      p.at = static_cast<size_t>(x3::_attr(ctx).begin() - begin);
      p.end = static_cast<size_t>(x3::_attr(ctx).end() - begin);
      p.set = true;
      return p;
    };
    auto kind = [](Sentence k) { return [k](auto& ctx) { state(ctx).kind = k; }; };

    const auto account_id = x3::rule<class account_id_r>{"an account id (digits)"} =
        x3::raw[x3::lexeme[+x3::digit >> word_end]][([at](auto& ctx) { state(ctx).accounts.push_back(at(ctx)); })];
    const auto account_list = x3::rule<class account_list_r>{"a comma-separated list of account ids"} =
        account_id > *(x3::lit(',') > account_id);
    const auto the_account = x3::rule<class the_account_r>{"an account id (digits)"} =
        x3::raw[x3::lexeme[+x3::digit >> word_end]][([at](auto& ctx) { state(ctx).account = at(ctx); })];
    const auto set_name = x3::rule<class set_name_r>{"a set name"} =
        x3::raw[x3::lexeme[x3::alpha >> *(x3::alnum | x3::char_("-_")) >> word_end]][([at](auto& ctx) {
          state(ctx).name = at(ctx);
        })];
    const auto set_ref = x3::rule<class set_r>{"a set of accounts: a set name, 'account ID' or 'accounts ID, ID, ...'"} =
        x3::raw[(kw("accounts") > account_list) | (kw("account") > account_id) |
                set_name[([](auto& ctx) { state(ctx).set_named = true; })]][([at](auto& ctx) { state(ctx).set_at = at(ctx); })];
    const auto service = x3::rule<class service_r>{"a service id (e.g. epsrv-1)"} =
        x3::raw[x3::lexeme[+word_char]][([at](auto& ctx) { state(ctx).target = at(ctx); })];
    const auto target = x3::rule<class target_r>{"a service id or 'any service'"} =
        (kw("any") > kw("service"))[([](auto& ctx) { state(ctx).target_any = true; })] | service;
    const auto can_could = x3::rule<class can_could_r>{"'can' or 'could'"} =
        kw("can")[([](auto& ctx) { state(ctx).tense = ReachTense::Now; })] |
        kw("could")[([](auto& ctx) { state(ctx).tense = ReachTense::Could; })];
    auto modal_set = [](bool positive, ReachTense t) {
      return [positive, t](auto& ctx) {
        state(ctx).positive = positive;
        state(ctx).tense = t;
      };
    };
    const auto modal = x3::rule<class modal_r>{"'can', 'cannot', 'could' or 'could not'"} =
        kw("cannot")[modal_set(false, ReachTense::Now)] | kw("can")[modal_set(true, ReachTense::Now)] |
        (kw("could") >> kw("not"))[modal_set(false, ReachTense::Could)] | kw("could")[modal_set(true, ReachTense::Could)];
    const auto can_cannot = x3::rule<class can_cannot_r>{"'can' or 'cannot'"} =
        kw("cannot")[([](auto& ctx) { state(ctx).positive = false; })] |
        kw("can")[([](auto& ctx) { state(ctx).positive = true; })];
    const auto protocol = x3::rule<class protocol_r>{"a protocol: tcp or udp"} =
        x3::lexeme[x3::no_case[kProtocol][([](auto& ctx) { state(ctx).protocol = x3::_attr(ctx); })] >> word_end];
    const auto port = x3::rule<class port_r>{"a port from 1 to 65535"} =
        x3::raw[x3::lexeme[+x3::digit >> word_end]][([at](auto& ctx) { state(ctx).port = at(ctx); })];
    const auto cidr = x3::rule<class cidr_r>{"a CIDR block (e.g. 0.0.0.0/0)"} =
        x3::raw[x3::lexeme[+word_char]][([at](auto& ctx) { state(ctx).from = at(ctx); })];
    const auto on_port = kw("on") > protocol > port;
    const auto from_block = kw("from") > cidr;
    const auto quoted = x3::rule<class quoted_r>{"a \"quoted\" text"} =
        x3::lexeme[x3::lit('"') > x3::raw[*(x3::char_ - '"')][([at](auto& ctx) { state(ctx).quoted = at(ctx); })] >
                   x3::lit('"')];
    const auto end_of_sentence = x3::rule<class end_r>{"the end of the sentence"} = x3::eoi;

    const auto let_s = kw("let")[kind(Sentence::Let)] > set_name > x3::lit('=') > kw("accounts") > account_list;
    const auto only_s = kw("only")[kind(Sentence::Only)] > set_ref > can_could > kw("reach") > target;
    const auto account_s = kw("account")[kind(Sentence::Account)] > the_account > modal > kw("reach") > target >
                           -on_port > -from_block;
    const auto no_account = kw("account")[kind(Sentence::NoAccount)] > can_could > kw("reach") > target > -on_port >
                            -from_block;
    const auto no_service_what = x3::rule<class no_service_r>{"'auto-accepts' or 'whitelists'"} =
        (kw("auto-accepts")[kind(Sentence::NoAutoAccept)] > kw("accounts") > kw("outside") > set_ref) |
        (kw("whitelists")[kind(Sentence::NoWhitelist)] > quoted);
    const auto no_service = kw("service") > no_service_what;
    const auto no_endpoint = kw("endpoint")[kind(Sentence::NoAdmits)] > kw("security") > kw("group") > kw("admits") > cidr;
    const auto no_what = x3::rule<class no_what_r>{"'account', 'service' or 'endpoint' after 'no'"} =
        no_account | no_service | no_endpoint;
    const auto no_s = kw("no") > no_what;
    const auto principal_arn = x3::rule<class principal_r>{"a principal ARN (e.g. acs:ram::111111111111:user/dev)"} =
        x3::raw[x3::lexeme[+word_char]][([at](auto& ctx) { state(ctx).principal = at(ctx); })];
    const auto action = x3::rule<class action_r>{"an action or action pattern (e.g. privatelink:Delete*)"} =
        x3::raw[x3::lexeme[+word_char]][([at](auto& ctx) { state(ctx).action = at(ctx); })];
    const auto resource = x3::rule<class resource_r>{"a resource or resource pattern (e.g. *)"} =
        x3::raw[x3::lexeme[+word_char]][([at](auto& ctx) { state(ctx).resource = at(ctx); })];
    const auto key = x3::rule<class key_r>{"a condition key (e.g. acs:MFAPresent)"} =
        x3::raw[x3::lexeme[+word_char]][([at](auto& ctx) { state(ctx).when.push_back({at(ctx), Piece{}}); })];
    const auto value = x3::rule<class value_r>{"a value, bare or \"quoted\""} =
        x3::raw[x3::lexeme[+word_char] | x3::lexeme[x3::lit('"') > *(x3::char_ - '"') > x3::lit('"')]][([at](auto& ctx) {
          state(ctx).when.back().second = at(ctx);
        })];
    const auto condition = key > x3::lit('=') > value;
    const auto principal_s = kw("principal")[kind(Sentence::Principal)] > principal_arn > can_cannot > action > kw("on") >
                             resource > -(kw("when") > condition > *(kw("and") > condition));
    const auto policy_id = x3::rule<class policy_id_r>{"a policy id"} =
        x3::raw[x3::lexeme[+word_char]][([at](auto& ctx) { state(ctx).policy = at(ctx); })];
    const auto policy_s = kw("policy")[kind(Sentence::Policy)] > policy_id > kw("is") > kw("no") > kw("broader") >
                          kw("than") > quoted;
    const auto plan_s = kw("plan")[kind(Sentence::Plan)] > quoted > kw("keeps") > kw("account") > the_account >
                        kw("reaching") > service;
    const auto sentence = x3::rule<class sentence_r>{"a sentence: let, only, account, no, principal, policy or plan"} =
        let_s | only_s | account_s | no_s | principal_s | policy_s | plan_s;
    const auto grammar = sentence > end_of_sentence;

    const char* it = begin;
    try {
      bool ok = x3::phrase_parse(it, end, x3::with<state_tag>(std::ref(st))[grammar], x3::space);
      if (!ok) return fail(skip_blank(0), "LP-SPEC-001", "expected a sentence: let, only, account, no, principal, policy or plan, found " + found(skip_blank(0)));
    } catch (const x3::expectation_failure<const char*>& e) {
      size_t pos = skip_blank(static_cast<size_t>(e.where() - begin));
      return fail(pos, "LP-SPEC-001", "expected " + e.which() + ", found " + found(pos));
    }
    return true;
  }

  std::string text(const Piece& p) const { return std::string(line_.substr(p.at, p.end - p.at)); }
  SourceRef where(const Piece& p) const {
    SourceRef w = where_;
    w.column += static_cast<int>(p.at);
    return w;
  }
  bool fail(size_t at, const char* code, std::string message) {
    SourceRef w = where_;
    w.column += static_cast<int>(at);
    diags_.error(code, w, std::move(message));
    return false;
  }

 private:
  size_t skip_blank(size_t at) const {
    while (at < line_.size() && (line_[at] == ' ' || line_[at] == '\t')) ++at;
    return at;
  }
  std::string found(size_t at) const {
    if (at >= line_.size()) return "the end of the sentence";
    size_t stop = at;
    while (stop < line_.size() && line_[stop] != ' ' && line_[stop] != '\t') ++stop;
    std::string out = "'";  // appended, not "'" + std::string: GCC 12 -O3 misreads it (-Wrestrict)
    out += line_.substr(at, stop - at);
    out += '\'';
    return out;
  }

  std::string_view line_;
  SourceRef where_;
  Diagnostics& diags_;
};

}  // namespace

std::optional<AuditSpec> parse_audit_spec(std::string_view text, const std::string& file, Diagnostics& diags) {
  AuditSpec spec;
  spec.file = file;
  const std::filesystem::path folder = std::filesystem::path(file).parent_path();
  bool bad = false;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t open_quote = 0;
    size_t len = sentence_length(line, open_quote);
    SourceRef line_where{file, "", line_no, 1};
    if (len == std::string_view::npos) {
      SourceRef w = line_where;
      w.column += static_cast<int>(open_quote);
      diags.error("LP-SPEC-007", w, "expected '\"' to close the quoted text that starts here");
      bad = true;
      continue;
    }
    std::string_view sentence = line.substr(0, len);
    while (!sentence.empty() && (sentence.back() == ' ' || sentence.back() == '\t')) sentence.remove_suffix(1);
    size_t first = sentence.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;

    LineParser lp(sentence, line_where, diags);
    SpecState st;
    if (!lp.parse(st)) {
      bad = true;
      continue;
    }
    SourceRef at = line_where;
    at.column += static_cast<int>(first);
    auto accounts_of = [&](const std::vector<Piece>& pieces) {
      std::vector<SpecAccount> out;
      for (const auto& p : pieces) out.push_back({lp.text(p), lp.where(p)});
      return out;
    };
    auto set_of = [&](AccountSetRef& ref) {
      ref.where = lp.where(st.set_at);
      if (st.set_named) {
        ref.name = lp.text(st.name);
        auto it = std::find_if(spec.sets.begin(), spec.sets.end(), [&](const LetSet& s) { return s.name == ref.name; });
        if (it == spec.sets.end()) {
          std::string known;
          for (const auto& s : spec.sets) known += (known.empty() ? "" : ", ") + s.name;
          diags.error("LP-SPEC-002", lp.where(st.name),
                      "no set named '" + ref.name + "' is defined above (a 'let' line must come first)",
                      known.empty() ? "define it: let " + ref.name + " = accounts ID, ID" : "defined sets: " + known);
          return false;
        }
        ref.accounts = it->accounts;
      } else {
        ref.accounts = accounts_of(st.accounts);
      }
      return true;
    };
    auto target_of = [&]() {
      ServiceRef t;
      t.any = st.target_any;
      if (!t.any) {
        t.id = lp.text(st.target);
        t.where = lp.where(st.target);
      }
      return t;
    };
    auto file_of = [&]() {
      SpecFile f;
      f.as_written = lp.text(st.quoted);
      f.where = lp.where(st.quoted);
      f.where.column -= 1;  // the opening quote
      std::filesystem::path p(f.as_written);
      f.path = p.is_absolute() || folder.empty() ? f.as_written : (folder / p).string();
      return f;
    };
    auto port_and_block = [&](AccountReach& r) {
      if (st.port.set) {
        std::string t = lp.text(st.port);
        int port = t.size() <= 5 ? std::stoi(t) : 0;
        if (port < 1 || port > 65535) {
          diags.error("LP-SPEC-005", lp.where(st.port), "expected a port from 1 to 65535, found " + t);
          return false;
        }
        r.protocol = st.protocol;
        r.port = port;
        r.port_where = lp.where(st.port);
      }
      if (st.from.set) {
        auto c = parse_cidr(lp.text(st.from), false);
        if (!c || c->v6) {
          diags.error("LP-SPEC-004", lp.where(st.from),
                      "expected an IPv4 CIDR block with no host bits set (e.g. 10.0.0.0/24), found '" + lp.text(st.from) + "'");
          return false;
        }
        r.from = *c;
        r.from_where = lp.where(st.from);
      }
      return true;
    };

    Assertion a;
    a.text = std::string(sentence.substr(first));
    a.where = at;
    bool ok = true;
    switch (st.kind) {
      case Sentence::Let: {
        LetSet s{lp.text(st.name), accounts_of(st.accounts), at};
        static const std::set<std::string> reserved = {"account", "accounts", "any", "no", "only"};
        std::string folded = s.name;
        std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return std::tolower(c); });
        if (reserved.count(folded)) {
          diags.error("LP-SPEC-003", lp.where(st.name), "'" + s.name + "' is a word of the language, not a set name");
          ok = false;
        } else if (std::any_of(spec.sets.begin(), spec.sets.end(), [&](const LetSet& o) { return o.name == s.name; })) {
          diags.error("LP-SPEC-003", lp.where(st.name), "the set '" + s.name + "' is defined twice");
          ok = false;
        } else {
          spec.sets.push_back(std::move(s));
        }
        break;
      }
      case Sentence::Only: {
        OnlyReach o;
        ok = set_of(o.allowed);
        o.tense = st.tense;
        o.target = target_of();
        a.body = std::move(o);
        break;
      }
      case Sentence::Account:
      case Sentence::NoAccount: {
        AccountReach r;
        r.any_account = st.kind == Sentence::NoAccount;
        if (!r.any_account) r.account = {lp.text(st.account), lp.where(st.account)};
        r.positive = r.any_account ? false : st.positive;
        r.tense = st.tense;
        r.target = target_of();
        ok = port_and_block(r);
        a.body = std::move(r);
        break;
      }
      case Sentence::Principal: {
        PrincipalCan p;
        p.principal = lp.text(st.principal);
        p.principal_where = lp.where(st.principal);
        p.positive = st.positive;
        p.action = lp.text(st.action);
        p.action_where = lp.where(st.action);
        p.resource = lp.text(st.resource);
        p.resource_where = lp.where(st.resource);
        for (const auto& [k, v] : st.when) {
          std::string value = lp.text(v);
          if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
          p.when.push_back({lp.text(k), value, lp.where(k)});
        }
        a.body = std::move(p);
        break;
      }
      case Sentence::Policy:
        a.body = NoBroader{lp.text(st.policy), lp.where(st.policy), file_of()};
        break;
      case Sentence::NoAutoAccept: {
        NoAutoAccept n;
        ok = set_of(n.inside);
        a.body = std::move(n);
        break;
      }
      case Sentence::NoWhitelist:
        a.body = NoWhitelistEntry{lp.text(st.quoted), lp.where(st.quoted)};
        std::get<NoWhitelistEntry>(a.body).entry_where.column -= 1;  // the opening quote
        break;
      case Sentence::NoAdmits: {
        auto c = parse_cidr(lp.text(st.from), false);
        if (!c || c->v6) {
          diags.error("LP-SPEC-004", lp.where(st.from),
                      "expected an IPv4 CIDR block with no host bits set (e.g. 0.0.0.0/0), found '" + lp.text(st.from) + "'");
          ok = false;
        } else {
          a.body = NoGroupAdmits{*c, lp.where(st.from)};
        }
        break;
      }
      case Sentence::Plan:
        a.body = PlanKeeps{file_of(), {lp.text(st.account), lp.where(st.account)}, target_of()};
        break;
      case Sentence::None:
        ok = false;
        break;
    }
    if (!ok) {
      bad = true;
      continue;
    }
    if (st.kind != Sentence::Let) spec.assertions.push_back(std::move(a));
  }
  if (bad) return std::nullopt;
  return spec;
}

std::optional<AuditSpec> load_audit_spec(const std::string& path, Diagnostics& diags) {
  std::string text;
  if (!read_file(path, text, diags)) return std::nullopt;
  return parse_audit_spec(text, path, diags);
}

}  // namespace lp

#include "cli/args.h"

#include <CLI/CLI.hpp>
#include <algorithm>

namespace lp::cli {

namespace {

thread_local DeclarationRecorder* recorder = nullptr;

// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
// neighbours each cost one ("fial-on" is one step from "fail-on").
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// "text or json", "error, warning, info or never".
std::string alternatives(const std::vector<std::string>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += i + 1 == values.size() ? " or " : ", ";
    out += values[i];
  }
  return out;
}

}  // namespace

std::string nearest_name(const std::string& typed, const std::vector<std::string>& known) {
  if (typed.empty()) return {};
  std::vector<std::string> prefixed;
  for (const auto& k : known)
    if (k.size() > typed.size() && k.compare(0, typed.size(), typed) == 0) prefixed.push_back(k);
  if (prefixed.size() == 1) return prefixed[0];
  const size_t limit = typed.size() <= 4 ? 1 : typed.size() <= 8 ? 2 : 3;
  std::string best;
  size_t best_distance = limit + 1;
  for (const auto& k : known) {
    size_t d = edit_distance(typed, k);
    if (d < best_distance) {
      best_distance = d;
      best = k;
    }
  }
  return best;
}

DeclarationRecorder::DeclarationRecorder() : previous_(recorder) { recorder = this; }
DeclarationRecorder::~DeclarationRecorder() { recorder = previous_; }

Args::Args(const std::vector<std::string>& argv, std::set<std::string> with_value, std::set<std::string> flags,
           Choices choices) {
  if (recorder) recorder->seen.push_back({with_value, flags, choices});

  // --help wins over every other mistake on the line: the user asked how to write it.
  if (flags.count("help")) {
    for (const auto& a : argv) {
      if (a == "--") break;
      if (a == "--help" || a == "-h") {
        flags_seen_.insert("help");
        return;
      }
    }
  }

  CLI::App app;
  app.set_help_flag();
  app.allow_extras(true);
  std::map<std::string, bool> flag_values;
  for (const auto& name : with_value)
    app.add_option("--" + name, values_[name])
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  for (const auto& name : flags) app.add_flag(name == "help" ? "-h,--help" : "--" + name, flag_values[name]);
  app.add_option("ARGUMENTS", positional_);

  std::vector<std::string> reversed(argv.rbegin(), argv.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ArgumentMismatch& e) {
    // CLI11 says "--name: 1 required TEXT missing".
    std::string what = e.what();
    error_ = what.rfind("--", 0) == 0 && what.find(':') != std::string::npos
                 ? "option " + what.substr(0, what.find(':')) + " needs a value"
                 : what;
    return;
  } catch (const CLI::ParseError& e) {
    error_ = e.what();
    return;
  }
  auto extra = app.remaining();
  extra.erase(std::remove(extra.begin(), extra.end(), "--"), extra.end());  // CLI11 keeps the end-of-options mark
  if (!extra.empty()) {
    std::string typed = extra.front();
    typed = typed.substr(0, typed.find('='));
    std::string bare = typed.substr(typed.find_first_not_of('-') == std::string::npos ? typed.size()
                                                                                       : typed.find_first_not_of('-'));
    std::vector<std::string> known(with_value.begin(), with_value.end());
    known.insert(known.end(), flags.begin(), flags.end());
    error_ = "unknown option " + typed;
    if (auto near = nearest_name(bare, known); !near.empty()) error_ += "; did you mean --" + near + "?";
    return;
  }
  for (const auto& [name, set] : flag_values)
    if (set) flags_seen_.insert(name);
  for (auto it = values_.begin(); it != values_.end();) it = it->second.empty() ? values_.erase(it) : std::next(it);

  for (const auto& [name, allowed] : choices)
    for (const auto& v : values(name))
      if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
        error_ = "--" + name + " " + (v.empty() ? "\"\"" : v) + ": expected " + alternatives(allowed);
        return;
      }

  size_t stdin_uses = std::count(positional_.begin(), positional_.end(), "-");
  for (const auto& [name, list] : values_) stdin_uses += std::count(list.begin(), list.end(), "-");
  if (stdin_uses > 1)
    error_ = "standard input (\"-\") can be read once, but \"-\" is given " + std::to_string(stdin_uses) + " times";
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

const std::vector<std::string>& Args::values(const std::string& name) const {
  static const std::vector<std::string> none;
  auto it = values_.find(name);
  return it == values_.end() ? none : it->second;
}

}  // namespace lp::cli

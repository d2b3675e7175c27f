// A small command-line reader shared by the subcommands: "--name value", "--name=value", flags,
// repeated options, positional arguments. Unknown options are errors (exit code 2).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lp::cli {

class Args {
 public:
  // `with_value`: options that take a value; `flags`: options that do not.
  Args(const std::vector<std::string>& argv, std::set<std::string> with_value, std::set<std::string> flags);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  bool flag(const std::string& name) const { return flags_seen_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;  // the last one given
  const std::vector<std::string>& values(const std::string& name) const;  // every one, in order
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::set<std::string> flags_seen_;
  std::vector<std::string> positional_;
  std::string error_;
};

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;        // answered (any decision) / no findings at or above --fail-on
inline constexpr int kExitFindings = 1;  // findings at or above the --fail-on severity
inline constexpr int kExitBadInput = 2;  // bad input or usage: nothing was answered
inline constexpr int kExitInternal = 3;  // internal error (e.g. solver witness failed replay)

}  // namespace lp::cli

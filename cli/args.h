// The command-line reader shared by the subcommands, over CLI11: "--name value", "--name=value",
// flags, repeated options (each occurrence takes one value), positional arguments, "--" to end the
// options. A bad command line is an error (exit code 2) that names the option: an unknown option
// with the nearest declared one, a missing value, a value outside the option's declared choices.
// "-h" / "--help" anywhere sets the "help" flag of a command that declares it, whatever else is
// wrong. "-" names standard input (lang/json.h); it may be given once.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lp::cli {

// Option name -> the values it accepts, in the order the help text lists them.
using Choices = std::map<std::string, std::vector<std::string>>;

class Args {
 public:
  // `with_value`: options that take a value; `flags`: options that do not; `choices`: the accepted
  // values of some of the `with_value` options.
  Args(const std::vector<std::string>& argv, std::set<std::string> with_value, std::set<std::string> flags,
       Choices choices = {});

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

// The option of `known` nearest to `typed` (both without dashes) when it is close enough to be a
// likely typo or an unambiguous prefix; empty otherwise.
std::string nearest_name(const std::string& typed, const std::vector<std::string>& known);

// What one Args declared: read by the generators of the manual page and the completion scripts,
// which run each command with --help.
struct Declared {
  std::set<std::string> with_value, flags;
  Choices choices;
};

// While one exists, every Args constructed on this thread appends its declarations to `seen`.
class DeclarationRecorder {
 public:
  DeclarationRecorder();
  ~DeclarationRecorder();
  DeclarationRecorder(const DeclarationRecorder&) = delete;
  DeclarationRecorder& operator=(const DeclarationRecorder&) = delete;
  std::vector<Declared> seen;

 private:
  DeclarationRecorder* previous_;
};

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;        // answered (any decision) / no findings at or above --fail-on
inline constexpr int kExitFindings = 1;  // findings at or above the --fail-on severity
inline constexpr int kExitBadInput = 2;  // bad input or usage: nothing was answered
inline constexpr int kExitInternal = 3;  // internal error (e.g. solver witness failed replay)

}  // namespace lp::cli

// What a caller gives every Z3 question (docs/solver.md, "The query funnel"): the limits of each
// check, the string encoding, and an optional journal that counts the checks, logs them and writes
// each as an SMT-LIB 2 script (`--dump-smt DIR`). Z3-free: cli/ and bench/ include it.
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lp {

// How string fields are encoded (docs/solver.md): by class (the default), or as Z3 strings and
// regular expressions (the reference the class encoding is measured against).
enum class StringEncoding { Classes, Sequences };

// The answer of one check: sat, unsat, or unknown (with Z3's reason and the limit reached).
enum class CheckStatus { Sat, Unsat, Unknown };
const char* check_status_name(CheckStatus s);  // "sat", "unsat", "unknown"

// Every check of one run, in order. The funnel (solver/z3_query.cpp) is the only writer.
class QueryJournal {
 public:
  struct Counts {
    unsigned checks = 0, sat = 0, unsat = 0, unknown = 0;
    double ms = 0;  // total time in Z3
  };

  // `dump_dir`: when not empty, every check is written there as NNNN-purpose.smt2 and logged in
  // queries.log (the directory must exist). `log`: when set, one line per check there instead.
  explicit QueryJournal(std::string dump_dir = {}, std::ostream* log = nullptr);

  const std::string& dump_dir() const { return dump_dir_; }
  std::ostream* log() const { return log_; }
  const Counts& counts() const { return counts_; }

  // For tests: a check for which this returns true (given its purpose and its 1-based number in
  // the journal) answers unknown without asking Z3, as a limit reached there would.
  std::function<bool(std::string_view purpose, unsigned number)> starve;

  // The number the next check gets (1-based).
  unsigned next_number() const { return counts_.checks + 1; }
  // Counts a finished check; returns its number.
  unsigned record(CheckStatus s, double ms);

 private:
  std::string dump_dir_;
  std::shared_ptr<std::ostream> owned_log_;  // DIR/queries.log
  std::ostream* log_;
  Counts counts_;
};

struct SolverLimits {
  unsigned timeout_ms = 10000;  // per Z3 check
  unsigned rlimit = 0;          // Z3 resource limit per check (0: none)
  unsigned max_rounds = 1000;   // realisation refinements per question
  StringEncoding encoding = StringEncoding::Classes;
  // Real action names ("svc:Name", e.g. the bundled catalogue's) tried first when a witness action
  // is made concrete, so witnesses read as real requests; any string of the class is as correct.
  std::vector<std::string> action_names;
  // Counts, logs and dumps every check made under these limits (none when null).
  std::shared_ptr<QueryJournal> journal;
};

}  // namespace lp

// One diagnostic type for the whole program: parse errors, validation findings and PL-* rule
// findings alike (style.md §3).
#pragma once

#include <string>
#include <vector>

#include "lang/source.h"

namespace lp {

enum class Severity { Info, Warning, Error };

const char* severity_name(Severity s);  // "info" | "warning" | "error"

struct Diagnostic {
  std::string code;  // "LP-JSON-003", "LP-RAM-012", "PL-EP-04", ...
  Severity severity = Severity::Error;
  SourceRef where;
  std::string message;
  std::string hint;  // optional: "did you mean ...?"
  std::string object;  // optional: the id of the world object a finding is about ("ep-1")

  // `file:line:col: error[CODE]: message` (+ "\n  hint: ..." when there is a hint).
  std::string to_string() const;
};

// An ordered collection of diagnostics that loaders append to.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string code, SourceRef where, std::string message, std::string hint = {});
  void warning(std::string code, SourceRef where, std::string message, std::string hint = {});
  bool has_errors() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace lp

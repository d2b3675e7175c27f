#include "lang/diagnostic.h"

namespace lp {

std::string SourceRef::to_string() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

std::string Diagnostic::to_string() const {
  std::string out = where.to_string();
  out += ": ";
  out += severity_name(severity);
  out += "[" + code + "]: " + message;
  if (!where.json_pointer.empty()) out += " (at " + where.json_pointer + ")";
  if (!hint.empty()) out += "\n  hint: " + hint;
  return out;
}

void Diagnostics::error(std::string code, SourceRef where, std::string message, std::string hint) {
  items_.push_back({std::move(code), Severity::Error, std::move(where), std::move(message), std::move(hint), {}});
}

void Diagnostics::warning(std::string code, SourceRef where, std::string message, std::string hint) {
  items_.push_back({std::move(code), Severity::Warning, std::move(where), std::move(message), std::move(hint), {}});
}

bool Diagnostics::has_errors() const {
  for (const auto& d : items_)
    if (d.severity == Severity::Error) return true;
  return false;
}

}  // namespace lp

// Small writers shared by the subcommands' JSON output. Answers that are written per request in
// batch mode are appended to one buffer by hand (no DOM per line); everything else may use
// nlohmann::json.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "lang/source.h"
#include "solver/evaluator.h"

namespace lp::cli {

// Appends `s` as a JSON string literal (with quotes).
void append_json_string(std::string& out, std::string_view s);

// Appends {"file","pointer","layer","policy","index","effect","sid","line","column"} for a statement
// that took part in a decision.
void append_statement_ref(std::string& out, const StatementRef& ref);

// A request as {"principal", "action", "resource", "context": {key: value or [values]}}.
nlohmann::json request_json(const Request& r);

// A statement reference as a JSON object (the fields of append_statement_ref).
nlohmann::json statement_ref_json(const StatementRef& ref);

// What a statement asks of a request, in one line: `Action [a, b]; Resource [r]; IpAddress
// acs:SourceIp [10.0.0.0/8]` (NotAction / NotResource / Principal as written).
std::string statement_summary(const Statement& st);

// "file:line:col" of a statement, for text output.
std::string statement_location(const StatementRef& ref);

}  // namespace lp::cli

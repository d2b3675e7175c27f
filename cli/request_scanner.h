// The fast path of `authorize --batch`: reads one request line of the shared workload format into
// a reused Request without building a JSON tree and, in steady state, without allocating. Anything
// it does not recognise makes it give up; the caller then reads the line with the full JSON reader,
// which answers the same request or names the error's column.
#pragma once

#include <cstddef>
#include <string_view>

#include "solver/request.h"

namespace lp::cli {

// {"policy_set": N, "principal": S, "action": S, "resource": S, "context": {K: S | [S, ...]}} with
// members in any order. False when the line is anything else (including malformed).
bool scan_request(std::string_view line, size_t& policy_set, Request& r);

}  // namespace lp::cli

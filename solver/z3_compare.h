// The Z3 authorization engine, first part (docs/solver.md): policy-set comparison over a symbolic request.
//
// Encoding (docs/solver.md): each string field (action, resource, each string context key) is
// represented by its equivalence class with respect to the patterns of the policies under question:
// one Boolean per pattern ("the string matches it"), constrained by the inclusions and disjointness
// the patterns certainly have. A model's class is realised as a concrete string by a search over the
// product of the patterns' automata; an unrealisable class is blocked and the solver asked again.
// Typed keys are Z3 integers (dates), reals (numbers), booleans and 32-bit vectors (IPv4), each with
// a "present" flag so missing keys follow PolicySettings exactly as the concrete evaluator does.
// Every witness is replayed through the concrete evaluator before it is reported.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/settings.h"
#include "solver/evaluator.h"
#include "solver/request.h"
#include "solver/solver_limits.h"

namespace lp {

enum class Relation { Equivalent, MorePermissive, LessPermissive, Incomparable, Unknown };
const char* relation_name(Relation r);  // "equivalent", "more-permissive", ...

struct CompareWitness {
  std::string allowed_by;  // "A" or "B"
  Request request;
  std::vector<StatementRef> statements;  // the statements of `allowed_by` that allow it
};

// Why one set allows nothing the other does not: a minimal set of statements (an unsat core made
// minimal): the other set's Allow statements that cover it and its own Deny statements that cut
// off the rest. Empty (and no `reason`) when it allows nothing at all.
struct CompareExplanation {
  std::string within;  // "A" (every request A allows, B allows) or "B"
  std::vector<std::pair<std::string, StatementRef>> statements;  // ("A" | "B", statement)
  std::string reason;  // set when the statements could not be determined (a check answered unknown)
};

struct CompareResult {
  Relation relation = Relation::Unknown;
  std::vector<CompareWitness> witnesses;
  std::vector<CompareExplanation> explanations;  // one per direction without a witness
  std::string reason;  // for Unknown
};

// Compares the Allow sets of two policy sets over requests with one value per context key and
// IPv4 source addresses (docs/solver.md). A witness that the concrete evaluator does not confirm is
// an internal error (std::logic_error), never an answer.
CompareResult compare_policy_sets(const PolicySet& a, const PolicySet& b, const PolicySettings& s,
                                  const SolverLimits& limits = {});

// The Z3 encoding evaluated on one concrete request (the property test's cross-check): the decision
// the encoding gives, or nullopt when the request is outside what the encoding models.
std::optional<bool> encoded_allows(const PolicySet& set, const Request& r, const PolicySettings& s);

// The same for many requests against one encoding (one Z3 context, push/pop per request).
std::vector<std::optional<bool>> encoded_allows_all(const PolicySet& set, const std::vector<Request>& requests,
                                                    const PolicySettings& s);

}  // namespace lp

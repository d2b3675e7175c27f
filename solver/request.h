// A concrete authorization request and the policy layers it is evaluated against.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/policy.h"

namespace lp {

struct ContextEntry {
  std::string key;         // as given
  std::string key_folded;  // lower-cased
  std::vector<std::string> values;  // several values = a multi-valued key
};

struct Request {
  std::string principal;  // ARN, e.g. acs:ram::123:user/alice (may be empty)
  std::string action;     // svc:Action
  std::string resource;   // acs:svc:region:account:relative-id or "*"
  std::vector<ContextEntry> context;

  // Adds a value to `key` (creating it); keys given several times become multi-valued.
  void add_context(std::string_view key, std::string_view value);
  // Finds a key; `folded` selects the case-insensitive comparison (PolicySettings). Under it,
  // entries whose keys differ only in case are one key with the values of all of them (the
  // returned entry then lives until this thread's next call).
  const ContextEntry* find(std::string_view key, bool folded) const;
};

// Policy layers (reference.md §1.7): identity policies are united; control policies and the
// session policy, when present, must each also allow. Resource-based policies, when present, give
// Decision B beside the identity layer's Decision A: either one's Allow suffices, except for
// sts:AssumeRole, which needs both (reference.md §1.7, §1.10).
struct PolicySet {
  std::vector<Policy> identity;
  std::optional<std::vector<Policy>> control;  // Resource Directory control policies
  std::optional<std::vector<Policy>> session;  // STS session policy
  std::optional<std::vector<Policy>> resource_based;  // the role's trust policy, a bucket policy
};

enum class Layer { Identity, Control, Session, ResourceBased };
const char* layer_name(Layer l);

}  // namespace lp

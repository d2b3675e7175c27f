// The bundled action catalogue (policies/actions/<service>.json): which actions exist for the
// services it covers, with their access level and resource types. `validate` uses it to flag
// action names no service knows (docs/validate.md). File format: policies/README.md.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lang/diagnostic.h"
#include "lang/settings.h"
#include "lang/wildcard.h"

namespace lp {

// Access levels in the Read/List/Write vocabulary of the older RAM docs (reference.md §2.2), plus
// "permissions" for actions that change who may do what (RAM policies, ENI permissions, ...).
enum class Access { Read, List, Write, Permissions };
const char* access_name(Access a);  // "read" | "list" | "write" | "permissions"
std::optional<Access> access_from_name(std::string_view name);

struct CatalogueAction {
  std::string service;  // RAM code, lower case ("privatelink")
  std::string name;     // "CreateVpcEndpoint"
  Access access = Access::Read;
  std::vector<std::string> resource_types;
  SourceRef where;
};

// How an action name fares against the catalogue.
enum class ActionStatus {
  Known,           // the service is covered and has the action
  UnknownAction,   // the service is covered, the action is not in it (a warning: likely a typo)
  UnknownService,  // the service is not covered: nothing can be said (info)
  Malformed,       // no "service:" prefix
};

class Catalogue {
 public:
  // False when the action is already present (case-insensitively); the first one is kept.
  bool add(CatalogueAction a);
  bool covers(std::string_view service) const;  // case-insensitive RAM code
  const CatalogueAction* find(std::string_view action) const;  // "svc:Name", case-insensitive
  ActionStatus status(std::string_view action) const;
  // Actions of covered services that a (case-folded) action pattern matches.
  size_t count_matching(const Wildcard& pattern) const;
  const std::vector<CatalogueAction>& actions() const { return actions_; }
  const std::set<std::string>& services() const { return services_; }

 private:
  std::vector<CatalogueAction> actions_;
  std::vector<std::string> folded_;  // "svc:name" lower case, parallel to actions_
  std::unordered_map<std::string, size_t> index_;
  std::set<std::string> services_;
};

// Reads one catalogue file's text (`file` names it in errors). Appends LP-CAT-* errors.
bool load_catalogue_text(std::string_view text, const std::string& file, Catalogue& into, Diagnostics& diags);

// Loads every policies_dir/actions/*.json, with located errors; nullopt when any file is bad.
std::optional<Catalogue> load_catalogue(const std::string& policies_dir, Diagnostics& diags);

}  // namespace lp

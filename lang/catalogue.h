// The bundled action catalogue (policies/actions/<service>.json): which actions exist for the
// services it covers, with their access level and resource types. `validate` uses it to flag
// action names no service knows (docs/validate.md).
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

struct CatalogueAction {
  std::string service;  // RAM code, lower case ("privatelink")
  std::string name;     // "CreateVpcEndpoint"
  std::string access;   // read | list | write | permissions
  std::vector<std::string> resource_types;
  SourceRef where;
};

class Catalogue {
 public:
  void add(CatalogueAction a);
  bool covers(std::string_view service) const;  // case-insensitive RAM code
  const CatalogueAction* find(std::string_view action) const;  // "svc:Name", case-insensitive
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

// Loads every policies_dir/actions/*.json, with located errors.
std::optional<Catalogue> load_catalogue(const std::string& policies_dir, Diagnostics& diags);

}  // namespace lp

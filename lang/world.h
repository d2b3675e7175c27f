// The PrivateLink world: one snapshot of accounts, identities and network (shared/spec/
// privatelink-rules.md "Objects"; reference.md §3). Built once by lang/world_loader.cpp from a world
// file (docs/world-format.md) and immutable afterwards: every reference between objects is resolved
// to an index at load, every object keeps the SourceRef it came from.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/policy.h"
#include "lang/security_group.h"
#include "lang/source.h"

namespace lp {

inline constexpr size_t kNone = static_cast<size_t>(-1);

// ---- statuses (reference.md §3.2-§3.6; privatelink-rules.md "Status words") ----

enum class ServiceStatus { Creating, Pending, Active, Deleting, Inactive };
enum class EndpointStatus { Creating, Active, Pending, Deleting };
enum class BusinessStatus { Normal, FinancialLocked, SecurityLocked };
enum class ConnectionStatus { Pending, Connecting, Connected, Disconnecting, Disconnected, Deleting, ServiceDeleted };
enum class ZoneStatus { Creating, Wait, Connecting, Connected, Disconnecting, Disconnected, Deleting, Migrating, Migrated };
enum class ClbBilling { PayAsYouGo, Subscription };
enum class ClbAddressType { Intranet, Internet };
enum class ClbNetworkType { Vpc, Classic };
enum class ListenerProtocol { Tcp, Udp, Http, Https };

const char* service_status_name(ServiceStatus s);
const char* endpoint_status_name(EndpointStatus s);
const char* business_status_name(BusinessStatus s);
const char* connection_status_name(ConnectionStatus s);
const char* zone_status_name(ZoneStatus s);
const char* listener_protocol_name(ListenerProtocol p);

// ---- regions (policies/regions.json, user-overridable; PL-GEN-01) ----

struct Region {
  std::string id;
  std::vector<std::string> zones;
  SourceRef where;
};

struct RegionTable {
  std::string file;  // where the table came from
  std::vector<Region> regions;
  const Region* find(const std::string& id) const;
  bool supports_zone(const std::string& zone) const;
  std::string region_of_zone(const std::string& zone) const;  // "" when unknown
};

// ---- identities (reference.md §1.7-§1.11) ----

// A policy of the world: its id, and the parsed document (inline or from a file).
struct WorldPolicy {
  std::string id;
  Policy policy;
  SourceRef where;
};

struct RamUser {
  std::string name;
  std::vector<size_t> groups;    // indexes into Account::groups
  std::vector<size_t> policies;  // indexes into World::policies
  SourceRef where;
};

struct RamGroup {
  std::string name;
  std::vector<size_t> policies;
  SourceRef where;
};

struct RamRole {
  std::string name;
  std::optional<size_t> trust_policy;  // index into World::policies
  std::vector<size_t> policies;
  SourceRef where;
};

struct Account {
  std::string id;  // the account uid
  bool privatelink_activated = true;
  std::vector<RamUser> users;
  std::vector<RamGroup> groups;
  std::vector<RamRole> roles;
  std::vector<size_t> control_policies;  // Resource Directory control policies on the account
  // The policy of AliyunServiceRoleForPrivatelink in this account; the bundled
  // AliyunServiceRolePolicyForPrivatelink when the world does not say (PL-RL-01).
  std::optional<size_t> service_linked_role_policy;
  SourceRef where;
};

// ---- network ----

struct Vpc {
  std::string id;
  size_t account = kNone;
  std::string region;
  Cidr cidr;
  SourceRef where;
};

struct VSwitch {
  std::string id;
  size_t vpc = kNone;
  std::string zone;
  Cidr cidr;
  SourceRef where;
};

// An ECS instance's primary ENI, or a standalone ENI.
struct Instance {
  std::string id;
  size_t vswitch = kNone;
  Cidr ip;                              // a /32 host
  std::vector<size_t> security_groups;  // indexes into World::security_groups
  SourceRef where;
};

struct Listener {
  ListenerProtocol protocol = ListenerProtocol::Tcp;
  int port = 0;
  int backend_port = 0;  // 0 = same as port
  SourceRef where;
};

struct Clb {
  std::string id;  // lb-...
  size_t account = kNone;
  std::string region;
  std::string zone;         // primary zone
  std::string backup_zone;  // "" when none
  size_t vpc = kNone;
  ClbBilling billing = ClbBilling::PayAsYouGo;
  ClbAddressType address_type = ClbAddressType::Intranet;
  ClbNetworkType network_type = ClbNetworkType::Vpc;
  bool privatelink_enabled = true;
  std::vector<Listener> listeners;
  std::vector<size_t> backends;  // indexes into World::instances
  SourceRef where;
};

// ---- PrivateLink ----

struct ServiceResource {
  size_t clb = kNone;
  std::string zone;
  bool auto_allocation = true;
  SourceRef where;
};

// One whitelist entry (reference.md §3.7): a UserId (the account id) or a UserARN
// "acs:ram:*:<account-id>:*"; UserId "*" and UserARN "acs:ram:*::*" name every account, which is
// UNCONFIRMED (§7.13) and read through WorldSettings::whitelist_wildcard.
struct WhitelistEntry {
  enum class Kind { Account, AllAccounts, Invalid } kind = Kind::Invalid;
  std::string account;  // Kind::Account
};
WhitelistEntry parse_whitelist_entry(const std::string& text);

struct EndpointService {
  std::string id;  // epsrv-...
  size_t account = kNone;
  std::string region;
  std::string description;
  bool has_description = false;
  bool auto_accept = false;    // reference.md §3.2: default false
  bool zone_affinity = false;  // the sources disagree on the default (§3.2); false
  int bandwidth = 1024;        // default connection bandwidth, Mbps (PL-CN-01)
  ServiceStatus status = ServiceStatus::Active;
  BusinessStatus business_status = BusinessStatus::Normal;
  std::vector<std::string> whitelist;  // entries as written (parse_whitelist_entry); the owner is implicit (PL-WL-01)
  std::vector<ServiceResource> resources;
  SourceRef where;
  SourceRef whitelist_where;
};

struct EndpointZone {
  std::string zone;
  size_t vswitch = kNone;
  std::string eni;  // eni-...
  Cidr ip;
  bool has_ip = false;
  ZoneStatus status = ZoneStatus::Wait;
  size_t resource = kNone;  // index into the service's resources; kNone = none assigned
  std::string resource_id;  // as written (for findings when it names no resource of the service)
  SourceRef where;
};

struct Endpoint {
  std::string id;  // ep-...
  size_t account = kNone;
  std::string region;
  size_t vpc = kNone;
  std::vector<size_t> services;  // exactly one is valid (PL-EP-01)
  std::string name;
  bool has_name = false;
  std::string description;
  bool has_description = false;
  std::vector<size_t> security_groups;
  EndpointStatus status = EndpointStatus::Active;
  BusinessStatus business_status = BusinessStatus::Normal;
  ConnectionStatus connection = ConnectionStatus::Connected;
  int bandwidth = 0;  // 0 = the service's default
  bool has_bandwidth = false;  // the world gives "bandwidth" (then PL-CN-01 checks it, 0 included)
  std::vector<EndpointZone> zones;
  SourceRef where;
};

// A value the world's source could not know (a Terraform plan before apply): the member keeps its
// default and is listed here, so that check, reach and who answer unknown with `address` named
// instead of reading the default (docs/world-format.md "Unknown values").
struct UnknownValue {
  std::string object;   // the id of the top-level object holding the member ("ep-1", or its address)
  std::string member;   // "status", "zones/0/resource", ...
  std::string address;  // what does not know it, e.g. "alicloud_privatelink_vpc_endpoint_zone.h.status"
  std::string reason;   // optional: why
  SourceRef where;
};

struct World {
  std::string file;
  std::vector<UnknownValue> unknowns;
  RegionTable regions;
  std::vector<WorldPolicy> policies;
  std::vector<Account> accounts;
  std::vector<Vpc> vpcs;
  std::vector<VSwitch> vswitches;
  std::vector<SecurityGroup> security_groups;
  std::vector<Instance> instances;
  std::vector<Clb> clbs;
  std::vector<EndpointService> services;
  std::vector<Endpoint> endpoints;

  // id -> index, per kind.
  std::unordered_map<std::string, size_t> account_index, policy_index, vpc_index, vswitch_index, sg_index,
      instance_index, clb_index, service_index, endpoint_index;

  template <typename T>
  static const T* lookup(const std::vector<T>& v, const std::unordered_map<std::string, size_t>& idx,
                         const std::string& id) {
    auto it = idx.find(id);
    return it == idx.end() ? nullptr : &v[it->second];
  }
  const Account* account(const std::string& id) const { return lookup(accounts, account_index, id); }
  const EndpointService* service(const std::string& id) const { return lookup(services, service_index, id); }
  const Endpoint* endpoint(const std::string& id) const { return lookup(endpoints, endpoint_index, id); }
  // The unknown values of one object, by its id (empty for a world without any).
  std::vector<const UnknownValue*> unknowns_of(const std::string& id) const {
    std::vector<const UnknownValue*> out;
    for (const auto& u : unknowns)
      if (u.object == id) out.push_back(&u);
    return out;
  }
};

}  // namespace lp

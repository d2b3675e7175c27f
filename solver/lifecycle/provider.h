// Internal to the lifecycle room: the checks the provider-side operations share
// (ops_provider.cpp: services, resources, whitelist; ops_connection.cpp: connections and zones).
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "solver/lifecycle/ctx.h"

namespace lp::lifecycle {

// The service named by ServiceId, owned by the caller (PL-OP-01, PL-OP-02), Active if asked (PL-OP-03).
size_t own_service(Ctx& c, bool must_be_active);
// The endpoint named by EndpointId, connected to service s (PL-OP-01).
size_t endpoint_of(Ctx& c, size_t s);
// The zone named by ZoneId of endpoint e (PL-OP-01).
size_t zone_index(Ctx& c, size_t e);
// PL-CN-01 on a bandwidth argument.
void bandwidth(Ctx& c, const char* name, const std::string& object, const SourceRef& where);
// PL-SV-01 / PL-RS-02: a CLB fit to serve the service.
void clb_fit(Ctx& c, const Clb& lb, const std::string& region, const std::optional<std::string>& zone, const SourceRef& plan_where);
// PL-SV-01: the only service resource type of the guide is a CLB ("slb").
void resource_type(Ctx& c, const std::optional<std::string>& type, const SourceRef& plan_where);
// The index of CLB clb_id among the resources of service s (PL-OP-01).
size_t resource_of(Ctx& c, size_t s, const std::string& clb_id, const SourceRef& plan_where);
// Whether a smooth migration of the zone still waits to be cleaned (PL-RS-08).
bool replaced_pending(const LifecycleState& st, const std::string& endpoint, const std::string& zone);

}  // namespace lp::lifecycle

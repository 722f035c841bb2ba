// SPDX-License-Identifier: MIT
// Each module of the API registers its routes here; its OpenAPI operations live in
// src/http/openapi/<module>.json. Handlers stay thin: read the canonical parameters, call one `app` service,
// render with `app`'s views.
#pragma once

#include <functional>
#include <string>

#include "http/router.hpp"

namespace metropoli::http {

// /healthz and /api/v1/openapi.json (`document` renders the latter). Tag "Operación".
void add_system_routes(Router& router, std::function<Response()> document);
// The region preset and its jurisdictions. Tag "Región".
void add_region_routes(Router& router);
// Releases, series, indicators, Rt, risk, the metro picture and the schemes. Tag "Analizar".
void add_analysis_routes(Router& router);
// The documents the web application reads: overview, place dashboard, map. Tag "Comunicar".
void add_web_routes(Router& router);

// The OpenAPI operations of the modules above, read from src/http/openapi/ under `root`.
Result<nlohmann::json> module_operations(const std::string& root);

// The base of the OpenAPI document (info, servers, components).
Result<nlohmann::json> openapi_base(const std::string& root);

// The OpenAPI document `metropoli serve` serves at /api/v1/openapi.json, built from the same registrations
// without a database: what `metropoli openapi` prints and web/openapi.json holds.
Result<nlohmann::json> served_openapi(const std::string& root);

}  // namespace metropoli::http

// SPDX-License-Identifier: MIT
// Each module of the API registers its routes here; its OpenAPI operations live in
// src/http/openapi/<module>.json. Handlers stay thin: read the canonical parameters, call one `app` service,
// render with `app`'s views.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "access/audit_head.hpp"
#include "access/passwords.hpp"
#include "access/sessions.hpp"
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

// What the access routes need besides the request: the login's limits (throttling, session lifetimes) and
// the cost of new password hashes.
struct AccessRouteOptions {
    access::LoginOptions login;
    access::PasswordOptions passwords;
};
// Log in, who am I, log out, one's own password (session.json). Tag "Acceso".
void add_session_routes(Router& router, const AccessRouteOptions& options);
// The directory of organisations and its writes (organisations.json). Tag "Acceso".
void add_organisation_routes(Router& router);
// Accounts, their state and their roles, for an admin (accounts.json). Tag "Acceso".
void add_account_routes(Router& router, const AccessRouteOptions& options);
// One's own API tokens (tokens.json). Tag "Acceso".
void add_token_routes(Router& router);
// The audit log's entries (audit.json). Tag "Acceso".
void add_audit_routes(Router& router, std::shared_ptr<const access::SigningKey> head_key);
// Minutes (actas): the published ones, and drafting, amending, voting, approving and correcting them under
// their body (minutes.json). Tag "Coordinar".
void add_minutes_routes(Router& router);

// The coordination agreement: parties, signatures, clauses and their progress (convenio.json). Tag
// "Coordinar".
void add_convenio_routes(Router& router);
// Who does what where (3W): activities, the sector x municipality matrix, HXL CSV (activities.json). Tag
// "Coordinar".
void add_activity_routes(Router& router);
// The Mesa de Salud and other bodies, their seats, meetings, agenda, invitations, attendance and iCalendar
// (mesa.json). Tag "Coordinar".
void add_mesa_routes(Router& router);
// The meeting half of add_mesa_routes (mesa_meeting_routes.cpp).
void add_mesa_meeting_routes(Router& router);
// Agreements and their follow-up, their statuses and evidence documents (agreements.json). Tag "Coordinar".
void add_agreement_routes(Router& router);
// Activity rules per jurisdiction, their catalogue and sources, and the homologation matrix of a day
// (activity_rules.json). Tag "Homologar".
void add_activity_rule_routes(Router& router);
// Declared semáforo colours and their reconciliation with the computed ones (semaforo.json). Tag "Homologar".
void add_semaforo_routes(Router& router);
// The metro picture of coded measures, its summary and a municipality's effective policy (policy.json). Tag
// "Homologar".
void add_policy_routes(Router& router);
// Harmonised decisions voted by a body's seats, their votes, the agreements they create and their compliance
// (decisions.json). Tag "Homologar".
void add_decision_routes(Router& router);
// The OxCGRT codebook, source documents and the region's observations with their review
// (policy_observations.json). Tag "Homologar".
void add_policy_observation_routes(Router& router);

// The OpenAPI operations of the modules above, read from src/http/openapi/ under `root`.
Result<nlohmann::json> module_operations(const std::string& root);

// The base of the OpenAPI document (info, servers, components).
Result<nlohmann::json> openapi_base(const std::string& root);

// The OpenAPI document `metropoli serve` serves at /api/v1/openapi.json, built from the same registrations
// without a database: what `metropoli openapi` prints and web/openapi.json holds.
Result<nlohmann::json> served_openapi(const std::string& root);

// Every module's routes, in one list for the server, the served OpenAPI document and the router's tests: a
// module registered here is registered everywhere.
void add_module_routes(Router& router, std::function<Response()> document, const AccessRouteOptions& access,
                       std::shared_ptr<const access::SigningKey> head_key);

}  // namespace metropoli::http

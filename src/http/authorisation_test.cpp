// SPDX-License-Identifier: MIT
// The authorisation matrix: every route the router knows, called by every kind of caller (anonymous, each
// role, an editor of another organisation, a disabled account, an expired session, a cookie write with a
// wrong CSRF token, a revoked token), each answer checked against the status the permission table says. A
// route the matrix does not list fails it, and so does a route registered with another permission than the
// one listed here. The callers are real: accounts, sessions and tokens made with the access library, on
// SQLite and on PostgreSQL.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>

#include "access/accounts.hpp"
#include "access/organisations.hpp"
#include "access/sessions.hpp"
#include "access/tokens.hpp"
#include "analysis/ingest/municipal_ingest.hpp"
#include "app/context.hpp"
#include "coordination/agreements.hpp"
#include "coordination/bodies.hpp"
#include "http/api.hpp"
#include "http/credentials.hpp"
#include "http/gate.hpp"
#include "http/schema_check.hpp"
#include "metropoli_source_dir.hpp"
#include "storage/test_support.hpp"

namespace metropoli::http {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// One caller: what its requests carry, and who the gate should find (nullopt: nobody, the credential
// refused).
struct MatrixCaller {
    std::string name;
    std::string authorization;  // "Bearer ..."
    std::string cookie;         // "metropoli_session=..."
    std::string csrf;           // the X-CSRF-Token its writes carry
    std::optional<access::Actor> actor;
    bool wrong_csrf = false;  // its cookie writes carry a token that is not its session's
};

// One route: the permission the test expects it to declare, the request made, what it is about, and its
// status when the gate lets the caller through.
struct MatrixRoute {
    std::string route;       // "METHOD /pattern", as registered
    std::string permission;  // as registered
    std::string target;      // empty: the OpenAPI document's examples
    unsigned allowed = 200;
    access::Scope scope = {};
    std::string body = {};
    std::string if_match = {};
    // The permission the library checks after the gate, for a route whose scope the gate cannot read from
    // its path (progress on an agreement: its responsible organisation). Empty: the gate's alone.
    std::string library_permission = {};
};

// Every route of `metropoli serve` (a route may have several lines: several requests). A new route needs its
// line here. `a` and `b`: the organisations the editors edit.
std::vector<MatrixRoute> matrix_routes(int64_t a, int64_t b, int64_t agreement_of_a) {
    const std::string agreement = "/api/v1/agreements/" + std::to_string(agreement_of_a);
    const std::string org_a = "/api/v1/organisations/" + std::to_string(a);
    const std::string org_b = "/api/v1/organisations/" + std::to_string(b);
    const access::Scope k_mesa{std::nullopt, 1};  // the body the matrix's member is a member of
    return {
        {"GET /healthz", "public", "/healthz"},
        {"GET /api/v1/openapi.json", "public", "/api/v1/openapi.json"},
        {"GET /api/v1/regions", "public", ""},
        {"GET /api/v1/jurisdictions", "public", ""},
        {"GET /api/v1/jurisdictions/{code}", "public", ""},
        {"GET /api/v1/releases", "public", ""},
        {"GET /api/v1/series", "public", ""},
        {"GET /api/v1/indicators", "public", ""},
        {"GET /api/v1/indicators/{code}/{date}", "public", ""},
        {"GET /api/v1/indicator-series/{code}", "public", ""},
        {"GET /api/v1/rt", "public", ""},
        {"GET /api/v1/risk", "public", ""},
        {"GET /api/v1/metro", "public", ""},
        {"GET /api/v1/schemes", "public", ""},
        {"GET /api/v1/overview", "public", ""},
        {"GET /api/v1/first-screen", "public", ""},
        {"GET /api/v1/dashboard/{code}", "public", ""},
        {"GET /api/v1/geo", "public", ""},
        // Access. Each write is one the gate lets through only to those allowed, and that then fails in a
        // way that changes nothing (an invalid body, a missing record, a stale version), so every caller
        // meets the same state. The logout comes last: it ends the caller's session.
        {"POST /api/v1/session", "public", "/api/v1/session", 422, {}, "{}"},
        {"GET /api/v1/session", "account.self", "/api/v1/session"},
        {"PUT /api/v1/session/password", "account.self", "/api/v1/session/password", 422, {}, "{}"},
        {"GET /api/v1/organisations", "organisation.read", "/api/v1/organisations?kind=civil_society"},
        {"GET /api/v1/organisations/{id}", "organisation.read", org_a},
        {"POST /api/v1/organisations",
         "organisation.create",
         "/api/v1/organisations",
         422,
         {},
         R"({"name": 3})"},
        {"PUT /api/v1/organisations/{id}",
         "organisation.edit",
         org_a,
         412,
         {a},
         R"({"contact": "x"})",
         "\"v999\""},
        {"PUT /api/v1/organisations/{id}",
         "organisation.edit",
         org_b,
         412,
         {b},
         R"({"contact": "x"})",
         "\"v999\""},
        {"GET /api/v1/accounts", "account.read", "/api/v1/accounts"},
        {"POST /api/v1/accounts", "account.create", "/api/v1/accounts", 422, {}, "{}"},
        {"POST /api/v1/accounts/{id}/disable", "account.disable", "/api/v1/accounts/999999/disable", 404},
        {"POST /api/v1/accounts/{id}/enable", "account.disable", "/api/v1/accounts/999999/enable", 404},
        {"POST /api/v1/accounts/{id}/grants", "role.grant", "/api/v1/accounts/999999/grants", 422, {}, "{}"},
        {"DELETE /api/v1/accounts/{id}/grants/{grant}", "role.revoke",
         "/api/v1/accounts/999999/grants/999999", 404},
        {"GET /api/v1/tokens", "account.self", "/api/v1/tokens"},
        {"POST /api/v1/tokens", "account.self", "/api/v1/tokens", 422, {}, "{}"},
        {"DELETE /api/v1/tokens/{id}", "account.self", "/api/v1/tokens/999999", 404},
        {"GET /api/v1/audit",
         "audit.entity",
         "/api/v1/audit?entity=organisation:" + std::to_string(a),
         200,
         {a}},
        {"GET /api/v1/audit", "audit.entity", "/api/v1/audit", 200},
        {"GET /api/v1/audit/head", "public", "/api/v1/audit/head"},
        // Coordinar: the convenio (the seeded example is convenio 1; the writes name one that does not
        // exist) and who does what where.
        {"GET /api/v1/convenios", "public", ""},
        {"GET /api/v1/convenios/{id}", "public", ""},
        {"POST /api/v1/convenios", "convenio.edit", "/api/v1/convenios", 422, {}, "{}"},
        {"PUT /api/v1/convenios/{id}",
         "convenio.edit",
         "/api/v1/convenios/999999",
         404,
         {},
         R"({"title": "x"})",
         "\"v1\""},
        {"POST /api/v1/convenios/{id}/parties",
         "convenio.edit",
         "/api/v1/convenios/999999/parties",
         404,
         {},
         R"({"organisation": 1, "kind": "other"})",
         "\"v1\""},
        {"POST /api/v1/convenios/{id}/clauses",
         "convenio.edit",
         "/api/v1/convenios/999999/clauses",
         404,
         {},
         R"({"number": "1", "title": "t", "text": "x"})",
         "\"v1\""},
        {"PUT /api/v1/convenios/{id}/clauses/{clause}",
         "convenio.edit",
         "/api/v1/convenios/999999/clauses/1",
         404,
         {},
         R"({"number": "1", "title": "t", "text": "x"})",
         "\"v1\""},
        {"POST /api/v1/convenios/{id}/clauses/{clause}/agreements",
         "convenio.edit",
         "/api/v1/convenios/999999/clauses/1/agreements",
         404,
         {},
         R"({"agreement": 1})",
         "\"v1\""},
        {"DELETE /api/v1/convenios/{id}/clauses/{clause}/agreements/{agreement}",
         "convenio.edit",
         "/api/v1/convenios/999999/clauses/1/agreements/1",
         404,
         {},
         "",
         "\"v1\""},
        {"POST /api/v1/convenios/{id}/signatures",
         "convenio.edit",
         "/api/v1/convenios/999999/signatures",
         404,
         {},
         R"({"party": 1, "signed_by": "x", "signed_on": "2026-03-01"})",
         "\"v1\""},
        {"POST /api/v1/convenios/{id}/status",
         "convenio.edit",
         "/api/v1/convenios/999999/status",
         404,
         {},
         R"({"status": "in_signature"})",
         "\"v1\""},
        {"GET /api/v1/activities/matrix", "public", ""},
        {"GET /api/v1/activities/export.csv", "public", ""},
        {"POST /api/v1/activities/import", "contribution.edit", "/api/v1/activities/import", 415},
        {"GET /api/v1/activities", "public", ""},
        {"POST /api/v1/activities",
         "contribution.edit",
         "/api/v1/activities",
         422,
         {a},
         R"({"organisation": )" + std::to_string(a) + "}"},
        {"POST /api/v1/activities",
         "contribution.edit",
         "/api/v1/activities",
         422,
         {b},
         R"({"organisation": )" + std::to_string(b) + "}"},
        {"PUT /api/v1/activities/{id}",
         "contribution.edit",
         "/api/v1/activities/999999",
         404,
         {a},
         R"({"organisation": )" + std::to_string(a) + "}",
         "\"v1\""},
        // Activity rules and the homologation matrix: public reads; writes refused at the gate or, for a
        // coordinator, by the library on an unknown activity (422) or a missing rule (404).
        {"GET /api/v1/activity-rules", "public", ""},
        {"GET /api/v1/activity-rules/{id}", "public", "/api/v1/activity-rules/999999", 404},
        {"POST /api/v1/activity-rules",
         "activity_rule.edit",
         "/api/v1/activity-rules",
         422,
         {},
         R"({"activity": "karaoke"})"},
        {"PUT /api/v1/activity-rules/{id}",
         "activity_rule.edit",
         "/api/v1/activity-rules/999999",
         404,
         {},
         R"({"activity": "restaurantes"})",
         "\"v1\""},
        {"GET /api/v1/activity-catalogue", "public", ""},
        {"GET /api/v1/homologation-matrix", "public", ""},
        {"GET /api/v1/semaforo/declared", "public", ""},
        {"GET /api/v1/semaforo/reconciliation", "public", ""},
        {"GET /api/v1/semaforo/reconciliation", "public",
         "/api/v1/semaforo/reconciliation?jurisdiction=10&week=2020-45", 400},
        // The metro picture of the coded measures: public reads of the seeded record.
        {"GET /api/v1/policy/metro", "public", ""},
        {"GET /api/v1/policy/metro-summary", "public", ""},
        {"GET /api/v1/policy/effective", "public", ""},
        // Harmonised decisions: open reads of a decision that does not exist (404); a proposal refused at
        // the gate or, for a coordinator, by the library on a bad body (422); a vote passes the gate for
        // any account and meets a missing decision (404), as does a close.
        {"GET /api/v1/decisions", "decision.read", "/api/v1/decisions"},
        {"GET /api/v1/decisions/{id}", "decision.read", "/api/v1/decisions/999999", 404},
        {"GET /api/v1/decisions/{id}/compliance", "decision.read", "/api/v1/decisions/999999/compliance",
         404},
        {"POST /api/v1/decisions", "decision.edit", "/api/v1/decisions", 422, {}, R"({"meeting": "x"})"},
        {"POST /api/v1/decisions/{id}/votes",
         "account.self",
         "/api/v1/decisions/999999/votes",
         404,
         {},
         R"({"choice": "for"})"},
        {"POST /api/v1/decisions/{id}/close",
         "decision.edit",
         "/api/v1/decisions/999999/close",
         404,
         {},
         "{}",
         "\"v1\""},

        // Observations: public reads (drafts listed for coders and reviewers only, same status);
        // writes refused at the gate or, for a coder or reviewer, by the library on a bad body (422)
        // or a missing observation (404).
        {"GET /api/v1/policy/codebook", "public", ""},
        {"GET /api/v1/policy/sources", "public", ""},
        {"GET /api/v1/policy/observations", "public", ""},
        {"GET /api/v1/policy/observations/{id}", "public", "/api/v1/policy/observations/999999", 404},
        {"POST /api/v1/policy/observations",
         "policy.code",
         "/api/v1/policy/observations",
         422,
         {},
         R"({"indicator": 3})"},
        {"PUT /api/v1/policy/observations/{id}",
         "policy.code",
         "/api/v1/policy/observations/999999",
         404,
         {},
         R"({"jurisdiction": "10007"})",
         "\"v1\""},
        {"POST /api/v1/policy/observations/{id}/submit",
         "policy.code",
         "/api/v1/policy/observations/999999/submit",
         404,
         {},
         "{}",
         "\"v1\""},
        {"POST /api/v1/policy/observations/{id}/approve",
         "policy.review",
         "/api/v1/policy/observations/999999/approve",
         404,
         {},
         "{}",
         "\"v1\""},
        {"POST /api/v1/policy/observations/{id}/reject",
         "policy.review",
         "/api/v1/policy/observations/999999/reject",
         404,
         {},
         R"({"reason": "x"})",
         "\"v1\""},
        // Minutes: public reads of minutes that do not exist; the working routes under body 1 (the
        // member's) on missing minutes or a missing meeting, so every caller the gate lets through
        // gets 404; a vote in body 2, where the member has no grant, refused at the gate.
        {"GET /api/v1/minutes", "public", ""},
        {"GET /api/v1/minutes/{id}", "public", "/api/v1/minutes/999999", 404},
        {"GET /api/v1/minutes/{id}/amendments", "public", "/api/v1/minutes/999999/amendments", 404},
        {"GET /api/v1/minutes/{id}/votes", "public", "/api/v1/minutes/999999/votes", 404},
        {"GET /api/v1/minutes/{id}/verify", "public", "/api/v1/minutes/999999/verify", 404},
        {"GET /api/v1/meetings/{id}/minutes", "public", "/api/v1/meetings/999999/minutes", 404},
        {"GET /api/v1/bodies/{body}/minutes", "minutes.read", "/api/v1/bodies/1/minutes", 200, k_mesa},
        {"GET /api/v1/bodies/{body}/minutes/{id}", "minutes.read", "/api/v1/bodies/1/minutes/999999", 404,
         k_mesa},
        {"POST /api/v1/bodies/{body}/meetings/{meeting}/minutes", "minutes.edit",
         "/api/v1/bodies/1/meetings/999999/minutes", 404, k_mesa, R"({"text": "Acta"})"},
        {"PUT /api/v1/bodies/{body}/minutes/{id}", "minutes.edit", "/api/v1/bodies/1/minutes/999999", 404,
         k_mesa, R"({"text": "Acta"})", "\"v1\""},
        {"POST /api/v1/bodies/{body}/minutes/{id}/amendments", "minutes.amend",
         "/api/v1/bodies/1/minutes/999999/amendments", 404, k_mesa, R"({"text": "Enmienda"})"},
        {"POST /api/v1/bodies/{body}/minutes/{id}/amendments/{amendment}/accept", "minutes.edit",
         "/api/v1/bodies/1/minutes/999999/amendments/999999/accept", 404, k_mesa, "{}", "\"v1\""},
        {"POST /api/v1/bodies/{body}/minutes/{id}/amendments/{amendment}/reject", "minutes.edit",
         "/api/v1/bodies/1/minutes/999999/amendments/999999/reject", 404, k_mesa, "{}", "\"v1\""},
        {"POST /api/v1/bodies/{body}/minutes/{id}/votes", "minutes.vote",
         "/api/v1/bodies/1/minutes/999999/votes", 404, k_mesa, R"({"choice": "for"})"},
        {"POST /api/v1/bodies/{body}/minutes/{id}/votes",
         "minutes.vote",
         "/api/v1/bodies/2/minutes/999999/votes",
         404,
         {std::nullopt, 2},
         R"({"choice": "for"})"},
        {"POST /api/v1/bodies/{body}/minutes/{id}/approve", "minutes.edit",
         "/api/v1/bodies/1/minutes/999999/approve", 404, k_mesa, "{}", "\"v1\""},
        {"POST /api/v1/bodies/{body}/minutes/{id}/corrections", "minutes.edit",
         "/api/v1/bodies/1/minutes/999999/corrections", 404, k_mesa, "{}"},
        // Coordinar, the Mesa: the region's seeded Mesa de Salud is body 1 with seats 1 to 6 and the
        // example meeting 1 (held). Reads are public; each write fails without changing anything.
        {"GET /api/v1/bodies", "public", "/api/v1/bodies"},
        {"GET /api/v1/bodies/{id}", "public", "/api/v1/bodies/1"},
        {"GET /api/v1/bodies/{id}/seats", "public", "/api/v1/bodies/1/seats?on=2020-05-04"},
        {"GET /api/v1/seats/{id}", "public", "/api/v1/seats/1"},
        {"GET /api/v1/seats/{id}/history", "public", "/api/v1/seats/1/history"},
        {"GET /api/v1/bodies/{id}/meetings", "public", "/api/v1/bodies/1/meetings"},
        {"GET /api/v1/bodies/{id}/calendar.ics", "public", "/api/v1/bodies/1/calendar.ics"},
        {"GET /api/v1/meetings/{id}", "public", "/api/v1/meetings/1"},
        {"GET /api/v1/meetings/{id}/calendar.ics", "public", "/api/v1/meetings/1/calendar.ics"},
        {"POST /api/v1/bodies", "body.edit", "/api/v1/bodies", 422, {}, "{}"},
        {"PUT /api/v1/bodies/{id}",
         "body.edit",
         "/api/v1/bodies/1",
         412,
         {.body = 1},
         R"({"description": "x"})",
         "\"v999\""},
        {"POST /api/v1/bodies/{id}/seats", "body.edit", "/api/v1/bodies/1/seats", 422, {.body = 1}, "{}"},
        {"PUT /api/v1/seats/{id}", "body.edit", "/api/v1/seats/1", 412, {}, R"({"name": "x"})", "\"v999\""},
        {"POST /api/v1/seats/{id}/designations", "body.edit", "/api/v1/seats/1/designations", 422, {}, "{}"},
        {"POST /api/v1/bodies/{id}/meetings",
         "meeting.edit",
         "/api/v1/bodies/1/meetings",
         422,
         {.body = 1},
         "{}"},
        {"PUT /api/v1/meetings/{id}",
         "meeting.edit",
         "/api/v1/meetings/1",
         412,
         {},
         R"({"title": "x"})",
         "\"v999\""},
        {"PUT /api/v1/meetings/{id}/state",
         "meeting.edit",
         "/api/v1/meetings/1/state",
         412,
         {},
         R"({"state": "held"})",
         "\"v999\""},
        {"POST /api/v1/meetings/{id}/agenda",
         "meeting.edit",
         "/api/v1/meetings/1/agenda",
         412,
         {},
         R"({"title": "x", "duration_minutes": 5})",
         "\"v999\""},
        {"PUT /api/v1/agenda-items/{id}",
         "meeting.edit",
         "/api/v1/agenda-items/999999",
         404,
         {},
         R"({"title": "x"})",
         "\"v1\""},
        {"DELETE /api/v1/agenda-items/{id}",
         "meeting.edit",
         "/api/v1/agenda-items/999999",
         404,
         {},
         "{}",
         "\"v1\""},
        {"POST /api/v1/meetings/{id}/invitations",
         "meeting.edit",
         "/api/v1/meetings/1/invitations",
         412,
         {},
         R"({"guests": [{"name": "x"}]})",
         "\"v999\""},
        {"PUT /api/v1/meetings/{id}/attendance",
         "meeting.edit",
         "/api/v1/meetings/1/attendance",
         412,
         {},
         R"({"attendance": [{"seat": 1, "status": "present"}]})",
         "\"v999\""},
        // Agreements. Writes fail harmlessly as above; progress on A's agreement passes the gate for
        // any account, and the library then refuses everyone but A's editors and coordinators (403).
        {"GET /api/v1/agreement-statuses", "public", "/api/v1/agreement-statuses"},
        {"POST /api/v1/agreement-statuses", "agreement.edit", "/api/v1/agreement-statuses", 400, {}, "{}"},
        {"PUT /api/v1/agreement-statuses/{key}",
         "agreement.edit",
         "/api/v1/agreement-statuses/in_progress",
         400,
         {},
         "{}"},
        {"DELETE /api/v1/agreement-statuses/{key}", "agreement.edit", "/api/v1/agreement-statuses/nope", 404},
        {"GET /api/v1/agreements/overdue", "agreement.read", "/api/v1/agreements/overdue?as_of=2020-06-05"},
        {"GET /api/v1/agreements/scorecard", "agreement.read",
         "/api/v1/agreements/scorecard?as_of=2020-06-05"},
        {"GET /api/v1/agreements/export.csv", "agreement.read", "/api/v1/agreements/export.csv"},
        {"GET /api/v1/agreements/export.json", "agreement.read", "/api/v1/agreements/export.json"},
        {"GET /api/v1/agreements/export.xlsx", "agreement.read", "/api/v1/agreements/export.xlsx"},
        {"POST /api/v1/agreements/import", "agreement.edit", "/api/v1/agreements/import", 415, {}, "{}"},
        {"POST /api/v1/agreements/import-progress",
         "account.self",
         "/api/v1/agreements/import-progress",
         415,
         {},
         "{}"},
        {"GET /api/v1/agreements", "agreement.read", "/api/v1/agreements?organisation=" + std::to_string(a)},
        {"POST /api/v1/agreements", "agreement.edit", "/api/v1/agreements", 400, {}, "{}"},
        {"GET /api/v1/agreements/{id}", "agreement.read", agreement},
        {"GET /api/v1/agreements/{id}/timeline", "agreement.read", agreement + "/timeline"},
        {"PUT /api/v1/agreements/{id}",
         "agreement.edit",
         agreement,
         412,
         {},
         R"({"title": "x"})",
         "\"v999\""},
        {"POST /api/v1/agreements/{id}/progress",
         "account.self",
         agreement + "/progress",
         412,
         {a},
         R"({"reported_on": "2020-05-20", "progress": 10})",
         "\"v999\"",
         "progress.report"},
        {"GET /api/v1/documents/{id}", "agreement.read", "/api/v1/documents/999999", 404},
        {"DELETE /api/v1/session", "account.self", "/api/v1/session", 204},
    };
}

// The status the permission table gives `caller` on `route`.
unsigned expected_status(const MatrixRoute& route, const MatrixCaller& caller) {
    const auto* row = access::find_permission(route.permission);
    if (row == nullptr) return 0;  // never: the registration would have stopped the program
    if (row->anyone) return route.allowed;
    if (!caller.actor || caller.actor->anonymous()) return 401;
    const bool write = route.route.rfind("GET ", 0) != 0;
    if (write && !caller.cookie.empty() && caller.wrong_csrf) return 403;
    if (!access::permits(*caller.actor, route.permission, route.scope)) return 403;
    if (!route.library_permission.empty() &&
        !access::permits(*caller.actor, route.library_permission, route.scope))
        return 403;
    return route.allowed;
}

Instant at(const char* iso) {
    return *parse_iso_utc(iso);
}

// The database, the organisations A and B, and the callers, made once per engine with the access library:
// accounts for each role, a session (cookie) or an API token for each, a session of an account disabled
// since, a session past its limits, a revoked token.
class AuthorisationMatrix : public ::testing::TestWithParam<storage::Engine> {
protected:
    void SetUp() override {
        m_scratch = std::make_unique<storage::testing::ScratchDatabase>(GetParam());
        if (!m_scratch->available()) {
            if (storage::testing::postgres_required()) FAIL() << m_scratch->why_unavailable();
            GTEST_SKIP() << m_scratch->why_unavailable();
        }
        const std::string url = m_scratch->url();
        auto db = app::open_database(url, storage::Access::create);
        ASSERT_TRUE(db) << db.error().message;
        auto region = app::initialise(**db, "laguna");
        ASSERT_TRUE(region) << region.error().message;
        analysis::ReleaseStore store(**db);
        analysis::IngestReport report;
        ASSERT_TRUE(analysis::ingest_municipal(
            std::string(METROPOLI_SOURCE_DIR) +
                "/data/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv",
            *region, store, {}, report));
        storage::Database& d = **db;
        const access::Actor cli = access::cli_actor("matrix");
        const auto organisation = [&](const std::string& short_name) {
            access::OrganisationFields f;
            f.name = short_name + " de prueba";
            f.short_name = short_name;
            f.kind = "civil_society";
            auto made = access::create_organisation(d, m_clock, cli, "", f);
            EXPECT_TRUE(made) << made.error().message;
            return made ? made->id : int64_t{0};
        };
        m_a = organisation("Matriz A");
        m_b = organisation("Matriz B");
        // An agreement owed by A, decided in a meeting of the Mesa (made by plain SQL: the meetings
        // concept has its own store), and one owed by the Torreón municipal executive.
        ASSERT_TRUE(coordination::seed_bodies(d, m_clock, "laguna"));
        long long meeting = 0;
        const std::string now = m_clock.now_iso();
        d.session()
            << "INSERT INTO meetings (body_id, title, starts_at, ends_at, mode, created_at, updated_at) "
               "SELECT MIN(id), 'Sesión', '2020-05-04T16:00:00Z', '2020-05-04T18:00:00Z', 'online', :c, "
               ":u "
               "FROM bodies RETURNING id",
            soci::use(now), soci::use(now), soci::into(meeting);
        const auto agreement = [&](const std::string& reference, int64_t owner) {
            coordination::NewAgreement n;
            n.reference = reference;
            n.meeting = meeting;
            n.title = "Acuerdo " + reference;
            n.responsible = owner;
            auto made = coordination::create_agreement(d, m_clock, cli, "", n);
            EXPECT_TRUE(made) << made.error().message;
            return made ? made->id : int64_t{0};
        };
        m_agreement = agreement("MATRIZ-1", m_a);
        m_torreon = access::find_seed_organisation(d, "torreon-ejecutivo")->id;
        m_gomez = access::find_seed_organisation(d, "gomez-palacio-salud")->id;
        m_torreon_agreement = agreement("MATRIZ-TORREON-1", m_torreon);
        using access::Role;
        int serial = 0;
        const auto account = [&](std::vector<access::Grant> grants) {
            access::NewAccount n;
            n.email = "caller" + std::to_string(++serial) + "@matriz.example";
            n.name = "Persona " + std::to_string(serial);
            n.password = k_password;
            n.grants = std::move(grants);
            auto made =
                access::create_account(d, m_clock, cli, "", n, access::PasswordOptions::fastest_for_tests());
            EXPECT_TRUE(made) << made.error().message;
            return made ? *made : access::Account{};
        };
        access::LoginOptions login_options;
        login_options.dummy_hash = access::PasswordOptions::fastest_for_tests();
        // Each caller its own session, so that one's logout ends no other's.
        const auto session = [&](const access::Account& a, const std::string& name, bool wrong_csrf = false) {
            auto s = access::login(d, m_clock, a.email, k_password, "127.0.0.1", login_options);
            EXPECT_TRUE(s) << s.error().message;
            MatrixCaller c{name, "", "metropoli_session=" + s->token, s->csrf_token, s->actor, wrong_csrf};
            if (wrong_csrf) c.csrf = std::string(s->csrf_token.size(), '0');
            return c;
        };
        const auto token = [&](const access::Account& a, const std::string& name) {
            auto actor = access::account_actor(d, a.id);
            EXPECT_TRUE(actor);
            auto t = access::create_token(d, m_clock, *actor, "", a.id, name);
            EXPECT_TRUE(t) << t.error().message;
            return MatrixCaller{name, "Bearer " + t->token, "", "", *actor};
        };
        // The expired session first, made 13 hours before the others (past the absolute limit of 12 h).
        m_clock.set(at("2026-03-11T19:00:00Z"));
        MatrixCaller expired = session(account({{Role::analyst}}), "expired session");
        expired.actor.reset();
        m_clock.set(at("2026-03-12T08:00:00Z"));
        const auto admin = account({{Role::admin}});
        const auto editor_a = account({{Role::editor, m_a}});
        m_callers.push_back({"anonymous", "", "", "", access::Actor{}});
        m_callers.push_back(session(admin, "admin"));
        m_callers.push_back(token(account({{Role::coordinator}}), "coordinator"));
        m_callers.push_back(token(account({{Role::analyst}}), "analyst"));
        m_callers.push_back(session(editor_a, "editor of A"));
        m_callers.push_back(session(account({{Role::editor, m_b}}), "editor of B"));
        m_callers.push_back(token(account({{Role::member, std::nullopt, k_body}}), "member"));
        {
            const auto disabled = account({{Role::admin}});
            MatrixCaller c = session(disabled, "disabled account");
            auto done =
                access::set_account_state(d, m_clock, cli, "", disabled.id, access::AccountState::disabled);
            ASSERT_TRUE(done) << done.error().message;
            c.actor.reset();
            m_callers.push_back(c);
        }
        m_callers.push_back(expired);
        m_torreon_editor = token(account({{Role::editor, m_torreon}}), "editor of Torreón");
        m_gomez_editor = token(account({{Role::editor, m_gomez}}), "editor of Gómez Palacio health");
        m_callers.push_back(session(editor_a, "wrong CSRF token", true));
        {
            MatrixCaller c = token(admin, "revoked token");
            auto actor = access::account_actor(d, admin.id);
            ASSERT_TRUE(actor);
            auto listed = access::list_tokens(d, admin.id);
            ASSERT_TRUE(listed && !listed->empty());
            ASSERT_TRUE(access::revoke_token(d, m_clock, *actor, "", listed->front().id));
            c.actor.reset();
            m_callers.push_back(c);
        }
        m_clock.set(at("2026-03-12T08:05:00Z"));
        db->reset();
        auto context = app::open_context(url, storage::Access::write);
        ASSERT_TRUE(context) << context.error().message;
        ApiOptions options;
        options.clock = &m_clock;
        options.access.passwords = access::PasswordOptions::fastest_for_tests();
        options.access.login.dummy_hash = access::PasswordOptions::fastest_for_tests();
        m_api = std::make_unique<Api>(std::move(*context), "", std::move(options));
    }

    static constexpr const char* k_password = "una frase larga para la matriz";
    static constexpr int64_t k_body = 1;
    FixedClock m_clock{at("2026-03-12T08:00:00Z")};
    std::unique_ptr<storage::testing::ScratchDatabase> m_scratch;
    int64_t m_a = 0, m_b = 0, m_agreement = 0, m_torreon = 0, m_gomez = 0, m_torreon_agreement = 0;
    MatrixCaller m_torreon_editor, m_gomez_editor;
    std::vector<MatrixCaller> m_callers;
    std::unique_ptr<Api> m_api;
};

TEST_P(AuthorisationMatrix, EveryRouteAnswersEveryCallerAsThePermissionTableSays) {
    Api& api = *m_api;
    const json doc = json::parse(api.handle(*parse_target("/api/v1/openapi.json"))->body);
    const auto routes = matrix_routes(m_a, m_b, m_agreement);

    // The matrix lists exactly the router's routes, each with the permission it is registered with.
    std::map<std::string, const RouteDef*> registered;
    for (const auto& r : api.router().routes()) registered[r.method + " " + r.pattern] = &r;
    std::set<std::string> listed;
    for (const auto& m : routes) {
        listed.insert(m.route);
        auto it = registered.find(m.route);
        if (it == registered.end()) {
            ADD_FAILURE() << m.route << " is in the matrix but not a route";
            continue;
        }
        EXPECT_EQ(it->second->permission, m.permission)
            << m.route << " is registered with another permission";
    }
    for (const auto& [id, route] : registered) {
        EXPECT_TRUE(listed.count(id)) << id << " has no line in the authorisation matrix (matrix_routes())";
    }

    size_t calls = 0;
    std::map<unsigned, size_t> by_status;
    for (const auto& m : routes) {
        if (!registered.count(m.route)) continue;
        const auto space = m.route.find(' ');
        const std::string method = m.route.substr(0, space);
        const std::string pattern = m.route.substr(space + 1);
        std::string target = m.target;
        if (target.empty()) {
            std::string lower = method;
            for (auto& c : lower) c = static_cast<char>(std::tolower(c));
            target = example_target(pattern, doc.at("paths").at(pattern).at(lower));
        }
        for (const auto& caller : m_callers) {
            auto request = parse_target(target);
            ASSERT_TRUE(request) << target;
            request->method = method;
            request->id = "matrix";
            request->client_address = "127.0.0.1";
            request->authorization = caller.authorization;
            request->cookie = caller.cookie;
            if (method != "GET") {
                request->csrf_token = caller.csrf;
                request->content_type = "application/json";
                request->body = m.body.empty() ? "{}" : m.body;
                request->if_match = m.if_match;
            }
            const auto answer = api.handle(*request);
            const unsigned expected = expected_status(m, caller);
            EXPECT_EQ(answer->status, expected)
                << m.route << " (" << target << ") by " << caller.name << ": " << answer->body.substr(0, 300);
            if (answer->status >= 400) {
                EXPECT_EQ(answer->content_type, "application/problem+json")
                    << m.route << " by " << caller.name;
            }
            if (!is_public(*registered.at(m.route))) {
                EXPECT_EQ(answer->cache_control, "no-store") << m.route << " by " << caller.name;
            }
            ++by_status[answer->status];
            ++calls;
        }
    }
    EXPECT_EQ(calls, routes.size() * m_callers.size());
    std::string statuses;
    for (const auto& [status, n] : by_status)
        statuses += " " + std::to_string(status) + ":" + std::to_string(n);
    std::cout << "authorisation matrix (" << storage::testing::engine_name(GetParam())
              << "): " << registered.size() << " routes in " << routes.size() << " requests x "
              << m_callers.size() << " callers = " << calls << " calls;" << statuses << "\n";
    RecordProperty("routes", static_cast<int>(registered.size()));
    RecordProperty("callers", static_cast<int>(m_callers.size()));
}

// Issue 12's case: an editor of Gómez Palacio health cannot update an agreement owed by the Torreón
// municipal executive (403, nothing written), while Torreón's editor can (201).
TEST_P(AuthorisationMatrix, AGomezPalacioHealthEditorCannotReportOnAnAgreementOwedByTorreon) {
    Api& api = *m_api;
    const std::string target = "/api/v1/agreements/" + std::to_string(m_torreon_agreement) + "/progress";
    const auto post = [&](const MatrixCaller& caller) {
        auto request = parse_target(target);
        request->method = "POST";
        request->id = "gomez";
        request->client_address = "127.0.0.1";
        request->authorization = caller.authorization;
        request->content_type = "application/json";
        request->body =
            R"({"reported_on": "2020-05-20", "progress": 30, "evidence_url": "https://x.example/1"})";
        request->if_match = "\"v1\"";
        return api.handle(*request);
    };
    const auto refused = post(m_gomez_editor);
    EXPECT_EQ(refused->status, 403u) << refused->body;
    const auto read = api.handle(*parse_target("/api/v1/agreements/" + std::to_string(m_torreon_agreement)));
    EXPECT_EQ(json::parse(read->body)["progress"], 0.0);
    EXPECT_EQ(json::parse(read->body)["version"], 1);
    const auto reported = post(m_torreon_editor);
    EXPECT_EQ(reported->status, 201u) << reported->body;
    const auto after = api.handle(*parse_target("/api/v1/agreements/" + std::to_string(m_torreon_agreement)));
    EXPECT_EQ(json::parse(after->body)["progress"], 30.0);
}

std::string engine_param(const ::testing::TestParamInfo<storage::Engine>& p) {
    return storage::testing::engine_name(p.param);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthorisationMatrix, ::testing::ValuesIn(storage::testing::all_engines()),
                         engine_param);

}  // namespace
}  // namespace metropoli::http

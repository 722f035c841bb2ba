// SPDX-License-Identifier: MIT
// /api/v1/activities: who does what where (3W). Public to read (the list with filters, the sector x
// municipality matrix with its gaps and overlaps, the HXL-tagged CSV); written by a coordinator or an editor
// of the implementing organisation (contribution.edit, scoped by the body's "organisation"), edits with
// If-Match; the HXL import (text/csv, all rows or none) by a coordinator.
#include <fmt/format.h>

#include "coordination/activities.hpp"
#include "coordination/hxl.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr const char* k_activity_tag = "Coordinar";

// The implementing organisation a write names: what contribution.edit is checked against.
access::Scope organisation_in_body(const RoutedRequest& r) {
    const json body = json::parse(r.request->body, nullptr, false);
    if (body.is_object() && body.contains("organisation") && body["organisation"].is_number_integer())
        return {.organisation = body["organisation"].get<int64_t>()};
    return {};
}

std::vector<ParamSpec> filters(bool with_place) {
    std::vector<ParamSpec> out{
        {"sector", ParamType::text, "only this sector", "Salud"},
        {"status", ParamType::text, "planned, ongoing, completed or suspended", "ongoing"},
        {"organisation", ParamType::integer, "only activities it implements, programmes or funds"},
    };
    if (with_place) {
        out.push_back({"adm1", ParamType::text, "only this state (INEGI code)", "05"});
        out.push_back({"adm2", ParamType::text, "only this municipality (INEGI code)", "05035"});
    }
    return out;
}

coordination::ActivityFilter activity_filter_of(const RoutedRequest& r) {
    coordination::ActivityFilter f;
    if (auto v = param(r, "sector"); !v.empty()) f.sector = v;
    if (auto v = param(r, "status"); !v.empty()) f.status = v;
    if (auto v = param(r, "adm1"); !v.empty()) f.adm1 = v;
    if (auto v = param(r, "adm2"); !v.empty()) f.adm2 = v;
    if (auto v = param(r, "organisation"); !v.empty()) f.organisation = std::stoll(v);
    return f;
}

bool is_csv(const std::string& content_type) {
    std::string media = content_type.substr(0, content_type.find(';'));
    while (!media.empty() && media.back() == ' ') media.pop_back();
    for (auto& c : media) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return media == "text/csv";
}

}  // namespace

void add_activity_routes(Router& router) {
    router.add(
        {"GET",
         "/api/v1/activities/matrix",
         "Sector x municipality: activities and people reached per cell, with the gaps and overlaps named",
         k_activity_tag,
         {},
         filters(false),
         "public",
         true,
         [](const RoutedRequest& r, RequestContext& ctx) {
             return respond(
                 coordination::activity_matrix(*ctx.app.db, coordination::region_places(ctx.app.region),
                                               activity_filter_of(r)),
                 r.path, [](const coordination::Matrix& m) { return coordination::matrix_json(m); });
         }});
    router.add({"GET",
                "/api/v1/activities/export.csv",
                "The activities as HXL-tagged CSV",
                k_activity_tag,
                {},
                filters(true),
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto csv = coordination::export_activities_hxl(*ctx.app.db, activity_filter_of(r));
                    if (!csv) return problem_of(csv.error(), r.path);
                    Response out;
                    out.content_type = "text/csv; charset=utf-8";
                    out.body = std::move(*csv);
                    out.headers.emplace_back("Content-Disposition",
                                             "attachment; filename=\"3w-actividades.csv\"");
                    return out;
                }});
    router.add({"POST",
                "/api/v1/activities/import",
                "Import HXL-tagged CSV (text/csv): every row or none, each bad row and column named",
                k_activity_tag,
                {},
                {},
                "contribution.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    if (!is_csv(r.request->content_type))
                        return problem_of(
                            make_error(ErrorCode::unsupported_media, "the body must be text/csv"), r.path);
                    auto report = coordination::import_activities_hxl(*ctx.app.db, ctx.clock, ctx.actor,
                                                                      ctx.request_id, r.request->body);
                    if (!report) return fields_problem(report.error(), r.path);
                    if (report->problems.empty())
                        return json_response(coordination::hxl_import_json(*report));
                    std::vector<FieldError> errors;
                    for (const auto& p : report->problems) {
                        errors.push_back({fmt::format("/rows/{}/{}", p.row, p.column),
                                          fmt::format("fila / row {}, columna / column {}: {}", p.row,
                                                      p.column, p.message)});
                    }
                    Response out = invalid_fields(errors, r.path);
                    json body = json::parse(out.body);
                    body["imported"] = 0;
                    out.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
                    return out;
                }});
    router.add({"GET",
                "/api/v1/activities",
                "The activities (filter by sector, status, organisation, place)",
                k_activity_tag,
                {},
                filters(true),
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(coordination::list_activities(*ctx.app.db, activity_filter_of(r)), r.path,
                                   [](const std::vector<coordination::Activity>& list) {
                                       json out = json::array();
                                       for (const auto& a : list)
                                           out.push_back(coordination::activity_json(a));
                                       return json{{"activities", out}};
                                   });
                }});
    router.add({"POST",
                "/api/v1/activities",
                "Record an activity",
                k_activity_tag,
                {},
                {},
                "contribution.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto fields = coordination::activity_fields_from_json(*body);
                    if (!fields) return fields_problem(fields.error(), r.path);
                    auto a = coordination::create_activity(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                           *fields);
                    if (!a) return fields_problem(a.error(), r.path);
                    Response out = versioned(coordination::activity_json(*a), a->version, 201);
                    out.headers.emplace_back(
                        "Location", fmt::format("/api/v1/activities?organisation={}", a->organisation));
                    return out;
                },
                organisation_in_body});
    router.add({"PUT",
                "/api/v1/activities/{id}",
                "Edit an activity: every field; If-Match names its version",
                k_activity_tag,
                {{"id", ParamType::integer, "the activity's id", "1"}},
                {},
                "contribution.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto fields = coordination::activity_fields_from_json(*body);
                    if (!fields) return fields_problem(fields.error(), r.path);
                    auto current = coordination::get_activity(*ctx.app.db, std::stoll(r.args.at(0)));
                    if (!current) return problem_of(current.error(), r.path);
                    if (auto ok = check_if_match(r, version_etag(current->version)); !ok)
                        return problem_of(ok.error(), r.path);
                    auto a = coordination::update_activity(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                           current->id, current->version, *fields);
                    if (!a) return fields_problem(a.error(), r.path);
                    return versioned(coordination::activity_json(*a), a->version);
                },
                organisation_in_body});
}

}  // namespace metropoli::http

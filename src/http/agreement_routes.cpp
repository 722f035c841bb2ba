// SPDX-License-Identifier: MIT
// /api/v1/agreements: the public list (filters organisation, status, municipality, meeting, overdue), one
// agreement with its links (ETag "v<version>") and its timeline, the follow-up views (overdue, scorecard),
// the exports (CSV, JSON, XLSX), and the writes: create, edit with If-Match, progress with evidence (by the
// owner's editors), the all-or-nothing CSV imports; /api/v1/agreement-statuses and /api/v1/documents/{id}.
// Tag "Coordinar".
#include <fmt/format.h>

#include "coordination/agreement_io.hpp"
#include "coordination/agreements.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;
namespace co = coordination;

namespace {

constexpr const char* k_agreement_tag = "Coordinar";

int64_t id_arg(const RoutedRequest& r) {
    return std::stoll(r.args.at(0));
}

Response detail_response(co::Agreement const&, RequestContext& ctx, const RoutedRequest& r, int64_t id,
                         unsigned status = 200) {
    auto detail = co::agreement_detail_json(*ctx.app.db, ctx.actor, id);
    if (!detail) return problem_of(detail.error(), r.path);
    Response out = json_response(*detail);
    out.status = status;
    out.etag = version_etag((*detail)["version"].get<int64_t>());
    return out;
}

Result<co::AgreementFilter> agreement_filter_of(const RoutedRequest& r) {
    co::AgreementFilter f;
    if (auto v = param(r, "organisation"); !v.empty()) f.organisation = std::stoll(v);
    if (auto v = param(r, "status"); !v.empty()) f.status = v;
    if (auto v = param(r, "municipality"); !v.empty()) f.municipality = v;
    if (auto v = param(r, "meeting"); !v.empty()) f.meeting = std::stoll(v);
    if (auto v = param(r, "parent"); !v.empty()) f.parent = std::stoll(v);
    if (auto d = date_param(r, "overdue")) f.overdue_as_of = *d;
    if (auto v = param(r, "examples"); !v.empty()) {
        if (v != "true" && v != "false")
            return make_error(ErrorCode::invalid_argument, "examples: true or false");
        f.examples = v == "true";
    }
    return f;
}

std::vector<ParamSpec> filter_params() {
    return {{"organisation", ParamType::integer, "responsible or co-responsible organisation's id", "1"},
            {"status", ParamType::text, "a status key", "in_progress"},
            {"municipality", ParamType::text, "an INEGI municipality code among its jurisdictions", "05035"},
            {"meeting", ParamType::integer, "the meeting that decided it", "1"},
            {"parent", ParamType::integer, "the parent's id: its children", "1"},
            {"overdue", ParamType::date, "only those late on that day", "2020-06-05"},
            {"examples", ParamType::text, "false: leave out the demo's examples", "false"}};
}

Date as_of_param(const RoutedRequest& r, const RequestContext& ctx) {
    if (auto d = date_param(r, "as_of")) return *d;
    return *Date::parse_iso(ctx.now.substr(0, 10));
}

Response file_response(std::string body, const std::string& type, const std::string& name) {
    Response out;
    out.content_type = type;
    out.body = std::move(body);
    out.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"", name));
    return out;
}

Response import_response(const Result<co::ImportReport>& report, const std::string& path) {
    if (!report) return problem_of(report.error(), path);
    const json body = co::import_report_json(*report);
    if (report->ok()) {
        Response out = json_response(body);
        out.status = 201;
        return out;
    }
    // 400 naming each bad row: errors[] points at "/lines/<line>/<column>", and the report rides along.
    std::vector<FieldError> errors;
    for (const auto& p : report->problems)
        errors.push_back({fmt::format("/lines/{}/{}", p.line, p.column),
                          fmt::format("línea {} / line {}, {}: {}", p.line, p.line, p.column, p.why)});
    Response out = invalid_fields(errors, path, 400);
    json problem = json::parse(out.body);
    problem["report"] = body;
    out.body = problem.dump(-1, ' ', false, json::error_handler_t::replace);
    return out;
}

bool is_csv(const RoutedRequest& r) {
    const std::string& type = r.request->content_type;
    return type.rfind("text/csv", 0) == 0 || type.rfind("text/plain", 0) == 0;
}

void add_status_routes(Router& router) {
    router.add({"GET",
                "/api/v1/agreement-statuses",
                "The statuses an agreement may have, in their order",
                k_agreement_tag,
                {},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(co::list_statuses(*ctx.app.db), r.path,
                                   [](const std::vector<co::AgreementStatus>& list) {
                                       json out = json::array();
                                       for (const auto& s : list) out.push_back(co::status_json(s));
                                       return json{{"statuses", out}};
                                   });
                }});
    router.add({"POST",
                "/api/v1/agreement-statuses",
                "Add a status (key, names, typical progress)",
                k_agreement_tag,
                {},
                {},
                "agreement.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto s = co::status_from_json(*body, true);
                    if (!s) return fields_problem(s.error(), r.path, 400);
                    auto made = co::create_status(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, *s);
                    if (!made) return fields_problem(made.error(), r.path, 400);
                    Response out = json_response(co::status_json(*made));
                    out.status = 201;
                    out.etag = version_etag(made->version);
                    return out;
                }});
    router.add({"PUT",
                "/api/v1/agreement-statuses/{key}",
                "Edit a status; If-Match names the version read",
                k_agreement_tag,
                {{"key", ParamType::text, "the status key", "in_progress"}},
                {},
                "agreement.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto s = co::status_from_json(*body, false);
                    if (!s) return fields_problem(s.error(), r.path, 400);
                    auto all = co::list_statuses(*ctx.app.db);
                    if (!all) return problem_of(all.error(), r.path);
                    const co::AgreementStatus* current = nullptr;
                    for (const auto& x : *all)
                        if (x.key == r.args.at(0)) current = &x;
                    if (!current) return problem(404, "", "no such status", r.path);
                    if (auto ok = check_if_match(r, version_etag(current->version)); !ok)
                        return problem_of(ok.error(), r.path);
                    auto made = co::update_status(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                  r.args.at(0), current->version, *s);
                    if (!made) return fields_problem(made.error(), r.path, 400);
                    Response out = json_response(co::status_json(*made));
                    out.etag = version_etag(made->version);
                    return out;
                }});
    router.add({"DELETE",
                "/api/v1/agreement-statuses/{key}",
                "Remove a status no agreement uses (If-Match)",
                k_agreement_tag,
                {{"key", ParamType::text, "the status key", "in_progress"}},
                {},
                "agreement.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto all = co::list_statuses(*ctx.app.db);
                    if (!all) return problem_of(all.error(), r.path);
                    const co::AgreementStatus* current = nullptr;
                    for (const auto& x : *all)
                        if (x.key == r.args.at(0)) current = &x;
                    if (!current) return problem(404, "", "no such status", r.path);
                    if (auto ok = check_if_match(r, version_etag(current->version)); !ok)
                        return problem_of(ok.error(), r.path);
                    auto done = co::delete_status(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                  r.args.at(0), current->version);
                    if (!done) return problem_of(done.error(), r.path);
                    return no_content();
                }});
}

void add_follow_up_routes(Router& router) {
    router.add({"GET",
                "/api/v1/agreements/overdue",
                "What each organisation has due soon or late on a day",
                k_agreement_tag,
                {},
                {{"as_of", ParamType::date, "the day (default: today)", "2020-06-05"},
                 {"within", ParamType::integer, "days ahead that count as due (default 14)", "14"},
                 {"examples", ParamType::text, "false: leave out the demo's example agreements", "false"}},
                "agreement.read",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const Date as_of = as_of_param(r, ctx);
                    const int within = std::stoi(param(r, "within", "14"));
                    auto o =
                        co::overdue(*ctx.app.db, ctx.actor, as_of, within, param(r, "examples") != "false");
                    if (!o) return fields_problem(o.error(), r.path, 400);
                    return json_response(co::overdue_json(*o, as_of, within));
                }});
    router.add({"GET",
                "/api/v1/agreements/scorecard",
                "Per organisation: agreements owed, done, done on time, late, open on time",
                k_agreement_tag,
                {},
                {{"as_of", ParamType::date, "the day (default: today)", "2020-06-05"},
                 {"examples", ParamType::text, "false: leave out the demo's example agreements", "false"}},
                "agreement.read",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const Date as_of = as_of_param(r, ctx);
                    return respond(
                        co::scorecards(*ctx.app.db, ctx.actor, as_of, param(r, "examples") != "false"),
                        r.path,
                        [&](const std::vector<co::Scorecard>& s) { return co::scorecards_json(s, as_of); });
                }});
    const auto exporter = [](const char* format) {
        return [format = std::string(format)](const RoutedRequest& r, RequestContext& ctx) -> Response {
            auto f = agreement_filter_of(r);
            if (!f) return problem_of(f.error(), r.path);
            auto list = co::list_agreements(*ctx.app.db, ctx.actor, *f);
            if (!list) return problem_of(list.error(), r.path);
            if (format == "csv")
                return file_response(co::agreements_csv(*list), "text/csv; charset=utf-8", "acuerdos.csv");
            if (format == "json") return json_response(co::agreements_export_json(*list));
            auto xlsx = co::agreements_xlsx(*list);
            if (!xlsx) return problem_of(xlsx.error(), r.path);
            return file_response(std::move(*xlsx),
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                 "acuerdos.xlsx");
        };
    };
    router.add({"GET",
                "/api/v1/agreements/export.csv",
                "The agreements as CSV (the list's filters)",
                k_agreement_tag,
                {},
                filter_params(),
                "agreement.read",
                false,
                exporter("csv")});
    router.add({"GET",
                "/api/v1/agreements/export.json",
                "The agreements as JSON (the list's filters)",
                k_agreement_tag,
                {},
                filter_params(),
                "agreement.read",
                false,
                exporter("json")});
    router.add({"GET",
                "/api/v1/agreements/export.xlsx",
                "The agreements as an XLSX workbook (the list's filters)",
                k_agreement_tag,
                {},
                filter_params(),
                "agreement.read",
                false,
                exporter("xlsx")});
    router.add({"POST",
                "/api/v1/agreements/import",
                "Import agreements from CSV (text/csv): every row or none; 400 names each bad row and column",
                k_agreement_tag,
                {},
                {},
                "agreement.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    if (!is_csv(r)) return problem(415, "", "the body must be text/csv", r.path);
                    return import_response(co::import_agreements_csv(*ctx.app.db, ctx.clock, ctx.actor,
                                                                     ctx.request_id, r.request->body),
                                           r.path);
                }});
    // Any account may send a file; each row needs progress.report for its agreement's owner (a refused row is
    // a bad row of the report, and then nothing is written).
    router.add({"POST",
                "/api/v1/agreements/import-progress",
                "Import progress updates from CSV (text/csv): every row or none; each row needs the right to "
                "report on its agreement",
                k_agreement_tag,
                {},
                {},
                "account.self",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    if (!is_csv(r)) return problem(415, "", "the body must be text/csv", r.path);
                    return import_response(co::import_progress_csv(*ctx.app.db, ctx.clock, ctx.actor,
                                                                   ctx.request_id, r.request->body),
                                           r.path);
                }});
}

void add_agreement_crud_routes(Router& router) {
    router.add({"GET",
                "/api/v1/agreements",
                "The agreements with their progress (filter by organisation, "
                "status, municipality, meeting, parent, overdue)",
                k_agreement_tag,
                {},
                filter_params(),
                "agreement.read",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto f = agreement_filter_of(r);
                    if (!f) return problem_of(f.error(), r.path);
                    return respond(co::list_agreements(*ctx.app.db, ctx.actor, *f), r.path,
                                   [](const std::vector<co::Agreement>& list) {
                                       json out = json::array();
                                       for (const auto& a : list) out.push_back(co::agreement_json(a));
                                       return json{{"agreements", out}};
                                   });
                }});
    router.add({"POST",
                "/api/v1/agreements",
                "Record an agreement decided in a meeting",
                k_agreement_tag,
                {},
                {},
                "agreement.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto a = co::new_agreement_from_json(*body);
                    if (!a) return fields_problem(a.error(), r.path, 400);
                    auto made = co::create_agreement(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, *a);
                    if (!made) return fields_problem(made.error(), r.path, 400);
                    Response out = detail_response(*made, ctx, r, made->id, 201);
                    out.headers.emplace_back("Location", fmt::format("/api/v1/agreements/{}", made->id));
                    return out;
                }});
    const ParamSpec id{"id", ParamType::integer, "the agreement's id", "1"};
    router.add({"GET",
                "/api/v1/agreements/{id}",
                "One agreement with its links (meeting, approved minutes, the figures of that day, convenio "
                "clauses, progress updates, children); its ETag is its version",
                k_agreement_tag,
                {id},
                {},
                "agreement.read",
                // Read fresh: its ETag is what the next If-Match must name.
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto a = co::get_agreement(*ctx.app.db, ctx.actor, id_arg(r));
                    if (!a) return problem_of(a.error(), r.path);
                    return detail_response(*a, ctx, r, a->id);
                }});
    router.add({"GET",
                "/api/v1/agreements/{id}/timeline",
                "An agreement's progress updates and field history (the audit log), by time",
                k_agreement_tag,
                {id},
                {},
                "agreement.read",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(co::agreement_timeline(*ctx.app.db, ctx.actor, id_arg(r)), r.path,
                                   [](const std::vector<co::TimelineEntry>& t) {
                                       return json{{"timeline", co::timeline_json(t)}};
                                   });
                }});
    router.add({"PUT",
                "/api/v1/agreements/{id}",
                "Edit an agreement: the fields sent change; If-Match names the "
                "version read",
                k_agreement_tag,
                {id},
                {},
                "agreement.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto e = co::agreement_edit_from_json(*body);
                    if (!e) return fields_problem(e.error(), r.path, 400);
                    auto current = co::get_agreement(*ctx.app.db, ctx.actor, id_arg(r));
                    if (!current) return problem_of(current.error(), r.path);
                    if (auto ok = check_if_match(r, version_etag(current->version)); !ok)
                        return problem_of(ok.error(), r.path);
                    auto made = co::edit_agreement(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                   current->id, current->version, *e);
                    if (!made) return fields_problem(made.error(), r.path, 400);
                    return detail_response(*made, ctx, r, made->id);
                }});
    // Any account passes the gate; the library then asks progress.report for the agreement's responsible
    // organisation, which the gate cannot know from the path: another organisation's editor gets 403.
    router.add(
        {"POST",
         "/api/v1/agreements/{id}/progress",
         "Report progress (the owner's editors): reported_on, progress 0-100, status, text, and evidence "
         "as evidence_url or a document {name, media_type, content_base64}; If-Match names the "
         "agreement's version",
         k_agreement_tag,
         {id},
         {},
         "account.self",
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             const int64_t agreement = id_arg(r);
             if (auto may = co::may_report_progress(*ctx.app.db, ctx.actor, agreement); !may)
                 return problem_of(may.error(), r.path);
             auto current = co::get_agreement(*ctx.app.db, ctx.actor, agreement);
             if (!current) return problem_of(current.error(), r.path);
             if (auto ok = check_if_match(r, version_etag(current->version)); !ok)
                 return problem_of(ok.error(), r.path);
             auto body = json_body(r);
             if (!body) return problem_of(body.error(), r.path);
             auto p = co::progress_from_json(*body);
             if (!p) return fields_problem(p.error(), r.path, 400);
             auto made =
                 co::report_progress(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, agreement, *p);
             if (!made) return fields_problem(made.error(), r.path, 400);
             Response out = json_response(co::progress_json(*made));
             out.status = 201;
             return out;
         }});
    router.add({"GET",
                "/api/v1/documents/{id}",
                "An evidence document's bytes, with its SHA-256 as ETag and X-Content-SHA256",
                k_agreement_tag,
                {{"id", ParamType::integer, "the document's id", "1"}},
                {},
                "agreement.read",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto d = co::get_document(*ctx.app.db, id_arg(r));
                    if (!d) return problem_of(d.error(), r.path);
                    Response out = file_response(d->content, d->media_type, d->name);
                    out.etag = "\"" + d->sha256 + "\"";
                    out.headers.emplace_back("X-Content-SHA256", d->sha256);
                    return out;
                }});
}

}  // namespace

// The reads are open to anyone (agreement.read) but not "public" and not cached: agreements of a private
// body's meetings are shown to coordinators only, so the answer depends on who asks.
void add_agreement_routes(Router& router) {
    add_status_routes(router);
    // The literal paths under /agreements/ before /agreements/{id}: the first route of a path's shape wins.
    add_follow_up_routes(router);
    add_agreement_crud_routes(router);
}

}  // namespace metropoli::http

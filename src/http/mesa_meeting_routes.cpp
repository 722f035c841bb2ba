// SPDX-License-Identifier: MIT
// /api/v1/bodies/{id}/meetings and /api/v1/meetings: a body's meetings and calendar (.ics), one meeting with
// its agenda, invitations, attendance and quorum as the library computes them, its iCalendar, and the writes
// (meeting.edit): convene, edit, held or cancelled, agenda items, invitations, attendance. Every write of a
// meeting, its agenda and attendance included, names the meeting's version in If-Match (412 when stale, 428
// without) and answers the meeting as it now is, with its new ETag.
#include <variant>

#include "coordination/bodies.hpp"
#include "coordination/ics.hpp"
#include "coordination/meeting_detail.hpp"
#include "http/mesa_route_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using mesa::Fields;
using mesa::id_param;
using nlohmann::json;
namespace co = metropoli::coordination;

namespace {

constexpr const char* k_mesa_meeting_tag = "Coordinar";

Response detail_response(storage::Database& db, const access::Actor& who, int64_t meeting,
                         const std::string& path, unsigned status = 200) {
    auto d = co::meeting_detail(db, who, meeting);
    if (!d) return problem_of(d.error(), path);
    return versioned(co::meeting_detail_json(*d), d->meeting.version, status);
}

Response calendar(const std::vector<co::MeetingDetail>& meetings, const std::string& name,
                  const std::string& file) {
    Response out;
    out.content_type = "text/calendar; charset=utf-8";
    out.body = co::meetings_ics(meetings, name);
    out.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file));
    return out;
}

// The meeting's version checked against If-Match before a write: the version to pass on, or the answer.
std::variant<int64_t, Response> matched(const RoutedRequest& r, RequestContext& ctx, int64_t meeting) {
    auto current = co::get_meeting(*ctx.app.db, ctx.actor, meeting);
    if (!current) return problem_of(current.error(), r.path);
    if (auto ok = check_if_match(r, version_etag(current->version)); !ok)
        return problem_of(ok.error(), r.path);
    return current->version;
}

co::MeetingEdit meeting_edit(Fields& f) {
    co::MeetingEdit e;
    e.title = f.text("title");
    e.starts_at = f.text("starts_at");
    e.ends_at = f.text("ends_at");
    e.mode = f.text("mode");
    e.place = f.text("place");
    e.link = f.text("link");
    return e;
}

void add_meeting_reads(Router& router) {
    router.add({"GET",
                "/api/v1/bodies/{id}/meetings",
                "A body's meetings, by start",
                k_mesa_meeting_tag,
                {id_param("body")},
                {},
                "public",
                false,
                mesa::tagged([](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(co::body_meetings(*ctx.app.db, ctx.actor, std::stoll(r.args.at(0))),
                                   r.path, [](const auto& list) {
                                       json out = json::array();
                                       for (const auto& m : list) out.push_back(co::meeting_json(m));
                                       return json{{"meetings", out}};
                                   });
                })});
    router.add({"GET",
                "/api/v1/bodies/{id}/calendar.ics",
                "A body's meetings as an iCalendar (RFC 5545)",
                k_mesa_meeting_tag,
                {id_param("body")},
                {},
                "public",
                false,
                mesa::tagged([](const RoutedRequest& r, RequestContext& ctx) {
                    const int64_t id = std::stoll(r.args.at(0));
                    auto body = co::get_body(*ctx.app.db, ctx.actor, id);
                    if (!body) return problem_of(body.error(), r.path);
                    auto meetings = co::body_meetings(*ctx.app.db, ctx.actor, id);
                    if (!meetings) return problem_of(meetings.error(), r.path);
                    std::vector<co::MeetingDetail> details;
                    for (const auto& m : *meetings) {
                        auto d = co::meeting_detail(*ctx.app.db, ctx.actor, m.id);
                        if (!d) return problem_of(d.error(), r.path);
                        details.push_back(std::move(*d));
                    }
                    return calendar(details, body->name, fmt::format("organo-{}.ics", id));
                })});
    router.add({"GET",
                "/api/v1/meetings/{id}",
                "A meeting with its agenda, invitations, attendance and quorum; its ETag is its version",
                k_mesa_meeting_tag,
                {id_param("meeting")},
                {},
                "public",
                false,
                mesa::tagged([](const RoutedRequest& r, RequestContext& ctx) {
                    return detail_response(*ctx.app.db, ctx.actor, std::stoll(r.args.at(0)), r.path);
                })});
    router.add({"GET",
                "/api/v1/meetings/{id}/calendar.ics",
                "A meeting as an iCalendar (RFC 5545)",
                k_mesa_meeting_tag,
                {id_param("meeting")},
                {},
                "public",
                false,
                mesa::tagged([](const RoutedRequest& r, RequestContext& ctx) {
                    const int64_t id = std::stoll(r.args.at(0));
                    auto d = co::meeting_detail(*ctx.app.db, ctx.actor, id);
                    if (!d) return problem_of(d.error(), r.path);
                    return calendar({*d}, d->body_name, fmt::format("reunion-{}.ics", id));
                })});
}

void add_meeting_writes(Router& router) {
    router.add({"POST",
                "/api/v1/bodies/{id}/meetings",
                "Convene a meeting of a body (every seat is invited)",
                k_mesa_meeting_tag,
                {id_param("body")},
                {},
                "meeting.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    Fields f(*body);
                    const auto e = meeting_edit(f);
                    if (!f.ok()) return invalid_fields(f.errors(), r.path);
                    const co::MeetingFields fields{e.title.value_or(""),   e.starts_at.value_or(""),
                                                   e.ends_at.value_or(""), e.mode.value_or("in_person"),
                                                   e.place.value_or(""),   e.link.value_or("")};
                    auto m = co::convene_meeting(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                 std::stoll(r.args.at(0)), fields);
                    if (!m) return fields_problem(m.error(), r.path);
                    Response out = detail_response(*ctx.app.db, ctx.actor, m->id, r.path, 201);
                    out.headers.emplace_back("Location", fmt::format("/api/v1/meetings/{}", m->id));
                    return out;
                },
                scope_from_path("", "id")});
    router.add({"PUT",
                "/api/v1/meetings/{id}",
                "Edit a convened meeting: the fields sent change; If-Match",
                k_mesa_meeting_tag,
                {id_param("meeting")},
                {},
                "meeting.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const int64_t id = std::stoll(r.args.at(0));
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    Fields f(*body);
                    const auto e = meeting_edit(f);
                    if (!f.ok()) return invalid_fields(f.errors(), r.path);
                    auto version = matched(r, ctx, id);
                    if (auto* answer = std::get_if<Response>(&version)) return *answer;
                    auto m = co::update_meeting(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, id,
                                                std::get<int64_t>(version), e);
                    if (!m) return fields_problem(m.error(), r.path);
                    return detail_response(*ctx.app.db, ctx.actor, id, r.path);
                }});
    router.add({"PUT",
                "/api/v1/meetings/{id}/state",
                "Mark a convened meeting held or cancelled; If-Match",
                k_mesa_meeting_tag,
                {id_param("meeting")},
                {},
                "meeting.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const int64_t id = std::stoll(r.args.at(0));
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    Fields f(*body);
                    const auto state = f.text("state");
                    if (!state) f.require("state");
                    if (!f.ok()) return invalid_fields(f.errors(), r.path);
                    auto version = matched(r, ctx, id);
                    if (auto* answer = std::get_if<Response>(&version)) return *answer;
                    auto m = co::set_meeting_state(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, id,
                                                   std::get<int64_t>(version), *state);
                    if (!m) return fields_problem(m.error(), r.path);
                    return detail_response(*ctx.app.db, ctx.actor, id, r.path);
                }});
    router.add({"POST",
                "/api/v1/meetings/{id}/agenda",
                "Add an agenda item, or a sub-item with parent; If-Match names the meeting's version",
                k_mesa_meeting_tag,
                {id_param("meeting")},
                {},
                "meeting.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const int64_t id = std::stoll(r.args.at(0));
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    Fields f(*body);
                    co::NewAgendaItem item;
                    item.title = f.text("title").value_or("");
                    item.description = f.text("description").value_or("");
                    const auto minutes = f.small("duration_minutes");
                    if (!minutes) f.require("duration_minutes");
                    item.duration_minutes = minutes.value_or(0);
                    item.parent = f.integer("parent");
                    item.position = f.small("position");
                    if (!f.ok()) return invalid_fields(f.errors(), r.path);
                    auto version = matched(r, ctx, id);
                    if (auto* answer = std::get_if<Response>(&version)) return *answer;
                    auto made = co::add_agenda_item(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, id,
                                                    std::get<int64_t>(version), item);
                    if (!made) return fields_problem(made.error(), r.path);
                    return detail_response(*ctx.app.db, ctx.actor, id, r.path, 201);
                }});
    router.add({"PUT",
                "/api/v1/agenda-items/{id}",
                "Edit an agenda item (title, description, duration); If-Match names the meeting's version",
                k_mesa_meeting_tag,
                {id_param("agenda item")},
                {},
                "meeting.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const int64_t id = std::stoll(r.args.at(0));
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    Fields f(*body);
                    co::AgendaEdit e;
                    e.title = f.text("title");
                    e.description = f.text("description");
                    e.duration_minutes = f.small("duration_minutes");
                    if (!f.ok()) return invalid_fields(f.errors(), r.path);
                    auto meeting = co::agenda_item_meeting(*ctx.app.db, id);
                    if (!meeting) return problem_of(meeting.error(), r.path);
                    auto version = matched(r, ctx, *meeting);
                    if (auto* answer = std::get_if<Response>(&version)) return *answer;
                    auto done = co::update_agenda_item(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, id,
                                                       std::get<int64_t>(version), e);
                    if (!done) return fields_problem(done.error(), r.path);
                    return detail_response(*ctx.app.db, ctx.actor, *meeting, r.path);
                }});
    router.add({"DELETE",
                "/api/v1/agenda-items/{id}",
                "Remove an agenda item and its sub-items; If-Match names the meeting's version",
                k_mesa_meeting_tag,
                {id_param("agenda item")},
                {},
                "meeting.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const int64_t id = std::stoll(r.args.at(0));
                    auto meeting = co::agenda_item_meeting(*ctx.app.db, id);
                    if (!meeting) return problem_of(meeting.error(), r.path);
                    auto version = matched(r, ctx, *meeting);
                    if (auto* answer = std::get_if<Response>(&version)) return *answer;
                    auto done = co::remove_agenda_item(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, id,
                                                       std::get<int64_t>(version));
                    if (!done) return fields_problem(done.error(), r.path);
                    return detail_response(*ctx.app.db, ctx.actor, *meeting, r.path);
                }});
    router.add(
        {"POST",
         "/api/v1/meetings/{id}/invitations",
         "Invite seats (their ids) and guests ({name, organisation}); If-Match names the meeting's version",
         k_mesa_meeting_tag,
         {id_param("meeting")},
         {},
         "meeting.edit",
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             const int64_t id = std::stoll(r.args.at(0));
             auto body = json_body(r);
             if (!body) return problem_of(body.error(), r.path);
             std::vector<int64_t> seats;
             std::vector<co::Guest> guests;
             std::vector<FieldError> errors;
             if (body->contains("seats")) {
                 const auto& list = (*body)["seats"];
                 if (!list.is_array())
                     errors.push_back({"/seats", "/seats: una lista de ids / a list of ids"});
                 for (std::size_t k = 0; list.is_array() && k < list.size(); ++k) {
                     if (list[k].is_number_integer())
                         seats.push_back(list[k].get<int64_t>());
                     else
                         errors.push_back(
                             {fmt::format("/seats/{}", k),
                              fmt::format("/seats/{}: debe ser un entero / must be an integer", k)});
                 }
             }
             if (body->contains("guests")) {
                 const auto& list = (*body)["guests"];
                 if (!list.is_array()) errors.push_back({"/guests", "/guests: una lista / a list"});
                 for (std::size_t k = 0; list.is_array() && k < list.size(); ++k) {
                     const auto& g = list[k];
                     if (!g.is_object() || !g.contains("name") || !g["name"].is_string()) {
                         errors.push_back({fmt::format("/guests/{}/name", k),
                                           fmt::format("/guests/{}/name: es obligatorio / is required", k)});
                         continue;
                     }
                     co::Guest guest{g["name"].get<std::string>(), std::nullopt};
                     if (g.contains("organisation") && !g["organisation"].is_null()) {
                         if (g["organisation"].is_number_integer())
                             guest.organisation = g["organisation"].get<int64_t>();
                         else
                             errors.push_back({fmt::format("/guests/{}/organisation", k),
                                               fmt::format("/guests/{}/organisation: debe ser un entero / "
                                                           "must be an integer",
                                                           k)});
                     }
                     guests.push_back(guest);
                 }
             }
             if (!errors.empty()) return invalid_fields(errors, r.path);
             auto version = matched(r, ctx, id);
             if (auto* answer = std::get_if<Response>(&version)) return *answer;
             auto made = co::invite(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, id,
                                    std::get<int64_t>(version), seats, guests);
             if (!made) return fields_problem(made.error(), r.path);
             return detail_response(*ctx.app.db, ctx.actor, id, r.path, 201);
         }});
    router.add(
        {"PUT",
         "/api/v1/meetings/{id}/attendance",
         "Record attendance: {\"attendance\": [{\"seat\": 1, \"status\": \"present\"}, ...]}; If-Match "
         "names the meeting's version",
         k_mesa_meeting_tag,
         {id_param("meeting")},
         {},
         "meeting.edit",
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             const int64_t id = std::stoll(r.args.at(0));
             auto body = json_body(r);
             if (!body) return problem_of(body.error(), r.path);
             std::vector<co::AttendanceMark> marks;
             std::vector<FieldError> errors;
             const auto list = body->value("attendance", json());
             if (!list.is_array())
                 errors.push_back({"/attendance",
                                   "/attendance: una lista de {seat, status} / a list of "
                                   "{seat, status}"});
             for (std::size_t k = 0; list.is_array() && k < list.size(); ++k) {
                 const auto& a = list[k];
                 if (!a.is_object() || !a.contains("seat") || !a["seat"].is_number_integer()) {
                     errors.push_back(
                         {fmt::format("/attendance/{}/seat", k),
                          fmt::format("/attendance/{}/seat: un id de asiento / a seat's id", k)});
                     continue;
                 }
                 if (!a.contains("status") || !a["status"].is_string()) {
                     errors.push_back(
                         {fmt::format("/attendance/{}/status", k),
                          fmt::format("/attendance/{}/status: es obligatorio / is required", k)});
                     continue;
                 }
                 marks.push_back({a["seat"].get<int64_t>(), a["status"].get<std::string>()});
             }
             if (!errors.empty()) return invalid_fields(errors, r.path);
             auto version = matched(r, ctx, id);
             if (auto* answer = std::get_if<Response>(&version)) return *answer;
             auto done = co::record_attendance(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, id,
                                               std::get<int64_t>(version), marks);
             if (!done) return fields_problem(done.error(), r.path);
             return detail_response(*ctx.app.db, ctx.actor, id, r.path);
         }});
}

}  // namespace

void add_mesa_meeting_routes(Router& router) {
    add_meeting_reads(router);
    add_meeting_writes(router);
}

}  // namespace metropoli::http

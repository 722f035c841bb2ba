// SPDX-License-Identifier: MIT
// /api/v1/bodies and /api/v1/seats: the Mesa de Salud and other bodies, their seats with who holds each on a
// day, a seat's history, and the writes (body.edit): create and edit a body (If-Match), add and edit a seat
// (If-Match), designate who holds a seat. Reads are public unless the body is private, so they are never
// cached: the answer depends on who asks.
#include "coordination/body_edits.hpp"
#include "http/mesa_route_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using mesa::Fields;
using mesa::id_param;
using nlohmann::json;
namespace co = metropoli::coordination;

namespace {

constexpr const char* k_mesa_tag = "Coordinar";

Date today_of(const RequestContext& ctx) {
    return *Date::parse_iso(ctx.now.substr(0, 10));
}

// The fields of a new body or of a body's edit.
co::BodyEdit body_edit(Fields& f) {
    co::BodyEdit e;
    e.name = f.text("name");
    e.short_name = f.text("short_name");
    e.kind = f.text("kind");
    e.visibility = f.text("visibility");
    e.minutes_approval = f.text("minutes_approval");
    e.quorum = f.text("quorum");
    e.majority = f.text("majority");
    e.description = f.text("description");
    return e;
}

co::SeatEdit seat_edit(Fields& f) {
    co::SeatEdit e;
    e.name = f.text("name");
    e.representation = f.text("representation");
    e.position = f.text("position");
    e.organisation = f.integer("organisation");
    e.voting = f.boolean("voting");
    e.active = f.boolean("active");
    e.ordinal = f.small("ordinal");
    return e;
}

json seats_json(const std::vector<co::Seat>& seats, Date on) {
    json out = json::array();
    for (const auto& s : seats) out.push_back(co::seat_json(s));
    return {{"on", on.iso()}, {"seats", out}};
}

void add_body_reads(Router& router) {
    router.add({"GET",
                "/api/v1/bodies",
                "The bodies (the Mesa de Salud, its sub-committees)",
                k_mesa_tag,
                {},
                {},
                "public",
                false,
                mesa::tagged([](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(co::list_bodies(*ctx.app.db, ctx.actor), r.path, [](const auto& list) {
                        json out = json::array();
                        for (const auto& b : list) out.push_back(co::body_json(b));
                        return json{{"bodies", out}};
                    });
                })});
    router.add({"GET",
                "/api/v1/bodies/{id}",
                "One body; its ETag is its version",
                k_mesa_tag,
                {id_param("body")},
                {},
                "public",
                false,
                mesa::tagged([](const RoutedRequest& r, RequestContext& ctx) {
                    auto b = co::get_body(*ctx.app.db, ctx.actor, std::stoll(r.args.at(0)));
                    if (!b) return problem_of(b.error(), r.path);
                    return versioned(co::body_json(*b), b->version);
                })});
    router.add({"GET",
                "/api/v1/bodies/{id}/seats",
                "A body's seats, each with who held it on a day",
                k_mesa_tag,
                {id_param("body")},
                {{"on", ParamType::date, "the day (default today)", "2020-05-04"}},
                "public",
                false,
                mesa::tagged([](const RoutedRequest& r, RequestContext& ctx) {
                    const Date on = date_param(r, "on").value_or(today_of(ctx));
                    return respond(co::body_seats(*ctx.app.db, ctx.actor, std::stoll(r.args.at(0)), on),
                                   r.path, [on](const auto& seats) { return seats_json(seats, on); });
                })});
    router.add({"GET",
                "/api/v1/seats/{id}",
                "One seat with who holds it today; its ETag is its version",
                k_mesa_tag,
                {id_param("seat")},
                {},
                "public",
                false,
                mesa::tagged([](const RoutedRequest& r, RequestContext& ctx) {
                    auto s = co::get_seat(*ctx.app.db, ctx.actor, std::stoll(r.args.at(0)), today_of(ctx));
                    if (!s) return problem_of(s.error(), r.path);
                    return versioned(co::seat_json(*s), s->version);
                })});
    router.add({"GET",
                "/api/v1/seats/{id}/history",
                "Who held a seat when, oldest first",
                k_mesa_tag,
                {id_param("seat")},
                {},
                "public",
                false,
                mesa::tagged([](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(co::seat_history(*ctx.app.db, ctx.actor, std::stoll(r.args.at(0))), r.path,
                                   [](const auto& terms) {
                                       json out = json::array();
                                       for (const auto& t : terms) out.push_back(co::seat_term_json(t));
                                       return json{{"terms", out}};
                                   });
                })});
}

void add_body_writes(Router& router) {
    router.add({"POST",
                "/api/v1/bodies",
                "Create a body",
                k_mesa_tag,
                {},
                {},
                "body.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    Fields f(*body);
                    const auto e = body_edit(f);
                    const auto parent = f.integer("parent");
                    const auto installed = f.text("installed_on");
                    std::optional<Date> installed_on;
                    if (installed && !(installed_on = Date::parse_iso(*installed)))
                        f.wrong("installed_on", "una fecha AAAA-MM-DD / a YYYY-MM-DD date");
                    if (!f.ok()) return invalid_fields(f.errors(), r.path);
                    co::NewBody n;
                    n.name = e.name.value_or("");
                    n.short_name = e.short_name.value_or("");
                    n.kind = e.kind.value_or(n.kind);
                    n.visibility = e.visibility.value_or(n.visibility);
                    n.minutes_approval = e.minutes_approval.value_or(n.minutes_approval);
                    n.quorum = e.quorum.value_or(n.quorum);
                    n.majority = e.majority.value_or(n.majority);
                    n.description = e.description.value_or("");
                    n.parent = parent;
                    n.installed_on = installed_on;
                    n.region_id = ctx.app.region.id;
                    auto made = co::create_body(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, n);
                    if (!made) return fields_problem(made.error(), r.path);
                    Response out = versioned(co::body_json(*made), made->version, 201);
                    out.headers.emplace_back("Location", fmt::format("/api/v1/bodies/{}", made->id));
                    return out;
                }});
    router.add({"PUT",
                "/api/v1/bodies/{id}",
                "Edit a body's settings: the fields sent change; If-Match",
                k_mesa_tag,
                {id_param("body")},
                {},
                "body.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const int64_t id = std::stoll(r.args.at(0));
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    Fields f(*body);
                    const auto e = body_edit(f);
                    if (!f.ok()) return invalid_fields(f.errors(), r.path);
                    auto current = co::get_body(*ctx.app.db, ctx.actor, id);
                    if (!current) return problem_of(current.error(), r.path);
                    if (auto ok = check_if_match(r, version_etag(current->version)); !ok)
                        return problem_of(ok.error(), r.path);
                    auto b = co::update_body(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, id,
                                             current->version, e);
                    if (!b) return fields_problem(b.error(), r.path);
                    return versioned(co::body_json(*b), b->version);
                },
                scope_from_path("", "id")});
    router.add({"POST",
                "/api/v1/bodies/{id}/seats",
                "Add a seat to a body",
                k_mesa_tag,
                {id_param("body")},
                {},
                "body.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    Fields f(*body);
                    const auto e = seat_edit(f);
                    f.require("organisation");
                    if (!f.ok()) return invalid_fields(f.errors(), r.path);
                    co::NewSeat n;
                    n.name = e.name.value_or("");
                    n.representation = e.representation.value_or("");
                    n.organisation = e.organisation.value_or(0);
                    n.position = e.position.value_or(n.position);
                    n.voting = e.voting.value_or(true);
                    n.ordinal = e.ordinal;
                    auto made = co::add_seat(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                             std::stoll(r.args.at(0)), n);
                    if (!made) return fields_problem(made.error(), r.path);
                    Response out = versioned(co::seat_json(*made), made->version, 201);
                    out.headers.emplace_back("Location", fmt::format("/api/v1/seats/{}", made->id));
                    return out;
                },
                scope_from_path("", "id")});
    router.add({"PUT",
                "/api/v1/seats/{id}",
                "Edit a seat: the fields sent change; If-Match",
                k_mesa_tag,
                {id_param("seat")},
                {},
                "body.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const int64_t id = std::stoll(r.args.at(0));
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    Fields f(*body);
                    const auto e = seat_edit(f);
                    if (!f.ok()) return invalid_fields(f.errors(), r.path);
                    auto current = co::get_seat(*ctx.app.db, ctx.actor, id, today_of(ctx));
                    if (!current) return problem_of(current.error(), r.path);
                    if (auto ok = check_if_match(r, version_etag(current->version)); !ok)
                        return problem_of(ok.error(), r.path);
                    auto s = co::update_seat(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, id,
                                             current->version, e);
                    if (!s) return fields_problem(s.error(), r.path);
                    return versioned(co::seat_json(*s), s->version);
                }});
    router.add({"POST",
                "/api/v1/seats/{id}/designations",
                "Designate who holds a seat from a day (the term in force ends the day before)",
                k_mesa_tag,
                {id_param("seat")},
                {},
                "body.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    Fields f(*body);
                    const auto person = f.text("person");
                    const auto alternate = f.text("alternate");
                    const auto from = f.text("designated_on");
                    const auto note = f.text("note");
                    std::optional<Date> day;
                    if (!from)
                        f.require("designated_on");
                    else if (!(day = Date::parse_iso(*from)))
                        f.wrong("designated_on", "una fecha AAAA-MM-DD / a YYYY-MM-DD date");
                    if (!f.ok()) return invalid_fields(f.errors(), r.path);
                    co::Designation d{person.value_or(""), alternate.value_or(""), *day, note.value_or("")};
                    d.person_id = f.integer("person_id");
                    d.alternate_id = f.integer("alternate_id");
                    if (!f.ok()) return invalid_fields(f.errors(), r.path);
                    auto t = co::designate(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                           std::stoll(r.args.at(0)), d);
                    if (!t) return fields_problem(t.error(), r.path);
                    Response out = json_response(co::seat_term_json(*t));
                    out.status = 201;
                    return out;
                }});
}

}  // namespace

void add_mesa_routes(Router& router) {
    add_body_reads(router);
    add_body_writes(router);
    add_mesa_meeting_routes(router);
}

}  // namespace metropoli::http

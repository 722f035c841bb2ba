// SPDX-License-Identifier: MIT
// /api/v1/decisions: harmonised decisions voted by the Mesa. Reads open to anyone (a private body's decisions
// only to its members, so never cached): the list, one decision with its votes by seat, tally and the
// agreements it created, and its compliance day by day. Writes: propose and close (decision.edit, close with
// If-Match); a vote passes the gate for any account and the library then asks decision.vote for the
// decision's body, which the gate cannot read from the path.
#include <fmt/format.h>

#include "app/decision_compliance_service.hpp"
#include "coordination/agreements.hpp"
#include "homologation/decision_compliance.hpp"
#include "homologation/decisions.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr const char* k_decision_tag = "Homologar";
const ParamSpec k_decision_id{"id", ParamType::integer, "the decision's id", "1"};

// A record id from the router's canonical spelling of a whole number ("12", "1e+23"): from 1 to 2^53 - 1, or
// nothing (400 naming the parameter), never a number read halfway.
std::optional<int64_t> record_id(const std::string& canonical) {
    double v = 0;
    try {
        v = std::stod(canonical);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (!(v >= 1 && v <= 9007199254740991.0)) return std::nullopt;
    return static_cast<int64_t>(v);
}

Response bad_id(const std::string& name, const RoutedRequest& r) {
    return invalid_fields(
        {{"/" + name, fmt::format("/{}: un id de 1 a 2^53-1 / an id from 1 to 2^53-1", name)}}, r.path, 400);
}

// The path's decision, read by the caller: 400 for an id out of range, 404 when missing or not visible.
Result<homologation::Decision> path_decision(const RoutedRequest& r, RequestContext& ctx) {
    const auto id = record_id(r.args.at(0));
    if (!id)
        return make_error(ErrorCode::invalid_argument, "/id: un id de 1 a 2^53-1 / an id from 1 to 2^53-1");
    return homologation::get_decision(*ctx.app.db, ctx.actor, *id);
}

Response decision_problem(const Error& e, const RoutedRequest& r) {
    if (e.code == ErrorCode::invalid_argument && e.message.rfind("/id:", 0) == 0) return bad_id("id", r);
    return problem_of(e, r.path);
}

// The decision with its votes by seat, its tally and the agreements it created (reference, title, owner,
// status, progress), as the page shows them.
json detail_json(storage::Database& db, const access::Actor& who, const homologation::Decision& d) {
    json out = homologation::decision_json(d);
    json votes = json::array(), agreements = json::array();
    if (auto v = homologation::decision_votes(db, who, d.id))
        for (const auto& x : *v) votes.push_back(coordination::vote_json(x));
    out["votes"] = votes;
    if (auto t = homologation::decision_tally(db, who, d.id)) out["tally"] = coordination::tally_json(*t);
    for (const int64_t a : d.agreements) {
        auto found = coordination::get_agreement(db, who, a);
        if (!found) continue;
        agreements.push_back({{"id", found->id},
                              {"reference", found->reference},
                              {"title", found->title},
                              {"responsible", found->responsible.id},
                              {"responsible_name", found->responsible.name},
                              {"jurisdictions", found->jurisdictions},
                              {"status", found->status.key},
                              {"progress", found->progress},
                              {"due_date", found->due_date ? json(found->due_date->iso()) : json(nullptr)}});
    }
    out["agreement_details"] = agreements;
    return out;
}

Response detail_response(RequestContext& ctx, const homologation::Decision& d, unsigned status = 200) {
    return versioned(detail_json(*ctx.app.db, ctx.actor, d), d.version, status);
}

void add_decision_reads(Router& router) {
    router.add({"GET",
                "/api/v1/decisions",
                "Harmonised decisions, newest meeting first (filter by meeting or body)",
                k_decision_tag,
                {},
                {{"meeting", ParamType::integer, "only this meeting's", "1"},
                 {"body", ParamType::integer, "only this body's", "1"}},
                "decision.read",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    homologation::DecisionFilter filter;
                    for (const char* key : {"meeting", "body"}) {
                        const auto v = param(r, key);
                        if (v.empty()) continue;
                        const auto id = record_id(v);
                        if (!id) return bad_id(key, r);
                        (std::string(key) == "meeting" ? filter.meeting : filter.body) = *id;
                    }
                    return respond(homologation::list_decisions(*ctx.app.db, ctx.actor, filter), r.path,
                                   [](const std::vector<homologation::Decision>& list) {
                                       json out = json::array();
                                       for (const auto& d : list)
                                           out.push_back(homologation::decision_json(d));
                                       return json{{"decisions", out}};
                                   });
                }});
    router.add({"GET",
                "/api/v1/decisions/{id}",
                "One harmonised decision: the measure, its municipalities and owners, the votes by seat, the "
                "tally and the agreements it created; its ETag is the If-Match of the close",
                k_decision_tag,
                {k_decision_id},
                {},
                "decision.read",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto d = path_decision(r, ctx);
                    if (!d) return decision_problem(d.error(), r);
                    return detail_response(ctx, *d);
                }});
    router.add(
        {"GET",
         "/api/v1/decisions/{id}/compliance",
         "Each municipality's compliance with the decision day by day (complies, stricter, laxer, not_yet) "
         "and "
         "the lag from the agreed date",
         k_decision_tag,
         {k_decision_id},
         {{"from", ParamType::date, "the first day (default: 7 days before the agreed date)", "2020-11-09"},
          {"to", ParamType::date, "the last day (default: 30 days after the agreed date; at most 400 days)",
           "2020-11-30"}},
         "decision.read",
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             auto d = path_decision(r, ctx);
             if (!d) return decision_problem(d.error(), r);
             const Date from = date_param(r, "from").value_or(d->applies_from - 7);
             const Date to = date_param(r, "to").value_or(d->applies_from + 30);
             auto c = app::decision_compliance_for(*ctx.app.db, ctx.app.region, ctx.actor, d->id, from, to);
             if (!c) {
                 if (c.error().code == ErrorCode::invalid_argument && !c.error().message.empty() &&
                     c.error().message.front() == '/')
                     return invalid_fields({{"/to", c.error().message}}, r.path, 400);
                 return problem_of(c.error(), r.path);
             }
             return json_response(homologation::decision_compliance_json(*c));
         }});
}

void add_decision_writes(Router& router) {
    router.add({"POST",
                "/api/v1/decisions",
                "Propose a harmonised decision in a meeting: meeting, title, text, measure_kind (observation "
                "or activity_rule), measure, applies_from, jurisdictions [{code, owner}]",
                k_decision_tag,
                {},
                {},
                "decision.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    auto n = homologation::new_decision_from_json(*body);
                    if (!n) return fields_problem(n.error(), r.path);
                    auto d =
                        homologation::propose_decision(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, *n);
                    if (!d) return fields_problem(d.error(), r.path);
                    Response out = detail_response(ctx, *d, 201);
                    out.headers.emplace_back("Location", fmt::format("/api/v1/decisions/{}", d->id));
                    return out;
                }});
    router.add(
        {"POST",
         "/api/v1/decisions/{id}/votes",
         "Cast the vote of the seat one attended the meeting for (the alternate when the holder was "
         "absent): choice for, against or abstain",
         k_decision_tag,
         {k_decision_id},
         {},
         "account.self",
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             auto d = path_decision(r, ctx);
             if (!d) return decision_problem(d.error(), r);
             auto body = json_body(r);
             if (!body) return problem_of(body.error(), r.path);
             if (!body->contains("choice") || !(*body)["choice"].is_string())
                 return invalid_fields({{"/choice",
                                         "/choice: for, against o abstain / for, against or "
                                         "abstain"}},
                                       r.path);
             std::optional<int64_t> seat;
             if (body->contains("seat") && !(*body)["seat"].is_null()) {
                 if (!(*body)["seat"].is_number_integer())
                     return invalid_fields({{"/seat", "/seat: el id de un asiento / a seat's id"}}, r.path);
                 seat = (*body)["seat"].get<int64_t>();
             }
             auto t = homologation::vote_on_decision(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, d->id,
                                                     seat, (*body)["choice"].get<std::string>());
             if (!t) return fields_problem(t.error(), r.path);
             auto after = homologation::get_decision(*ctx.app.db, ctx.actor, d->id);
             if (!after) return problem_of(after.error(), r.path);
             return detail_response(ctx, *after, 201);
         }});
    router.add(
        {"POST",
         "/api/v1/decisions/{id}/close",
         "Close the vote: the result (carried, rejected, no_quorum) is recorded with the meeting and a "
         "carried decision creates one agreement per owner; If-Match names the decision's version",
         k_decision_tag,
         {k_decision_id},
         {},
         "decision.edit",
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             auto d = path_decision(r, ctx);
             if (!d) return decision_problem(d.error(), r);
             if (auto ok = check_if_match(r, version_etag(d->version)); !ok)
                 return problem_of(ok.error(), r.path);
             auto closed = homologation::close_decision(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                        d->id, d->version);
             if (!closed) return problem_of(closed.error(), r.path);
             return detail_response(ctx, *closed);
         }});
}

}  // namespace

void add_decision_routes(Router& router) {
    add_decision_reads(router);
    add_decision_writes(router);
}

}  // namespace metropoli::http

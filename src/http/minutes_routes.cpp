// SPDX-License-Identifier: MIT
// Minutes (actas). Public: the approved and published minutes (/api/v1/minutes, one of them with its
// amendments, votes and the check of its hash, and a meeting's minutes). Working, under the body they belong
// to so that the gate checks the body's grants (a member amends and votes in her body only): one minutes as
// draft with its amendments, votes and tally; draft, edit (If-Match), amend, accept or reject an amendment
// (If-Match), vote, approve (If-Match), correct. Any write on approved minutes is 409.
#include <fmt/format.h>

#include "coordination/bodies.hpp"
#include "coordination/minutes.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr const char* k_minutes_tag = "Coordinar";

Response minutes_response(const coordination::Minutes& m, unsigned status = 200) {
    return versioned(coordination::minutes_json(m), m.version, status);
}

int64_t arg(const RoutedRequest& r, std::size_t i) {
    return std::stoll(r.args.at(i));
}

// The minutes of the path, read by `who`, provided they belong to the path's body.
Result<coordination::Minutes> body_minutes(const RoutedRequest& r, RequestContext& ctx) {
    auto m = coordination::get_minutes(*ctx.app.db, ctx.actor, arg(r, 1));
    if (m && m->body != arg(r, 0))
        return make_error(ErrorCode::not_found,
                          fmt::format("el órgano {} no tiene el acta {} / body {} has no "
                                      "minutes {}",
                                      arg(r, 0), arg(r, 1), arg(r, 0), arg(r, 1)));
    return m;
}

// The version If-Match names: precondition_required without it, precondition_failed when it is no "vN".
Result<int64_t> if_match_version(const RoutedRequest& r, int64_t current) {
    const std::string& sent = r.request->if_match;
    if (sent.empty()) {
        return make_error(ErrorCode::precondition_required,
                          fmt::format("If-Match is required: send the ETag of the version you read ({})",
                                      version_etag(current)));
    }
    if (sent == "*") return current;
    if (sent.size() > 3 && sent.front() == '"' && sent.back() == '"' && sent[1] == 'v') {
        try {
            return std::stoll(sent.substr(2, sent.size() - 3));
        } catch (const std::exception&) {
        }
    }
    return make_error(
        ErrorCode::precondition_failed,
        fmt::format("the resource changed since it was read: its ETag is now {}", version_etag(current)));
}

// A versioned write on the path's minutes: 404 when not the body's, 409 when approved (whatever If-Match
// says), 428 without If-Match, then `write(expected_version)`.
template <class W>
Response versioned_write(const RoutedRequest& r, RequestContext& ctx, W&& write) {
    auto m = body_minutes(r, ctx);
    if (!m) return problem_of(m.error(), r.path);
    if (m->state == "approved") {
        return problem_of(make_error(ErrorCode::conflict,
                                     "el acta aprobada es inmutable; registre una corrección / approved "
                                     "minutes are immutable; file a correction"),
                          r.path);
    }
    auto expected = if_match_version(r, m->version);
    if (!expected) return problem_of(expected.error(), r.path);
    return write(*expected);
}

std::string minutes_text(const json& body, const char* key, std::vector<FieldError>& errors) {
    if (!body.contains(key) || body[key].is_null()) return {};
    if (!body[key].is_string()) {
        errors.push_back({fmt::format("/{}", key), fmt::format("/{}: se espera texto / expected text", key)});
        return {};
    }
    return body[key].get<std::string>();
}

json working_view(storage::Database& db, const access::Actor& who, const coordination::Minutes& m) {
    json out = coordination::minutes_json(m);
    json amendments = json::array(), votes = json::array();
    if (auto a = coordination::minutes_amendments(db, who, m.id))
        for (const auto& x : *a) amendments.push_back(coordination::amendment_json(x));
    if (auto v = coordination::minutes_votes(db, who, m.id))
        for (const auto& x : *v) votes.push_back(coordination::vote_json(x));
    out["amendments"] = amendments;
    out["votes"] = votes;
    if (auto t = coordination::minutes_tally(db, who, m.id)) out["tally"] = coordination::tally_json(*t);
    auto body = coordination::get_body(db, who, m.body);
    out["approval"] = body ? json(body->minutes_approval) : json(nullptr);
    return out;
}

const ParamSpec k_minutes_id{"id", ParamType::integer, "the minutes' id", "1"};
const ParamSpec k_body{"body", ParamType::integer, "the body's id", "1"};

}  // namespace

void add_minutes_routes(Router& router) {
    router.add(
        {"GET",
         "/api/v1/minutes",
         "Approved and published minutes, newest meeting first",
         k_minutes_tag,
         {},
         {{"published", ParamType::text, "true (the only list offered here)", "true"},
          {"body", ParamType::integer, "only this body's", "1"}},
         "public",
         true,
         [](const RoutedRequest& r, RequestContext& ctx) {
             const auto published = param(r, "published");
             if (!published.empty() && published != "true")
                 return invalid_fields({{"/published", "/published: sólo true / only true"}}, r.path, 400);
             coordination::MinutesFilter filter;
             if (const auto body = param(r, "body"); !body.empty()) filter.body = std::stoll(body);
             return respond(coordination::list_minutes(*ctx.app.db, ctx.actor, filter), r.path,
                            [](const std::vector<coordination::Minutes>& list) {
                                json out = json::array();
                                for (const auto& m : list) out.push_back(coordination::minutes_json(m));
                                return json{{"minutes", out}};
                            });
         }});
    router.add({"GET",
                "/api/v1/minutes/{id}",
                "Approved, published minutes: text, SHA-256, signatories",
                k_minutes_tag,
                {k_minutes_id},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto m = coordination::get_minutes(*ctx.app.db, ctx.actor, arg(r, 0));
                    if (!m) return problem_of(m.error(), r.path);
                    return minutes_response(*m);
                }});
    router.add({"GET",
                "/api/v1/minutes/{id}/amendments",
                "The amendments of published minutes",
                k_minutes_tag,
                {k_minutes_id},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(coordination::minutes_amendments(*ctx.app.db, ctx.actor, arg(r, 0)),
                                   r.path, [](const std::vector<coordination::Amendment>& list) {
                                       json out = json::array();
                                       for (const auto& a : list)
                                           out.push_back(coordination::amendment_json(a));
                                       return json{{"amendments", out}};
                                   });
                }});
    router.add({"GET",
                "/api/v1/minutes/{id}/votes",
                "The votes on published minutes and their tally",
                k_minutes_tag,
                {k_minutes_id},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto votes = coordination::minutes_votes(*ctx.app.db, ctx.actor, arg(r, 0));
                    if (!votes) return problem_of(votes.error(), r.path);
                    auto tally = coordination::minutes_tally(*ctx.app.db, ctx.actor, arg(r, 0));
                    if (!tally) return problem_of(tally.error(), r.path);
                    json out = json::array();
                    for (const auto& v : *votes) out.push_back(coordination::vote_json(v));
                    return json_response({{"votes", out}, {"tally", coordination::tally_json(*tally)}});
                }});
    router.add({"GET",
                "/api/v1/minutes/{id}/verify",
                "The SHA-256 of approved minutes' canonical text, recomputed and compared",
                k_minutes_tag,
                {k_minutes_id},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(coordination::verify_minutes(*ctx.app.db, ctx.actor, arg(r, 0)), r.path,
                                   [](const coordination::Verification& v) {
                                       return json{{"minutes", v.minutes},
                                                   {"stored", v.stored},
                                                   {"computed", v.computed},
                                                   {"intact", v.intact()}};
                                   });
                }});
    router.add({"GET",
                "/api/v1/meetings/{id}/minutes",
                "A meeting's approved, published minutes",
                k_minutes_tag,
                {{"id", ParamType::integer, "the meeting's id", "1"}},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto m = coordination::meeting_minutes(*ctx.app.db, ctx.actor, arg(r, 0));
                    if (!m) return problem_of(m.error(), r.path);
                    return minutes_response(*m);
                }});

    // The working routes: the body in the path is the scope the gate checks grants against.
    router.add({"GET",
                "/api/v1/bodies/{body}/minutes",
                "A body's minutes, drafts included, for its members and coordinators",
                k_minutes_tag,
                {k_body},
                {},
                "minutes.read",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    coordination::MinutesFilter filter;
                    filter.published_only = false;
                    filter.body = arg(r, 0);
                    return respond(coordination::list_minutes(*ctx.app.db, ctx.actor, filter), r.path,
                                   [](const std::vector<coordination::Minutes>& list) {
                                       json out = json::array();
                                       for (const auto& m : list)
                                           out.push_back(coordination::minutes_json(m));
                                       return json{{"minutes", out}};
                                   });
                },
                scope_from_path("", "body")});
    router.add(
        {"GET",
         "/api/v1/bodies/{body}/minutes/{id}",
         "Minutes as their body sees them: draft or approved, amendments, votes, tally; ETag its version",
         k_minutes_tag,
         {k_body, k_minutes_id},
         {},
         "minutes.read",
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             auto m = body_minutes(r, ctx);
             if (!m) return problem_of(m.error(), r.path);
             Response out = json_response(working_view(*ctx.app.db, ctx.actor, *m));
             out.etag = version_etag(m->version);
             return out;
         },
         scope_from_path("", "body")});
    router.add({"POST",
                "/api/v1/bodies/{body}/meetings/{meeting}/minutes",
                "Draft the minutes of a meeting of the body (Markdown text)",
                k_minutes_tag,
                {k_body, {"meeting", ParamType::integer, "the meeting's id", "1"}},
                {},
                "minutes.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    std::vector<FieldError> errors;
                    const std::string text = minutes_text(*body, "text", errors);
                    if (!errors.empty()) return invalid_fields(errors, r.path, 400);
                    auto m = coordination::draft_minutes(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                         arg(r, 1), text, arg(r, 0));
                    if (!m) return fields_problem(m.error(), r.path, 400);
                    Response out = minutes_response(*m, 201);
                    out.headers.emplace_back("Location",
                                             fmt::format("/api/v1/bodies/{}/minutes/{}", m->body, m->id));
                    return out;
                },
                scope_from_path("", "body")});
    router.add({"PUT",
                "/api/v1/bodies/{body}/minutes/{id}",
                "Replace a draft's text; If-Match names the version",
                k_minutes_tag,
                {k_body, k_minutes_id},
                {},
                "minutes.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    std::vector<FieldError> errors;
                    const std::string text = minutes_text(*body, "text", errors);
                    if (!errors.empty()) return invalid_fields(errors, r.path, 400);
                    return versioned_write(r, ctx, [&](int64_t expected) {
                        auto m = coordination::edit_minutes(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                            arg(r, 1), expected, text);
                        if (!m) return fields_problem(m.error(), r.path, 400);
                        return minutes_response(*m);
                    });
                },
                scope_from_path("", "body")});
    router.add({"POST",
                "/api/v1/bodies/{body}/minutes/{id}/amendments",
                "Propose an amendment to a draft: replaces (a passage, or empty to add a paragraph) and text",
                k_minutes_tag,
                {k_body, k_minutes_id},
                {},
                "minutes.amend",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    std::vector<FieldError> errors;
                    const std::string text = minutes_text(*body, "text", errors);
                    const std::string replaces = minutes_text(*body, "replaces", errors);
                    if (!errors.empty()) return invalid_fields(errors, r.path, 400);
                    auto m = body_minutes(r, ctx);
                    if (!m) return problem_of(m.error(), r.path);
                    auto a = coordination::propose_amendment(*ctx.app.db, ctx.clock, ctx.actor,
                                                             ctx.request_id, m->id, replaces, text);
                    if (!a) return fields_problem(a.error(), r.path, 400);
                    Response out = json_response(coordination::amendment_json(*a));
                    out.status = 201;
                    return out;
                },
                scope_from_path("", "body")});
    for (const char* decision : {"accept", "reject"}) {
        const bool accept = std::string_view(decision) == "accept";
        router.add(
            {"POST",
             fmt::format("/api/v1/bodies/{{body}}/minutes/{{id}}/amendments/{{amendment}}/{}", decision),
             accept ? "Accept an amendment: it is applied to the draft; If-Match names the draft's version"
                    : "Reject an amendment; If-Match names the draft's version",
             k_minutes_tag,
             {k_body, k_minutes_id, {"amendment", ParamType::integer, "the amendment's id", "1"}},
             {},
             "minutes.edit",
             false,
             [accept](const RoutedRequest& r, RequestContext& ctx) {
                 return versioned_write(r, ctx, [&](int64_t expected) {
                     auto amendments = coordination::minutes_amendments(*ctx.app.db, ctx.actor, arg(r, 1));
                     if (!amendments) return problem_of(amendments.error(), r.path);
                     bool found = false;
                     for (const auto& a : *amendments) found = found || a.id == arg(r, 2);
                     if (!found) return problem(404, "", "the minutes have no such amendment", r.path);
                     auto m = coordination::decide_amendment(*ctx.app.db, ctx.clock, ctx.actor,
                                                             ctx.request_id, arg(r, 2), accept, expected);
                     if (!m) return fields_problem(m.error(), r.path, 400);
                     return minutes_response(*m);
                 });
             },
             scope_from_path("", "body")});
    }
    router.add({"POST",
                "/api/v1/bodies/{body}/minutes/{id}/votes",
                "Vote on draft minutes for the seat one attended for: choice for, against or abstain",
                k_minutes_tag,
                {k_body, k_minutes_id},
                {},
                "minutes.vote",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    std::vector<FieldError> errors;
                    const std::string choice = minutes_text(*body, "choice", errors);
                    std::optional<int64_t> seat;
                    if (body->contains("seat") && !(*body)["seat"].is_null()) {
                        if (!(*body)["seat"].is_number_integer())
                            errors.push_back({"/seat", "/seat: se espera un entero / expected an integer"});
                        else
                            seat = (*body)["seat"].get<int64_t>();
                    }
                    if (!errors.empty()) return invalid_fields(errors, r.path, 400);
                    auto m = body_minutes(r, ctx);
                    if (!m) return problem_of(m.error(), r.path);
                    auto t = coordination::cast_vote(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, m->id,
                                                     seat, choice);
                    if (!t) return fields_problem(t.error(), r.path, 400);
                    Response out = json_response({{"tally", coordination::tally_json(*t)}});
                    out.status = 201;
                    return out;
                },
                scope_from_path("", "body")});
    router.add({"POST",
                "/api/v1/bodies/{body}/minutes/{id}/approve",
                "Approve draft minutes (the coordinator's act, or the close of a carried vote); If-Match",
                k_minutes_tag,
                {k_body, k_minutes_id},
                {},
                "minutes.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return versioned_write(r, ctx, [&](int64_t expected) {
                        auto m = coordination::approve_minutes(*ctx.app.db, ctx.clock, ctx.actor,
                                                               ctx.request_id, arg(r, 1), expected);
                        if (!m) return fields_problem(m.error(), r.path, 400);
                        return minutes_response(*m);
                    });
                },
                scope_from_path("", "body")});
    router.add({"POST",
                "/api/v1/bodies/{body}/minutes/{id}/corrections",
                "Open a correction of approved minutes: a new draft that names them (text: the approved one "
                "when absent)",
                k_minutes_tag,
                {k_body, k_minutes_id},
                {},
                "minutes.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto body = json_body(r);
                    if (!body) return problem_of(body.error(), r.path);
                    std::vector<FieldError> errors;
                    const std::string text = minutes_text(*body, "text", errors);
                    if (!errors.empty()) return invalid_fields(errors, r.path, 400);
                    auto original = body_minutes(r, ctx);
                    if (!original) return problem_of(original.error(), r.path);
                    auto m = coordination::correct_minutes(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                           original->id, text);
                    if (!m) return fields_problem(m.error(), r.path, 400);
                    Response out = minutes_response(*m, 201);
                    out.headers.emplace_back("Location",
                                             fmt::format("/api/v1/bodies/{}/minutes/{}", m->body, m->id));
                    return out;
                },
                scope_from_path("", "body")});
}

}  // namespace metropoli::http

// SPDX-License-Identifier: MIT
// /api/v1/activity-rules, /api/v1/activity-catalogue and /api/v1/homologation-matrix: the activity rules of
// each jurisdiction, the activities and sources they are written for, and the homologation matrix of a day.
// Public to read; written by coordinators (activity_rule.edit), edits with If-Match.
#include <fmt/format.h>

#include "app/homologation_matrix_service.hpp"
#include "homologation/activity_rules.hpp"
#include "homologation/homologation_matrix.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr const char* k_activity_rule_tag = "Homologar";

homologation::ActivityRuleFilter rule_filter_of(const RoutedRequest& r) {
    homologation::ActivityRuleFilter f;
    if (auto v = param(r, "activity"); !v.empty()) f.activity = v;
    if (auto v = param(r, "jurisdiction"); !v.empty()) f.jurisdiction = v;
    f.on = date_param(r, "on");
    return f;
}

Result<homologation::ActivityRuleFields> fields_of(const RoutedRequest& r) {
    auto body = json_body(r);
    if (!body) return body.error();
    return homologation::activity_rule_fields_from_json(*body);
}

}  // namespace

void add_activity_rule_routes(Router& router) {
    router.add(
        {"GET",
         "/api/v1/activity-rules",
         "The activity rules of every jurisdiction (filter by activity, jurisdiction, day in force)",
         k_activity_rule_tag,
         {},
         {{"activity", ParamType::text, "only this activity (the catalogue's key)", "restaurantes"},
          {"jurisdiction", ParamType::text, "only this jurisdiction: 00, a state, a municipality", "10"},
          {"on", ParamType::date, "only those in force on this day, under any colour", "2020-11-10"}},
         "public",
         true,
         [](const RoutedRequest& r, RequestContext& ctx) {
             return respond(homologation::list_activity_rules(*ctx.app.db, rule_filter_of(r)), r.path,
                            [](const std::vector<homologation::ActivityRule>& list) {
                                json out = json::array();
                                for (const auto& a : list) out.push_back(homologation::activity_rule_json(a));
                                return json{{"rules", out}};
                            });
         }});
    router.add({"GET",
                "/api/v1/activity-rules/{id}",
                "One activity rule with its source; its ETag is the If-Match of its edit",
                k_activity_rule_tag,
                {{"id", ParamType::integer, "the rule's id", "1"}},
                {},
                "public",
                // Fresh, not cached: its ETag is the version the next If-Match names.
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto rule = homologation::get_activity_rule(*ctx.app.db, std::stoll(r.args.at(0)));
                    if (!rule) return problem_of(rule.error(), r.path);
                    return versioned(homologation::activity_rule_json(*rule), rule->version);
                }});
    router.add({"POST",
                "/api/v1/activity-rules",
                "Record an activity rule",
                k_activity_rule_tag,
                {},
                {},
                "activity_rule.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto fields = fields_of(r);
                    if (!fields) return fields_problem(fields.error(), r.path);
                    auto rule = homologation::create_activity_rule(*ctx.app.db, ctx.clock, ctx.actor,
                                                                   ctx.request_id, *fields);
                    if (!rule) return fields_problem(rule.error(), r.path);
                    Response out = versioned(homologation::activity_rule_json(*rule), rule->version, 201);
                    out.headers.emplace_back("Location", fmt::format("/api/v1/activity-rules/{}", rule->id));
                    return out;
                }});
    router.add({"PUT",
                "/api/v1/activity-rules/{id}",
                "Edit an activity rule: every field; If-Match names its version",
                k_activity_rule_tag,
                {{"id", ParamType::integer, "the rule's id", "1"}},
                {},
                "activity_rule.edit",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto fields = fields_of(r);
                    if (!fields) return fields_problem(fields.error(), r.path);
                    auto current = homologation::get_activity_rule(*ctx.app.db, std::stoll(r.args.at(0)));
                    if (!current) return problem_of(current.error(), r.path);
                    if (auto ok = check_if_match(r, version_etag(current->version)); !ok)
                        return problem_of(ok.error(), r.path);
                    auto rule =
                        homologation::update_activity_rule(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                           current->id, current->version, *fields);
                    if (!rule) return fields_problem(rule.error(), r.path);
                    return versioned(homologation::activity_rule_json(*rule), rule->version);
                }});
    router.add({"GET",
                "/api/v1/activity-catalogue",
                "The activities rules are written for, and the documents the rules cite",
                k_activity_rule_tag,
                {},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto activities = homologation::list_catalogue(*ctx.app.db);
                    if (!activities) return problem_of(activities.error(), r.path);
                    auto sources = homologation::list_rule_sources(*ctx.app.db);
                    if (!sources) return problem_of(sources.error(), r.path);
                    json a = json::array(), s = json::array();
                    for (const auto& x : *activities) a.push_back(homologation::catalogue_activity_json(x));
                    for (const auto& x : *sources) s.push_back(homologation::rule_source_json(x));
                    return json_response({{"activities", a}, {"sources", s}});
                }});
    router.add(
        {"GET",
         "/api/v1/homologation-matrix",
         "Every activity's effective rule in each municipality of the metro on one day, divergences named",
         k_activity_rule_tag,
         {},
         {{"date", ParamType::date, "the day", "2020-11-10", true}},
         "public",
         true,
         [](const RoutedRequest& r, RequestContext& ctx) {
             const auto day = date_param(r, "date");
             if (!day)
                 return problem(400, "", "date is required (YYYY-MM-DD) / la fecha es obligatoria", r.path);
             return respond(app::homologation_matrix_for(*ctx.app.db, ctx.app.region, *day), r.path,
                            [](const homologation::HomologationMatrix& m) {
                                return homologation::homologation_matrix_json(m);
                            });
         }});
}

}  // namespace metropoli::http

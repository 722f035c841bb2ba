// SPDX-License-Identifier: MIT
// /api/v1/policy/metro, /api/v1/policy/metro-summary and /api/v1/policy/effective: the measures coded on the
// OxCGRT scale as the metro's residents lived under them — each municipality's effective policy side by side,
// the spread and the divergences, the metro index, the month the metro diverged most, and one municipality's
// effective policy day by day. Public reads, cached; ranges of at most 366 days.
#include "app/policy_service.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

constexpr const char* k_policy_tag = "Homologar";

std::optional<std::string> indicator_of(const RoutedRequest& r) {
    auto v = param(r, "indicator");
    if (v.empty()) return std::nullopt;
    return v;
}

}  // namespace

void add_policy_routes(Router& router) {
    router.add({"GET",
                "/api/v1/policy/metro",
                "Each municipality's effective policy side by side per indicator and day, the spread, the "
                "metro-effective policy, the divergences named and the metro index",
                k_policy_tag,
                {},
                {{"from", ParamType::date, "first day", "2020-11-01", true},
                 {"to", ParamType::date, "last day (at most 366 days from the first)", "2020-11-30", true},
                 {"indicator", ParamType::text, "only this indicator (C1-C8, E1, E2, H1-H3, H6-H8)", "C6"}},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const auto from = date_param(r, "from"), to = date_param(r, "to");
                    if (!from || !to)
                        return problem(400, "",
                                       "from and to are required (YYYY-MM-DD) / from y to son obligatorias",
                                       r.path);
                    return respond(app::metro_policy_for(*ctx.app.db, ctx.app.region, *from, *to,
                                                         indicator_of(r), app::k_api_policy_days),
                                   r.path, [](const homologation::MetroPicture& p) {
                                       return homologation::metro_picture_json(p);
                                   });
                }});
    router.add({"GET",
                "/api/v1/policy/metro-summary",
                "The month of the coded record in which the metro's measures diverged most, per indicator",
                k_policy_tag,
                {},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(app::metro_policy_summary_for(*ctx.app.db, ctx.app.region), r.path,
                                   [](const std::optional<homologation::MetroSummary>& s) {
                                       return homologation::metro_summary_json(s);
                                   });
                }});
    router.add({"GET",
                "/api/v1/policy/effective",
                "One municipality's effective policy (OxCGRT's TOTAL) day by day, with the level that set it",
                k_policy_tag,
                {},
                {{"jurisdiction", ParamType::text, "the municipality's INEGI code", "10007", true},
                 {"from", ParamType::date, "first day", "2020-11-01", true},
                 {"to", ParamType::date, "last day (at most 366 days from the first)", "2020-11-30", true},
                 {"indicator", ParamType::text, "only this indicator; every ordinal one when absent", "C6"}},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    const auto from = date_param(r, "from"), to = date_param(r, "to");
                    const std::string jurisdiction = param(r, "jurisdiction");
                    if (!from || !to || jurisdiction.empty())
                        return problem(400, "",
                                       "jurisdiction, from and to are required / jurisdiction, from y to son "
                                       "obligatorias",
                                       r.path);
                    return respond(app::effective_policy_for(*ctx.app.db, jurisdiction, *from, *to,
                                                             indicator_of(r), app::k_api_policy_days),
                                   r.path, [&](const auto& days) {
                                       json out = json::array();
                                       for (const auto& [indicator, d] : days)
                                           out.push_back(homologation::effective_day_json(indicator, d));
                                       return json{{"jurisdiction", jurisdiction},
                                                   {"from", from->iso()},
                                                   {"to", to->iso()},
                                                   {"days", out}};
                                   });
                }});
}

}  // namespace metropoli::http

// SPDX-License-Identifier: MIT
// /api/v1/semaforo/declared and /api/v1/semaforo/reconciliation: each authority's declared semáforo colour
// with its source, and for a place and a week those colours beside the colour each risk scheme computes, with
// the releases it read and why they differ. Public and cached; a bad parameter is a 400 naming it.
#include "app/semaforo_reconciliation.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

namespace {

constexpr const char* k_semaforo_tag = "Homologar";

// "/week: why" is a 400 whose error names the parameter; anything else by its code.
Response parameter_problem(const Error& error, const std::string& path) {
    if (error.code == ErrorCode::invalid_argument && !error.message.empty() && error.message.front() == '/') {
        const auto colon = error.message.find(':');
        return invalid_fields({{error.message.substr(0, colon), error.message}}, path, 400);
    }
    return problem_of(error, path);
}

template <class T, class F>
Response answer(Result<T> result, const std::string& path, F&& render) {
    if (!result) return parameter_problem(result.error(), path);
    return json_response(render(*result));
}

}  // namespace

void add_semaforo_routes(Router& router) {
    router.add({"GET",
                "/api/v1/semaforo/declared",
                "Each authority's declared semáforo colour per week, with its source and the compilations' "
                "disagreements",
                k_semaforo_tag,
                {},
                {{"jurisdiction", ParamType::text,
                  "only what applies to this place: 05, 10, 05035, zm-laguna", "10"},
                 {"week", ParamType::text, "only this %W week (2020-W45 is 9-15 November 2020)", "2020-W45"}},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return answer(
                        app::declared_colours_for(ctx.app, {param(r, "jurisdiction"), param(r, "week")}),
                        r.path, [](const app::DeclaredView& v) { return app::declared_view_json(v); });
                }});
    router.add(
        {"GET",
         "/api/v1/semaforo/reconciliation",
         "A place's declared colours for a week beside each risk scheme's computed colour, its data "
         "vintage, and why they differ",
         k_semaforo_tag,
         {},
         {{"jurisdiction", ParamType::text, "05, 10, a municipality or the metro zone", "10", true},
          {"week", ParamType::text, "a %W week: 2020-W45 is 9-15 November 2020", "2020-W45", true},
          {"release", ParamType::date, "read every input from the release of this date", "2022-04-02"}},
         "public",
         true,
         [](const RoutedRequest& r, RequestContext& ctx) {
             return answer(app::reconcile_colours(ctx.app, param(r, "jurisdiction"), param(r, "week"),
                                                  date_param(r, "release")),
                           r.path, [](const app::Reconciliation& x) { return app::reconciliation_json(x); });
         }});
}

}  // namespace metropoli::http

// SPDX-License-Identifier: MIT
// /api/v1/policy/…: the OxCGRT codebook the region codes with, the source documents, and the region's
// observations with their review: anyone reads the approved ones; coders (policy.code) enter drafts, edit
// them with If-Match and submit them; reviewers (policy.review) approve or reject what others coded.
#include <fmt/format.h>

#include <array>

#include "homologation/codebook.hpp"
#include "homologation/local_extensions.hpp"
#include "homologation/observation_listing.hpp"
#include "homologation/observation_review.hpp"
#include "homologation/observations.hpp"
#include "http/handler_support.hpp"
#include "http/route_modules.hpp"

namespace metropoli::http {

using nlohmann::json;
namespace h = homologation;

namespace {

constexpr const char* k_policy_observation_tag = "Homologar";

json codebook_json() {
    json out = json::array();
    for (const auto& d : h::codebook()) {
        json labels = json::array();
        for (const auto& l : d.labels) labels.push_back({{"value", l.value}, {"es", l.es}, {"en", l.en}});
        static const char* const families[] = {"containment", "economic", "health", "vaccine",
                                               "miscellaneous"};
        static const char* const scales[] = {"ordinal", "monetary", "categorical", "binary", "text"};
        out.push_back({{"code", d.code},
                       {"name", {{"es", d.name_es}, {"en", d.name_en}}},
                       {"family", families[static_cast<int>(d.family)]},
                       {"scale", scales[static_cast<int>(d.scale)]},
                       {"max_value", d.max_value},
                       {"flag", h::flag_kind_name(d.flag)},
                       {"vaccine_differentiated", d.vaccine_differentiated},
                       {"entered", d.entered.iso()},
                       {"labels", labels}});
    }
    return out;
}

// What the observation form offers beside the indicators, each value with its words.
json choices_json() {
    const auto options = [](std::initializer_list<std::array<const char*, 3>> list) {
        json out = json::array();
        for (const auto& [value, es, en] : list) out.push_back({{"value", value}, {"es", es}, {"en", en}});
        return out;
    };
    return {{"scope", options({{"GOV", "Decretada por este nivel", "Decreed by this level"},
                               {"WIDE", "Este nivel y los de abajo", "This level and those below"}})},
            {"segment", options({{"E", "Todas las personas", "Everyone"},
                                 {"NV", "No vacunadas", "Non-vaccinated"},
                                 {"V", "Vacunadas", "Vaccinated"},
                                 {"M", "La mayoría", "Majority"},
                                 {"EV", "Todas, o las vacunadas", "Everyone, else the vaccinated"}})},
            {"flag", options({{"1", "General (toda la jurisdicción)", "General (the whole jurisdiction)"},
                              {"0", "Focalizada", "Targeted"}})},
            {"source_kind", options({{"periodico_oficial", "Periódico Oficial", "Official gazette"},
                                     {"dof", "Diario Oficial de la Federación", "Federal Official Gazette"},
                                     {"cabildo", "Acta de cabildo", "Town council act"},
                                     {"press_release", "Comunicado", "Press release"},
                                     {"other", "Otro", "Other"}})},
            {"alcohol_sales", options({{"allowed", "Permitida", "Allowed"},
                                       {"restricted_hours", "Horario restringido", "Restricted hours"},
                                       {"ley_seca", "Ley seca", "Dry law"}})}};
}

// The local extensions' fields, each with its words and kind (local_extensions.hpp), in the form's order.
json extensions_json() {
    json out = json::array();
    for (const auto& f : h::extension_fields())
        out.push_back({{"key", f.key}, {"es", f.es}, {"en", f.en}, {"kind", f.kind}});
    return out;
}

json listing_json(const std::vector<h::Observation>& list) {
    json out = json::array();
    for (const auto& o : list) out.push_back(h::observation_json(o));
    return {{"observations", out}};
}

Result<h::ObservationInput> input_of(const RoutedRequest& r) {
    auto body = json_body(r);
    if (!body) return body.error();
    return h::observation_input_from_json(*body);
}

int64_t id_of(const RoutedRequest& r) {
    return std::stoll(r.args.at(0));
}

// The observation as `ctx`'s caller may see it, and the If-Match check against its version; the version.
Result<int64_t> version_read(const RoutedRequest& r, RequestContext& ctx) {
    auto current = h::observation_for(*ctx.app.db, ctx.actor, id_of(r));
    if (!current) return current.error();
    TRY(check_if_match(r, version_etag(current->version)));
    return current->version;
}

using Step = std::function<Result<h::Observation>(RequestContext&, int64_t id, int64_t version,
                                                  const nlohmann::json& body)>;

// A review step: POST …/{id}/<name>, If-Match naming the version read.
RouteDef step_route(const std::string& name, const std::string& summary, const std::string& permission,
                    const Step& step) {
    return {"POST",
            "/api/v1/policy/observations/{id}/" + name,
            summary,
            k_policy_observation_tag,
            {{"id", ParamType::integer, "the observation's id", "1"}},
            {},
            permission,
            false,
            [step](const RoutedRequest& r, RequestContext& ctx) {
                json body = json::object();
                if (!r.request->body.empty()) {
                    auto parsed = json_body(r);
                    if (!parsed) return fields_problem(parsed.error(), r.path);
                    body = *parsed;
                }
                auto version = version_read(r, ctx);
                if (!version) return problem_of(version.error(), r.path);
                auto done = step(ctx, id_of(r), *version, body);
                if (!done) return fields_problem(done.error(), r.path);
                return versioned(h::observation_json(*done), done->version);
            }};
}

void add_reading_routes(Router& router) {
    router.add({"GET",
                "/api/v1/policy/codebook",
                "What an observation is coded with: the OxCGRT codebook (scales, flags, labels in Spanish "
                "and English), the region's jurisdictions, the choices of each field and the local "
                "extensions' fields in words",
                k_policy_observation_tag,
                {},
                {},
                "public",
                true,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    return respond(
                        h::list_region_jurisdictions(*ctx.app.db), r.path,
                        [](const std::vector<h::PolicyJurisdiction>& places) {
                            json j = json::array();
                            for (const auto& p : places)
                                j.push_back({{"code", p.code}, {"name", p.name}, {"kind", p.kind}});
                            return json{{"indicators", codebook_json()},
                                        {"jurisdictions", j},
                                        {"choices", choices_json()},
                                        {"extensions", extensions_json()}};
                        });
                }});
    router.add(
        {"GET",
         "/api/v1/policy/sources",
         "The source documents observations cite (decrees, Periódico Oficial, press releases, OxCGRT files)",
         k_policy_observation_tag,
         {},
         {},
         "public",
         true,
         [](const RoutedRequest& r, RequestContext& ctx) {
             return respond(h::list_source_documents(*ctx.app.db), r.path,
                            [](const std::vector<h::SourceDocument>& list) {
                                json out = json::array();
                                for (const auto& s : list) out.push_back(h::source_document_json(s));
                                return json{{"sources", out}};
                            });
         }});
    router.add(
        {"GET",
         "/api/v1/policy/observations",
         "The region's observations, newest first: approved ones for anyone, every state for coders and "
         "reviewers",
         k_policy_observation_tag,
         {},
         {{"jurisdiction", ParamType::text, "only this jurisdiction (00, 10, 10007, zm-laguna)", "10007"},
          {"indicator", ParamType::text, "only this indicator (C1 … M1)", "C6"},
          {"from", ParamType::date, "only those in force on this day or later", "2020-11-01"},
          {"to", ParamType::date, "only those in force on this day or earlier", "2020-11-30"},
          {"state", ParamType::text,
           "draft, submitted, approved or rejected (other than approved: coders and reviewers)", "approved"}},
         "public",
         // Not cached: coders and reviewers see more than anyone else.
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             h::ObservationFilter f;
             if (auto v = param(r, "jurisdiction"); !v.empty()) f.jurisdiction = v;
             if (auto v = param(r, "indicator"); !v.empty()) f.indicator = v;
             if (auto v = param(r, "state"); !v.empty()) f.state = v;
             f.from = date_param(r, "from");
             f.to = date_param(r, "to");
             auto list = h::list_observations_for(*ctx.app.db, ctx.actor, f);
             if (!list) return fields_problem(list.error(), r.path);
             return json_response(listing_json(*list));
         }});
    router.add(
        {"GET",
         "/api/v1/policy/observations/{id}",
         "One observation with its source and review; its ETag is the If-Match of its edit and review steps",
         k_policy_observation_tag,
         {{"id", ParamType::integer, "the observation's id", "1"}},
         {},
         "public",
         false,
         [](const RoutedRequest& r, RequestContext& ctx) {
             auto o = h::observation_for(*ctx.app.db, ctx.actor, id_of(r));
             if (!o) return problem_of(o.error(), r.path);
             return versioned(h::observation_json(*o), o->version);
         }});
}

void add_writing_routes(Router& router) {
    router.add({"POST",
                "/api/v1/policy/observations",
                "Enter an observation with its source document: a draft coded by the caller",
                k_policy_observation_tag,
                {},
                {},
                "policy.code",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto in = input_of(r);
                    if (!in) return fields_problem(in.error(), r.path);
                    auto id = h::record_observation(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, *in);
                    if (!id) return fields_problem(id.error(), r.path);
                    auto o = h::get_observation(*ctx.app.db, *id);
                    if (!o) return problem_of(o.error(), r.path);
                    Response out = versioned(h::observation_json(*o), o->version, 201);
                    out.headers.emplace_back("Location",
                                             fmt::format("/api/v1/policy/observations/{}", o->id));
                    return out;
                }});
    router.add({"PUT",
                "/api/v1/policy/observations/{id}",
                "Edit a draft (or rejected) observation: every field; If-Match names its version",
                k_policy_observation_tag,
                {{"id", ParamType::integer, "the observation's id", "1"}},
                {},
                "policy.code",
                false,
                [](const RoutedRequest& r, RequestContext& ctx) {
                    auto version = version_read(r, ctx);
                    if (!version) return problem_of(version.error(), r.path);
                    auto in = input_of(r);
                    if (!in) return fields_problem(in.error(), r.path);
                    auto o = h::update_observation(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                   id_of(r), *version, *in);
                    if (!o) return fields_problem(o.error(), r.path);
                    return versioned(h::observation_json(*o), o->version);
                }});
    router.add(step_route("submit", "Submit a draft for review (its coder)", "policy.code",
                          [](RequestContext& ctx, int64_t id, int64_t version, const json&) {
                              return h::submit_observation(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                           id, version);
                          }));
    router.add(step_route("approve", "Approve a submitted observation (a reviewer who is not its coder)",
                          "policy.review", [](RequestContext& ctx, int64_t id, int64_t version, const json&) {
                              return h::approve_observation(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id,
                                                            id, version);
                          }));
    router.add(
        step_route("reject", "Reject a submitted observation, saying why (a reviewer who is not its coder)",
                   "policy.review", [](RequestContext& ctx, int64_t id, int64_t version, const json& body) {
                       const std::string reason = body.contains("reason") && body.at("reason").is_string()
                                                      ? body.at("reason").get<std::string>()
                                                      : "";
                       return h::reject_observation(*ctx.app.db, ctx.clock, ctx.actor, ctx.request_id, id,
                                                    version, reason);
                   }));
}

}  // namespace

void add_policy_observation_routes(Router& router) {
    add_reading_routes(router);
    add_writing_routes(router);
}

}  // namespace metropoli::http

// SPDX-License-Identifier: MIT
// A harmonised decision's measure and its proposal as JSON: read and checked field by field (each refusal
// names its JSON pointer), written back, and described in words.
#include <fmt/format.h>

#include "homologation/activity_rule_support.hpp"
#include "homologation/activity_rules.hpp"
#include "homologation/codebook.hpp"
#include "homologation/decisions.hpp"
#include "homologation/homologation_matrix.hpp"
#include "homologation/local_extensions.hpp"

namespace metropoli::homologation {

using nlohmann::json;

namespace {

Error bad_measure(const std::string& field, const std::string& why) {
    return detail::invalid(field, why);
}

Result<std::optional<int>> optional_int(const json& j, const std::string& key, const std::string& at) {
    if (!j.contains(key) || j[key].is_null()) return std::optional<int>();
    if (!j[key].is_number_integer())
        return bad_measure(at + key, "se espera un número entero / expected a whole number");
    return std::optional<int>(j[key].get<int>());
}

Result<std::optional<std::string>> optional_time(const json& j, const std::string& key,
                                                 const std::string& at) {
    if (!j.contains(key) || j[key].is_null()) return std::optional<std::string>();
    if (!j[key].is_string() || !valid_clock_time(j[key].get<std::string>()))
        return bad_measure(
            at + key, fmt::format("{}: HH:MM de 00:00 a 24:00 / HH:MM from 00:00 to 24:00", j[key].dump()));
    return std::optional<std::string>(j[key].get<std::string>());
}

// An error of local_extensions.hpp ("/extensions/…") placed under the measure ("/measure/extensions/…").
Error under_measure(const Error& e) {
    return make_error(e.code, "/measure" + e.message);
}

Result<Measure> observation_from_json(const json& j) {
    Measure m;
    m.kind = "observation";
    if (!j.contains("indicator") || !j["indicator"].is_string())
        return bad_measure("measure/indicator", "es obligatorio (C1…H8) / is required (C1…H8)");
    m.indicator = j["indicator"].get<std::string>();
    const IndicatorDef* def = find_indicator(m.indicator);
    if (def == nullptr || def->scale != Scale::ordinal)
        return bad_measure(
            "measure/indicator",
            fmt::format("'{}' no es un indicador ordinal del codebook / is not an ordinal indicator of "
                        "the codebook",
                        m.indicator));
    if (!j.contains("value") || !j["value"].is_number_integer())
        return bad_measure("measure/value", "es obligatorio, un entero / is required, a whole number");
    m.value = j["value"].get<int>();
    if (m.value < 0 || m.value > def->max_value)
        return bad_measure("measure/value",
                           fmt::format("{}: de 0 a {} en {} / from 0 to {} on {}", m.value, def->max_value,
                                       m.indicator, def->max_value, m.indicator));
    TRY_ASSIGN(flag, optional_int(j, "flag", "measure/"));
    if (def->flag == FlagKind::none) {
        if (flag)
            return bad_measure("measure/flag",
                               fmt::format("{} no lleva bandera / {} has no flag", m.indicator, m.indicator));
    } else if (m.value > 0) {
        if (!flag || (*flag != 0 && *flag != 1))
            return bad_measure("measure/flag", "0 (focalizada) o 1 (general) / 0 (targeted) or 1 (general)");
        m.flag = flag;
    } else if (flag) {
        return bad_measure("measure/flag", "un valor 0 no lleva bandera / a value of 0 has no flag");
    }
    auto ext = extensions_from_json(j.contains("extensions") ? j["extensions"] : json());
    if (!ext) return under_measure(ext.error());
    if (auto fits = check_extensions(*ext, m.indicator, m.value); !fits) return under_measure(fits.error());
    m.extensions = extensions_json(*ext);
    return m;
}

Result<Measure> rule_from_json(const json& j) {
    Measure m;
    m.kind = "activity_rule";
    if (!j.contains("activity") || !j["activity"].is_string() || j["activity"].get<std::string>().empty())
        return bad_measure("measure/activity", "es obligatorio / is required");
    m.activity = j["activity"].get<std::string>();
    const auto& allowed = allowed_values();
    if (!j.contains("allowed") || !j["allowed"].is_string() ||
        std::find(allowed.begin(), allowed.end(), j["allowed"].get<std::string>()) == allowed.end())
        return bad_measure("measure/allowed", "yes, no o restricted / yes, no or restricted");
    m.allowed = j["allowed"].get<std::string>();
    TRY_ASSIGN(capacity, optional_int(j, "capacity_pct", "measure/"));
    if (capacity && (*capacity < 0 || *capacity > 100))
        return bad_measure("measure/capacity_pct",
                           fmt::format("{} %: entre 0 y 100 / between 0 and 100", *capacity));
    m.capacity_pct = capacity;
    TRY_ASSIGN(people, optional_int(j, "max_people", "measure/"));
    if (people && *people < 0) return bad_measure("measure/max_people", "no negativo / not negative");
    m.max_people = people;
    TRY_ASSIGN(stay, optional_int(j, "max_stay_minutes", "measure/"));
    if (stay && *stay <= 0) return bad_measure("measure/max_stay_minutes", "mayor que 0 / above 0");
    m.max_stay_minutes = stay;
    TRY_ASSIGN(opens, optional_time(j, "opens", "measure/"));
    TRY_ASSIGN(closes, optional_time(j, "closes", "measure/"));
    m.opens = opens;
    m.closes = closes;
    return m;
}

template <class T>
json optional_json(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

}  // namespace

Result<Measure> measure_from_json(const std::string& kind, const json& j) {
    if (!j.is_object()) return bad_measure("measure", "se espera un objeto / expected an object");
    if (kind == "observation") return observation_from_json(j);
    if (kind == "activity_rule") return rule_from_json(j);
    return bad_measure("measure_kind", "observation o activity_rule / observation or activity_rule");
}

json measure_json(const Measure& m) {
    if (m.kind == "observation")
        return {{"indicator", m.indicator},
                {"value", m.value},
                {"flag", optional_json(m.flag)},
                {"extensions", m.extensions}};
    return {{"activity", m.activity},
            {"allowed", m.allowed},
            {"capacity_pct", optional_json(m.capacity_pct)},
            {"opens", optional_json(m.opens)},
            {"closes", optional_json(m.closes)},
            {"max_people", optional_json(m.max_people)},
            {"max_stay_minutes", optional_json(m.max_stay_minutes)}};
}

Bilingual describe_measure(const Measure& m) {
    if (m.kind == "activity_rule") {
        ActivityRule r;
        r.allowed = m.allowed;
        r.capacity_pct = m.capacity_pct;
        r.opens = m.opens;
        r.closes = m.closes;
        r.max_people = m.max_people;
        r.max_stay_minutes = m.max_stay_minutes;
        const Bilingual figures = rule_summary(&r);
        return {m.activity + ": " + figures.es, m.activity + ": " + figures.en};
    }
    std::string es = fmt::format("{} {}", m.indicator, m.value), en = es;
    if (m.flag) {
        es += *m.flag == 1 ? " general" : " focalizada";
        en += *m.flag == 1 ? " general" : " targeted";
    }
    if (auto ext = extensions_from_json(m.extensions); ext && !ext->empty()) {
        es += ", " + describe_extensions_es(*ext);
        en += ", " + describe_extensions_en(*ext);
    }
    return {es, en};
}

Result<NewDecision> new_decision_from_json(const json& body) {
    if (!body.is_object()) return bad_measure("", "se espera un objeto JSON / expected a JSON object");
    NewDecision d;
    if (!body.contains("meeting") || !body["meeting"].is_number_integer())
        return bad_measure("meeting", "es obligatorio, el id de una reunión / is required, a meeting's id");
    d.meeting = body["meeting"].get<int64_t>();
    if (!body.contains("title") || !body["title"].is_string())
        return bad_measure("title", "es obligatorio / is required");
    d.title = body["title"].get<std::string>();
    if (body.contains("text") && !body["text"].is_null()) {
        if (!body["text"].is_string()) return bad_measure("text", "se espera texto / expected text");
        d.text = body["text"].get<std::string>();
    }
    const std::string kind = body.contains("measure_kind") && body["measure_kind"].is_string()
                                 ? body["measure_kind"].get<std::string>()
                                 : std::string();
    if (kind != "observation" && kind != "activity_rule")
        return bad_measure("measure_kind", "observation o activity_rule / observation or activity_rule");
    if (!body.contains("measure")) return bad_measure("measure", "es obligatorio / is required");
    TRY_ASSIGN(measure, measure_from_json(kind, body["measure"]));
    d.measure = measure;
    if (!body.contains("applies_from") || !body["applies_from"].is_string())
        return bad_measure("applies_from", "es obligatorio, AAAA-MM-DD / is required, YYYY-MM-DD");
    d.applies_from = Date::parse_iso(body["applies_from"].get<std::string>());
    if (!d.applies_from)
        return bad_measure("applies_from",
                           fmt::format("{}: AAAA-MM-DD / YYYY-MM-DD", body["applies_from"].dump()));
    if (!body.contains("jurisdictions") || !body["jurisdictions"].is_array())
        return bad_measure("jurisdictions", "es obligatorio, una lista / is required, a list");
    for (size_t i = 0; i < body["jurisdictions"].size(); ++i) {
        const json& j = body["jurisdictions"][i];
        const std::string at = fmt::format("jurisdictions/{}/", i);
        if (!j.is_object() || !j.contains("code") || !j["code"].is_string())
            return bad_measure(at + "code", "es obligatorio / is required");
        if (!j.contains("owner") || !j["owner"].is_number_integer())
            return bad_measure(
                at + "owner",
                "es obligatorio, el id de una organización / is required, an organisation's id");
        d.jurisdictions.emplace_back(j["code"].get<std::string>(), j["owner"].get<int64_t>());
    }
    return d;
}

}  // namespace metropoli::homologation

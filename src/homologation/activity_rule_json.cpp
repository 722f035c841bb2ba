// SPDX-License-Identifier: MIT
// The JSON of an activity rule, out (the API's and CLI's view) and in (a POST or PUT body).
#include <fmt/format.h>

#include "homologation/activity_rule_support.hpp"
#include "homologation/activity_rules.hpp"

namespace metropoli::homologation {

using nlohmann::json;

namespace {

template <class T>
json optional_json(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}
json optional_json(const std::optional<Date>& v) {
    return v ? json(v->iso()) : json(nullptr);
}

}  // namespace

json activity_rule_json(const ActivityRule& r) {
    return {{"id", r.id},
            {"activity", r.activity},
            {"activity_name", {{"es", r.activity_name.es}, {"en", r.activity_name.en}}},
            {"level", r.level},
            {"jurisdiction", r.jurisdiction},
            {"area", r.area},
            {"municipalities", r.municipalities},
            {"colour", optional_json(r.colour)},
            {"valid_from", optional_json(r.valid_from)},
            {"valid_to", optional_json(r.valid_to)},
            {"allowed", r.allowed},
            {"capacity_pct", optional_json(r.capacity_pct)},
            {"opens", optional_json(r.opens)},
            {"closes", optional_json(r.closes)},
            {"max_people", optional_json(r.max_people)},
            {"max_stay_minutes", optional_json(r.max_stay_minutes)},
            {"conditions", {{"es", r.conditions.es}, {"en", r.conditions.en}}},
            {"source", rule_source_json(r.source)},
            {"unverified", r.unverified},
            {"verification_note", r.verification_note},
            {"bundled", r.bundled},
            {"version", r.version},
            {"created_at", r.created_at},
            {"updated_at", r.updated_at}};
}

Result<ActivityRuleFields> activity_rule_fields_from_json(const json& body) {
    if (!body.is_object()) return detail::invalid("", "se espera un objeto JSON / a JSON object is expected");
    static const std::vector<std::string> k_known = {
        "activity",         "jurisdiction", "area",     "municipalities",
        "colour",           "valid_from",   "valid_to", "allowed",
        "capacity_pct",     "opens",        "closes",   "max_people",
        "max_stay_minutes", "conditions",   "source",   "unverified",
        "verification_note"};
    for (const auto& [key, value] : body.items()) {
        if (std::find(k_known.begin(), k_known.end(), key) == k_known.end())
            return detail::invalid(key, "campo desconocido / unknown field");
    }
    ActivityRuleFields f;
    auto absent = [&](const char* key) { return !body.contains(key) || body[key].is_null(); };
    auto text = [&](const char* key, std::string& into) -> Status {
        if (absent(key)) return ok_status();
        if (!body[key].is_string()) return detail::invalid(key, "debe ser texto / must be a string");
        into = body[key].get<std::string>();
        return ok_status();
    };
    auto optional_text = [&](const char* key, std::optional<std::string>& into) -> Status {
        std::string value;
        TRY(text(key, value));
        if (!value.empty()) into = value;
        return ok_status();
    };
    auto integer = [&](const char* key, std::optional<int>& into) -> Status {
        if (absent(key)) return ok_status();
        if (!body[key].is_number_integer())
            return detail::invalid(key, "debe ser un entero / must be an integer");
        const auto v = body[key].get<int64_t>();
        if (v < -1000000 || v > 1000000) return detail::invalid(key, "fuera de rango / out of range");
        into = static_cast<int>(v);
        return ok_status();
    };
    auto date = [&](const char* key, std::optional<Date>& into) -> Status {
        if (absent(key)) return ok_status();
        auto d = body[key].is_string() ? Date::parse_iso(body[key].get<std::string>()) : std::nullopt;
        if (!d) return detail::invalid(key, "fecha AAAA-MM-DD / a YYYY-MM-DD date");
        into = d;
        return ok_status();
    };
    TRY(text("activity", f.activity));
    TRY(text("jurisdiction", f.jurisdiction));
    TRY(text("area", f.area));
    if (!absent("municipalities")) {
        if (!body["municipalities"].is_array())
            return detail::invalid("municipalities", "una lista de claves INEGI / a list of INEGI codes");
        for (const auto& m : body["municipalities"]) {
            if (!m.is_string())
                return detail::invalid("municipalities", "una lista de claves INEGI / a list of INEGI codes");
            f.municipalities.push_back(m.get<std::string>());
        }
    }
    TRY(optional_text("colour", f.colour));
    TRY(date("valid_from", f.valid_from));
    TRY(date("valid_to", f.valid_to));
    TRY(text("allowed", f.allowed));
    TRY(integer("capacity_pct", f.capacity_pct));
    TRY(optional_text("opens", f.opens));
    TRY(optional_text("closes", f.closes));
    TRY(integer("max_people", f.max_people));
    TRY(integer("max_stay_minutes", f.max_stay_minutes));
    if (!absent("conditions")) {
        const auto& c = body["conditions"];
        if (!c.is_object()) return detail::invalid("conditions", "{\"es\", \"en\"}");
        for (const auto& [key, value] : c.items()) {
            if ((key != "es" && key != "en") || !value.is_string())
                return detail::invalid("conditions/" + key, "texto en es o en / text in es or en");
        }
        f.conditions = {c.value("es", ""), c.value("en", "")};
    }
    TRY(text("source", f.source));
    if (!absent("unverified")) {
        if (!body["unverified"].is_boolean())
            return detail::invalid("unverified", "true o false / true or false");
        f.unverified = body["unverified"].get<bool>();
    }
    TRY(text("verification_note", f.verification_note));
    return f;
}

}  // namespace metropoli::homologation

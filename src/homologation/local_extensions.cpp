// SPDX-License-Identifier: MIT
#include "homologation/local_extensions.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "homologation/activity_rule_support.hpp"

namespace metropoli::homologation {

using nlohmann::json;

namespace {

Error bad_extension(const std::string& field, const std::string& why) {
    return detail::invalid("extensions/" + field, why);
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

const std::vector<std::string>& alcohol_sales_values() {
    static const std::vector<std::string> k{"allowed", "restricted_hours", "ley_seca"};
    return k;
}

const std::vector<ExtensionField>& extension_fields() {
    static const std::vector<ExtensionField> k{
        {"curfew_from", "Toque de queda desde", "Curfew from", "time"},
        {"curfew_to", "Toque de queda hasta", "Curfew until", "time"},
        {"capacity_pct", "Aforo", "Capacity", "percent"},
        {"closing_time", "Hora de cierre", "Closing time", "time"},
        {"alcohol_sales", "Venta de alcohol", "Alcohol sales", "choice"},
        {"alcohol_until", "Alcohol hasta", "Alcohol until", "time"},
        {"max_group_size", "Reunión máxima (personas)", "Largest gathering (people)", "count"},
    };
    return k;
}

bool valid_clock_time(const std::string& t) {
    if (t.size() != 5 || t[2] != ':' || !is_digit(t[0]) || !is_digit(t[1]) || !is_digit(t[3]) ||
        !is_digit(t[4]))
        return false;
    const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    return (h < 24 && m < 60) || (h == 24 && m == 0);
}

int c4_band(int size) {
    if (size > 1000) return 1;
    if (size > 100) return 2;
    if (size > 10) return 3;
    return 4;
}

Status check_extensions(const LocalExtensions& e, const std::string& indicator, int value) {
    for (auto [field, text] :
         {std::pair{"curfew_from", &e.curfew_from}, std::pair{"curfew_to", &e.curfew_to},
          std::pair{"closing_time", &e.closing_time}, std::pair{"alcohol_until", &e.alcohol_until}}) {
        if (*text && !valid_clock_time(**text))
            return bad_extension(
                field, fmt::format("'{}': HH:MM de 00:00 a 24:00 / HH:MM from 00:00 to 24:00", **text));
    }
    if (e.curfew_from || e.curfew_to) {
        if (!e.curfew_from)
            return bad_extension("curfew_from", "obligatorio con curfew_to / required with curfew_to");
        if (!e.curfew_to)
            return bad_extension("curfew_to", "obligatorio con curfew_from / required with curfew_from");
        if (*e.curfew_from == *e.curfew_to)
            return bad_extension("curfew_to", "igual a curfew_from / the same as curfew_from");
        if (indicator != "C6")
            return bad_extension("curfew_from",
                                 fmt::format("un toque de queda se codifica en C6, no en {} / a curfew is "
                                             "coded on C6, not on {}",
                                             indicator, indicator));
        if (value < 2)
            return bad_extension("curfew_from",
                                 fmt::format("un toque de queda es C6 2 o 3, no {} / a curfew is C6 2 or 3 "
                                             "(require staying home), not {}",
                                             value, value));
    }
    if (e.capacity_pct) {
        if (*e.capacity_pct < 0 || *e.capacity_pct > 100)
            return bad_extension("capacity_pct",
                                 fmt::format("{} %: entre 0 y 100 / between 0 and 100", *e.capacity_pct));
        if (indicator != "C2" && indicator != "C5")
            return bad_extension("capacity_pct",
                                 fmt::format("un aforo se codifica en C2 o C5, no en {} / a capacity is "
                                             "coded on C2 or C5, not on {}",
                                             indicator, indicator));
        if (value < 1)
            return bad_extension("capacity_pct",
                                 fmt::format("un aforo limitado es {} 1 o más, no 0 / a capacity limit is "
                                             "{} 1 or more, not 0",
                                             indicator, indicator));
    }
    if (e.closing_time || e.alcohol_sales || e.alcohol_until) {
        const char* field = e.closing_time    ? "closing_time"
                            : e.alcohol_sales ? "alcohol_sales"
                                              : "alcohol_until";
        if (indicator != "C2")
            return bad_extension(field,
                                 fmt::format("se codifica en C2 (centros de trabajo), no en {} / coded on C2 "
                                             "(workplaces), not on {}",
                                             indicator, indicator));
    }
    if (e.closing_time && value < 1)
        return bad_extension("closing_time",
                             "un horario de cierre es C2 1 o más / a closing time is C2 1 or more");
    if (e.alcohol_sales) {
        const auto& allowed = alcohol_sales_values();
        if (std::find(allowed.begin(), allowed.end(), *e.alcohol_sales) == allowed.end())
            return bad_extension(
                "alcohol_sales",
                fmt::format("'{}': allowed, restricted_hours o ley_seca / or ley_seca", *e.alcohol_sales));
        if (*e.alcohol_sales != "allowed" && value < 1)
            return bad_extension("alcohol_sales",
                                 fmt::format("'{}' restringe el comercio: C2 1 o más / restricts "
                                             "commerce: C2 1 or more",
                                             *e.alcohol_sales));
        if (*e.alcohol_sales == "restricted_hours" && !e.alcohol_until)
            return bad_extension("alcohol_until",
                                 "obligatorio con restricted_hours / required with restricted_hours");
    }
    if (e.alcohol_until && e.alcohol_sales != "restricted_hours")
        return bad_extension("alcohol_until",
                             "sólo con alcohol_sales restricted_hours / only with restricted_hours");
    if (e.max_group_size) {
        if (*e.max_group_size < 1) return bad_extension("max_group_size", "al menos 1 / at least 1");
        if (indicator != "C4")
            return bad_extension("max_group_size",
                                 fmt::format("un límite de reunión se codifica en C4, no en {} / a "
                                             "limit on gatherings is coded on C4, not on {}",
                                             indicator, indicator));
        const int band = c4_band(*e.max_group_size);
        if (value != band)
            return bad_extension("max_group_size",
                                 fmt::format("un límite de {} personas es C4 {}, no {} / a limit of {} "
                                             "people is C4 {}, not {}",
                                             *e.max_group_size, band, value, *e.max_group_size, band, value));
    }
    return ok_status();
}

json extensions_json(const LocalExtensions& e) {
    json out = json::object();
    if (e.curfew_from) out["curfew_from"] = *e.curfew_from;
    if (e.curfew_to) out["curfew_to"] = *e.curfew_to;
    if (e.capacity_pct) out["capacity_pct"] = *e.capacity_pct;
    if (e.closing_time) out["closing_time"] = *e.closing_time;
    if (e.alcohol_sales) out["alcohol_sales"] = *e.alcohol_sales;
    if (e.alcohol_until) out["alcohol_until"] = *e.alcohol_until;
    if (e.max_group_size) out["max_group_size"] = *e.max_group_size;
    return out;
}

Result<LocalExtensions> extensions_from_json(const json& j) {
    LocalExtensions e;
    if (j.is_null()) return e;
    if (!j.is_object()) return detail::invalid("extensions", "un objeto / an object");
    for (const auto& [key, value] : j.items()) {
        std::optional<std::string>* text = key == "curfew_from"     ? &e.curfew_from
                                           : key == "curfew_to"     ? &e.curfew_to
                                           : key == "closing_time"  ? &e.closing_time
                                           : key == "alcohol_sales" ? &e.alcohol_sales
                                           : key == "alcohol_until" ? &e.alcohol_until
                                                                    : nullptr;
        std::optional<int>* number = key == "capacity_pct"     ? &e.capacity_pct
                                     : key == "max_group_size" ? &e.max_group_size
                                                               : nullptr;
        if (value.is_null()) continue;
        if (text) {
            if (!value.is_string()) return bad_extension(key, "un texto / a string");
            *text = value.get<std::string>();
        } else if (number) {
            if (!value.is_number_integer()) return bad_extension(key, "un entero / an integer");
            *number = value.get<int>();
        } else {
            return bad_extension(key, "campo desconocido / unknown field");
        }
    }
    return e;
}

namespace {

std::string describe(const LocalExtensions& e, bool es) {
    std::vector<std::string> parts;
    if (e.curfew_from && e.curfew_to)
        parts.push_back(
            fmt::format("{} {}–{}", es ? "toque de queda" : "curfew", *e.curfew_from, *e.curfew_to));
    if (e.capacity_pct) parts.push_back(fmt::format("{} {} %", es ? "aforo" : "capacity", *e.capacity_pct));
    if (e.closing_time) parts.push_back(fmt::format("{} {}", es ? "cierre" : "closing", *e.closing_time));
    if (e.alcohol_sales == "ley_seca") parts.push_back(es ? "ley seca" : "alcohol sales banned (ley seca)");
    if (e.alcohol_sales == "restricted_hours")
        parts.push_back(
            fmt::format("{} {}", es ? "alcohol hasta" : "alcohol until", e.alcohol_until.value_or("")));
    if (e.alcohol_sales == "allowed")
        parts.push_back(es ? "venta de alcohol permitida" : "alcohol sales allowed");
    if (e.max_group_size)
        parts.push_back(fmt::format("{} {}", es ? "reuniones máx." : "gatherings up to", *e.max_group_size));
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

}  // namespace

std::string describe_extensions_es(const LocalExtensions& e) {
    return describe(e, true);
}
std::string describe_extensions_en(const LocalExtensions& e) {
    return describe(e, false);
}

}  // namespace metropoli::homologation

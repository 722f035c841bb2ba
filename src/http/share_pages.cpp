// SPDX-License-Identifier: MIT
#include "http/share_pages.hpp"

#include <fmt/format.h>

#include "core/date.hpp"

namespace metropoli::http {

using nlohmann::json;

namespace {

std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// The short label of a level id in a scheme ("Naranja" of "Naranja: transmisión acelerada").
std::string level_label(const json& scheme, const std::string& id) {
    for (const auto& l : scheme.at("levels")) {
        if (l.at("id") != id) continue;
        std::string label = l.at("label").at("es");
        const auto colon = label.find(':');
        return colon == std::string::npos ? label : label.substr(0, colon);
    }
    return id;
}

}  // namespace

std::string spanish_date(const std::string& iso) {
    static const char* months[] = {"enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
                                   "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
    const auto d = Date::parse_iso(iso);
    if (!d) return iso;
    return fmt::format("{} de {} de {}", d->day(), months[d->month() - 1], d->year());
}

std::string share_page(const json& first, const json& place) {
    const std::string scheme_id = first.at("scheme");
    json scheme;
    for (const auto& s : first.at("schemes")) {
        if (s.at("id") == scheme_id) scheme = s;
    }
    std::string level = "sin dato";
    for (const auto& a : place.at("assessments")) {
        if (a.at("scheme") != scheme_id) continue;
        const auto& l = a.at("level");
        if (l.is_string())
            level = level_label(scheme, l);
        else if (l.is_object())
            level = fmt::format("entre {} y {}", level_label(scheme, l.at("min")),
                                level_label(scheme, l.at("max")));
    }
    const std::string name = place.at("name"), code = place.at("code");
    const std::string date = spanish_date(first.at("date"));
    const std::string scheme_name =
        scheme.is_null() ? scheme_id : scheme.at("name").at("es").get<std::string>();
    const std::string title = fmt::format("{}: nivel de riesgo {} al {}", name, level, date);
    const std::string description = fmt::format(
        "COVID-19 en {}, según {}. Las mismas cifras oficiales para la zona metropolitana y sus cinco "
        "municipios, en Metrópoli.",
        name, scheme_name);
    const std::string target = "../#/m/" + code;
    return fmt::format(
        "<!doctype html>\n<html lang=\"es-MX\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{0} — "
        "Metrópoli</title>\n"
        "<meta name=\"description\" content=\"{1}\">\n"
        "<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:site_name\" "
        "content=\"Metrópoli\">\n"
        "<meta property=\"og:locale\" content=\"es_MX\">\n<meta property=\"og:title\" content=\"{0}\">\n"
        "<meta property=\"og:description\" content=\"{1}\">\n<meta name=\"twitter:card\" "
        "content=\"summary\">\n"
        "<meta name=\"twitter:title\" content=\"{0}\">\n<meta name=\"twitter:description\" content=\"{1}\">\n"
        "<meta http-equiv=\"refresh\" content=\"0; url={2}\">\n</head>\n<body>\n"
        "<p><a href=\"{2}\">{0}</a> / <span lang=\"en\">open the page</span></p>\n</body>\n</html>\n",
        escape(title), escape(description), escape(target));
}

}  // namespace metropoli::http

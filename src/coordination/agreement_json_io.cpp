// SPDX-License-Identifier: MIT
// Reading the JSON bodies of the agreements API (and of the CLI's --json): each wrong field named by its
// JSON pointer ("/due_date: ...").
#include <fmt/format.h>

#include "coordination/agreement_io.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

Status unknown_fields(const json& body, std::initializer_list<const char*> known) {
    for (const auto& [key, value] : body.items()) {
        bool found = false;
        for (const char* k : known) found = found || key == k;
        if (!found) return detail::invalid(key, "campo desconocido / unknown field");
    }
    return ok_status();
}

Result<std::string> text(const json& body, const char* key) {
    const auto& v = body.at(key);
    if (!v.is_string()) return detail::invalid(key, "debe ser texto / must be a string");
    return v.get<std::string>();
}

Result<std::optional<int64_t>> optional_id(const json& body, const char* key) {
    const auto& v = body.at(key);
    if (v.is_null()) return std::optional<int64_t>();
    if (!v.is_number_integer() || v.get<int64_t>() <= 0)
        return detail::invalid(key, "un número entero positivo o null / a positive integer or null");
    return std::optional<int64_t>(v.get<int64_t>());
}

Result<std::optional<double>> optional_number(const json& body, const char* key) {
    const auto& v = body.at(key);
    if (v.is_null()) return std::optional<double>();
    if (!v.is_number()) return detail::invalid(key, "un número o null / a number or null");
    return std::optional<double>(v.get<double>());
}

Result<std::optional<Date>> optional_date(const json& body, const char* key) {
    const auto& v = body.at(key);
    if (v.is_null()) return std::optional<Date>();
    if (!v.is_string() || !Date::parse_iso(v.get<std::string>()))
        return detail::invalid(key, "una fecha AAAA-MM-DD o null / a date YYYY-MM-DD or null");
    return Date::parse_iso(v.get<std::string>());
}

Result<std::vector<int64_t>> ids(const json& body, const char* key) {
    const auto& v = body.at(key);
    if (!v.is_array()) return detail::invalid(key, "una lista de números / a list of ids");
    std::vector<int64_t> out;
    for (size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_number_integer())
            return detail::invalid(fmt::format("{}/{}", key, i), "un número / an id");
        out.push_back(v[i].get<int64_t>());
    }
    return out;
}

Result<std::vector<std::string>> texts(const json& body, const char* key) {
    const auto& v = body.at(key);
    if (!v.is_array()) return detail::invalid(key, "una lista de códigos / a list of codes");
    std::vector<std::string> out;
    for (size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string()) return detail::invalid(fmt::format("{}/{}", key, i), "un código / a code");
        out.push_back(v[i].get<std::string>());
    }
    return out;
}

Result<int> whole(const json& body, const char* key) {
    const auto& v = body.at(key);
    if (!v.is_number_integer()) return detail::invalid(key, "un número entero / a whole number");
    return v.get<int>();
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view text) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+' || c == '-') return 62;
        if (c == '/' || c == '_') return 63;
        return -1;
    };
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=' || c == '\n' || c == '\r') continue;
        const int v = value(c);
        if (v < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xff));
        }
    }
    return out;
}

Result<NewAgreement> new_agreement_from_json(const json& body) {
    if (!body.is_object()) return detail::invalid("", "un objeto JSON / a JSON object");
    TRY(unknown_fields(body, {"reference", "meeting", "parent", "weight", "title", "text", "responsible",
                              "coresponsibles", "jurisdictions", "status", "start_date", "due_date"}));
    NewAgreement a;
    for (const char* required : {"reference", "title", "responsible"})
        if (!body.contains(required)) return detail::invalid(required, "es obligatorio / is required");
    TRY_ASSIGN(reference, text(body, "reference"));
    a.reference = reference;
    TRY_ASSIGN(title, text(body, "title"));
    a.title = title;
    if (body.contains("text")) {
        TRY_ASSIGN(t, text(body, "text"));
        a.text = t;
    }
    TRY_ASSIGN(responsible, optional_id(body, "responsible"));
    if (!responsible) return detail::invalid("responsible", "es obligatorio / is required");
    a.responsible = *responsible;
    if (body.contains("meeting")) {
        TRY_ASSIGN(m, optional_id(body, "meeting"));
        a.meeting = m;
    }
    if (body.contains("parent")) {
        TRY_ASSIGN(p, optional_id(body, "parent"));
        a.parent = p;
    }
    if (body.contains("weight")) {
        TRY_ASSIGN(w, optional_number(body, "weight"));
        a.weight = w;
    }
    if (body.contains("coresponsibles")) {
        TRY_ASSIGN(c, ids(body, "coresponsibles"));
        a.coresponsibles = c;
    }
    if (body.contains("jurisdictions")) {
        TRY_ASSIGN(j, texts(body, "jurisdictions"));
        a.jurisdictions = j;
    }
    if (body.contains("status")) {
        TRY_ASSIGN(s, text(body, "status"));
        a.status = s;
    }
    if (body.contains("start_date")) {
        TRY_ASSIGN(d, optional_date(body, "start_date"));
        a.start_date = d;
    }
    if (body.contains("due_date")) {
        TRY_ASSIGN(d, optional_date(body, "due_date"));
        a.due_date = d;
    }
    return a;
}

Result<AgreementEdit> agreement_edit_from_json(const json& body) {
    if (!body.is_object()) return detail::invalid("", "un objeto JSON / a JSON object");
    TRY(unknown_fields(body, {"reference", "parent", "weight", "title", "text", "responsible",
                              "coresponsibles", "jurisdictions", "status", "start_date", "due_date"}));
    AgreementEdit e;
    if (body.contains("reference")) {
        TRY_ASSIGN(v, text(body, "reference"));
        e.reference = v;
    }
    if (body.contains("title")) {
        TRY_ASSIGN(v, text(body, "title"));
        e.title = v;
    }
    if (body.contains("text")) {
        TRY_ASSIGN(v, text(body, "text"));
        e.text = v;
    }
    if (body.contains("status")) {
        TRY_ASSIGN(v, text(body, "status"));
        e.status = v;
    }
    if (body.contains("responsible")) {
        TRY_ASSIGN(v, optional_id(body, "responsible"));
        if (!v) return detail::invalid("responsible", "no puede quedar vacío / cannot be empty");
        e.responsible = *v;
    }
    if (body.contains("coresponsibles")) {
        TRY_ASSIGN(v, ids(body, "coresponsibles"));
        e.coresponsibles = v;
    }
    if (body.contains("jurisdictions")) {
        TRY_ASSIGN(v, texts(body, "jurisdictions"));
        e.jurisdictions = v;
    }
    if (body.contains("parent")) {
        TRY_ASSIGN(v, optional_id(body, "parent"));
        e.parent = v;
    }
    if (body.contains("weight")) {
        TRY_ASSIGN(v, optional_number(body, "weight"));
        e.weight = v;
    }
    if (body.contains("start_date")) {
        TRY_ASSIGN(v, optional_date(body, "start_date"));
        e.start_date = v;
    }
    if (body.contains("due_date")) {
        TRY_ASSIGN(v, optional_date(body, "due_date"));
        e.due_date = v;
    }
    return e;
}

Result<NewProgress> progress_from_json(const json& body) {
    if (!body.is_object()) return detail::invalid("", "un objeto JSON / a JSON object");
    TRY(unknown_fields(body, {"reported_on", "progress", "status", "text", "evidence_url", "document"}));
    NewProgress p;
    if (!body.contains("reported_on")) return detail::invalid("reported_on", "es obligatorio / is required");
    TRY_ASSIGN(day, optional_date(body, "reported_on"));
    if (!day) return detail::invalid("reported_on", "es obligatorio / is required");
    p.reported_on = *day;
    if (!body.contains("progress")) return detail::invalid("progress", "es obligatorio / is required");
    TRY_ASSIGN(progress, optional_number(body, "progress"));
    if (!progress) return detail::invalid("progress", "es obligatorio / is required");
    p.progress = *progress;
    if (body.contains("status") && !body["status"].is_null()) {
        TRY_ASSIGN(v, text(body, "status"));
        p.status = v;
    }
    if (body.contains("text")) {
        TRY_ASSIGN(v, text(body, "text"));
        p.text = v;
    }
    if (body.contains("evidence_url") && !body["evidence_url"].is_null()) {
        TRY_ASSIGN(v, text(body, "evidence_url"));
        p.evidence_url = v;
    }
    if (body.contains("document") && !body["document"].is_null()) {
        const auto& d = body["document"];
        if (!d.is_object())
            return detail::invalid("document", "un objeto {name, media_type, content_base64}");
        for (const char* k : {"name", "media_type", "content_base64"})
            if (!d.contains(k) || !d[k].is_string())
                return detail::invalid(fmt::format("document/{}", k),
                                       "texto obligatorio / a required string");
        auto bytes = decode_base64(d["content_base64"].get<std::string>());
        if (!bytes) return detail::invalid("document/content_base64", "no es base64 / is not base64");
        p.document = NewDocument{d["name"].get<std::string>(), d["media_type"].get<std::string>(), *bytes};
    }
    return p;
}

Result<AgreementStatus> status_from_json(const json& body, bool with_key) {
    if (!body.is_object()) return detail::invalid("", "un objeto JSON / a JSON object");
    TRY(unknown_fields(body, {"key", "name_es", "name_en", "typical_progress", "position", "closed"}));
    AgreementStatus s;
    for (const char* k : {"name_es", "name_en", "typical_progress"})
        if (!body.contains(k)) return detail::invalid(k, "es obligatorio / is required");
    if (with_key) {
        if (!body.contains("key")) return detail::invalid("key", "es obligatorio / is required");
        TRY_ASSIGN(v, text(body, "key"));
        s.key = v;
    }
    TRY_ASSIGN(es, text(body, "name_es"));
    s.name_es = es;
    TRY_ASSIGN(en, text(body, "name_en"));
    s.name_en = en;
    TRY_ASSIGN(typical, whole(body, "typical_progress"));
    s.typical_progress = typical;
    if (body.contains("position")) {
        TRY_ASSIGN(v, whole(body, "position"));
        s.position = v;
    }
    if (body.contains("closed")) {
        if (!body["closed"].is_boolean()) return detail::invalid("closed", "true o false / true or false");
        s.closed = body["closed"].get<bool>();
    }
    return s;
}

}  // namespace metropoli::coordination

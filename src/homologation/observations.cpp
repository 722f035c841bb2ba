// SPDX-License-Identifier: MIT
#include "homologation/observations.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "homologation/activity_rule_support.hpp"
#include "homologation/codebook.hpp"
#include "homologation/indices.hpp"
#include "homologation/observation_review.hpp"
#include "homologation/observation_store.hpp"
#include "storage/row_values.hpp"

namespace metropoli::homologation {

using nlohmann::json;

namespace {

constexpr const char* k_action = "policy.code";

const std::vector<std::string>& source_kinds() {
    static const std::vector<std::string> k{"dof", "periodico_oficial", "cabildo", "press_release", "other"};
    return k;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::optional<int> parse_ordinal(const std::string& text) {
    if (text.empty() || text.size() > 3) return std::nullopt;
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoi(text);
}

bool valid_amount(const std::string& text) {
    if (text.empty() || text.size() > 20) return false;
    int dots = 0;
    for (char c : text) {
        if (c == '.')
            ++dots;
        else if (c < '0' || c > '9')
            return false;
    }
    return dots <= 1 && text.front() != '.' && text.back() != '.';
}

std::string jurisdiction_kind(soci::session& sql, const std::string& code) {
    std::string kind;
    soci::indicator ind = soci::i_null;
    sql << "SELECT kind FROM policy_jurisdictions WHERE code = :c", soci::use(code), soci::into(kind, ind);
    return sql.got_data() && ind == soci::i_ok ? kind : "";
}

bool is_member(soci::session& sql, const std::string& body, const std::string& municipality) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM policy_jurisdiction_members WHERE body = :b AND municipality = :m",
        soci::use(body), soci::use(municipality), soci::into(n);
    return n > 0;
}

// Every field of `in` against the codebook and the registered jurisdictions.
Status validate(soci::session& sql, const access::Actor& who, const ObservationInput& in) {
    const std::string kind = jurisdiction_kind(sql, in.jurisdiction);
    if (kind.empty())
        return detail::invalid("jurisdiction",
                               fmt::format("'{}' no está registrada / '{}' is not a registered "
                                           "jurisdiction",
                                           in.jurisdiction, in.jurisdiction));
    if (kind == "oxcgrt")
        return detail::invalid(
            "jurisdiction", fmt::format("'{}' viene de los archivos de OxCGRT, no se codifica aquí / comes "
                                        "from OxCGRT's files and is not coded here",
                                        in.jurisdiction));
    if (in.scope == "TOTAL")
        return detail::invalid("scope", "TOTAL se deriva, no se codifica / TOTAL is derived, not coded");
    if (in.scope != "GOV" && in.scope != "WIDE")
        return detail::invalid("scope", fmt::format("'{}': GOV o WIDE / GOV or WIDE", in.scope));
    const IndicatorDef* def = find_indicator(in.indicator);
    if (!def)
        return detail::invalid("indicator",
                               fmt::format("'{}' no está en el libro de códigos / '{}' is not in the "
                                           "codebook",
                                           in.indicator, in.indicator));
    int ordinal = 0;
    switch (def->scale) {
        case Scale::ordinal: {
            const auto v = parse_ordinal(in.value);
            if (!v || *v > def->max_value)
                return detail::invalid(
                    "value", fmt::format("'{}': {} va de 0 a {} / {} runs from 0 to {}", in.value, def->code,
                                         def->max_value, def->code, def->max_value));
            ordinal = *v;
            break;
        }
        case Scale::monetary:
            if (!valid_amount(in.value))
                return detail::invalid("value", fmt::format("'{}': {} es un monto en USD (1234.5) / {} is an "
                                                            "amount in USD",
                                                            in.value, def->code, def->code));
            break;
        case Scale::text:
            if (in.value.empty() || in.value.size() > 4000)
                return detail::invalid("value", "un texto de 1 a 4000 bytes / a text of 1 to 4000 bytes");
            break;
        default:
            return detail::invalid("indicator",
                                   fmt::format("{} se codifica por grupo de población, no aquí / "
                                               "{} is coded per population group, not here",
                                               def->code, def->code));
    }
    if (def->flag == FlagKind::none && in.flag)
        return detail::invalid("flag",
                               fmt::format("{} no tiene bandera / {} has no flag", def->code, def->code));
    if (def->flag != FlagKind::none) {
        if (def->scale == Scale::ordinal && ordinal == 0 && in.flag)
            return detail::invalid("flag", "sin bandera cuando el valor es 0 / blank when the value is 0");
        if (ordinal > 0 && !in.flag)
            return detail::invalid("flag", fmt::format("obligatoria: 0 focalizada, 1 general / required: 0 "
                                                       "targeted, 1 general ({})",
                                                       flag_kind_name(def->flag)));
        if (in.flag && *in.flag != 0 && *in.flag != 1) return detail::invalid("flag", "0 o 1 / 0 or 1");
    }
    if (!in.applies_to.empty()) {
        if (def->flag != FlagKind::geographic || in.flag != 0)
            return detail::invalid("applies_to",
                                   "sólo con bandera geográfica 0 (focalizada) / only with a "
                                   "geographic flag 0 (targeted)");
        if (kind == "municipality")
            return detail::invalid("applies_to",
                                   "un municipio no focaliza otros / a municipality targets no "
                                   "other");
        for (size_t i = 0; i < in.applies_to.size(); ++i) {
            const std::string& m = in.applies_to[i];
            const std::string field = fmt::format("applies_to/{}", i);
            if (jurisdiction_kind(sql, m) != "municipality")
                return detail::invalid(field, fmt::format("'{}' no es un municipio registrado / is not a "
                                                          "registered municipality",
                                                          m));
            if ((kind == "state" && m.substr(0, 2) != in.jurisdiction) ||
                (kind == "metro_body" && !is_member(sql, in.jurisdiction, m)))
                return detail::invalid(field, fmt::format("{} no está en {} / {} is not in {}", m,
                                                          in.jurisdiction, m, in.jurisdiction));
        }
    }
    const auto segment = parse_segment(in.segment);
    if (!segment)
        return detail::invalid("segment", fmt::format("'{}': E, NV, V, M o EV / or EV", in.segment));
    if (*segment != Segment::everyone && !def->vaccine_differentiated)
        return detail::invalid("segment", fmt::format("{} no se diferencia por vacunación: E / {} is not "
                                                      "vaccine-differentiated: E",
                                                      def->code, def->code));
    if (*segment == Segment::everyone_or_vaccinated && def->code != "C8")
        return detail::invalid("segment", "EV sólo en C8 / EV on C8 only");
    if (*segment == Segment::majority && def->code == "C8")
        return detail::invalid("segment", "C8 usa EV, no M / C8 takes EV, not M");
    if (!in.start_date) return detail::invalid("start_date", "obligatoria / required");
    if (in.end_date && *in.end_date < *in.start_date)
        return detail::invalid("end_date", "anterior a start_date / before start_date");
    if (in.announced_on && in.implemented_on && *in.implemented_on < *in.announced_on)
        return detail::invalid("implemented_on", "anterior a announced_on / before announced_on");
    if (in.implemented_on && in.end_date && *in.end_date < *in.implemented_on)
        return detail::invalid("implemented_on", "posterior a end_date / after end_date");
    if (in.notes.size() > 4000) return detail::invalid("notes", "más de 4000 bytes / longer than 4000 bytes");
    const ObservationSource& s = in.source;
    if (!contains(source_kinds(), s.kind))
        return detail::invalid("source/kind",
                               fmt::format("'{}': dof, periodico_oficial, cabildo, press_release u "
                                           "other / or other",
                                           s.kind));
    if (s.title.empty() || s.title.size() > 1000)
        return detail::invalid("source/title", "obligatorio, hasta 1000 bytes / required, up to 1000 bytes");
    if (s.issuer.empty() || s.issuer.size() > 500)
        return detail::invalid("source/issuer", "obligatorio, hasta 500 bytes / required, up to 500 bytes");
    if (!(s.url.starts_with("https://") || s.url.starts_with("http://")) || s.url.size() > 2000 ||
        s.url.find(' ') != std::string::npos)
        return detail::invalid("source/url",
                               fmt::format("'{}': una dirección http(s) / an http(s) address", s.url));
    if (def->scale == Scale::ordinal) {
        TRY(check_extensions(in.extensions, def->code, ordinal));
    } else if (!in.extensions.empty()) {
        return detail::invalid("extensions",
                               fmt::format("{} no es ordinal: sin extensiones / {} is not ordinal: "
                                           "no extensions",
                                           def->code, def->code));
    }
    if (in.unverified && in.verification_note.empty())
        return detail::invalid("verification_note", "obligatoria con unverified / required with unverified");
    if (in.verification_note.size() > 2000)
        return detail::invalid("verification_note", "más de 2000 bytes / longer than 2000 bytes");
    const bool seed = who.id == "system";
    if (!seed && (!in.coder.empty() || !in.reviewer.empty()))
        return detail::invalid(
            in.coder.empty() ? "reviewer" : "coder",
            "sólo los datos de origen lo nombran; quien registra es quien codifica / named only "
            "by the bundled data: whoever records it is its coder");
    if (seed && (in.coder.empty() || in.reviewer.empty()))
        return detail::invalid(
            in.coder.empty() ? "coder" : "reviewer",
            "los datos de origen nombran a quien codificó y revisó / the bundled data names "
            "its coder and reviewer");
    return ok_status();
}

// The id of a source document with exactly these fields, made when there is none.
long long source_id(soci::session& sql, const ObservationSource& s, const std::string& who,
                    const std::string& now) {
    const std::string issued = s.issued_on ? s.issued_on->iso() : "";
    long long id = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT id FROM policy_sources WHERE sha256 IS NULL AND kind = :k AND title = :t AND issuer = :i "
           "AND "
           "COALESCE(issued_on, '') = :d AND COALESCE(url, '') = :u ORDER BY id LIMIT 1",
        soci::use(s.kind), soci::use(s.title), soci::use(s.issuer), soci::use(issued), soci::use(s.url),
        soci::into(id, ind);
    if (sql.got_data() && ind == soci::i_ok) return id;
    sql << "INSERT INTO policy_sources (kind, title, issuer, issued_on, url, created_at, created_by) VALUES "
           "(:k, :t, "
           ":i, NULLIF(:d, ''), :u, :c, :b) RETURNING id",
        soci::use(s.kind), soci::use(s.title), soci::use(s.issuer), soci::use(issued), soci::use(s.url),
        soci::use(now), soci::use(who), soci::into(id);
    return id;
}

constexpr const char* k_observation_select =
    "SELECT o.id, o.jurisdiction, o.level, o.indicator, o.segment, o.value, o.flag, o.applies_to, "
    "o.start_date, "
    "o.end_date, o.announced_on, o.implemented_on, o.notes, o.source_id, s.kind, s.title, s.issuer, "
    "s.issued_on, "
    "s.url, o.curfew_from, o.curfew_to, o.capacity_pct, o.closing_time, o.alcohol_sales, o.alcohol_until, "
    "o.max_group_size, o.unverified, o.verification_note, o.coder, o.reviewer, o.review_state, o.created_at, "
    "j.name, o.version, o.supersedes, (SELECT MIN(c.id) FROM policy_observations c WHERE c.supersedes = o.id "
    "AND "
    "c.review_state = 'approved'), o.review_reason, o.submitted_at, o.reviewed_at "
    "FROM policy_observations o JOIN policy_sources s ON s.id = o.source_id "
    "JOIN policy_jurisdictions j ON j.code = o.jurisdiction WHERE j.kind <> 'oxcgrt'";

Observation observation_from_row(const soci::row& row) {
    Observation o;
    o.id = storage::get_int64(row, 0);
    o.jurisdiction = row.get<std::string>(1);
    o.scope = row.get<std::string>(2);
    o.indicator = row.get<std::string>(3);
    o.segment = row.get<std::string>(4);
    o.value = row.get<std::string>(5);
    o.flag = storage::optional_int(row, 6);
    o.applies_to = detail::split_list(row.get<std::string>(7));
    o.start_date = *Date::parse_iso(row.get<std::string>(8));
    const std::string end = row.get<std::string>(9);
    if (end != k_open_end) o.end_date = Date::parse_iso(end);
    o.announced_on = storage::optional_date(row, 10);
    o.implemented_on = storage::optional_date(row, 11);
    o.notes = row.get<std::string>(12);
    o.source_id = storage::get_int64(row, 13);
    o.source.kind = row.get<std::string>(14);
    o.source.title = row.get<std::string>(15);
    o.source.issuer = row.get<std::string>(16);
    o.source.issued_on = storage::optional_date(row, 17);
    o.source.url = storage::optional_text(row, 18).value_or("");
    o.extensions.curfew_from = storage::optional_text(row, 19);
    o.extensions.curfew_to = storage::optional_text(row, 20);
    o.extensions.capacity_pct = storage::optional_int(row, 21);
    o.extensions.closing_time = storage::optional_text(row, 22);
    o.extensions.alcohol_sales = storage::optional_text(row, 23);
    o.extensions.alcohol_until = storage::optional_text(row, 24);
    o.extensions.max_group_size = storage::optional_int(row, 25);
    o.unverified = storage::get_int64(row, 26) != 0;
    o.verification_note = row.get<std::string>(27);
    o.coder = row.get<std::string>(28);
    o.reviewer = storage::optional_text(row, 29).value_or("");
    o.review_state = row.get<std::string>(30);
    o.created_at = row.get<std::string>(31);
    o.jurisdiction_name = row.get<std::string>(32);
    o.version = storage::get_int64(row, 33);
    if (row.get_indicator(34) == soci::i_ok) o.supersedes = storage::get_int64(row, 34);
    if (row.get_indicator(35) == soci::i_ok) o.superseded_by = storage::get_int64(row, 35);
    o.review_reason = row.get<std::string>(36);
    o.submitted_at = storage::optional_text(row, 37).value_or("");
    o.reviewed_at = storage::optional_text(row, 38).value_or("");
    return o;
}

std::vector<Observation> select(soci::session& sql, std::optional<long long> id,
                                const std::string& jurisdiction) {
    std::vector<Observation> out;
    if (id) {
        soci::rowset<soci::row> rows =
            (sql.prepare << fmt::format("{} AND o.id = :id", k_observation_select), soci::use(*id));
        for (const auto& row : rows) out.push_back(observation_from_row(row));
    } else {
        soci::rowset<soci::row> rows =
            (sql.prepare << fmt::format("{} AND (:j = '' OR o.jurisdiction = :j2) ORDER BY o.jurisdiction, "
                                        "o.indicator, o.start_date, o.id",
                                        k_observation_select),
             soci::use(jurisdiction), soci::use(jurisdiction));
        for (const auto& row : rows) out.push_back(observation_from_row(row));
    }
    return out;
}

}  // namespace

namespace detail {

json audited_observation(const Observation& o) {
    json out = observation_json(o);
    for (const char* k :
         {"id", "created_at", "jurisdiction_name", "indicator_name", "value_label", "superseded_by"})
        out.erase(k);
    return out;
}

std::optional<Observation> load_observation(soci::session& sql, int64_t id) {
    auto found = select(sql, id, "");
    if (found.empty()) return std::nullopt;
    return found.front();
}

Status check_observation_input(soci::session& sql, const access::Actor& who, const ObservationInput& in) {
    return validate(sql, who, in);
}

long long observation_source_id(soci::session& sql, const ObservationSource& s, const std::string& who,
                                const std::string& now) {
    return source_id(sql, s, who, now);
}

}  // namespace detail

Result<int> register_policy_jurisdictions(storage::Database& db, const Clock& clock,
                                          const std::vector<PolicyJurisdiction>& jurisdictions) {
    int made = 0;
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        const std::string now = clock.now_iso();
        for (const auto& j : jurisdictions) {
            if (!jurisdiction_kind(sql, j.code).empty()) continue;
            const std::string country = "MEX", country_name = "México";
            sql << "INSERT INTO policy_jurisdictions (code, name, country_code, country_name, kind, "
                   "created_at) "
                   "VALUES (:c, :n, :cc, :cn, :k, :t)",
                soci::use(j.code), soci::use(j.name), soci::use(country), soci::use(country_name),
                soci::use(j.kind), soci::use(now);
            ++made;
        }
        for (const auto& j : jurisdictions) {
            for (const auto& m : j.members) {
                if (is_member(sql, j.code, m)) continue;
                sql << "INSERT INTO policy_jurisdiction_members (body, municipality) VALUES (:b, :m)",
                    soci::use(j.code), soci::use(m);
            }
        }
        return ok_status();
    });
    if (!written) return written.error();
    return made;
}

Result<ObservationInput> observation_input_from_json(const json& b) {
    if (!b.is_object()) return detail::invalid("", "un objeto JSON / a JSON object");
    ObservationInput in;
    auto text = [&](const char* key, std::string& into) -> Status {
        if (!b.contains(key) || b.at(key).is_null()) return ok_status();
        if (!b.at(key).is_string()) return detail::invalid(key, "un texto / a string");
        into = b.at(key).get<std::string>();
        return ok_status();
    };
    auto date = [&](const json& from, const std::string& pointer, const char* key,
                    std::optional<Date>& into) -> Status {
        if (!from.contains(key) || from.at(key).is_null()) return ok_status();
        const auto& v = from.at(key);
        into = v.is_string() ? Date::parse_iso(v.get<std::string>()) : std::nullopt;
        if (!into) return detail::invalid(pointer, "una fecha AAAA-MM-DD / a date YYYY-MM-DD");
        return ok_status();
    };
    for (auto [key, into] :
         {std::pair{"jurisdiction", &in.jurisdiction}, std::pair{"scope", &in.scope},
          std::pair{"indicator", &in.indicator}, std::pair{"segment", &in.segment},
          std::pair{"notes", &in.notes}, std::pair{"verification_note", &in.verification_note}})
        TRY(text(key, *into));
    if (b.contains("value")) {
        const auto& v = b.at("value");
        if (v.is_number_integer())
            in.value = std::to_string(v.get<long long>());
        else if (v.is_string())
            in.value = v.get<std::string>();
        else
            return detail::invalid("value", "un entero o un texto / an integer or a string");
    }
    if (b.contains("flag") && !b.at("flag").is_null()) {
        if (!b.at("flag").is_number_integer()) return detail::invalid("flag", "0 o 1 / 0 or 1");
        in.flag = b.at("flag").get<int>();
    }
    if (b.contains("supersedes") && !b.at("supersedes").is_null()) {
        if (!b.at("supersedes").is_number_integer())
            return detail::invalid("supersedes", "el número de una observación / an observation's id");
        in.supersedes = b.at("supersedes").get<int64_t>();
    }
    if (b.contains("applies_to") && !b.at("applies_to").is_null()) {
        if (!b.at("applies_to").is_array()) return detail::invalid("applies_to", "una lista / an array");
        for (size_t i = 0; i < b.at("applies_to").size(); ++i) {
            const auto& m = b.at("applies_to").at(i);
            if (!m.is_string())
                return detail::invalid(fmt::format("applies_to/{}", i), "un texto / a string");
            in.applies_to.push_back(m.get<std::string>());
        }
    }
    TRY(date(b, "start_date", "start_date", in.start_date));
    TRY(date(b, "end_date", "end_date", in.end_date));
    TRY(date(b, "announced_on", "announced_on", in.announced_on));
    TRY(date(b, "implemented_on", "implemented_on", in.implemented_on));
    if (b.contains("unverified") && !b.at("unverified").is_null()) {
        if (!b.at("unverified").is_boolean()) return detail::invalid("unverified", "true o false / or false");
        in.unverified = b.at("unverified").get<bool>();
    }
    if (!b.contains("source") || !b.at("source").is_object())
        return detail::invalid("source", "obligatorio: {kind, title, issuer, issued_on, url} / required");
    const json& s = b.at("source");
    for (auto [key, into] : {std::pair{"kind", &in.source.kind}, std::pair{"title", &in.source.title},
                             std::pair{"issuer", &in.source.issuer}, std::pair{"url", &in.source.url}}) {
        if (s.contains(key) && !s.at(key).is_null()) {
            if (!s.at(key).is_string())
                return detail::invalid(fmt::format("source/{}", key), "un texto / a string");
            *into = s.at(key).get<std::string>();
        }
    }
    TRY(date(s, "source/issued_on", "issued_on", in.source.issued_on));
    if (b.contains("extensions")) {
        TRY_ASSIGN(ext, extensions_from_json(b.at("extensions")));
        in.extensions = ext;
    }
    return in;
}

json observation_json(const Observation& o) {
    auto date_or_null = [](const std::optional<Date>& d) { return d ? json(d->iso()) : json(nullptr); };
    json indicator_name = nullptr, value_label = nullptr;
    if (const IndicatorDef* def = find_indicator(o.indicator)) {
        indicator_name = {{"es", def->name_es}, {"en", def->name_en}};
        for (const auto& l : def->labels)
            if (std::to_string(l.value) == o.value) value_label = {{"es", l.es}, {"en", l.en}};
    }
    return {{"id", o.id},
            {"jurisdiction", o.jurisdiction},
            {"scope", o.scope},
            {"indicator", o.indicator},
            {"segment", o.segment},
            {"value", o.value},
            {"flag", o.flag ? json(*o.flag) : json(nullptr)},
            {"applies_to", o.applies_to},
            {"start_date", o.start_date.iso()},
            {"end_date", date_or_null(o.end_date)},
            {"announced_on", date_or_null(o.announced_on)},
            {"implemented_on", date_or_null(o.implemented_on)},
            {"notes", o.notes},
            {"source",
             {{"id", o.source_id},
              {"kind", o.source.kind},
              {"title", o.source.title},
              {"issuer", o.source.issuer},
              {"issued_on", date_or_null(o.source.issued_on)},
              {"url", o.source.url}}},
            {"extensions", extensions_json(o.extensions)},
            {"unverified", o.unverified},
            {"verification_note", o.verification_note},
            {"coder", o.coder},
            {"reviewer", o.reviewer.empty() ? json(nullptr) : json(o.reviewer)},
            {"review_state", o.review_state},
            {"created_at", o.created_at},
            {"jurisdiction_name", o.jurisdiction_name},
            {"indicator_name", indicator_name},
            {"value_label", value_label},
            {"version", o.version},
            {"supersedes", o.supersedes ? json(*o.supersedes) : json(nullptr)},
            {"superseded_by", o.superseded_by ? json(*o.superseded_by) : json(nullptr)},
            {"review_reason", o.review_reason.empty() ? json(nullptr) : json(o.review_reason)},
            {"submitted_at", o.submitted_at.empty() ? json(nullptr) : json(o.submitted_at)},
            {"reviewed_at", o.reviewed_at.empty() ? json(nullptr) : json(o.reviewed_at)}};
}

Result<int64_t> record_observation_in(storage::Database& db, const Clock& clock, const access::Actor& who,
                                      const std::string& request_id, const ObservationInput& in,
                                      bool audited_here) {
    if (!access::permits(who, k_action)) return detail::refused(who, k_action);
    auto& sql = db.session();
    TRY(validate(sql, who, in));
    const bool seed = who.id == "system";
    const std::string now = clock.now_iso();
    const long long source = source_id(sql, in.source, who.id, now);
    const std::string start = in.start_date->iso(), end = in.end_date ? in.end_date->iso() : k_open_end;
    long long duplicates = 0;
    if (in.supersedes) {
        TRY(detail::check_correction(sql, in));
    } else {
        sql << "SELECT COUNT(*) FROM policy_observations WHERE source_id = :s AND jurisdiction = :j AND "
               "level = :l "
               "AND indicator = :i AND segment = :g AND start_date = :d AND supersedes IS NULL",
            soci::use(source), soci::use(in.jurisdiction), soci::use(in.scope), soci::use(in.indicator),
            soci::use(in.segment), soci::use(start), soci::into(duplicates);
    }
    if (duplicates > 0)
        return make_error(
            ErrorCode::conflict,
            fmt::format("/start_date: esta fuente ya codifica {} {} {} desde {} / this source already "
                        "codes {} {} {} from {}",
                        in.jurisdiction, in.scope, in.indicator, start, in.jurisdiction, in.scope,
                        in.indicator, start));
    const LocalExtensions& e = in.extensions;
    const std::string announced = in.announced_on ? in.announced_on->iso() : "",
                      implemented = in.implemented_on ? in.implemented_on->iso() : start,
                      coder = seed ? in.coder : coder_of(who), reviewer = seed ? in.reviewer : "",
                      state = seed ? "approved" : "draft", applies = detail::join_list(in.applies_to),
                      curfew_from = e.curfew_from.value_or(""), curfew_to = e.curfew_to.value_or(""),
                      closing = e.closing_time.value_or(""), alcohol = e.alcohol_sales.value_or(""),
                      alcohol_until = e.alcohol_until.value_or("");
    const int flag = in.flag.value_or(-1), capacity = e.capacity_pct.value_or(-1),
              group = e.max_group_size.value_or(-1), unverified = in.unverified ? 1 : 0;
    const long long corrects = in.supersedes.value_or(-1);
    long long id = 0;
    sql << "INSERT INTO policy_observations (jurisdiction, level, indicator, segment, value, flag, "
           "start_date, "
           "end_date, announced_on, implemented_on, notes, source_id, coder, reviewer, review_state, "
           "created_at, "
           "curfew_from, curfew_to, capacity_pct, closing_time, alcohol_sales, alcohol_until, "
           "max_group_size, "
           "applies_to, unverified, verification_note, supersedes) VALUES (:j, :l, :i, :g, :v, NULLIF(:f, "
           "-1), :sd, "
           ":ed, NULLIF(:an, ''), :im, :n, :s, :co, NULLIF(:re, ''), :st, :cr, NULLIF(:cf, ''), NULLIF(:ct, "
           "''), "
           "NULLIF(:cap, -1), NULLIF(:cl, ''), NULLIF(:al, ''), NULLIF(:au, ''), NULLIF(:gr, -1), :ap, :u, "
           ":vn, "
           "NULLIF(:sup, -1)) RETURNING id",
        soci::use(in.jurisdiction), soci::use(in.scope), soci::use(in.indicator), soci::use(in.segment),
        soci::use(in.value), soci::use(flag), soci::use(start), soci::use(end), soci::use(announced),
        soci::use(implemented), soci::use(in.notes), soci::use(source), soci::use(coder), soci::use(reviewer),
        soci::use(state), soci::use(now), soci::use(curfew_from), soci::use(curfew_to), soci::use(capacity),
        soci::use(closing), soci::use(alcohol), soci::use(alcohol_until), soci::use(group),
        soci::use(applies), soci::use(unverified), soci::use(in.verification_note), soci::use(corrects),
        soci::into(id);
    if (audited_here) {
        auto stored = select(sql, id, "");
        if (stored.empty()) return make_error(ErrorCode::internal, "an inserted observation is missing");
        TRY(access::audit(db, clock, who, request_id,
                          {"policy.observation.create", "policy_observation", std::to_string(id),
                           access::diff_of(json::object(), detail::audited_observation(stored.front()))}));
    }
    return static_cast<int64_t>(id);
}

Result<int64_t> record_observation(storage::Database& db, const Clock& clock, const access::Actor& who,
                                   const std::string& request_id, const ObservationInput& input) {
    if (!access::permits(who, k_action)) return detail::refused(who, k_action);
    int64_t id = 0;
    const Status written = db.transaction([&]() -> Status {
        TRY_ASSIGN(made, record_observation_in(db, clock, who, request_id, input, true));
        id = made;
        return ok_status();
    });
    if (!written) return written.error();
    return id;
}

Result<Observation> get_observation(storage::Database& db, int64_t id) {
    return detail::reading(db, [&]() -> Result<Observation> {
        auto found = select(db.session(), id, "");
        if (found.empty())
            return make_error(ErrorCode::not_found,
                              fmt::format("no hay observación {} / no observation {}", id, id));
        return found.front();
    });
}

Result<std::vector<Observation>> list_observations(storage::Database& db, const std::string& jurisdiction) {
    return detail::reading(db, [&]() -> Result<std::vector<Observation>> {
        return select(db.session(), std::nullopt, jurisdiction);
    });
}

}  // namespace metropoli::homologation

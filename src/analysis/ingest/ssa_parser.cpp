// SPDX-License-Identifier: MIT
// The hot loop of the release ingest: split a line into fields (quoted or not), check the field count, and
// classify the record by the official definitions (reference/epidemiology.md §5.6).
#include "analysis/ingest/ssa_parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "analysis/releases/ingest_report.hpp"

namespace metropoli::analysis {

MunicipalityIndex::MunicipalityIndex() : m_slots(100 * 1000, k_unknown) {}

void MunicipalityIndex::add(const std::string& code, bool in_scope) {
    if (code.size() != 5 ||
        !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return;
    const int state = (code[0] - '0') * 10 + (code[1] - '0');
    const int muni = (code[2] - '0') * 100 + (code[3] - '0') * 10 + (code[4] - '0');
    auto& slot = m_slots[static_cast<size_t>(state) * 1000 + static_cast<size_t>(muni)];
    if (!in_scope) {
        slot = k_out_of_scope;
        return;
    }
    slot = static_cast<int16_t>(m_codes.size());
    m_codes.push_back(code);
}

namespace {

constexpr size_t k_max_distinct_set_aside = 64;  // per column; more distinct bad values are pooled

// A small non-negative integer code ("1", "97", "05"); -1 when it is not one.
inline int parse_code(std::string_view s) {
    if (s.empty() || s.size() > 4) return -1;
    int v = 0;
    for (char c : s) {
        const auto d = static_cast<unsigned>(c - '0');
        if (d > 9) return -1;
        v = v * 10 + static_cast<int>(d);
    }
    return v;
}

enum class DateValue { valid, sentinel, invalid };

inline DateValue parse_date(std::string_view s, const ParseContext& ctx, uint16_t& day) {
    if (s == "9999-99-99") return DateValue::sentinel;
    auto d = Date::parse_iso(s);
    if (!d || *d > ctx.release) return DateValue::invalid;
    auto offset = CountKey::day_of(*d);
    if (!offset) return DateValue::invalid;
    day = *offset;
    return DateValue::valid;
}

inline bool in_si_no(int v) {
    return v == 1 || v == 2 || v == 97 || v == 98 || v == 99;
}

class LineClassifier {
public:
    LineClassifier(const ParseContext& ctx, uint64_t chunk, WorkerState& state)
        : m_ctx(ctx), m_chunk(chunk), m_state(state) {}

    void reject(uint64_t line, Field column, bool is_count, std::string kind, std::string reason) {
        ++m_state.rejected;
        ++m_state.reject_kinds[kind];
        if (m_state.rejects.size() < IngestReport::k_max_reject_details) {
            m_state.rejects.push_back({m_chunk, line, column, is_count, std::move(reason), std::move(kind)});
        }
        if (m_ctx.strict) m_ctx.stop->store(true, std::memory_order_relaxed);
    }

    void set_aside(uint64_t line, Field column, std::string_view value) {
        const int col = static_cast<int>(column);
        auto key = std::make_pair(col, std::string(value));
        auto it = m_state.set_aside.find(key);
        if (it == m_state.set_aside.end()) {
            size_t distinct = 0;
            for (auto& [k, v] : m_state.set_aside) distinct += k.first == col ? 1 : 0;
            if (distinct >= k_max_distinct_set_aside) key.second = "(other values)";
            it = m_state.set_aside.emplace(key, SetAsideTally{0, m_chunk, line}).first;
        }
        ++it->second.count;
    }

    void classify(uint64_t line, const std::string_view* f);

private:
    const ParseContext& m_ctx;
    uint64_t m_chunk;
    WorkerState& m_state;
};

void LineClassifier::classify(uint64_t line, const std::string_view* f) {
    auto field = [&](Field x) { return f[static_cast<size_t>(x)]; };
    const SsaSchema schema = m_ctx.layout->schema;

    if (field(Field::fecha_actualizacion) != m_ctx.release_text) {
        reject(line, Field::fecha_actualizacion, false, "FECHA_ACTUALIZACION differs from the release date",
               fmt::format("FECHA_ACTUALIZACION '{}' differs from the release date {}",
                           field(Field::fecha_actualizacion), m_ctx.release_text));
        return;
    }
    const auto ent = field(Field::entidad_res);
    const auto mun = field(Field::municipio_res);
    const int ent_code = ent.size() == 2 ? parse_code(ent) : -1;
    const int mun_code = mun.size() == 3 ? parse_code(mun) : -1;
    if (ent_code < 0) {
        reject(line, Field::entidad_res, false, "ENTIDAD_RES is not a 2-digit state code",
               fmt::format("ENTIDAD_RES '{}' is not a 2-digit state code", ent));
        return;
    }
    if (mun_code < 0) {
        reject(line, Field::municipio_res, false, "MUNICIPIO_RES is not a 3-digit municipality code",
               fmt::format("MUNICIPIO_RES '{}' is not a 3-digit municipality code", mun));
        return;
    }
    const int16_t muni = m_ctx.municipalities->lookup(ent_code, mun_code);
    if (muni == MunicipalityIndex::k_out_of_scope) {
        ++m_state.out_of_scope;
        return;
    }
    if (muni == MunicipalityIndex::k_unknown) {
        reject(line, Field::municipio_res, false, "municipality of residence not in the SSA catalogue",
               fmt::format("municipality of residence {}{} is not in the SSA catalogue", ent, mun));
        return;
    }
    ++m_state.kept;

    // Fields outside their catalogue are set aside one by one; the rest of the record still counts.
    int sex = k_sex_unknown;
    switch (parse_code(field(Field::sexo))) {
        case 1:
            sex = 0;
            break;
        case 2:
            sex = 1;
            break;
        case 99:
            sex = k_sex_unknown;
            break;
        default:
            set_aside(line, Field::sexo, field(Field::sexo));
    }
    int age_band = k_age_unknown;
    const int age = parse_code(field(Field::edad));
    if (age >= 0 && age <= 130) {
        age_band = age >= 80 ? 8 : age / 10;
    } else {
        set_aside(line, Field::edad, field(Field::edad));
    }
    uint16_t onset = 0, admission = 0, death = 0;
    const DateValue onset_v = parse_date(field(Field::fecha_sintomas), m_ctx, onset);
    if (onset_v != DateValue::valid) set_aside(line, Field::fecha_sintomas, field(Field::fecha_sintomas));
    const DateValue admission_v = parse_date(field(Field::fecha_ingreso), m_ctx, admission);
    if (admission_v != DateValue::valid) set_aside(line, Field::fecha_ingreso, field(Field::fecha_ingreso));
    const DateValue death_v = parse_date(field(Field::fecha_def), m_ctx, death);
    if (death_v == DateValue::invalid) set_aside(line, Field::fecha_def, field(Field::fecha_def));

    std::array<bool, k_measure_count> is{};
    auto mark = [&](Measure m) { is[static_cast<size_t>(m)] = true; };
    auto code_of = [&](Field x, auto valid) {
        const int v = parse_code(field(x));
        if (!valid(v)) {
            set_aside(line, x, field(x));
            return -1;
        }
        return v;
    };

    bool confirmed = false;
    if (schema == SsaSchema::resultado_2020) {
        // Before October 2020 everyone in the file had a lab sample; RESULTADO 3 is a pending result.
        const int r = code_of(Field::resultado, [](int v) { return v >= 1 && v <= 3; });
        if (r >= 1) mark(Measure::tested);
        if (r == 1) confirmed = true, mark(Measure::lab_positive);
        if (r == 2) mark(Measure::negative), mark(Measure::lab_negative);
        if (r == 3) mark(Measure::suspected);
    } else {
        const int cf = code_of(Field::clasificacion_final, [](int v) { return v >= 1 && v <= 7; });
        if (cf >= 1 && cf <= 3) confirmed = true;
        if (cf == 6) mark(Measure::suspected);
        if (cf == 7) mark(Measure::negative);
        const int lab_sample = code_of(Field::toma_muestra_lab, in_si_no);
        const int lab = code_of(Field::resultado_lab, [](int v) { return (v >= 1 && v <= 4) || v == 97; });
        if (lab == 1) mark(Measure::lab_positive);
        if (lab == 2) mark(Measure::lab_negative);
        bool sampled = lab_sample == 1;
        if (schema == SsaSchema::antigeno_2020_11) {
            const int ag_sample = code_of(Field::toma_muestra_antigeno, in_si_no);
            const int ag =
                code_of(Field::resultado_antigeno, [](int v) { return v == 1 || v == 2 || v == 97; });
            if (ag == 1) mark(Measure::antigen_positive);
            if (ag == 2) mark(Measure::antigen_negative);
            sampled = sampled || ag_sample == 1;
        }
        if (sampled) mark(Measure::tested);
    }
    if (confirmed) mark(Measure::confirmed);
    if (code_of(Field::tipo_paciente, [](int v) { return v == 1 || v == 2 || v == 99; }) == 2)
        mark(Measure::hospitalized);
    if (code_of(Field::uci, in_si_no) == 1) mark(Measure::icu);
    if (code_of(Field::intubado, in_si_no) == 1) mark(Measure::intubated);
    if (confirmed && death_v == DateValue::valid) mark(Measure::deaths);

    CountKey key{static_cast<uint32_t>(muni),    Measure::confirmed,       Basis::onset, 0,
                 static_cast<uint8_t>(age_band), static_cast<uint8_t>(sex)};
    for (size_t m = 0; m < is.size(); ++m) {
        if (!is[m]) continue;
        key.measure = static_cast<Measure>(m);
        if (onset_v == DateValue::valid) {
            key.basis = Basis::onset;
            key.day = onset;
            m_state.counts.add(key.pack());
        }
        if (admission_v == DateValue::valid) {
            key.basis = Basis::admission;
            key.day = admission;
            m_state.counts.add(key.pack());
        }
        if (key.measure == Measure::deaths) {
            key.basis = Basis::death;
            key.day = death;
            m_state.counts.add(key.pack());
        }
    }
}

}  // namespace

uint64_t parse_chunk(const ParseContext& ctx, uint64_t chunk_id, std::string_view chunk, WorkerState& state) {
    LineClassifier classifier(ctx, chunk_id, state);
    const SsaLayout& layout = *ctx.layout;
    const size_t expected = layout.column_count;
    const int* slot_of = layout.slot_of_column.data();
    std::array<std::string_view, k_field_count> fields{};

    const char* p = chunk.data();
    const char* const chunk_end = p + chunk.size();
    uint64_t line = 0;
    while (p < chunk_end) {
        if (ctx.strict && ctx.stop->load(std::memory_order_relaxed)) break;
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(chunk_end - p)));
        const char* end = nl ? nl : chunk_end;
        const char* next = nl ? nl + 1 : chunk_end;
        ++line;
        ++state.rows;
        if (end > p && end[-1] == '\r') --end;
        if (end == p) {
            classifier.reject(line, Field::fecha_actualizacion, true, "empty line", "empty line");
            p = next;
            continue;
        }
        size_t column = 0;
        bool malformed = false;
        const char* q = p;
        while (true) {
            const char* fs;
            const char* fe;
            if (*q == '"') {
                fs = q + 1;
                const char* close =
                    static_cast<const char*>(std::memchr(fs, '"', static_cast<size_t>(end - fs)));
                if (!close) {
                    malformed = true;
                    break;
                }
                fe = close;
                q = close + 1;
                if (q < end && *q != ',') {
                    malformed = true;
                    break;
                }
            } else {
                fs = q;
                const char* comma =
                    static_cast<const char*>(std::memchr(q, ',', static_cast<size_t>(end - q)));
                fe = comma ? comma : end;
                q = fe;
            }
            if (column < expected) {
                const int slot = slot_of[column];
                if (slot >= 0)
                    fields[static_cast<size_t>(slot)] = std::string_view(fs, static_cast<size_t>(fe - fs));
            }
            ++column;
            if (q >= end) break;
            ++q;             // the comma
            if (q == end) {  // a trailing comma opens one more, empty field
                ++column;
                break;
            }
        }
        if (malformed) {
            classifier.reject(line, Field::fecha_actualizacion, true, "malformed quoting",
                              fmt::format("malformed quoting in field {}", column + 1));
        } else if (column != expected) {
            classifier.reject(line, Field::fecha_actualizacion, true, "wrong number of fields",
                              fmt::format("expected {} fields, found {}", expected, column));
        } else {
            classifier.classify(line, fields.data());
        }
        p = next;
    }
    return line;
}

}  // namespace metropoli::analysis

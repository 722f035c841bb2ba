// SPDX-License-Identifier: MIT
// Parses and classifies the records of one chunk of the federal release (whole lines only) into counts.
// Runs on several threads at once: each worker owns a WorkerState; the context is shared and read-only.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/ingest/aggregate.hpp"
#include "analysis/ingest/ssa_layout.hpp"
#include "core/date.hpp"

namespace metropoli::analysis {

// Maps ENTIDAD_RES (2 digits) and MUNICIPIO_RES (3 digits) to a municipality index.
class MunicipalityIndex {
public:
    static constexpr int16_t k_unknown = -1;       // not in the SSA catalogue
    static constexpr int16_t k_out_of_scope = -2;  // a real municipality of a state the ingest does not keep

    MunicipalityIndex();
    // Registers a municipality code ("05035"; anything but five digits is ignored); `in_scope` says whether
    // the ingest keeps it.
    void add(const std::string& code, bool in_scope);
    int16_t lookup(int state, int municipality) const {
        return m_slots[static_cast<size_t>(state) * 1000 + static_cast<size_t>(municipality)];
    }
    const std::string& code(size_t index) const { return m_codes[index]; }
    size_t size() const { return m_codes.size(); }

private:
    std::vector<int16_t> m_slots;  // 100 states x 1000 municipalities
    std::vector<std::string> m_codes;
};

struct ParseContext {
    const SsaLayout* layout = nullptr;
    const MunicipalityIndex* municipalities = nullptr;
    std::string release_text;  // FECHA_ACTUALIZACION of the first record, "YYYY-MM-DD"
    Date release;
    bool strict = false;
    std::atomic<bool>* stop = nullptr;  // set on the first reject in strict mode
};

struct LocalReject {
    uint64_t chunk;
    uint64_t line;  // 1-based within the chunk
    Field column;
    bool column_is_count;  // the reject is about the field count, not one field
    std::string reason;
    std::string reason_kind;  // the reason without values, for the summary
};

struct SetAsideTally {
    uint64_t count = 0;
    uint64_t first_chunk = 0;
    uint64_t first_line = 0;
};

struct WorkerState {
    explicit WorkerState(size_t max_entries) : counts(max_entries) {}
    CountTable counts;
    uint64_t rows = 0, kept = 0, out_of_scope = 0, rejected = 0;
    std::vector<LocalReject> rejects;
    std::map<std::string, uint64_t> reject_kinds;
    std::map<std::pair<int, std::string>, SetAsideTally> set_aside;  // (Field, value) -> tally
};

// Parses every line of `chunk` (which ends with '\n'); returns the number of lines.
uint64_t parse_chunk(const ParseContext& context, uint64_t chunk_id, std::string_view chunk,
                     WorkerState& state);

}  // namespace metropoli::analysis

// SPDX-License-Identifier: MIT
// The audit entry of a replaced release, from the stored release before and after.
#include "analysis/ingest/release_audit.hpp"

namespace metropoli::analysis {

namespace {

// What the stored release of (source, date) holds, or null when there is none.
Result<nlohmann::json> stored_state(ReleaseStore& store, const std::string& source, Date date) {
    auto releases = store.list();
    if (!releases) return releases.error();
    for (const auto& r : *releases) {
        if (r.info.source != source || r.info.release_date != date) continue;
        return nlohmann::json{{"scope", r.info.scope},
                              {"files", r.info.files},
                              {"rows_read", r.info.rows_read},
                              {"rows_kept", r.info.rows_kept},
                              {"rows_rejected", r.info.rows_rejected},
                              {"series", r.series},
                              {"measures", r.measures}};
    }
    return nlohmann::json();
}

}  // namespace

Result<uint64_t> replace_release_audited(ReleaseStore& store, const ReleaseInfo& info,
                                         const SeriesProducer& produce,
                                         const std::vector<std::pair<Measure, Basis>>& only_measures,
                                         Replacement replacement, const access::Attribution& by) {
    auto& db = store.database();
    uint64_t written = 0;
    auto status = db.transaction([&]() -> Status {
        TRY_ASSIGN(before, stored_state(store, info.source, info.release_date));
        TRY_ASSIGN(series, store.replace_release(info, produce, only_measures, replacement));
        written = series;
        TRY_ASSIGN(after, stored_state(store, info.source, info.release_date));
        access::AuditEntry entry;
        entry.action = before.is_null() ? "release.ingest" : "release.replace";
        entry.entity_type = "release";
        entry.entity_id = info.source + ":" + info.release_date.iso();
        entry.diff = access::diff_of(before, after);
        return access::audit(db, store.clock(), by.actor, by.request_id, entry);
    });
    if (!status) return status.error();
    return written;
}

}  // namespace metropoli::analysis

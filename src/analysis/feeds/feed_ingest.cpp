// SPDX-License-Identifier: MIT
// The feed ingest: parse the whole file first, then one replacing transaction.
#include "analysis/feeds/feed_ingest.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <set>

#include "analysis/feeds/feed_table.hpp"
#include "core/text.hpp"

namespace metropoli::analysis {

namespace {

// What the store holds from (feed, file name), or null when nothing.
Result<nlohmann::json> stored_state(FeedStore& store, Feed feed, const std::string& source_file) {
    auto files = store.list();
    if (!files) return files.error();
    for (const auto& f : *files) {
        if (f.file.feed != feed || f.file.source_file != source_file) continue;
        return nlohmann::json{{"path", f.file.path},
                              {"layout", f.file.layout},
                              {"first_date", f.file.first_date.iso()},
                              {"last_date", f.file.last_date.iso()},
                              {"rows_read", f.file.rows_read},
                              {"rows_kept", f.file.rows_kept},
                              {"values", f.values}};
    }
    return nlohmann::json();
}

}  // namespace

Result<FeedReport> ingest_feed(Feed feed, const std::string& path, const Region& region, FeedStore& store,
                               const access::Attribution& by) {
    const auto started = std::chrono::steady_clock::now();
    auto table = FeedTable::read(path);
    if (!table) return table.error();
    ParsedFeed parsed;
    const Status parsed_ok = feed == Feed::hospital   ? parse_hospital(*table, region, parsed)
                             : feed == Feed::mobility ? parse_mobility(*table, region, parsed)
                                                      : parse_economy(*table, region, parsed);
    if (!parsed_ok) return parsed_ok.error();
    if (parsed.values.empty()) {
        return make_error(
            ErrorCode::bad_input,
            fmt::format("{}: no figure for the places of region {} ({} rows read, {} outside the region, "
                        "{} empty cells); nothing was stored",
                        path, region.id, parsed.rows_read, parsed.rows_out_of_scope, parsed.missing));
    }

    FeedReport report;
    report.feed = feed;
    report.source = path;
    report.layout = parsed.layout;
    report.rows_read = parsed.rows_read;
    report.rows_kept = parsed.rows_kept;
    report.rows_out_of_scope = parsed.rows_out_of_scope;
    report.missing = parsed.missing;
    report.units = parsed.units.size();
    report.warnings = parsed.warnings;
    if (parsed.repeats > 0) {
        report.warnings.push_back(
            fmt::format("{} repeated values ignored (same day, place and value)", parsed.repeats));
    }
    std::set<Date> dates;
    std::set<std::string> places;
    for (const auto& v : parsed.values) {
        dates.insert(v.date);
        places.insert(v.jurisdiction);
    }
    report.first = *dates.begin();
    report.last = *dates.rbegin();
    report.dates = dates.size();
    report.jurisdictions.assign(places.begin(), places.end());

    FeedFile file;
    file.feed = feed;
    file.source_file = std::filesystem::path(path).filename().string();
    file.path = path;
    file.layout = parsed.layout;
    file.first_date = *report.first;
    file.last_date = *report.last;
    file.rows_read = parsed.rows_read;
    file.rows_kept = parsed.rows_kept;
    auto& db = store.database();
    auto stored = db.transaction([&]() -> Status {
        TRY_ASSIGN(before, stored_state(store, feed, file.source_file));
        TRY_ASSIGN(written, store.replace_file(file, parsed.values, parsed.units));
        report.values = written;
        TRY_ASSIGN(after, stored_state(store, feed, file.source_file));
        access::AuditEntry entry;
        entry.action = before.is_null() ? "feed.ingest" : "feed.replace";
        entry.entity_type = "feed";
        entry.entity_id = std::string(feed_name(feed)) + ":" + file.source_file;
        entry.diff = access::diff_of(before, after);
        return access::audit(db, store.clock(), by.actor, by.request_id, entry);
    });
    if (!stored) return stored.error();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

std::string format_feed_summary(const FeedReport& r) {
    std::string places;
    for (const auto& j : r.jurisdictions) places += (places.empty() ? "" : " ") + j;
    auto n = [](uint64_t v) { return with_thousands(static_cast<int64_t>(v)); };
    std::string out = fmt::format(
        "ingest {} {} ({} layout): rows read {}, kept {}, outside the region {}; {} values{} on {} dates {} "
        "to {}; "
        "jurisdictions {}{} ({:.2f} s)\n",
        feed_name(r.feed), r.source, r.layout, n(r.rows_read), n(r.rows_kept), n(r.rows_out_of_scope),
        n(r.values), r.missing ? fmt::format(" ({} empty cells left out)", n(r.missing)) : std::string(),
        n(r.dates), r.first ? r.first->iso() : "-", r.last ? r.last->iso() : "-", places,
        r.units ? fmt::format(", {} hospitals", n(r.units)) : std::string(), r.seconds);
    for (const auto& w : r.warnings) out += "  warning: " + w + "\n";
    return out;
}

}  // namespace metropoli::analysis

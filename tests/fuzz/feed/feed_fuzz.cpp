// SPDX-License-Identifier: MIT
// The feeds' CSV layouts through the real ingest into the fixture's database: the input's first byte picks
// the feed (Red IRAG hospital occupancy, whose three layouts the header tells; Google's mobility report; IMSS
// insured workers). Invariants: no throw; a refused input changes nothing; a stored one keeps at most the
// rows it read and names each stored date range in order.
#include <array>
#include <cstdint>
#include <string>

#include "analysis/feeds/feed_ingest.hpp"
#include "ingest_fixture.hpp"

namespace metropoli::fuzz {
namespace {

constexpr std::string_view k_target = "feed_fuzz";

bool ingest(analysis::Feed feed, const std::string& path) {
    auto& f = ingest_fixture();
    analysis::FeedStore store(*f.context.db);
    auto report = analysis::ingest_feed(feed, path, f.context.region, store);
    if (!report) {
        trace(k_target, "refused: " + report.error().message);
        return false;
    }
    trace(k_target, "stored " + report->layout + ": " + std::to_string(report->values) + " values");
    if (report->rows_kept > report->rows_read) broken(k_target, "kept more rows than it read");
    if (report->first && report->last && *report->last < *report->first)
        broken(k_target, "the last date is before the first");
    return true;
}

}  // namespace
}  // namespace metropoli::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace metropoli;
    if (size == 0) return 0;
    static constexpr std::array<analysis::Feed, 3> k_feeds = {
        analysis::Feed::hospital, analysis::Feed::mobility, analysis::Feed::economy};
    const auto feed = k_feeds[data[0] % k_feeds.size()];
    const auto path = fuzz::write_input("feed.csv", data + 1, size - 1);
    fuzz::check_ingest(fuzz::k_target, [&] { return fuzz::ingest(feed, path); });
    return 0;
}

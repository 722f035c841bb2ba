// SPDX-License-Identifier: MIT
// The text encoding of stored series.
#include "analysis/releases/series.hpp"

#include <charconv>

namespace metropoli::analysis {

uint64_t SeriesRecord::total() const {
    uint64_t t = 0;
    for (auto v : daily) t += v;
    return t;
}

std::string encode_daily(const std::vector<uint64_t>& daily) {
    std::string out;
    out.reserve(daily.size() * 3);
    char buf[24];
    for (size_t i = 0; i < daily.size(); ++i) {
        if (i) out.push_back(',');
        auto r = std::to_chars(buf, buf + sizeof buf, daily[i]);
        out.append(buf, r.ptr);
    }
    return out;
}

std::string encode_cells(const std::vector<Cell>& cells) {
    std::string out;
    out.reserve(cells.size() * 10);
    char buf[24];
    auto put = [&](uint64_t v, char sep) {
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        out.append(buf, r.ptr);
        out.push_back(sep);
    };
    for (const auto& c : cells) {
        put(c.offset, ',');
        put(c.age_band, ',');
        put(c.sex, ',');
        put(c.count, ';');
    }
    return out;
}

namespace {
bool read_number(const char*& p, const char* end, uint64_t& v) {
    auto r = std::from_chars(p, end, v);
    if (r.ec != std::errc()) return false;
    p = r.ptr;
    return true;
}
Error corrupt(const char* what) {
    return make_error(ErrorCode::database, std::string("stored series is corrupt: ") + what);
}
}  // namespace

Result<std::vector<uint64_t>> decode_daily(const std::string& text) {
    std::vector<uint64_t> out;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        uint64_t v;
        if (!read_number(p, end, v)) return corrupt("daily values");
        out.push_back(v);
        if (p < end) {
            if (*p != ',') return corrupt("daily separator");
            ++p;
        }
    }
    return out;
}

Result<std::vector<Cell>> decode_cells(const std::string& text) {
    std::vector<Cell> out;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        uint64_t v[4];
        for (int i = 0; i < 4; ++i) {
            if (!read_number(p, end, v[i]) || p >= end || *p != (i < 3 ? ',' : ';')) return corrupt("cells");
            ++p;
        }
        if (v[1] >= k_age_band_count || v[2] >= k_sex_count) return corrupt("cell band");
        out.push_back(
            {static_cast<uint32_t>(v[0]), static_cast<uint8_t>(v[1]), static_cast<uint8_t>(v[2]), v[3]});
    }
    return out;
}

}  // namespace metropoli::analysis

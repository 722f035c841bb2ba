// SPDX-License-Identifier: MIT
// Counting records by (municipality, measure, basis, day, age band, sex) in bounded memory: an
// open-addressing hash table that, when full, writes its contents as a sorted run to an anonymous temporary
// file. Merging the runs and the tables yields every key once, in key order, so series come out one at a
// time.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include "analysis/releases/measure.hpp"
#include "core/date.hpp"
#include "core/result.hpp"

namespace metropoli::analysis {

// The key packs, from the most significant bits: municipality index (12), measure (4), basis (2),
// day since 2000-01-01 (16), age band (4), sex (2). Key order is therefore series order, then day.
struct CountKey {
    uint32_t municipality;
    Measure measure;
    Basis basis;
    uint16_t day;  // days since k_day_epoch
    uint8_t age_band;
    uint8_t sex;

    static constexpr int32_t k_day_epoch = 10957;  // 2000-01-01
    static constexpr uint32_t k_max_municipalities = 4096;

    uint64_t pack() const {
        return (uint64_t{municipality} << 28 | uint64_t{static_cast<uint8_t>(measure)} << 24 |
                uint64_t{static_cast<uint8_t>(basis)} << 22 | uint64_t{day} << 6 | uint64_t{age_band} << 2 |
                sex);
    }
    static CountKey unpack(uint64_t k) {
        return CountKey{static_cast<uint32_t>(k >> 28),       static_cast<Measure>((k >> 24) & 0xF),
                        static_cast<Basis>((k >> 22) & 0x3),  static_cast<uint16_t>((k >> 6) & 0xFFFF),
                        static_cast<uint8_t>((k >> 2) & 0xF), static_cast<uint8_t>(k & 0x3)};
    }
    // The series part of a packed key (municipality, measure, basis).
    static uint64_t series_of(uint64_t k) { return k >> 22; }
    static std::optional<uint16_t> day_of(Date d) {
        const int32_t offset = d.days() - k_day_epoch;
        if (offset < 0 || offset > 0xFFFF) return std::nullopt;
        return static_cast<uint16_t>(offset);
    }
    static Date date_of(uint16_t day) { return Date::from_days(k_day_epoch + day); }
};

class CountTable {
public:
    // `max_entries` bounds the distinct keys held in memory before a spill (memory is about 24 bytes a key).
    explicit CountTable(size_t max_entries);
    ~CountTable();
    CountTable(const CountTable&) = delete;
    CountTable& operator=(const CountTable&) = delete;

    void add(uint64_t key, uint32_t n = 1) {
        size_t i = slot(key);
        while (true) {
            if (m_keys[i] == key) {
                m_counts[i] += n;
                return;
            }
            if (m_keys[i] == k_empty) break;
            i = (i + 1) & m_mask;
        }
        m_keys[i] = key;
        m_counts[i] = n;
        if (++m_size > m_grow_at) grow_or_spill();
    }

    size_t size() const { return m_size; }
    size_t runs() const { return m_runs.size(); }
    // Every key with its summed count, in key order, across the spilled runs and memory of several tables
    // (one per worker); consumes the tables.
    static Status merge_tables(const std::vector<CountTable*>& tables,
                               const std::function<void(uint64_t, uint64_t)>& emit);

private:
    static constexpr uint64_t k_empty = ~uint64_t{0};
    size_t slot(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> m_shift); }
    void allocate(size_t capacity);
    void grow_or_spill();
    void spill();
    std::vector<std::pair<uint64_t, uint32_t>> sorted_entries() const;

    size_t m_max_entries;
    std::unique_ptr<uint64_t[]> m_keys;
    std::unique_ptr<uint32_t[]> m_counts;
    size_t m_capacity = 0;
    size_t m_mask = 0;
    int m_shift = 0;
    size_t m_size = 0;
    size_t m_grow_at = 0;
    std::vector<std::FILE*> m_runs;
    std::string m_spill_error;
};

}  // namespace metropoli::analysis

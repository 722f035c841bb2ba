// SPDX-License-Identifier: MIT
// The bounded-memory count table: linear probing, sorted spill runs in anonymous temporary files (they vanish
// with the process, even on kill -9), and a heap merge.
#include "analysis/ingest/aggregate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <queue>

namespace metropoli::analysis {

namespace {
constexpr size_t k_initial_capacity = 1 << 16;
constexpr size_t k_read_batch = 1 << 15;

struct Entry {
    uint64_t key;
    uint32_t count;
};

// A sorted source of entries: either an in-memory vector or a spilled run read back in batches.
class EntryStream {
public:
    explicit EntryStream(std::vector<std::pair<uint64_t, uint32_t>> memory) : m_memory(std::move(memory)) {}
    explicit EntryStream(std::FILE* file) : m_file(file) { std::rewind(m_file); }

    bool next(Entry& e) {
        if (!m_file) {
            if (m_pos >= m_memory.size()) return false;
            e = {m_memory[m_pos].first, m_memory[m_pos].second};
            ++m_pos;
            return true;
        }
        if (m_pos >= m_batch.size()) {
            m_batch.resize(k_read_batch);
            const size_t n = std::fread(m_batch.data(), sizeof(Entry), k_read_batch, m_file);
            m_batch.resize(n);
            m_pos = 0;
            if (n == 0) {
                if (std::ferror(m_file)) m_failed = true;
                return false;
            }
        }
        e = m_batch[m_pos++];
        return true;
    }
    bool failed() const { return m_failed; }

private:
    std::vector<std::pair<uint64_t, uint32_t>> m_memory;
    std::FILE* m_file = nullptr;
    std::vector<Entry> m_batch;
    size_t m_pos = 0;
    bool m_failed = false;
};
}  // namespace

CountTable::CountTable(size_t max_entries) : m_max_entries(std::max<size_t>(max_entries, 1024)) {
    size_t capacity = 1024;
    while (capacity < k_initial_capacity && capacity / 10 * 7 < m_max_entries) capacity *= 2;
    allocate(capacity);
}

CountTable::~CountTable() {
    for (auto* f : m_runs) std::fclose(f);
}

void CountTable::allocate(size_t capacity) {
    m_capacity = capacity;
    m_mask = capacity - 1;
    m_shift = 64 - __builtin_ctzll(capacity);
    m_keys.reset(new uint64_t[capacity]);
    m_counts.reset(new uint32_t[capacity]);
    std::fill_n(m_keys.get(), capacity, k_empty);
    m_size = 0;
    m_grow_at = capacity / 10 * 7;
}

void CountTable::grow_or_spill() {
    if (m_size >= m_max_entries) {
        spill();
        return;
    }
    auto old_keys = std::move(m_keys);
    auto old_counts = std::move(m_counts);
    const size_t old_capacity = m_capacity;
    allocate(old_capacity * 2);
    for (size_t i = 0; i < old_capacity; ++i) {
        if (old_keys[i] == k_empty) continue;
        size_t j = slot(old_keys[i]);
        while (m_keys[j] != k_empty) j = (j + 1) & m_mask;
        m_keys[j] = old_keys[i];
        m_counts[j] = old_counts[i];
        ++m_size;
    }
}

std::vector<std::pair<uint64_t, uint32_t>> CountTable::sorted_entries() const {
    std::vector<std::pair<uint64_t, uint32_t>> entries;
    entries.reserve(m_size);
    for (size_t i = 0; i < m_capacity; ++i) {
        if (m_keys[i] != k_empty) entries.emplace_back(m_keys[i], m_counts[i]);
    }
    std::sort(entries.begin(), entries.end());
    return entries;
}

void CountTable::spill() {
    const auto entries = sorted_entries();
    std::FILE* file = std::tmpfile();
    if (!file) {
        m_spill_error =
            fmt::format("cannot create a temporary file for the aggregation: {}", std::strerror(errno));
    } else {
        std::vector<Entry> batch;
        batch.reserve(k_read_batch);
        for (size_t i = 0; i < entries.size(); i += k_read_batch) {
            batch.clear();
            for (size_t j = i; j < std::min(entries.size(), i + k_read_batch); ++j) {
                batch.push_back({entries[j].first, entries[j].second});
            }
            if (std::fwrite(batch.data(), sizeof(Entry), batch.size(), file) != batch.size()) {
                m_spill_error =
                    fmt::format("cannot write the aggregation's temporary file: {}", std::strerror(errno));
                break;
            }
        }
        std::fflush(file);
        m_runs.push_back(file);
    }
    // Start again small: the next keys may be few.
    m_keys.reset();
    m_counts.reset();
    allocate(std::min<size_t>(m_capacity, k_initial_capacity * 16));
}

Status CountTable::merge_tables(const std::vector<CountTable*>& tables,
                                const std::function<void(uint64_t, uint64_t)>& emit) {
    std::vector<std::unique_ptr<EntryStream>> streams;
    for (auto* t : tables) {
        if (!t->m_spill_error.empty()) return make_error(ErrorCode::io_error, t->m_spill_error);
        for (auto* f : t->m_runs) streams.push_back(std::make_unique<EntryStream>(f));
        streams.push_back(std::make_unique<EntryStream>(t->sorted_entries()));
        t->m_keys.reset();
        t->m_counts.reset();
        t->allocate(1024);
    }
    using Head = std::pair<uint64_t, size_t>;  // key, stream index
    std::priority_queue<Head, std::vector<Head>, std::greater<>> heap;
    std::vector<Entry> heads(streams.size());
    for (size_t i = 0; i < streams.size(); ++i) {
        if (streams[i]->next(heads[i])) heap.emplace(heads[i].key, i);
    }
    bool have = false;
    uint64_t current = 0, sum = 0;
    while (!heap.empty()) {
        const auto [key, i] = heap.top();
        heap.pop();
        if (have && key != current) {
            emit(current, sum);
            sum = 0;
        }
        current = key;
        have = true;
        sum += heads[i].count;
        if (streams[i]->next(heads[i])) heap.emplace(heads[i].key, i);
    }
    if (have) emit(current, sum);
    bool failed = false;
    for (const auto& s : streams) failed = failed || s->failed();
    for (auto* t : tables) {
        for (auto* f : t->m_runs) std::fclose(f);
        t->m_runs.clear();
    }
    if (failed) return make_error(ErrorCode::io_error, "cannot read back the aggregation's temporary file");
    return ok_status();
}

}  // namespace metropoli::analysis

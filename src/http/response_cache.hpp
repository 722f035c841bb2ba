// SPDX-License-Identifier: MIT
// The cache of computed API responses: keyed by a route's normalised key, bounded in bytes (bodies and their
// gzip copies), least recently used out first, and emptied as a whole when the stored data change.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace metropoli::http {

class ResponseCache {
public:
    explicit ResponseCache(size_t max_bytes) : m_max_bytes(max_bytes) {}

    // Thread-safe. The response stored under `key` for data `version`, or nullptr.
    std::shared_ptr<const Response> find(const std::string& key, uint64_t version);

    // Stores `response` under `key` for data `version`; a newer version empties the cache first, an older one
    // is not stored. A response larger than the whole budget is not stored.
    void put(const std::string& key, uint64_t version, std::shared_ptr<const Response> response);

    size_t bytes() const;
    size_t entries() const;

    // What one entry costs: its key, body, gzip body and headers, plus a fixed overhead.
    static size_t cost(const std::string& key, const Response& response);

private:
    struct Entry {
        std::string key;
        std::shared_ptr<const Response> response;
        size_t bytes = 0;
    };

    mutable std::mutex m_mutex;
    size_t m_max_bytes;
    size_t m_bytes = 0;
    uint64_t m_version = 0;
    std::list<Entry> m_lru;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> m_index;
};

}  // namespace metropoli::http

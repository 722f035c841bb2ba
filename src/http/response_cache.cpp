// SPDX-License-Identifier: MIT
#include "http/response_cache.hpp"

namespace metropoli::http {

size_t ResponseCache::cost(const std::string& key, const Response& response) {
    size_t bytes = 256 + 2 * key.size() + response.body.size() + response.gzip_body.size() +
                   response.etag.size() + response.gzip_etag.size() + response.content_type.size() +
                   response.cache_control.size();
    for (const auto& [name, value] : response.headers) bytes += name.size() + value.size() + 64;
    return bytes;
}

std::shared_ptr<const Response> ResponseCache::find(const std::string& key, uint64_t version) {
    std::lock_guard lock(m_mutex);
    if (version != m_version) return nullptr;
    auto it = m_index.find(key);
    if (it == m_index.end()) return nullptr;
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    return it->second->response;
}

void ResponseCache::put(const std::string& key, uint64_t version, std::shared_ptr<const Response> response) {
    const size_t bytes = cost(key, *response);
    std::lock_guard lock(m_mutex);
    if (version < m_version) return;  // computed before the data changed: stale already
    if (version > m_version) {
        m_lru.clear();
        m_index.clear();
        m_bytes = 0;
        m_version = version;
    }
    if (bytes > m_max_bytes) return;
    if (auto it = m_index.find(key); it != m_index.end()) {
        m_bytes -= it->second->bytes;
        m_lru.erase(it->second);
        m_index.erase(it);
    }
    while (!m_lru.empty() && m_bytes + bytes > m_max_bytes) {
        m_bytes -= m_lru.back().bytes;
        m_index.erase(m_lru.back().key);
        m_lru.pop_back();
    }
    m_lru.push_front(Entry{key, std::move(response), bytes});
    m_index.emplace(key, m_lru.begin());
    m_bytes += bytes;
}

size_t ResponseCache::bytes() const {
    std::lock_guard lock(m_mutex);
    return m_bytes;
}

size_t ResponseCache::entries() const {
    std::lock_guard lock(m_mutex);
    return m_index.size();
}

}  // namespace metropoli::http

// SPDX-License-Identifier: MIT
#include "http/static_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "core/text.hpp"

namespace metropoli::http {

namespace {

namespace fs = std::filesystem;

constexpr uintmax_t k_max_file = 64u << 20;

std::string content_type_of(const std::string& path) {
    const auto ext = fs::path(path).extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

// Reads a regular file without following a link at its last component (O_NOFOLLOW): a file swapped for a link
// after the list was made is refused.
bool read_regular(const std::string& path, std::string& out) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    bool ok =
        ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<uintmax_t>(st.st_size) <= k_max_file;
    if (ok) {
        out.resize(static_cast<size_t>(st.st_size));
        size_t done = 0;
        while (ok && done < out.size()) {
            const ssize_t n = ::read(fd, out.data() + done, out.size() - done);
            if (n <= 0)
                ok = false;
            else
                done += static_cast<size_t>(n);
        }
    }
    ::close(fd);
    return ok;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
    if (root.empty()) return;
    std::error_code ec;
    const fs::path base = fs::canonical(root, ec);
    if (ec || !fs::is_directory(base, ec)) return;
    // The iterator does not descend into linked folders; linked files and hidden names are skipped here.
    for (auto it = fs::recursive_directory_iterator(base, fs::directory_options::none, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const auto& entry = *it;
        const std::string name = entry.path().filename().string();
        if (name.empty() || name.front() == '.') {
            if (entry.is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (entry.is_symlink(ec) || !entry.is_regular_file(ec)) continue;
        if (entry.file_size(ec) > k_max_file || ec) continue;
        const std::string rel = "/" + fs::relative(entry.path(), base, ec).generic_string();
        if (ec || !is_valid_utf8(rel)) continue;
        m_files.emplace(rel, Slot{entry.path().string(), nullptr});
    }
}

namespace {

// A folder's address is its index page: "/" and "/embed/".
std::string index_of(const std::string& path) {
    return !path.empty() && path.back() == '/' ? path + "index.html" : path;
}

}  // namespace

const StaticFiles::Slot* StaticFiles::find(const std::string& path) const {
    auto it = m_files.find(index_of(path));
    return it == m_files.end() ? nullptr : &it->second;
}

bool StaticFiles::listed(const std::string& path) const {
    return find(path) != nullptr;
}

std::shared_ptr<const Response> StaticFiles::cached(const std::string& path) const {
    const Slot* slot = find(path);
    if (!slot) return nullptr;
    std::lock_guard lock(m_mutex);
    return slot->response;
}

std::shared_ptr<const Response> StaticFiles::load(const std::string& path) {
    auto it = m_files.find(index_of(path));
    if (it == m_files.end()) return std::make_shared<const Response>(problem(404, "", "not found", path));
    {
        std::lock_guard lock(m_mutex);
        if (it->second.response) return it->second.response;
    }
    Response r;
    if (!read_regular(it->second.file, r.body))
        return std::make_shared<const Response>(problem(404, "", "not found", path));
    r.content_type = content_type_of(it->first);
    r.framable = it->first.rfind("/embed/", 0) == 0;
    finish(r);
    // Vite names built assets by content hash: they never change.
    r.cache_control =
        it->first.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache";
    auto shared = std::make_shared<const Response>(std::move(r));
    std::lock_guard lock(m_mutex);
    if (!it->second.response) it->second.response = shared;
    return it->second.response;
}

std::shared_ptr<const Response> StaticFiles::not_found_page() {
    if (!listed("/404.html")) return nullptr;
    auto page = load("/404.html");
    if (page->status != 200) return nullptr;
    Response r = *page;
    r.status = 404;
    r.etag.clear();
    r.gzip_etag.clear();
    r.cache_control = "no-cache";
    return std::make_shared<const Response>(std::move(r));
}

}  // namespace metropoli::http

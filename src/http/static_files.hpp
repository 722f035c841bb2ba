// SPDX-License-Identifier: MIT
// The web application's files, served from an allow-list made when the server starts: every regular file
// under the web folder, reached without following a symbolic link and without a hidden name. A request path
// is looked up in that list as it is; it is never joined to a folder, so no spelling of a path can reach
// another file.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace metropoli::http {

class StaticFiles {
public:
    // Lists the files under `root` (empty: none). Files over 64 MiB are left out.
    explicit StaticFiles(const std::string& root);

    bool empty() const { return m_files.empty(); }
    size_t size() const { return m_files.size(); }

    // Whether `path` ("/index.html"; "/" means it) is one of the listed files.
    bool listed(const std::string& path) const;

    // The response of a listed file if it was read already, else nullptr. Never touches the disk.
    std::shared_ptr<const Response> cached(const std::string& path) const;

    // The response of a listed file, read once (refusing a file that became a link) and kept; a 404
    // otherwise.
    std::shared_ptr<const Response> load(const std::string& path);

    // The site's own not-found page (`/404.html`, Spanish with English beside) with status 404, read once;
    // nullptr when the web folder has none.
    std::shared_ptr<const Response> not_found_page();

private:
    struct Slot {
        std::string file;  // the absolute path found at start
        std::shared_ptr<const Response> response;
    };
    const Slot* find(const std::string& path) const;

    mutable std::mutex m_mutex;  // guards the responses; the list itself never changes
    std::unordered_map<std::string, Slot> m_files;
};

}  // namespace metropoli::http

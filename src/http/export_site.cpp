// SPDX-License-Identifier: MIT
#include "http/export_site.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "app/web_views.hpp"
#include "http/api.hpp"
#include "http/share_pages.hpp"

namespace metropoli::http {

namespace fs = std::filesystem;

namespace {

Status write_file(const fs::path& path, const std::string& text, ExportSummary& summary) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out) return make_error(ErrorCode::io_error, fmt::format("cannot write {}", path.string()));
    ++summary.files;
    summary.bytes += text.size();
    return ok_status();
}

}  // namespace

Result<ExportSummary> export_site(app::Context context, const std::string& web_dir,
                                  const std::string& out_dir, const access::SigningKey* audit_key) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::path(web_dir) / "index.html", ec)) {
        return make_error(ErrorCode::not_found,
                          fmt::format("no built web application in {} (make web builds it)", web_dir));
    }
    if (context.region.metro_zones.empty())
        return make_error(ErrorCode::not_found, "the region defines no metro zone");
    const std::string zone = context.region.metro_zones.front();
    std::vector<std::string> places{zone};
    if (const auto* z = context.region.find(zone))
        places.insert(places.end(), z->members.begin(), z->members.end());
    const auto day = app::default_day(context);
    auto audit_head = access::current_head(*context.db, system_clock(), audit_key);
    if (!audit_head) return audit_head.error();
    Api api(std::move(context), web_dir);

    // "public/" names the folder "public": without the trailing separator the staging folder is its sibling.
    fs::path target = fs::absolute(out_dir).lexically_normal();
    if (!target.has_filename()) target = target.parent_path();
    const fs::path staging = target.string() + ".partial";
    fs::remove_all(staging, ec);
    fs::create_directories(staging, ec);
    if (ec)
        return make_error(ErrorCode::io_error,
                          fmt::format("cannot create {}: {}", staging.string(), ec.message()));
    ExportSummary summary;
    auto fail = [&](const Error& e) -> Result<ExportSummary> {
        fs::remove_all(staging, ec);
        return e;
    };

    // The application's files.
    for (auto it = fs::recursive_directory_iterator(web_dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        const auto rel = fs::relative(it->path(), web_dir);
        fs::create_directories((staging / rel).parent_path(), ec);
        fs::copy_file(it->path(), staging / rel, fs::copy_options::overwrite_existing, ec);
        if (ec)
            return fail(make_error(ErrorCode::io_error,
                                   fmt::format("cannot copy {}: {}", it->path().string(), ec.message())));
        ++summary.files;
        summary.bytes += static_cast<size_t>(fs::file_size(it->path()));
    }
    if (auto s = write_file(staging / "config.json", R"({"static": true})", summary); !s)
        return fail(s.error());
    if (auto s = write_file(staging / "api" / "v1" / "audit" / "head.json",
                            audit_head->to_json().dump(2) + "\n", summary);
        !s)
        return fail(s.error());

    // The JSON snapshots, at the API's paths with ".json" appended.
    std::vector<std::string> resources = {"first-screen", "overview", "geo",          "schemes",
                                          "releases",     "regions",  "openapi.json", "policy/metro-summary"};
    for (const auto& code : places) {
        resources.push_back("dashboard/" + code);
        resources.push_back("indicator-series/" + code);  // every day: the static site shows any past date
        if (day) resources.push_back("indicators/" + code + "/" + day->iso());
    }
    for (const auto& r : resources) {
        auto body = api.render(r);
        if (!body) return fail(body.error());
        const std::string file = r.ends_with(".json") ? r : r + ".json";
        if (auto s = write_file(staging / "api" / "v1" / file, *body, summary); !s) return fail(s.error());
    }

    // One share page per place, with link-preview tags of its level (link previews run no JavaScript).
    {
        auto first = api.render("first-screen");
        if (!first) return fail(first.error());
        const auto doc = nlohmann::json::parse(*first);
        for (const auto& place : doc.at("places")) {
            const std::string code = place.at("code");
            if (auto s = write_file(staging / "share" / (code + ".html"), share_page(doc, place), summary);
                !s)
                return fail(s.error());
        }
    }

    // Swap into place: the old export stays until the new one is complete.
    const fs::path old = target.string() + ".old";
    fs::remove_all(old, ec);
    if (fs::exists(target)) {
        fs::rename(target, old, ec);
        if (ec)
            return fail(make_error(ErrorCode::io_error,
                                   fmt::format("cannot replace {}: {}", target.string(), ec.message())));
    }
    fs::rename(staging, target, ec);
    if (ec) {
        std::error_code ignored;
        if (fs::exists(old)) fs::rename(old, target, ignored);
        return fail(make_error(ErrorCode::io_error, fmt::format("cannot move the export into {}: {}",
                                                                target.string(), ec.message())));
    }
    fs::remove_all(old, ec);
    return summary;
}

}  // namespace metropoli::http

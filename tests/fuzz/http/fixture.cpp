// SPDX-License-Identifier: MIT
#include "fixture.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "analysis/feeds/feed_ingest.hpp"
#include "analysis/ingest/municipal_ingest.hpp"
#include "app/context.hpp"
#include "scratch_dir.hpp"

namespace metropoli::fuzz {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_prefix = "metropoli_http_fuzz_";

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "http fuzz fixture: %s\n", what.c_str());
    std::abort();
}

void write(const fs::path& p, const std::string& text, Fixture& f, bool secret) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    (secret ? f.secrets : f.served).push_back(text);
}

void load_data(const std::string& db_file) {
    auto db = app::open_database(db_file);
    if (!db) fail(db.error().message);
    auto region = app::initialise(**db, "laguna");
    if (!region) fail(region.error().message);
    const std::string data = app::data_paths().root + "/data";
    analysis::ReleaseStore store(**db);
    for (const char* f : {"/ssa_municipal/Casos_Diarios_Municipio_Confirmados_20220402_coah_dgo.csv",
                          "/ssa_municipal/Casos_Diarios_Municipio_Defunciones_20210312_coah_dgo.csv"}) {
        analysis::IngestReport report;
        if (auto done = analysis::ingest_municipal(data + f, *region, store, {}, report); !done)
            fail(done.error().message);
    }
    analysis::FeedStore feeds(**db);
    auto fed = analysis::ingest_feed(
        analysis::Feed::hospital,
        data + "/hospital/irag_porcentaje_ocupacion_estatal_coah_dgo_20200407_20210205.csv", *region, feeds);
    if (!fed) fail(fed.error().message);
}

Fixture build() {
    Fixture f;
    const fs::path dir = scratch_dir(k_prefix);
    f.dir = dir.string();
    f.db_file = (dir / "http.db").string();
    load_data(f.db_file);

    const fs::path web = dir / "web";
    f.web_dir = web.string();
    write(web / "index.html",
          "<!doctype html><html lang=\"es\"><title>Metrópoli</title><body></body></html>\n", f, false);
    write(web / "assets" / "app-1a2b.js", "console.log('metrópoli');\n", f, false);
    write(web / "assets" / "app-1a2b.css", "body { font-family: sans-serif; }\n", f, false);
    std::string big;  // over 1 KiB: served with a gzip representation
    for (int i = 0; i < 200; ++i) big += "export const line" + std::to_string(i) + " = 'ñandú';\n";
    write(web / "assets" / "big-3c4d.js", big, f, false);
    write(web / "manifest.json", "{\"name\":\"Metrópoli\",\"icons\":[]}", f, false);
    write(web / "a..b" / "dots.txt", "a folder whose name holds two dots\n", f, false);
    write(web / ".env", "SECRET hidden file in the web folder\n", f, true);
    write(web / "assets" / ".hidden.js", "SECRET hidden asset\n", f, true);
    write(dir / "secret.txt", "SECRET outside the web folder\n", f, true);
    write(dir / "web-private" / "index.html", "SECRET in a sibling folder that shares the prefix\n", f, true);
    return f;
}

}  // namespace

const Fixture& fixture() {
    static const Fixture f = build();
    static const bool cleaned = [] {
        std::atexit([] {
            std::error_code ec;
            fs::remove_all(fixture().dir, ec);
        });
        return true;
    }();
    (void)cleaned;
    return f;
}

}  // namespace metropoli::fuzz

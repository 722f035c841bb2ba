// SPDX-License-Identifier: MIT
// The web folder's allow-list: its regular files only, never a link, a hidden name or a path outside it.
#include "http/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace metropoli::http {
namespace {

namespace fs = std::filesystem;

TEST(StaticFiles, ServesTheFolderAndNothingElse) {
    const fs::path dir = fs::temp_directory_path() / ("metropoli_static_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "web" / "assets");
    fs::create_directories(dir / "web" / ".git");
    fs::create_directories(dir / "outside");
    std::ofstream(dir / "web" / "index.html") << "<!doctype html>";
    std::ofstream(dir / "web" / "assets" / "app.js") << "1";
    std::ofstream(dir / "web" / ".git" / "config") << "secret";
    std::ofstream(dir / "web" / ".env") << "secret";
    std::ofstream(dir / "outside" / "secret.txt") << "secret";
    fs::create_symlink(dir / "outside" / "secret.txt", dir / "web" / "leak.txt");
    fs::create_directory_symlink(dir / "outside", dir / "web" / "linked");

    StaticFiles files((dir / "web").string());
    EXPECT_EQ(files.size(), 2u);
    EXPECT_TRUE(files.listed("/"));
    EXPECT_TRUE(files.listed("/assets/app.js"));
    const std::string outside_file = (dir / "outside" / "secret.txt").string();
    for (const std::string& path : std::vector<std::string>{
             "/leak.txt", "/linked/secret.txt", "/.env", "/.git/config", "//index.html", "/./index.html",
             "/assets/../index.html", "/index.html/", "/Index.html", outside_file.c_str()}) {
        EXPECT_FALSE(files.listed(path)) << path;
        EXPECT_EQ(files.load(path)->status, 404u) << path;
    }
    EXPECT_EQ(files.cached("/assets/app.js"), nullptr);  // not read until asked
    const auto js = files.load("/assets/app.js");
    EXPECT_EQ(js->body, "1");
    EXPECT_EQ(js->cache_control, "public, max-age=31536000, immutable");
    EXPECT_EQ(files.cached("/assets/app.js"), js);

    // A listed file swapped for a link after the start is refused, not followed.
    fs::remove(dir / "web" / "index.html");
    fs::create_symlink(dir / "outside" / "secret.txt", dir / "web" / "index.html");
    EXPECT_EQ(files.load("/")->status, 404u);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace metropoli::http

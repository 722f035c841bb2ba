// SPDX-License-Identifier: MIT
// The world the HTTP fuzz target runs in: a small SQLite database (region "laguna", the two bundled municipal
// releases, the Red IRAG percentages) and a web folder with a few files beside secrets it must never serve.
#pragma once

#include <string>
#include <vector>

namespace metropoli::fuzz {

struct Fixture {
    std::string dir;                   // the temporary folder holding everything below
    std::string db_file;               // the database, ready for app::open_context
    std::string web_dir;               // the web folder given to Api
    std::vector<std::string> served;   // the contents of every file the web folder may serve
    std::vector<std::string> secrets;  // contents that must never be served: hidden files, a file outside
};

// Builds the fixture in a new folder under the system temporary directory (named by the process id) and
// removes it at normal exit. Folders left by earlier processes that no longer run are removed first. Aborts
// with a message when the bundled data cannot be loaded: that is a broken checkout, not a finding.
const Fixture& fixture();

}  // namespace metropoli::fuzz

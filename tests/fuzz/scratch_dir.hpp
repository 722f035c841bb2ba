// SPDX-License-Identifier: MIT
// A fuzz fixture's temporary folder: one per process, named by its id, under the system temporary directory.
#pragma once

#include <string>
#include <string_view>

namespace metropoli::fuzz {

// Creates `<tmp>/<prefix><pid>`, empty, and returns its path. First removes the folders of that prefix whose
// process no longer runs: libFuzzer's fork mode starts a process per job, and a crash skips atexit.
std::string scratch_dir(std::string_view prefix);

}  // namespace metropoli::fuzz

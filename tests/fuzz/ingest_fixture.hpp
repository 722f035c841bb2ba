// SPDX-License-Identifier: MIT
// The world the input-parser fuzz targets (ssa, zip, municipal, feed) run in: a SQLite database initialised
// for region "laguna" in a temporary folder, and what every one of them checks after each input: that an
// ingest never throws, and that one that fails leaves the stored state as it found it.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "analysis/ingest/ssa_ingest.hpp"
#include "app/context.hpp"

namespace metropoli::fuzz {

struct IngestFixture {
    std::string dir;       // the temporary folder (named by the process id), removed at normal exit
    app::Context context;  // the database (open for writing) and its region
};

// Built once (LLVMFuzzerInitialize, defined with the fixture, builds it before the first input); aborts with
// a message when the database cannot be made (a broken build, not a finding).
IngestFixture& ingest_fixture();

// Writes `bytes` to a file named `name` in the fixture's folder and returns its path.
std::string write_input(std::string_view name, const uint8_t* data, size_t size);

// What the database holds, as one comparable string: the releases, their series and totals, the feed files
// and values, the audit entries.
std::string stored_state();

// How the SSA targets ingest: `scope`, one parser thread, 4 KiB chunks (records cross chunk boundaries), a 1
// MB count budget (tables spill), and every input replacing the stored release of its date.
analysis::SsaIngestOptions ssa_fuzz_options(analysis::Scope scope);

// What an SSA or municipal target checks of its ingest's outcome: traced; when stored, every row accounted
// for (read = kept + out of scope + rejected). True when the input was stored.
bool stored_release(std::string_view target, const Result<analysis::IngestReport>& result,
                    const analysis::IngestReport& report);

// With INGEST_FUZZ_TRACE=1 in the environment, prints what became of each input (stored, or the refusal).
void trace(std::string_view target, std::string_view outcome);

// A broken invariant: prints the target and what broke, then traps (libFuzzer keeps the input).
[[noreturn]] void broken(std::string_view target, std::string_view what);

// Runs `ingest` (true when it stored the input, false when it refused it) and checks that it did not throw
// and that a refusal left the stored state as it was: bad input never writes a half state.
template <class Ingest>
void check_ingest(std::string_view target, Ingest&& ingest) {
    const std::string before = stored_state();
    bool stored = false;
    try {
        stored = ingest();
    } catch (const std::exception& e) {
        broken(target, std::string("the ingest threw: ") + e.what());
    } catch (...) {
        broken(target, "the ingest threw");
    }
    if (!stored) {
        const std::string after = stored_state();
        if (after != before)
            broken(target, "a refused input changed the stored state: " + before + " -> " + after);
    }
}

}  // namespace metropoli::fuzz

// SPDX-License-Identifier: MIT
// Indicator and Rt benchmark, metropoli's side: a national-scale release (2,469 municipalities × 800 days of
// every input) is stored in SQLite, read back, and every indicator for every day plus Rt (EpiEstim's weekly
// windows) is computed for every municipality on N threads. Prints the phases' times; writes the confirmed
// series for the EpiEstim peer. Usage: bench_indicators OUT_DIR [threads]
#include "analysis/indicators/indicators.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "analysis/releases/release_store.hpp"
#include "storage/migrations.hpp"

using namespace metropoli;
using namespace metropoli::analysis;

namespace {

constexpr int k_municipalities = 2469;
constexpr int k_days = 800;

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// A deterministic epidemic: three waves whose size scales with the municipality, with multiplicative noise.
std::vector<uint64_t> epidemic(int muni, int measure, uint64_t& state) {
    auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return static_cast<double>(state % 1000000) / 1e6;
    };
    const double size =
        0.5 +
        60.0 * std::pow(static_cast<double>((muni * 7919) % k_municipalities + 1) / k_municipalities, 4);
    const double share[] = {1.0, 1.6, 2.4, 0.45, 1.2, 0.2, 0.5, 0.18, 0.04, 0.09};
    std::vector<uint64_t> out(k_days);
    for (int t = 0; t < k_days; ++t) {
        const double wave = std::exp(-std::pow((t - 150) / 40.0, 2)) +
                            1.4 * std::exp(-std::pow((t - 330) / 35.0, 2)) +
                            0.9 * std::exp(-std::pow((t - 560) / 30.0, 2)) + 0.05;
        out[static_cast<size_t>(t)] =
            static_cast<uint64_t>(size * share[measure] * wave * (0.6 + 0.8 * next()));
    }
    return out;
}

long peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: bench_indicators OUT_DIR [threads]\n");
        return 2;
    }
    const std::string out_dir = argv[1];
    const unsigned threads = argc > 2 ? static_cast<unsigned>(std::stoul(argv[2]))
                                      : std::max(1u, std::thread::hardware_concurrency());
    std::filesystem::create_directories(out_dir);
    const std::string db_file = out_dir + "/indicators.db";
    std::filesystem::remove(db_file);
    auto db = storage::Database::open(db_file, storage::Access::create);
    if (!db) return fmt::print(stderr, "{}\n", db.error().message), 1;
    // storage's own tables first: every write of the release store bumps its data generation.
    auto migrations = storage::storage_migrations();
    for (auto& m : analysis_migrations()) migrations.push_back(std::move(m));
    if (auto m = storage::migrate(*db, migrations); !m)
        return fmt::print(stderr, "{}\n", m.error().message), 1;

    std::vector<std::string> codes;
    for (int i = 0; i < k_municipalities; ++i)
        codes.push_back(fmt::format("{:02}{:03}", 1 + i / 100, 1 + i % 100));
    const Date first = *Date::parse_iso("2020-02-01");
    const Date release = first + (k_days - 1) + 14;

    // Store the release (not timed: that is bench/ingest's job).
    ReleaseStore store(*db);
    ReleaseInfo info{"ssa", release, "bench", "national", "synthetic", 0, 0, 0, 0, 0};
    auto stored = store.replace_release(info, [&](const SeriesSink& sink) -> Status {
        uint64_t state = 88172645463325252ull;
        for (int i = 0; i < k_municipalities; ++i) {
            for (int k = 0; k < k_input_count; ++k) {
                SeriesRecord r;
                r.municipality = codes[static_cast<size_t>(i)];
                r.measure = input_measure(static_cast<Input>(k));
                r.basis = input_basis(static_cast<Input>(k));
                r.first = first;
                r.daily = epidemic(i, k, state);
                if (auto s = sink(r); !s) return s;
            }
        }
        return ok_status();
    });
    if (!stored) return fmt::print(stderr, "{}\n", stored.error().message), 1;

    // Phase 1: read every input of every municipality back from the database.
    auto t0 = std::chrono::steady_clock::now();
    auto releases = store.list();
    if (!releases || releases->empty()) return 1;
    const int64_t release_id = releases->front().id;
    std::vector<IndicatorInputs> inputs(k_municipalities);
    for (int k = 0; k < k_input_count; ++k) {
        const auto input = static_cast<Input>(k);
        auto series = store.load(release_id, input_measure(input), input_basis(input), codes, false);
        if (!series) return fmt::print(stderr, "{}\n", series.error().message), 1;
        for (auto& s : *series) {
            const auto i =
                static_cast<size_t>(std::find(codes.begin(), codes.end(), s.municipality) - codes.begin());
            auto& in = inputs[i][input];
            in.present = true;
            in.first = s.first;
            in.source = "ssa";
            in.release = release;
            in.values.assign(s.daily.begin(), s.daily.end());
        }
    }
    for (size_t i = 0; i < inputs.size(); ++i) {
        inputs[i].jurisdiction = codes[i];
        inputs[i].population = 20000.0 + static_cast<double>((i * 104729) % 900000);
    }
    const double load_seconds = seconds_since(t0);

    // Phase 2: every indicator for every day, and Rt, for every municipality.
    IndicatorOptions options = default_indicator_options();
    auto si = parametric_si(4.7, 2.9);
    if (!si) return 1;
    options.si = *si;
    std::atomic<size_t> next{0};
    std::atomic<size_t> values{0}, windows{0};
    t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            size_t local_values = 0, local_windows = 0;
            for (size_t i = next++; i < inputs.size(); i = next++) {
                auto table = compute_indicators(inputs[i], first, first + (k_days - 1), options);
                for (const auto& c : table.columns) {
                    for (double v : c.values) local_values += !std::isnan(v);
                }
                if (table.rt) local_windows += table.rt->windows.size();
            }
            values += local_values;
            windows += local_windows;
        });
    }
    for (auto& t : pool) t.join();
    const double compute_seconds = seconds_since(t0);

    // Phase 3 (not timed): Rt alone, single-threaded, the like-for-like figure against EpiEstim's estimate_R.
    t0 = std::chrono::steady_clock::now();
    size_t rt_windows = 0;
    for (const auto& in : inputs) {
        auto e = estimate_rt(in[Input::confirmed].values, options.si, options.rt);
        if (e) rt_windows += e->windows.size();
    }
    const double rt_seconds = seconds_since(t0);

    std::ofstream csv(out_dir + "/confirmed.csv");
    csv << "municipality,day,value\n";
    for (size_t i = 0; i < inputs.size(); ++i) {
        const auto& v = inputs[i][Input::confirmed].values;
        for (size_t d = 0; d < v.size(); ++d) csv << codes[i] << ',' << d + 1 << ',' << v[d] << '\n';
    }
    fmt::print(
        "{{\"municipalities\":{},\"days\":{},\"threads\":{},\"load_seconds\":{:.4f},\"compute_seconds\":{:."
        "4f},"
        "\"values\":{},\"rt_windows\":{},\"rt_only_seconds_1_thread\":{:.4f},\"rt_only_windows\":{},\"peak_"
        "rss_mb\":{}}}\n",
        k_municipalities, k_days, threads, load_seconds, compute_seconds, values.load(), windows.load(),
        rt_seconds, rt_windows, peak_rss_mb());
    return 0;
}

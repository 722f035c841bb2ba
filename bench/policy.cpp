// SPDX-License-Identifier: MIT
// Policy index benchmark, metropoli's side. Generates (deterministically, from a fixed seed) the coded
// observations of a national-scale country — one federal government, 32 states and 2,469 municipalities, each
// coding the sixteen ordinal indicators of the indices over 1,100 days as runs of days with one value and
// flag (run lengths of weeks, a few gaps of missing data, vaccine-differentiated NV/V coding in the last year
// for some places, the share vaccinated of each municipality) — writes them for the Python peer, then times,
// on N threads: the TOTAL of every municipality and day (homologation::impute_total over PolicyColumns, the
// state over the federal level, then the municipality over that) and every index (SI, GRI, CHI, ESI, LSI) in
// every variant (non-vaccinated, vaccinated, simple and weighted averages) with the columnar
// homologation::compute_all_variant_cents (compute_index's rounded values, every day of a municipality at
// once, the components the indices share summed once).
// Writes the rounded values (cents, -1 where not computed; municipality, output, day) for the comparison.
// Usage: bench_policy OUT_DIR [threads]
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "homologation/policy_columns.hpp"

using namespace metropoli;
using namespace metropoli::homologation;

namespace {

constexpr int k_municipalities = 2469;
constexpr int k_states = 32;
constexpr int k_days = 1100;
constexpr int k_segments_coded = 3;  // E, NV, V
constexpr std::array<Index, 5> k_indices = {Index::si, Index::gri, Index::chi, Index::esi, Index::lsi};
// Per index: non-vaccinated, vaccinated, simple and weighted averages.
constexpr int k_outputs = 4 * static_cast<int>(k_indices.size());

// One run of days [start, end] with one reading: code = 2·value + flag.
struct Run {
    int32_t level, entity, component, segment, start, end, code;
};

struct Rng {
    uint64_t state;
    uint64_t next() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
    int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
};

int state_of(int municipality) {
    return municipality * k_states / k_municipalities;
}

// Every run of every level, entity, component and segment, in that order.
std::vector<Run> generate(uint64_t seed) {
    std::vector<Run> runs;
    Rng rng{seed};
    const int counts[] = {1, k_states, k_municipalities};
    const int mean_run[] = {45, 35, 30};
    for (int level = 0; level < 3; ++level) {
        for (int e = 0; e < counts[level]; ++e) {
            for (int c = 0; c < k_component_count; ++c) {
                const auto component = static_cast<Component>(c);
                const int max = component_max(component);
                const bool economic = component == Component::e1 || component == Component::e2;
                const bool differentiated = !economic && rng.below(10) < 3;
                for (int s = 0; s < k_segments_coded; ++s) {
                    if (s > 0 && !differentiated) continue;
                    int day = s == 0 ? 20 + rng.below(50) : 600 + rng.below(90);
                    const int end = s == 0 ? k_days : k_days - rng.below(120);
                    int value = rng.below(max + 1);
                    while (day < end) {
                        const int length = 3 + rng.below(2 * mean_run[level]);
                        const int last = std::min(day + length, end) - 1;
                        if (rng.below(100) < 4) {  // a gap: nobody coded these days
                            day = std::min(day + 3 + rng.below(15), end);
                            continue;
                        }
                        const int flag =
                            value > 0 && component_flagged(component) && rng.below(10) < 6 ? 1 : 0;
                        runs.push_back({level, e, c, s, day, last, 2 * value + flag});
                        day = last + 1;
                        value = std::clamp(value + rng.below(5) - 2, 0, max);
                    }
                }
            }
        }
    }
    return runs;
}

// The share vaccinated of each municipality and day, in hundredths of a percent; -1 before its campaign.
std::vector<int32_t> vaccinated(uint64_t seed) {
    std::vector<int32_t> out(static_cast<size_t>(k_municipalities) * k_days, -1);
    Rng rng{seed};
    for (int m = 0; m < k_municipalities; ++m) {
        const int start = 380 + rng.below(60);
        const int slope = 8 + rng.below(20);  // hundredths of a percent per day
        for (int d = start; d < k_days; ++d)
            out[static_cast<size_t>(m) * k_days + static_cast<size_t>(d)] =
                std::min(9500, (d - start) * slope);
    }
    return out;
}

// The columns of one entity from its runs (`begin`..`end` of `runs`); the days with no run stay missing.
void expand(const Run* begin, const Run* end, PolicyColumns& columns) {
    columns.clear();
    for (const Run* r = begin; r != end; ++r) {
        const auto col =
            columns.column(static_cast<Component>(r->component), static_cast<Segment>(r->segment));
        std::fill(col.begin() + r->start, col.begin() + r->end + 1, static_cast<int8_t>(r->code));
    }
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

template <class T>
void write(const std::string& path, const std::vector<T>& data) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f || std::fwrite(data.data(), sizeof(T), data.size(), f) != data.size()) {
        std::perror(path.c_str());
        std::exit(1);
    }
    std::fclose(f);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_policy OUT_DIR [threads]\n");
        return 2;
    }
    const std::string out = argv[1];
    const int threads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
    const Date first = *Date::from_ymd(2020, 1, 1);

    const auto runs = generate(20201103);
    const auto shares = vaccinated(20210315);
    {
        std::vector<int32_t> flat;
        flat.reserve(runs.size() * 7);
        for (const auto& r : runs)
            for (int32_t v : {r.level, r.entity, r.component, r.segment, r.start, r.end, r.code})
                flat.push_back(v);
        write(out + "/runs.bin", flat);
        write(out + "/vaccinated.bin", shares);
    }
    // Where each entity's runs begin and end: they are generated in level, then entity order.
    const int entities[] = {1, k_states, k_municipalities};
    std::array<std::vector<size_t>, 3> offsets;
    for (int l = 0; l < 3; ++l)
        offsets[static_cast<size_t>(l)].assign(static_cast<size_t>(entities[l]) + 1, 0);
    for (const auto& r : runs) ++offsets[static_cast<size_t>(r.level)][static_cast<size_t>(r.entity) + 1];
    size_t base = 0;
    for (auto& o : offsets) {
        o[0] += base;
        for (size_t i = 1; i < o.size(); ++i) o[i] += o[i - 1];
        base = o.back();
    }
    const auto span = [&](int level, int entity) {
        const auto& o = offsets[static_cast<size_t>(level)];
        return std::pair{runs.data() + o[static_cast<size_t>(entity)],
                         runs.data() + o[static_cast<size_t>(entity) + 1]};
    };

    // The rounded values of municipality m, output k (index · 4 + variant) and day d at (m · 20 + k) · days +
    // d.
    std::vector<int16_t> values(static_cast<size_t>(k_municipalities) * k_days * k_outputs, -1);
    std::atomic<long> imputed_days{0};
    long computed = 0;
    const auto started = std::chrono::steady_clock::now();

    // The state totals: each state over the federal level.
    PolicyColumns federal(first, k_days);
    {
        auto [b, e] = span(0, 0);
        expand(b, e, federal);
    }
    std::vector<PolicyColumns> state_total(k_states);
    {
        PolicyColumns own(first, k_days);
        for (int s = 0; s < k_states; ++s) {
            auto [b, e] = span(1, s);
            expand(b, e, own);
            impute_total(own, federal, state_total[static_cast<size_t>(s)]);
        }
    }

    std::atomic<int> next{0};
    auto work = [&] {
        PolicyColumns own(first, k_days), total;
        long local_days = 0;
        for (int m = next++; m < k_municipalities; m = next++) {
            auto [b, e] = span(2, m);
            expand(b, e, own);
            std::copy_n(shares.begin() + static_cast<ptrdiff_t>(m) * k_days, k_days, own.vaccinated.begin());
            impute_total(own, state_total[static_cast<size_t>(state_of(m))], total);
            local_days += k_days;
            compute_all_variant_cents(total, {&values[static_cast<size_t>(m) * k_outputs * k_days],
                                              static_cast<size_t>(k_outputs) * k_days});
        }
        imputed_days += local_days;
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
    const double seconds = seconds_since(started);
    for (int16_t v : values) computed += v >= 0 ? 1 : 0;  // counted after the clock, as the peer counts

    write(out + "/metropoli_values.bin", values);
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    std::printf(
        "{\"municipalities\": %d, \"states\": %d, \"days\": %d, \"runs\": %zu, \"threads\": %d, "
        "\"seconds\": %.6f, \"imputed_days\": %ld, \"values\": %ld, \"outputs_per_day\": %d, "
        "\"peak_rss_mb\": %ld}\n",
        k_municipalities, k_states, k_days, runs.size(), threads, seconds, imputed_days.load(), computed,
        k_outputs, u.ru_maxrss / 1024);
    return 0;
}

// SPDX-License-Identifier: MIT
// Policy index benchmark, metropoli's side. Generates (deterministically, from a fixed seed) the coded
// observations of a national-scale country — one federal government, 32 states and 2,469 municipalities, each
// coding the sixteen ordinal indicators of the indices over 1,100 days as runs of days with one value and
// flag (run lengths of weeks, a few gaps of missing data, vaccine-differentiated NV/V coding in the last year
// for some places, the share vaccinated of each municipality) — writes them for the Python peer, then times,
// on N threads: the TOTAL of every municipality and day (homologation::impute_total, the state over the
// federal level, then the municipality over that) and every index (SI, GRI, CHI, ESI, LSI) in every variant
// (non-vaccinated, vaccinated, simple and weighted averages) with homologation::compute_variant_cents
// (compute_index's rounded values, the two single populations computed once per index and day). Writes the
// rounded values (cents, -1 where not computed) for the comparison. Usage: bench_policy OUT_DIR [threads]
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "homologation/imputation.hpp"
#include "homologation/indices.hpp"

using namespace metropoli;
using namespace metropoli::homologation;

namespace {

constexpr int k_municipalities = 2469;
constexpr int k_states = 32;
constexpr int k_days = 1100;
constexpr int k_segments_coded = 3;  // E, NV, V
constexpr std::array<Index, 5> k_indices = {Index::si, Index::gri, Index::chi, Index::esi, Index::lsi};
constexpr int k_outputs = 20;  // per index: non-vaccinated, vaccinated, simple and weighted averages

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

Reading reading_of(int component, int code) {
    const int value = code >> 1;
    Reading r{value, std::nullopt};
    if (value > 0 && component_flagged(static_cast<Component>(component))) r.flag = code & 1;
    return r;
}

// The days of one entity from its runs (`begin`..`end` of `runs`); the slots with no run stay absent.
void expand(const Run* begin, const Run* end, std::vector<DayPolicy>& days, Date first) {
    for (int d = 0; d < k_days; ++d) {
        days[static_cast<size_t>(d)].readings = {};
        days[static_cast<size_t>(d)].date = first + d;
        days[static_cast<size_t>(d)].population_vaccinated.reset();
    }
    for (const Run* r = begin; r != end; ++r) {
        const Reading reading = reading_of(r->component, r->code);
        for (int d = r->start; d <= r->end; ++d)
            days[static_cast<size_t>(d)].set(static_cast<Component>(r->component),
                                             static_cast<Segment>(r->segment), reading);
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

    std::vector<int16_t> values(static_cast<size_t>(k_municipalities) * k_days * k_outputs, -1);
    std::atomic<long> imputed_days{0}, computed{0};
    const auto started = std::chrono::steady_clock::now();

    // The state totals: each state over the federal level, day by day.
    std::vector<DayPolicy> federal(k_days);
    {
        auto [b, e] = span(0, 0);
        expand(b, e, federal, first);
    }
    std::vector<std::vector<DayPolicy>> state_total(k_states, std::vector<DayPolicy>(k_days));
    {
        std::vector<DayPolicy> own(k_days);
        for (int s = 0; s < k_states; ++s) {
            auto [b, e] = span(1, s);
            expand(b, e, own, first);
            for (int d = 0; d < k_days; ++d)
                state_total[static_cast<size_t>(s)][static_cast<size_t>(d)] =
                    impute_total(own[static_cast<size_t>(d)], federal[static_cast<size_t>(d)]).policy;
        }
    }

    std::atomic<int> next{0};
    auto work = [&] {
        std::vector<DayPolicy> own(k_days);
        long local_days = 0, local_values = 0;
        for (int m = next++; m < k_municipalities; m = next++) {
            auto [b, e] = span(2, m);
            expand(b, e, own, first);
            const auto& higher = state_total[static_cast<size_t>(state_of(m))];
            for (int d = 0; d < k_days; ++d) {
                auto& day = own[static_cast<size_t>(d)];
                const int32_t share = shares[static_cast<size_t>(m) * k_days + static_cast<size_t>(d)];
                if (share >= 0) day.population_vaccinated = Rational(share, 100);
                const ImputedDay total = impute_total(day, higher[static_cast<size_t>(d)]);
                ++local_days;
                int16_t* row =
                    &values[(static_cast<size_t>(m) * k_days + static_cast<size_t>(d)) * k_outputs];
                int k = 0;
                for (Index index : k_indices)
                    for (const auto& cents : compute_variant_cents(total.policy, index)) {
                        if (cents) {
                            row[k] = static_cast<int16_t>(*cents);
                            ++local_values;
                        }
                        ++k;
                    }
            }
        }
        imputed_days += local_days;
        computed += local_values;
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
    const double seconds = seconds_since(started);

    write(out + "/metropoli_values.bin", values);
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    std::printf(
        "{\"municipalities\": %d, \"states\": %d, \"days\": %d, \"runs\": %zu, \"threads\": %d, "
        "\"seconds\": %.6f, \"imputed_days\": %ld, \"values\": %ld, \"outputs_per_day\": %d, "
        "\"peak_rss_mb\": %ld}\n",
        k_municipalities, k_states, k_days, runs.size(), threads, seconds, imputed_days.load(),
        computed.load(), k_outputs, u.ru_maxrss / 1024);
    return 0;
}

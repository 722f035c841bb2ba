// SPDX-License-Identifier: MIT
// The indices over PolicyColumns, sixteen days at a time: a block of days is read once (every component, both
// populations), every index summed, rounded and averaged in registers, and its values stored — one pass over
// the columns where summing one component into one index at a time took some 35 passes over int32 columns per
// population. The arithmetic is indices.cpp's: a sub-index is an integer number of 1/120ths of a point
// (legacy: 1/60ths), given by the byte code r = 2v + f without branches, summed exactly and rounded half to
// even once.
#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "homologation/policy_columns.hpp"
#include "homologation/vector_clones.hpp"

namespace metropoli::homologation {

namespace {

using C = Component;

// Sixteen consecutive days in 16-bit lanes: one AVX2 register (two SSE2 ones in the baseline clone). Every
// sum fits: a sub-index is at most 120 units of 1/120 of a point (the index's factor 100 is applied when
// rounding), GRI's sixteen at most 1,920. GCC's vector extensions, so that the fused block stays in registers
// (one loop per component, as auto-vectorised loops need, would store and reload every sum). Vectors are
// passed by reference only: a 32-byte vector by value changes the ABI of the baseline clone (clang refuses
// it).
constexpr int k_lanes = 16;
using Lanes = int16_t __attribute__((vector_size(2 * k_lanes)));
using Codes = int8_t __attribute__((vector_size(k_lanes)));
// Eight days in 32-bit lanes, for the dividends of the roundings (10,000 × 1,920; share × cents).
using Half = int16_t __attribute__((vector_size(k_lanes)));
using Wide = uint32_t __attribute__((vector_size(2 * k_lanes)));
using Shares = int32_t __attribute__((vector_size(2 * k_lanes)));

constexpr int32_t k_column_units = 120;         // every 2N (4, 6, 8, 10) divides it
constexpr int32_t k_column_legacy_units = 60;   // every N + F (3, 4, 5) divides it
constexpr int32_t k_column_share_unit = 10000;  // the share vaccinated in hundredths of a percent
constexpr size_t k_outputs = 20;  // SI, GRI, CHI, ESI, LSI × NV, V, simple and weighted averages
// H6, H7 and H8, the components the historical k rule counts only from the day they entered the codebook.
constexpr std::array<C, 3> k_late = {C::h6, C::h7, C::h8};

// Per component, as lanes: the flag F (0 or 1), 120 / 2N and 60 / (N + F); and the first day each of H6, H7
// and H8 counts on. Computed once per call from the codebook.
struct Weights {
    std::array<Lanes, k_component_count> flag{}, scale{}, legacy_scale{};
    std::array<int, k_late.size()> counts_from{};
};

// The first day (0-based) a component counts on (indices.cpp, `introduced`).
int counts_from(C c, const PolicyColumns& columns, const IndexOptions& options) {
    if (options.k_rule == KRule::backfilled) return 0;
    std::optional<Date> since;
    if (c == C::h6) since = Date::from_ymd(2020, 10, 22);
    if (c == C::h7) since = Date::from_ymd(2020, 12, 9);
    if (c == C::h8) since = Date::from_ymd(2021, 3, 15);
    if (!since) return 0;
    return std::clamp(*since - columns.first, 0, columns.days);
}

Weights weights_of(const PolicyColumns& columns, const IndexOptions& options) {
    Weights w;
    for (size_t i = 0; i < w.flag.size(); ++i) {
        const auto c = static_cast<C>(i);
        const int n = component_max(c), f = component_flagged(c) ? 1 : 0;
        // Each scalar named in the lanes' type before it is broadcast: under UBSan a checked division stays
        // an int, and GCC refuses to broadcast an int that might not fit.
        const auto flag = static_cast<int16_t>(f), scale = static_cast<int16_t>(k_column_units / (2 * n)),
                   legacy_scale = static_cast<int16_t>(k_column_legacy_units / (n + f));
        w.flag[i] = Lanes{} + flag;
        w.scale[i] = Lanes{} + scale;
        w.legacy_scale[i] = Lanes{} + legacy_scale;
    }
    for (size_t j = 0; j < k_late.size(); ++j) w.counts_from[j] = counts_from(k_late[j], columns, options);
    return w;
}

// One block: its first day and how many of its sixteen lanes are days (fewer only in the last block).
struct Block {
    int start = 0, days = k_lanes;
};

// The codes of one column over a block, missing past the last day.
[[gnu::always_inline]] inline void load(Lanes& out, std::span<const int8_t> column, const Block& b) {
    Codes codes = Codes{} - 1;
    // A copy of constant size is one load; a variable one is a call to memcpy.
    if (b.days == k_lanes)
        std::memcpy(&codes, column.data() + b.start, sizeof codes);
    else
        std::memcpy(&codes, column.data() + b.start, static_cast<size_t>(b.days));
    out = __builtin_convertvector(codes, Lanes);
}

[[gnu::always_inline]] inline void load(Shares& lo, Shares& hi, const std::vector<int32_t>& shares,
                                        const Block& b) {
    const int32_t* from = shares.data() + b.start;
    std::array<int32_t, k_lanes> tail;
    if (b.days < k_lanes) {
        tail.fill(-1);
        std::memcpy(tail.data(), from, static_cast<size_t>(b.days) * sizeof(int32_t));
        from = tail.data();
    }
    std::memcpy(&lo, from, sizeof lo);
    std::memcpy(&hi, from + k_lanes / 2, sizeof hi);
}

[[gnu::always_inline]] inline void store(int16_t* row, const Lanes& values, const Block& b) {
    if (!row) return;
    if (b.days == k_lanes)
        std::memcpy(row + b.start, &values, sizeof values);
    else
        std::memcpy(row + b.start, &values, static_cast<size_t>(b.days) * sizeof(int16_t));
}

// One population's sums over a block: units (1/120ths, legacy 1/60ths, without the factor 100) and the
// components (legacy: slots) with data. GRI is CHI + ESI.
struct Sums {
    Lanes si{}, chi{}, esi{}, lsi{};
    Lanes si_n{}, chi_n{}, esi_n{}, lsi_n{};
};

// Adds one component's sub-index, (r − F)·120/2N where r >= 2 (v > 0) and 0 otherwise, and its presence,
// in the lanes of `counts` (every lane, except for H6–H8 under the historical k rule).
[[gnu::always_inline]] inline void add(Lanes& units, Lanes& present, const Lanes& r, const Weights& w, C c,
                                       const Lanes& counts) {
    const auto i = static_cast<size_t>(c);
    units += (r >= 2) & ((r - w.flag[i]) * w.scale[i]) & counts;
    present -= (r >= 0) & counts;  // a true comparison is -1
}

// The legacy score of a code, ((r >> 1) + (r & 1))·60/(N + F) where r >= 2, else 0, and -1 (below every
// score) where the reading is missing: r >> 15 is -1 for -1 and 0 for 0 and 1.
[[gnu::always_inline]] inline void legacy_score(Lanes& out, const Lanes& r, const Weights& w, C c) {
    out = r >= 2 ? ((r >> 1) + (r & 1)) * w.legacy_scale[static_cast<size_t>(c)] : r >> 15;
}

// A legacy slot, C1, C2, max(C3, C4), C5, max(C6, C7), C8 or H1: its best score where either has data.
[[gnu::always_inline]] inline void add_slot(Sums& s, const Lanes& best) {
    s.lsi += best & ~(best >> 15);
    s.lsi_n -= best >= 0;
}

// Every sum of one population from its readings (`r`, per component) over a block.
[[gnu::always_inline]] inline void sum_population(Sums& s, const std::array<Lanes, k_component_count>& r,
                                                  const Weights& w,
                                                  const std::array<Lanes, k_late.size()>& counts) {
    const Lanes all = Lanes{} - 1;
    const auto at = [&r](C c) -> const Lanes& { return r[static_cast<size_t>(c)]; };
    for (C c : {C::c1, C::c2, C::c3, C::c4, C::c5, C::c6, C::c7, C::c8, C::h1})
        add(s.si, s.si_n, at(c), w, c, all);
    s.chi = s.si;
    s.chi_n = s.si_n;
    for (C c : {C::h2, C::h3}) add(s.chi, s.chi_n, at(c), w, c, all);
    for (size_t j = 0; j < k_late.size(); ++j) add(s.chi, s.chi_n, at(k_late[j]), w, k_late[j], counts[j]);
    for (C c : {C::e1, C::e2}) add(s.esi, s.esi_n, at(c), w, c, all);
    Lanes a, b;
    for (C c : {C::c1, C::c2, C::c5, C::c8, C::h1}) {
        legacy_score(a, at(c), w, c);
        add_slot(s, a);
    }
    for (auto [first, second] : {std::pair{C::c3, C::c4}, std::pair{C::c6, C::c7}}) {
        legacy_score(a, at(first), w, first);
        legacy_score(b, at(second), w, second);
        add_slot(s, a > b ? a : b);
    }
}

// n / d rounded half to even (d > 0).
int64_t round_columns_half_even(int64_t n, int64_t d) {
    int64_t q = n / d, r = n % d;
    if (r < 0) {
        r += d;
        --q;
    }
    if (2 * r > d || (2 * r == d && q % 2 != 0)) ++q;
    return q;
}

// n / D rounded half to even, n >= 0 and D a constant (the division becomes a multiplication).
template <uint32_t D>
[[gnu::always_inline]] inline void round_half_even_by(Wide& n) {
    const Wide q = n / D;
    const Wide twice = 2 * (n - q * D);
    const Wide above = __builtin_convertvector(twice > D, Wide),
               tie = __builtin_convertvector(twice == D, Wide);
    n = q + ((above | (tie & q)) & 1);
}

[[gnu::always_inline]] inline void widen(Wide& lo, Wide& hi, const Lanes& x) {
    lo = __builtin_convertvector(__builtin_shufflevector(x, x, 0, 1, 2, 3, 4, 5, 6, 7), Wide);
    hi = __builtin_convertvector(__builtin_shufflevector(x, x, 8, 9, 10, 11, 12, 13, 14, 15), Wide);
}

[[gnu::always_inline]] inline void narrow(Lanes& out, const Wide& lo, const Wide& hi) {
    const Half l = __builtin_convertvector(lo, Half), h = __builtin_convertvector(hi, Half);
    out = __builtin_shufflevector(l, h, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}

// The cents of an index whose k is `K` on every day of the block: 100·(100·units)/(unit·K) rounded half to
// even (the dividend indices.cpp rounds), -1 where fewer than `required` components have data.
template <int32_t Unit, int32_t K>
[[gnu::always_inline]] inline void cents_of(Lanes& out, const Lanes& units, const Lanes& present,
                                            int16_t required) {
    Wide lo, hi;
    widen(lo, hi, units);
    lo *= 100 * 100;
    hi *= 100 * 100;
    round_half_even_by<static_cast<uint32_t>(Unit * K)>(lo);
    round_half_even_by<static_cast<uint32_t>(Unit * K)>(hi);
    narrow(out, lo, hi);
    out = present >= required ? out : Lanes{} - 1;
}

// The cents where k varies within the block (the historical k rule, around H6's, H7's or H8's first day), one
// day at a time: k − 1 components required.
[[gnu::always_inline]] inline void cents_varying(Lanes& out, const Lanes& units, const Lanes& present,
                                                 const Lanes& k) {
    for (int d = 0; d < k_lanes; ++d) {
        const int64_t den = int64_t{k_column_units} * k[d];
        out[d] = static_cast<int16_t>(k[d] > 0 && present[d] >= k[d] - 1
                                          ? round_columns_half_even(int64_t{100 * 100} * units[d], den)
                                          : -1);
    }
}

// The simple and weighted averages of the rounded NV (`a`) and V (`b`) cents: round((a + b) / 2) and
// round((share·b + (10000 − share)·a) / 10000), -1 where either variant (or the share) is missing.
[[gnu::always_inline]] inline void averages(Lanes& simple, Lanes& weighted, const Lanes& a, const Lanes& b,
                                            const Shares& share_lo, const Shares& share_hi) {
    const Lanes both = (a >= 0) & (b >= 0);
    const Lanes n = a + b;
    simple = both ? (n >> 1) + (n & (n >> 1) & 1) : Lanes{} - 1;
    Wide wa[2], wb[2], w[2];
    widen(wa[0], wa[1], a);
    widen(wb[0], wb[1], b);
    const Shares* shares[2] = {&share_lo, &share_hi};
    for (size_t h = 0; h < 2; ++h) {
        const Wide sh = __builtin_convertvector(*shares[h], Wide);
        w[h] = sh * wb[h] +
               (k_column_share_unit - sh) * wa[h];  // modulo 2^32 where something is missing: not kept
        round_half_even_by<k_column_share_unit>(w[h]);
    }
    narrow(weighted, w[0], w[1]);
    const Half known_lo = __builtin_convertvector(share_lo >= 0, Half);
    const Half known_hi = __builtin_convertvector(share_hi >= 0, Half);
    const Lanes known =
        __builtin_shufflevector(known_lo, known_hi, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    weighted = both & known ? weighted : Lanes{} - 1;
}

// The averages of the unrounded NV and V values instead (AverageOf::exact_variants), one day at a time:
// NV = 100·units_a / (unit·k), V likewise, the same k.
[[gnu::always_inline]] inline void exact_averages(Lanes& simple, Lanes& weighted, const Lanes& a,
                                                  const Lanes& b, const Lanes& units_a, const Lanes& units_b,
                                                  const Lanes& k, int32_t unit, const Shares& share_lo,
                                                  const Shares& share_hi) {
    for (int d = 0; d < k_lanes; ++d) {
        simple[d] = weighted[d] = -1;
        if (a[d] < 0 || b[d] < 0) continue;
        const int64_t ua = 100 * int64_t{units_a[d]}, ub = 100 * int64_t{units_b[d]},
                      den = int64_t{unit} * k[d];
        simple[d] = static_cast<int16_t>(round_columns_half_even(100 * (ua + ub), 2 * den));
        const int64_t share = d < k_lanes / 2 ? share_lo[d] : share_hi[d - k_lanes / 2];
        if (share >= 0)
            weighted[d] = static_cast<int16_t>(
                round_columns_half_even(share * ub + (k_column_share_unit - share) * ua, 100 * den));
    }
}

// Every value of one block: values[4·i + v] for the index i (SI, GRI, CHI, ESI, LSI) and the variant v.
[[gnu::always_inline]] inline void block_values(std::array<Lanes, k_outputs>& values,
                                                const PolicyColumns& columns, const Weights& w,
                                                const Block& b, const IndexOptions& options) {
    std::array<Lanes, k_component_count> everyone, r;
    for (size_t c = 0; c < everyone.size(); ++c)
        load(everyone[c], columns.column(static_cast<C>(c), Segment::everyone), b);
    // Which lanes H6, H7 and H8 count in, and the k of CHI on each day.
    const Lanes lane = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    std::array<Lanes, k_late.size()> counts;
    Lanes k_chi = Lanes{} + 11;
    bool every_day_full = true;
    for (size_t j = 0; j < k_late.size(); ++j) {
        const int first = std::clamp(w.counts_from[j] - b.start, 0, k_lanes);
        counts[j] = lane >= static_cast<int16_t>(first);
        k_chi -= counts[j];
        every_day_full = every_day_full && first == 0;
    }
    std::array<Sums, 2> sums;
    for (size_t p = 0; p < 2; ++p) {
        const Segment own = p == 0 ? Segment::non_vaccinated : Segment::vaccinated;
        for (size_t c = 0; c < r.size(); ++c) {
            load(r[c], columns.column(static_cast<C>(c), own), b);
            r[c] = r[c] >= 0 ? r[c] : everyone[c];
        }
        sum_population(sums[p], r, w, counts);
    }
    // Per population p, the cents of SI, GRI, CHI, ESI (NV only: never differentiated) and LSI.
    std::array<std::array<Lanes, 5>, 2> cents;
    std::array<Lanes, 2> gri, gri_n;
    for (size_t p = 0; p < 2; ++p) {
        const Sums& s = sums[p];
        gri[p] = s.chi + s.esi;
        gri_n[p] = s.chi_n + s.esi_n;
        cents_of<k_column_units, 9>(cents[p][0], s.si, s.si_n, 8);
        if (every_day_full) {
            cents_of<k_column_units, 16>(cents[p][1], gri[p], gri_n[p], 15);
            cents_of<k_column_units, 14>(cents[p][2], s.chi, s.chi_n, 13);
        } else {
            cents_varying(cents[p][1], gri[p], gri_n[p], k_chi + 2);
            cents_varying(cents[p][2], s.chi, s.chi_n, k_chi);
        }
        cents_of<k_column_legacy_units, 7>(cents[p][4], s.lsi, s.lsi_n, 6);
    }
    cents_of<k_column_units, 2>(cents[0][3], sums[0].esi, sums[0].esi_n, 2);
    Shares share_lo, share_hi;
    load(share_lo, share_hi, columns.vaccinated, b);
    const std::array<const Lanes*, 5> units_nv = {&sums[0].si, &gri[0], &sums[0].chi, nullptr, &sums[0].lsi};
    const std::array<const Lanes*, 5> units_v = {&sums[1].si, &gri[1], &sums[1].chi, nullptr, &sums[1].lsi};
    const std::array<Lanes, 5> k = {Lanes{} + 9, k_chi + 2, k_chi, Lanes{} + 2, Lanes{} + 7};
    for (size_t i = 0; i < 5; ++i) {
        Lanes* out = &values[4 * i];
        if (i == 3) {  // ESI: the non-vaccinated reading, four times
            out[0] = out[1] = out[2] = out[3] = cents[0][3];
            continue;
        }
        out[0] = cents[0][i];
        out[1] = cents[1][i];
        if (options.average_of == AverageOf::rounded_variants)
            averages(out[2], out[3], out[0], out[1], share_lo, share_hi);
        else
            exact_averages(out[2], out[3], out[0], out[1], *units_nv[i], *units_v[i], k[i],
                           i == 4 ? k_column_legacy_units : k_column_units, share_lo, share_hi);
    }
}

// Every block of `columns`: each day's values stored in rows[4·i + v] (a null row is not stored).
METROPOLI_VECTOR_CLONES void compute_rows(const PolicyColumns& columns, const IndexOptions& options,
                                          const std::array<int16_t*, k_outputs>& rows) {
    const Weights w = weights_of(columns, options);
    std::array<Lanes, k_outputs> values;
    for (int start = 0; start < columns.days; start += k_lanes) {
        const Block b{start, std::min(k_lanes, columns.days - start)};
        block_values(values, columns, w, b, options);
        for (size_t o = 0; o < k_outputs; ++o) store(rows[o], values[o], b);
    }
}

}  // namespace

void compute_variant_cents(const PolicyColumns& columns, Index index, std::array<std::span<int16_t>, 4> out,
                           const IndexOptions& options) {
    for (const auto& o : out)
        if (o.size() != static_cast<size_t>(columns.days))
            throw std::invalid_argument(
                "compute_variant_cents: an output column does not hold one value per day");
    std::array<int16_t*, k_outputs> rows{};
    const size_t first = 4 * static_cast<size_t>(index);
    for (size_t v = 0; v < 4; ++v) rows[first + v] = out[v].data();
    compute_rows(columns, options, rows);
}

void compute_all_variant_cents(const PolicyColumns& columns, std::span<int16_t> out,
                               const IndexOptions& options) {
    const size_t days = static_cast<size_t>(columns.days);
    if (out.size() != k_outputs * days)
        throw std::invalid_argument("compute_all_variant_cents: the output does not hold 20 values per day");
    std::array<int16_t*, k_outputs> rows;
    for (size_t o = 0; o < k_outputs; ++o) rows[o] = out.data() + o * days;
    compute_rows(columns, options, rows);
}

}  // namespace metropoli::homologation

// SPDX-License-Identifier: MIT
// The columnar form and its kernels. Every sub-index is an integer number of 1/120ths (legacy: 1/60ths) as in
// indices.cpp; here a byte code r = 2v + f gives it without branches: (r − F)·100·120/2N when v > 0 (r >= 2),
// and the legacy score ((r >> 1) + (r & 1))·100·60/(N + 1). The sums of one index over all days are int32
// columns; the rounding half to even divides by a constant.
#include "homologation/policy_columns.hpp"

#include <algorithm>
#include <stdexcept>

namespace metropoli::homologation {

namespace {

using C = Component;

// The kernels are compiled twice and picked when the program loads: for AVX2 (32-bit multiplies and
// comparisons eight days at a time) and for the baseline x86-64 (SSE2 has no 32-bit multiply: mostly scalar).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(__SANITIZE_THREAD__)
#define METROPOLI_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define METROPOLI_VECTOR_CLONES
#endif

constexpr int32_t k_units = 120;
constexpr int32_t k_legacy_units = 60;
constexpr uint32_t k_share_unit_u = 10000;
constexpr std::array<Index, 5> k_all_indices = {Index::si, Index::gri, Index::chi, Index::esi, Index::lsi};
constexpr int32_t k_share_unit = 10000;  // hundredths of a percent

std::span<const C> components_of(Index index) {
    static constexpr C si[] = {C::c1, C::c2, C::c3, C::c4, C::c5, C::c6, C::c7, C::c8, C::h1};
    static constexpr C chi[] = {C::c1, C::c2, C::c3, C::c4, C::c5, C::c6, C::c7,
                                C::c8, C::h1, C::h2, C::h3, C::h6, C::h7, C::h8};
    static constexpr C gri[] = {C::c1, C::c2, C::c3, C::c4, C::c5, C::c6, C::c7, C::c8,
                                C::e1, C::e2, C::h1, C::h2, C::h3, C::h6, C::h7, C::h8};
    static constexpr C esi[] = {C::e1, C::e2};
    switch (index) {
        case Index::chi:
            return chi;
        case Index::gri:
            return gri;
        case Index::esi:
            return esi;
        case Index::si:
        case Index::lsi:
            break;
    }
    return si;
}

// The first day (0-based) a component counts on: under the historical k rule H6, H7 and H8 count only from
// the day they entered the codebook (indices.cpp, `introduced`).
int counts_from(C c, const PolicyColumns& columns, const IndexOptions& options) {
    if (options.k_rule == KRule::backfilled) return 0;
    std::optional<Date> since;
    if (c == C::h6) since = Date::from_ymd(2020, 10, 22);
    if (c == C::h7) since = Date::from_ymd(2020, 12, 9);
    if (c == C::h8) since = Date::from_ymd(2021, 3, 15);
    if (!since) return 0;
    return std::clamp(*since - columns.first, 0, columns.days);
}

// n / d rounded half to even (d > 0), in 32 bits without branches.
[[gnu::always_inline]] inline int32_t round_half_even(int32_t n, int32_t d) {
    int32_t q = n / d, r = n - q * d;
    const int32_t negative = r < 0 ? -1 : 0;
    r += d & negative;
    q += negative;
    return q + static_cast<int32_t>((2 * r > d) | ((2 * r == d) & ((q & 1) != 0)));
}

int64_t round_half_even64(int64_t n, int64_t d) {
    int64_t q = n / d, r = n % d;
    if (r < 0) {
        r += d;
        --q;
    }
    if (2 * r > d || (2 * r == d && q % 2 != 0)) ++q;
    return q;
}

// n / D rounded half to even for n >= 0 and a constant D, in the form the compiler vectorises.
template <uint32_t D>
[[gnu::always_inline]] inline uint32_t round_half_even_by(uint32_t n) {
    const uint32_t q = n / D;
    const uint32_t twice = 2 * (n - q * D);
    const uint32_t up = twice > D ? 1u : twice == D ? (q & 1u) : 0u;
    return q + up;
}

// One population's sums of one index over every day: units (in 1/unit) and components present.
struct Sums {
    std::vector<int32_t> units, present;
    std::vector<int> counted_from;  // per component: the first day it counts on (k of day d: those <= d)
    explicit Sums(int days) : units(static_cast<size_t>(days), 0), present(static_cast<size_t>(days), 0) {}
    int32_t k(int d) const {
        return static_cast<int32_t>(
            std::count_if(counted_from.begin(), counted_from.end(), [d](int f) { return f <= d; }));
    }
};

// The reading a population reads: its own segment where coded, else everyone's (both loaded, then selected,
// so that the loops have no branch).
[[gnu::always_inline]] inline int32_t read(const int8_t* own, const int8_t* everyone, int d) {
    const int32_t o = own[d], e = everyone[d];
    return o >= 0 ? o : e;
}

[[gnu::always_inline]] inline void add_component(const PolicyColumns& columns, C c, Segment segment, int from,
                                                 Sums& sums) {
    const int8_t* own = columns.column(c, segment).data();
    const int8_t* everyone = columns.column(c, Segment::everyone).data();
    const int32_t scale = 100 * k_units / (2 * component_max(c));
    const int32_t flagged = component_flagged(c) ? 1 : 0;
    int32_t* units = sums.units.data();
    int32_t* present = sums.present.data();
    sums.counted_from.push_back(from);
    const int days = columns.days;
    for (int d = from; d < days; ++d) {
        const int32_t r = read(own, everyone, d);
        units[d] += r >= 2 ? (r - flagged) * scale : 0;
        present[d] += r >= 0 ? 1 : 0;
    }
}

// The legacy slots: C1, C2, max(C3, C4), C5, max(C6, C7), C8, H1; a paired slot has data when either has.
[[gnu::always_inline]] inline void add_legacy_slot(const PolicyColumns& columns, C a, C b, Segment segment,
                                                   Sums& sums) {
    const int8_t* own_a = columns.column(a, segment).data();
    const int8_t* all_a = columns.column(a, Segment::everyone).data();
    const int8_t* own_b = columns.column(b, segment).data();
    const int8_t* all_b = columns.column(b, Segment::everyone).data();
    const auto legacy_scale = [](C c) {
        return 100 * k_legacy_units / (component_flagged(c) ? component_max(c) + 1 : component_max(c));
    };
    const int32_t scale_a = legacy_scale(a), scale_b = legacy_scale(b);
    int32_t* units = sums.units.data();
    int32_t* present = sums.present.data();
    const int days = columns.days;
    if (a == b) {  // a slot of one component
        for (int d = 0; d < days; ++d) {
            const int32_t r = read(own_a, all_a, d);
            units[d] += r >= 2 ? ((r >> 1) + (r & 1)) * scale_a : 0;
            present[d] += r >= 0 ? 1 : 0;
        }
        return;
    }
    for (int d = 0; d < days; ++d) {
        const int32_t ra = read(own_a, all_a, d), rb = read(own_b, all_b, d);
        // A missing reading scores -1 (ra >> 31), below any score.
        const int32_t sa = ra >= 2 ? ((ra >> 1) + (ra & 1)) * scale_a : (ra >> 31);
        const int32_t sb = rb >= 2 ? ((rb >> 1) + (rb & 1)) * scale_b : (rb >> 31);
        const int32_t best = sa > sb ? sa : sb;
        units[d] += best & ~(best >> 31);
        present[d] += (best >> 31) + 1;
    }
}

[[gnu::always_inline]] inline Sums single_population(const PolicyColumns& columns, Index index,
                                                     Segment segment, const IndexOptions& options) {
    Sums sums(columns.days);
    if (index == Index::lsi) {
        static constexpr std::array<std::array<C, 2>, 7> slots = {{{C::c1, C::c1},
                                                                   {C::c2, C::c2},
                                                                   {C::c3, C::c4},
                                                                   {C::c5, C::c5},
                                                                   {C::c6, C::c7},
                                                                   {C::c8, C::c8},
                                                                   {C::h1, C::h1}}};
        for (const auto& slot : slots) add_legacy_slot(columns, slot[0], slot[1], segment, sums);
        sums.counted_from.assign(slots.size(), 0);
        return sums;
    }
    for (C c : components_of(index))
        add_component(columns, c, segment, counts_from(c, columns, options), sums);
    return sums;
}

// The cents of days [from, to) with k components each: -1 below the required count.
template <uint32_t Den>
[[gnu::always_inline]] inline void cents_with(const Sums& sums, int32_t required, int from, int to,
                                              int16_t* out) {
    for (int d = from; d < to; ++d) {
        const auto cents = static_cast<int32_t>(
            round_half_even_by<Den>(100u * static_cast<uint32_t>(sums.units[static_cast<size_t>(d)])));
        out[d] = static_cast<int16_t>(sums.present[static_cast<size_t>(d)] >= required ? cents : -1);
    }
}

[[gnu::always_inline]] inline void cents_of(const Sums& sums, Index index, int16_t* out) {
    const int32_t unit = index == Index::lsi ? k_legacy_units : k_units;
    const int days = static_cast<int>(sums.units.size());
    for (int from = 0; from < days;) {
        const int32_t k = sums.k(from);
        // The days with this k end where the next component starts to count.
        int to = days;
        for (int f : sums.counted_from)
            if (f > from) to = std::min(to, f);
        const int32_t required = index == Index::esi ? k : k - 1;
        // The published k of each index as a constant divisor; the historical k's as a variable one.
        switch (unit * k) {
            case k_units * 9:
                cents_with<k_units * 9>(sums, required, from, to, out);
                break;
            case k_units * 14:
                cents_with<k_units * 14>(sums, required, from, to, out);
                break;
            case k_units * 16:
                cents_with<k_units * 16>(sums, required, from, to, out);
                break;
            case k_units * 2:
                cents_with<k_units * 2>(sums, required, from, to, out);
                break;
            case k_legacy_units * 7:
                cents_with<k_legacy_units * 7>(sums, required, from, to, out);
                break;
            default:
                for (int d = from; d < to; ++d) {
                    const size_t i = static_cast<size_t>(d);
                    out[d] = static_cast<int16_t>(k > 0 && sums.present[i] >= required
                                                      ? round_half_even(100 * sums.units[i], unit * k)
                                                      : -1);
                }
        }
        from = to;
    }
}

// The TOTAL of one column: the higher reading where it is general (flag 1, or a component without a flag)
// and at least as strict.
template <bool Flagged>
[[gnu::always_inline]] inline void impute_column(const int8_t* __restrict high, const int8_t* __restrict low,
                                                 int days, int8_t* __restrict total) {
    for (int d = 0; d < days; ++d) {
        // A missing code is -1 and so is its value (-1 >> 1): a higher value at least the lower one is a
        // reading over a missing one, or a missing one over a missing one; a missing higher code has the
        // flag bit set, and is taken only over a missing lower one, which changes nothing.
        const int8_t h = high[d], l = low[d];
        const int8_t general = Flagged ? static_cast<int8_t>(h & 1) : int8_t{1};
        total[d] = general != 0 && (h >> 1) >= (l >> 1) ? h : l;
    }
}

// Adds another index's sums day by day (GRI = CHI + ESI).
[[gnu::always_inline]] inline void add_sums(Sums& into, const Sums& other) {
    into.counted_from.insert(into.counted_from.end(), other.counted_from.begin(), other.counted_from.end());
    const size_t days = into.units.size();
    for (size_t d = 0; d < days; ++d) {
        into.units[d] += other.units[d];
        into.present[d] += other.present[d];
    }
}

// The four variants of one index from the non-vaccinated and vaccinated sums (ESI: the first, four times).
[[gnu::always_inline]] inline void variant_cents(const PolicyColumns& columns, Index index, const Sums& nv,
                                                 const Sums& v, std::array<int16_t*, 4> out,
                                                 const IndexOptions& options) {
    const int days = columns.days;
    cents_of(nv, index, out[0]);
    if (index == Index::esi) {
        for (size_t i = 1; i < 4; ++i) std::copy(out[0], out[0] + days, out[i]);
        return;
    }
    cents_of(v, index, out[1]);
    const int16_t* __restrict a = out[0];
    const int16_t* __restrict b = out[1];
    int16_t* __restrict simple = out[2];
    int16_t* __restrict weighted = out[3];
    const int32_t* __restrict share = columns.vaccinated.data();
    if (options.average_of == AverageOf::rounded_variants) {
        for (int d = 0; d < days; ++d) {
            const int32_t ad = a[d], bd = b[d], sh = share[d];
            const bool both = (ad >= 0) & (bd >= 0);
            const uint32_t s = round_half_even_by<2>(static_cast<uint32_t>(ad + bd));
            const uint32_t w =
                round_half_even_by<k_share_unit_u>(static_cast<uint32_t>(sh * bd + (k_share_unit - sh) * ad));
            simple[d] = static_cast<int16_t>(both ? static_cast<int32_t>(s) : -1);
            weighted[d] = static_cast<int16_t>(both & (sh >= 0) ? static_cast<int32_t>(w) : -1);
        }
        return;
    }
    // The averages of the unrounded variants: NV = units_a / (unit·k), V likewise, the same k.
    const int64_t unit = index == Index::lsi ? k_legacy_units : k_units;
    for (int d = 0; d < days; ++d) {
        const size_t i = static_cast<size_t>(d);
        simple[d] = weighted[d] = -1;
        if (a[d] < 0 || b[d] < 0) continue;
        const int64_t ua = nv.units[i], ub = v.units[i], den = unit * nv.k(d);
        simple[d] = static_cast<int16_t>(round_half_even64(100 * (ua + ub), 2 * den));
        if (share[d] >= 0)
            weighted[d] = static_cast<int16_t>(
                round_half_even64(share[d] * ub + (k_share_unit - share[d]) * ua, 100 * den));
    }
}

}  // namespace

int8_t encode_reading(Component c, const std::optional<Reading>& r) {
    if (!r) return -1;
    const int flag = component_flagged(c) && r->flag.value_or(0) == 1 ? 1 : 0;
    return static_cast<int8_t>(2 * r->value + flag);
}

std::optional<Reading> decode_reading(Component c, int8_t code) {
    if (code < 0) return std::nullopt;
    Reading r{code >> 1, std::nullopt};
    if (component_flagged(c)) r.flag = code & 1;
    return r;
}

PolicyColumns::PolicyColumns(Date first_day, int day_count)
    : first(first_day),
      days(day_count),
      codes(static_cast<size_t>(k_component_count) * k_segment_count * static_cast<size_t>(day_count), -1),
      vaccinated(static_cast<size_t>(day_count), -1) {}

void PolicyColumns::fill(Component c, Segment s, int from, int to, const std::optional<Reading>& r) {
    const auto col = column(c, s);
    std::fill(col.begin() + from, col.begin() + to + 1, encode_reading(c, r));
}

void PolicyColumns::clear() {
    std::fill(codes.begin(), codes.end(), int8_t{-1});
    std::fill(vaccinated.begin(), vaccinated.end(), -1);
}

PolicyColumns columns_of(const std::vector<DayPolicy>& days) {
    PolicyColumns out(days.empty() ? Date{} : days.front().date, static_cast<int>(days.size()));
    for (int d = 0; d < out.days; ++d) {
        const DayPolicy& day = days[static_cast<size_t>(d)];
        if (day.date != out.first + d)
            throw std::invalid_argument("columns_of: day " + std::to_string(d) + " is " + day.date.iso() +
                                        ", not " + (out.first + d).iso() + ": the days must be consecutive");
        for (int c = 0; c < k_component_count; ++c)
            for (int s = 0; s < k_segment_count; ++s) {
                const auto component = static_cast<Component>(c);
                out.column(component, static_cast<Segment>(s))[static_cast<size_t>(d)] =
                    encode_reading(component, day.readings[static_cast<size_t>(c)][static_cast<size_t>(s)]);
            }
        if (day.population_vaccinated) {
            const Rational& p = *day.population_vaccinated;
            if ((p.num() * 100) % p.den() != 0 || p.num() < 0 || p.num() * 100 / p.den() > k_share_unit)
                throw std::invalid_argument(
                    "columns_of: the share vaccinated of " + day.date.iso() +
                    " is not a whole number of hundredths of a percent within 0..100");
            out.vaccinated[static_cast<size_t>(d)] = static_cast<int32_t>(p.num() * 100 / p.den());
        }
    }
    return out;
}

DayPolicy day_of(const PolicyColumns& columns, int d) {
    DayPolicy day;
    day.date = columns.first + d;
    for (int c = 0; c < k_component_count; ++c)
        for (int s = 0; s < k_segment_count; ++s) {
            const auto component = static_cast<Component>(c);
            day.readings[static_cast<size_t>(c)][static_cast<size_t>(s)] = decode_reading(
                component, columns.column(component, static_cast<Segment>(s))[static_cast<size_t>(d)]);
        }
    const int32_t share = columns.vaccinated[static_cast<size_t>(d)];
    if (share >= 0) day.population_vaccinated = Rational(share, 100);
    return day;
}

METROPOLI_VECTOR_CLONES void impute_total(const PolicyColumns& lower, const PolicyColumns& higher,
                                          PolicyColumns& out) {
    if (higher.first != lower.first || higher.days != lower.days)
        throw std::invalid_argument("impute_total: the higher level covers other days than the lower one");
    if (&out == &lower || &out == &higher)
        throw std::invalid_argument("impute_total: the total must be other columns than the two levels");
    out.first = lower.first;
    out.days = lower.days;
    out.codes.resize(lower.codes.size());
    out.vaccinated = lower.vaccinated;
    const int days = lower.days;  // a local: the byte stores below may alias any member
    for (int c = 0; c < k_component_count; ++c) {
        const auto component = static_cast<Component>(c);
        const bool flagged = component_flagged(component);
        for (int s = 0; s < k_segment_count; ++s) {
            const auto segment = static_cast<Segment>(s);
            const int8_t* low = lower.column(component, segment).data();
            const int8_t* high = higher.column(component, segment).data();
            int8_t* total = out.column(component, segment).data();
            if (flagged)
                impute_column<true>(high, low, days, total);
            else
                impute_column<false>(high, low, days, total);
        }
    }
}

METROPOLI_VECTOR_CLONES void compute_variant_cents(const PolicyColumns& columns, Index index,
                                                   std::array<std::span<int16_t>, 4> out,
                                                   const IndexOptions& options) {
    for (const auto& o : out)
        if (o.size() != static_cast<size_t>(columns.days))
            throw std::invalid_argument(
                "compute_variant_cents: an output column does not hold one value per day");
    const Sums nv = single_population(columns, index, Segment::non_vaccinated, options);
    if (index == Index::esi) {
        variant_cents(columns, index, nv, nv, {out[0].data(), out[1].data(), out[2].data(), out[3].data()},
                      options);
        return;
    }
    const Sums v = single_population(columns, index, Segment::vaccinated, options);
    variant_cents(columns, index, nv, v, {out[0].data(), out[1].data(), out[2].data(), out[3].data()},
                  options);
}

METROPOLI_VECTOR_CLONES void compute_all_variant_cents(const PolicyColumns& columns, std::span<int16_t> out,
                                                       const IndexOptions& options) {
    const size_t days = static_cast<size_t>(columns.days);
    if (out.size() != k_all_indices.size() * 4 * days)
        throw std::invalid_argument("compute_all_variant_cents: the output does not hold 20 values per day");
    // SI's components are CHI's first nine, CHI's and ESI's together GRI's: each is summed once.
    std::array<std::array<std::optional<Sums>, 5>, 2> sums;
    for (size_t p = 0; p < 2; ++p) {
        const Segment segment = p == 0 ? Segment::non_vaccinated : Segment::vaccinated;
        auto& si = sums[p][0].emplace(single_population(columns, Index::si, segment, options));
        auto& chi = sums[p][2].emplace(si);
        for (C c : {C::h2, C::h3, C::h6, C::h7, C::h8})
            add_component(columns, c, segment, counts_from(c, columns, options), chi);
        auto& esi = sums[p][3].emplace(single_population(columns, Index::esi, segment, options));
        auto& gri = sums[p][1].emplace(chi);
        add_sums(gri, esi);
        sums[p][4].emplace(single_population(columns, Index::lsi, segment, options));
    }
    for (size_t i = 0; i < k_all_indices.size(); ++i) {
        int16_t* row = out.data() + 4 * i * days;
        variant_cents(columns, k_all_indices[i], *sums[0][i], *sums[1][i],
                      {row, row + days, row + 2 * days, row + 3 * days}, options);
    }
}

}  // namespace metropoli::homologation

// SPDX-License-Identifier: MIT
// The index arithmetic: sub-index scores as exact rationals, their means, the missing-data rules and the
// display series.
#include "homologation/indices.hpp"

#include <algorithm>

namespace metropoli::homologation {

namespace {

using C = Component;

constexpr std::array<std::string_view, k_component_count> k_codes = {
    "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "E1", "E2", "H1", "H2", "H3", "H6", "H7", "H8"};
constexpr std::array<int, k_component_count> k_max = {3, 3, 2, 4, 2, 3, 2, 4, 2, 2, 2, 3, 2, 4, 5, 3};
constexpr std::array<bool, k_component_count> k_flagged = {true, true,  true, true,  true,  true, true, false,
                                                           true, false, true, false, false, true, true, true};

const std::vector<C>& components_of(Index index) {
    static const std::vector<C> si = {C::c1, C::c2, C::c3, C::c4, C::c5, C::c6, C::c7, C::c8, C::h1};
    static const std::vector<C> chi = {C::c1, C::c2, C::c3, C::c4, C::c5, C::c6, C::c7,
                                       C::c8, C::h1, C::h2, C::h3, C::h6, C::h7, C::h8};
    static const std::vector<C> gri = {C::c1, C::c2, C::c3, C::c4, C::c5, C::c6, C::c7, C::c8,
                                       C::e1, C::e2, C::h1, C::h2, C::h3, C::h6, C::h7, C::h8};
    static const std::vector<C> esi = {C::e1, C::e2};
    switch (index) {
        case Index::si:
            return si;
        case Index::chi:
            return chi;
        case Index::gri:
            return gri;
        case Index::esi:
            return esi;
        case Index::lsi:
            break;
    }
    return si;  // the legacy index picks its own slots (legacy_value)
}

// The day a component entered the codebook, under the historical k rule.
std::optional<Date> introduced(C c) {
    switch (c) {
        case C::h6:
            return Date::from_ymd(2020, 10, 22);
        case C::h7:
            return Date::from_ymd(2020, 12, 9);
        case C::h8:
            return Date::from_ymd(2021, 3, 15);
        default:
            return std::nullopt;
    }
}

bool counts_on(C c, Date date, const IndexOptions& options) {
    if (options.k_rule == KRule::backfilled) return true;
    const auto since = introduced(c);
    return !since || date >= *since;
}

// Which single-population reading a differentiated variant reads.
const std::optional<Reading>& reading_for(const DayPolicy& day, C c, Segment preferred) {
    const auto& own = day.at(c, preferred);
    return own ? own : day.at(c, Segment::everyone);
}

// Every sub-index is an integer number of 1/120ths (2N is 4, 6, 8 or 10), every legacy sub-index of 1/60ths
// (N + 1 or N is 3, 4 or 5): the sums stay integers, and one fraction is made at the end.
constexpr int64_t k_units = 120;
constexpr int64_t k_legacy_units = 60;
// 100·k_units / 2N, and 100·k_legacy_units / (N + 1) (C8, without a flag: / N), per component.
constexpr std::array<int64_t, k_component_count> k_scale = [] {
    std::array<int64_t, k_component_count> out{};
    for (size_t c = 0; c < out.size(); ++c) out[c] = 100 * k_units / (2 * k_max[c]);
    return out;
}();
constexpr std::array<int64_t, k_component_count> k_legacy_scale = [] {
    std::array<int64_t, k_component_count> out{};
    for (size_t c = 0; c < out.size(); ++c)
        out[c] = 100 * k_legacy_units / (k_flagged[c] ? k_max[c] + 1 : k_max[c]);
    return out;
}();

// I = 100 (v − (F − f)/2) / N, and 0 when v = 0, in 1/120ths. A non-zero value without its flag counts as
// targeted (f = 0), the conservative reading; no published sample has one.
int64_t sub_index_units(C c, const Reading& r) {
    if (r.value == 0) return 0;
    const int f = k_flagged[static_cast<size_t>(c)] ? 1 - r.flag.value_or(0) : 0;
    return (2 * r.value - f) * k_scale[static_cast<size_t>(c)];
}

// The legacy sub-score: 100 (v + f) / (N + 1), C8 100 v / N, in 1/60ths.
int64_t legacy_sub_index_units(C c, const Reading& r) {
    if (r.value == 0) return 0;
    if (!k_flagged[static_cast<size_t>(c)]) return r.value * k_legacy_scale[static_cast<size_t>(c)];
    return (r.value + r.flag.value_or(0)) * k_legacy_scale[static_cast<size_t>(c)];
}

// n / d rounded half to even (d > 0), as round_half_even_cents rounds.
int64_t round_half_even(int64_t n, int64_t d) {
    int64_t q = n / d, r = n % d;
    if (r < 0) {
        r += d;
        --q;
    }
    if (2 * r > d || (2 * r == d && q % 2 != 0)) ++q;
    return q;
}

// An index as the sum of its sub-indices in `units`, over k components: its rounded hundredths directly, the
// exact fraction only when asked for.
struct IndexSum {
    int64_t units = 0;  // the sum, in 1/unit
    int64_t unit = 1;
    int k = 0, present = 0;
    int64_t cents() const { return round_half_even(100 * units, unit * k); }
    IndexValue value() const { return IndexValue{Rational(units, unit * k), cents(), present}; }
};

std::optional<IndexSum> finish(IndexSum sum, bool all_required) {
    if (all_required ? sum.present < sum.k : sum.present < sum.k - 1) return std::nullopt;
    return sum;
}

std::optional<IndexSum> single_population_sum(const DayPolicy& day, Index index, Segment segment,
                                              const IndexOptions& options) {
    if (index == Index::lsi) {
        // C1, C2, max(C3, C4), C5, max(C6, C7), C8, H1; a paired slot has data when either has.
        static const std::array<std::array<C, 2>, 7> slots = {{{C::c1, C::c1},
                                                               {C::c2, C::c2},
                                                               {C::c3, C::c4},
                                                               {C::c5, C::c5},
                                                               {C::c6, C::c7},
                                                               {C::c8, C::c8},
                                                               {C::h1, C::h1}}};
        IndexSum sum{0, k_legacy_units, 7, 0};
        for (const auto& slot : slots) {
            int64_t best = -1;
            for (C c : slot) {
                const auto& r = reading_for(day, c, segment);
                if (r) best = std::max(best, legacy_sub_index_units(c, *r));
            }
            if (best >= 0) {
                sum.units += best;
                ++sum.present;
            }
        }
        return finish(sum, false);
    }
    IndexSum sum{0, k_units, 0, 0};
    for (C c : components_of(index)) {
        if (!counts_on(c, day.date, options)) continue;
        ++sum.k;
        const auto& r = reading_for(day, c, segment);
        if (!r) continue;
        ++sum.present;
        sum.units += sub_index_units(c, *r);
    }
    return finish(sum, index == Index::esi);
}

std::optional<IndexValue> single_population(const DayPolicy& day, Index index, Segment segment,
                                            const IndexOptions& options) {
    const auto sum = single_population_sum(day, index, segment, options);
    if (!sum) return std::nullopt;
    return sum->value();
}

// The averages of the rounded variants, in integers: simple (a + b) / 2, weighted w·b + (1 − w)·a with
// w = p / (100 q), p / q the percent vaccinated; a and b in hundredths.
struct RoundedAverage {
    int64_t num, den;  // the average in hundredths is num / den
    IndexValue value(int components) const {
        return IndexValue{Rational(num, den * 100), round_half_even(num, den), components};
    }
};
std::optional<RoundedAverage> rounded_average(const DayPolicy& day, Variant variant, int64_t a, int64_t b) {
    if (variant == Variant::weighted_average || (variant == Variant::average && day.population_vaccinated)) {
        if (!day.population_vaccinated) return std::nullopt;
        const int64_t p = day.population_vaccinated->num(), q = day.population_vaccinated->den();
        return RoundedAverage{p * b + (100 * q - p) * a, 100 * q};
    }
    return RoundedAverage{a + b, 2};
}

std::optional<IndexValue> averaged(const DayPolicy& day, Index index, Variant variant,
                                   const IndexOptions& options) {
    const auto nv = single_population_sum(day, index, Segment::non_vaccinated, options);
    const auto v = single_population_sum(day, index, Segment::vaccinated, options);
    if (!nv || !v) return std::nullopt;
    const int components = std::min(nv->present, v->present);
    if (options.average_of == AverageOf::rounded_variants) {
        const auto avg = rounded_average(day, variant, nv->cents(), v->cents());
        if (!avg) return std::nullopt;
        return avg->value(components);
    }
    const Rational a = nv->value().exact, b = v->value().exact;
    Rational exact;
    if (variant == Variant::weighted_average || (variant == Variant::average && day.population_vaccinated)) {
        if (!day.population_vaccinated) return std::nullopt;
        const Rational w = *day.population_vaccinated / Rational(100);
        exact = w * b + (Rational(1) - w) * a;
    } else {
        exact = (a + b) / Rational(2);
    }
    return IndexValue{exact, round_half_even_cents(exact), components};
}

}  // namespace

std::string_view segment_code(Segment s) {
    switch (s) {
        case Segment::everyone:
            return "E";
        case Segment::non_vaccinated:
            return "NV";
        case Segment::vaccinated:
            return "V";
        case Segment::majority:
            return "M";
        case Segment::everyone_or_vaccinated:
            return "EV";
    }
    return "E";
}

std::optional<Segment> parse_segment(std::string_view code) {
    for (int i = 0; i < k_segment_count; ++i)
        if (segment_code(static_cast<Segment>(i)) == code) return static_cast<Segment>(i);
    return std::nullopt;
}

std::string_view component_code(Component c) {
    return k_codes[static_cast<size_t>(c)];
}
std::optional<Component> parse_component(std::string_view code) {
    for (size_t i = 0; i < k_codes.size(); ++i)
        if (k_codes[i] == code) return static_cast<Component>(i);
    return std::nullopt;
}
int component_max(Component c) {
    return k_max[static_cast<size_t>(c)];
}
bool component_flagged(Component c) {
    return k_flagged[static_cast<size_t>(c)];
}

std::string_view index_code(Index i) {
    switch (i) {
        case Index::si:
            return "SI";
        case Index::gri:
            return "GRI";
        case Index::chi:
            return "CHI";
        case Index::esi:
            return "ESI";
        case Index::lsi:
            return "LSI";
    }
    return "SI";
}
std::optional<Index> parse_index(std::string_view code) {
    for (Index i : {Index::si, Index::gri, Index::chi, Index::esi, Index::lsi})
        if (index_code(i) == code) return i;
    return std::nullopt;
}
std::string_view index_column_name(Index i) {
    switch (i) {
        case Index::si:
            return "StringencyIndex";
        case Index::gri:
            return "GovernmentResponseIndex";
        case Index::chi:
            return "ContainmentHealthIndex";
        case Index::esi:
            return "EconomicSupportIndex";
        case Index::lsi:
            return "LegacyStringencyIndex";
    }
    return "StringencyIndex";
}

std::string_view variant_code(Variant v) {
    switch (v) {
        case Variant::non_vaccinated:
            return "NonVaccinated";
        case Variant::vaccinated:
            return "Vaccinated";
        case Variant::simple_average:
            return "SimpleAverage";
        case Variant::weighted_average:
            return "WeightedAverage";
        case Variant::average:
            return "Average";
    }
    return "Average";
}
std::optional<Variant> parse_variant(std::string_view code) {
    for (Variant v : {Variant::non_vaccinated, Variant::vaccinated, Variant::simple_average,
                      Variant::weighted_average, Variant::average})
        if (variant_code(v) == code) return v;
    return std::nullopt;
}

std::optional<IndexValue> compute_index(const DayPolicy& day, Index index, Variant variant,
                                        const IndexOptions& options) {
    if (index == Index::esi || variant == Variant::non_vaccinated)
        return single_population(day, index, Segment::non_vaccinated, options);
    if (variant == Variant::vaccinated) return single_population(day, index, Segment::vaccinated, options);
    return averaged(day, index, variant, options);
}

std::array<std::optional<int64_t>, 4> compute_variant_cents(const DayPolicy& day, Index index,
                                                            const IndexOptions& options) {
    const auto nv = single_population_sum(day, index, Segment::non_vaccinated, options);
    if (index == Index::esi) {
        const std::optional<int64_t> c = nv ? std::optional<int64_t>(nv->cents()) : std::nullopt;
        return {c, c, c, c};
    }
    const auto v = single_population_sum(day, index, Segment::vaccinated, options);
    std::array<std::optional<int64_t>, 4> out;
    if (nv) out[0] = nv->cents();
    if (v) out[1] = v->cents();
    if (!nv || !v) return out;
    if (options.average_of == AverageOf::rounded_variants) {
        for (int i = 0; i < 2; ++i) {
            const auto avg = rounded_average(
                day, i == 0 ? Variant::simple_average : Variant::weighted_average, *out[0], *out[1]);
            if (avg) out[static_cast<size_t>(2 + i)] = round_half_even(avg->num, avg->den);
        }
        return out;
    }
    for (int i = 0; i < 2; ++i) {
        const auto value =
            averaged(day, index, i == 0 ? Variant::simple_average : Variant::weighted_average, options);
        if (value) out[static_cast<size_t>(2 + i)] = value->cents;
    }
    return out;
}

std::vector<SeriesPoint> compute_series(std::vector<DayPolicy> days, Index index, Variant variant,
                                        const IndexOptions& options) {
    std::sort(days.begin(), days.end(),
              [](const DayPolicy& a, const DayPolicy& b) { return a.date < b.date; });
    std::vector<SeriesPoint> out;
    out.reserve(days.size());
    for (const auto& day : days) out.push_back({day.date, compute_index(day, index, variant, options)});
    if (options.recent_until) {
        const Date until = *options.recent_until;
        const auto recent = [&](Date d) { return d <= until && until - d < 7; };
        int most = 0;
        for (const auto& p : out)
            if (recent(p.date) && p.value) most = std::max(most, p.value->components);
        for (auto& p : out)
            if (recent(p.date) && p.value && p.value->components < most) p.value.reset();
    }
    return out;
}

std::vector<SeriesPoint> display_series(const std::vector<SeriesPoint>& series, Date until) {
    std::vector<SeriesPoint> out = series;
    std::optional<IndexValue> last;
    for (auto& p : out) {
        if (p.value) {
            last = p.value;
        } else if (p.date <= until && until - p.date < 7 && last) {
            p.value = last;
        }
    }
    return out;
}

}  // namespace metropoli::homologation

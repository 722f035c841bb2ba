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

// I = 100 (v − (F − f)/2) / N, and 0 when v = 0. A non-zero value without its flag counts as targeted
// (f = 0), the conservative reading; no published sample has one.
Rational sub_index(C c, const Reading& r) {
    if (r.value == 0) return Rational(0);
    const int n = k_max[static_cast<size_t>(c)];
    const int f = k_flagged[static_cast<size_t>(c)] ? 1 - r.flag.value_or(0) : 0;
    return Rational(100 * (2 * r.value - f), 2 * n);
}

// The legacy sub-score: 100 (v + f) / (N + 1), C8 100 v / N.
Rational legacy_sub_index(C c, const Reading& r) {
    if (r.value == 0) return Rational(0);
    const int n = k_max[static_cast<size_t>(c)];
    if (!k_flagged[static_cast<size_t>(c)]) return Rational(100 * r.value, n);
    return Rational(100 * (r.value + r.flag.value_or(0)), n + 1);
}

std::optional<IndexValue> finish(Rational sum, int k, int present, bool all_required) {
    if (all_required ? present < k : present < k - 1) return std::nullopt;
    const Rational exact = sum / Rational(k);
    return IndexValue{exact, round_half_even_cents(exact), present};
}

std::optional<IndexValue> single_population(const DayPolicy& day, Index index, Segment segment,
                                            const IndexOptions& options) {
    if (index == Index::lsi) {
        // C1, C2, max(C3, C4), C5, max(C6, C7), C8, H1; a paired slot has data when either has.
        const std::vector<std::vector<C>> slots = {{C::c1},        {C::c2}, {C::c3, C::c4}, {C::c5},
                                                   {C::c6, C::c7}, {C::c8}, {C::h1}};
        Rational sum(0);
        int present = 0;
        for (const auto& slot : slots) {
            std::optional<Rational> best;
            for (C c : slot) {
                const auto& r = reading_for(day, c, segment);
                if (!r) continue;
                const Rational s = legacy_sub_index(c, *r);
                if (!best || *best < s) best = s;
            }
            if (best) {
                sum = sum + *best;
                ++present;
            }
        }
        return finish(sum, 7, present, false);
    }
    Rational sum(0);
    int k = 0, present = 0;
    for (C c : components_of(index)) {
        if (!counts_on(c, day.date, options)) continue;
        ++k;
        const auto& r = reading_for(day, c, segment);
        if (!r) continue;
        ++present;
        sum = sum + sub_index(c, *r);
    }
    return finish(sum, k, present, index == Index::esi);
}

std::optional<IndexValue> averaged(const DayPolicy& day, Index index, Variant variant,
                                   const IndexOptions& options) {
    const auto nv = single_population(day, index, Segment::non_vaccinated, options);
    const auto v = single_population(day, index, Segment::vaccinated, options);
    if (!nv || !v) return std::nullopt;
    const bool rounded = options.average_of == AverageOf::rounded_variants;
    const Rational a = rounded ? Rational(nv->cents, 100) : nv->exact;
    const Rational b = rounded ? Rational(v->cents, 100) : v->exact;
    Rational exact;
    if (variant == Variant::weighted_average || (variant == Variant::average && day.population_vaccinated)) {
        if (!day.population_vaccinated) return std::nullopt;
        const Rational w = *day.population_vaccinated / Rational(100);
        exact = w * b + (Rational(1) - w) * a;
    } else {
        exact = (a + b) / Rational(2);
    }
    return IndexValue{exact, round_half_even_cents(exact), std::min(nv->components, v->components)};
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

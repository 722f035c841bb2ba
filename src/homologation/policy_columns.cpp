// SPDX-License-Identifier: MIT
// The columnar form: the byte codes, the conversions from and to DayPolicy, and the TOTAL imputation over
// whole columns. The indices over columns are policy_column_indices.cpp.
#include "homologation/policy_columns.hpp"

#include <algorithm>
#include <stdexcept>

#include "homologation/vector_clones.hpp"

namespace metropoli::homologation {

namespace {

constexpr int32_t k_share_unit = 10000;  // hundredths of a percent

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

}  // namespace metropoli::homologation

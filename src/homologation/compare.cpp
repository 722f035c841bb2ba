// SPDX-License-Identifier: MIT
// The comparison of computed and published index values, exact: a published decimal equals the computed
// one when it is the same number of hundredths.
#include "homologation/compare.hpp"

#include <algorithm>
#include <tuple>

namespace metropoli::homologation {

namespace {

using CompareKey = std::tuple<int, int, bool>;

CompareKey key_of(Index i, Variant v, bool display) {
    return {static_cast<int>(i), static_cast<int>(v), display};
}

}  // namespace

int Comparison::total_equal() const {
    int n = 0;
    for (const auto& r : rows) n += r.equal;
    return n;
}
int Comparison::total_mismatches() const {
    int n = 0;
    for (const auto& r : rows) n += r.mismatches + r.not_computed;
    return n;
}
int Comparison::total_without_observations() const {
    int n = 0;
    for (const auto& r : rows) n += r.no_observations;
    return n;
}
int Comparison::total_ties() const {
    int n = 0;
    for (const auto& r : rows) n += r.ties;
    return n;
}

std::string_view outcome_name(Outcome o) {
    switch (o) {
        case Outcome::equal:
            return "equal";
        case Outcome::tie_rounded_other_way:
            return "tie rounded the other way";
        case Outcome::mismatch:
            return "mismatch";
        case Outcome::not_computed:
            return "not computed";
        case Outcome::no_observations:
            return "no observations";
    }
    return "mismatch";
}

Comparison compare_published(const std::vector<DayPolicy>& days, const std::vector<PublishedValue>& published,
                             const IndexOptions& options) {
    std::map<CompareKey, std::map<int32_t, std::optional<IndexValue>>>
        series;  // computed once per index and variant
    const auto computed = [&](Index i, Variant v,
                              bool display) -> const std::map<int32_t, std::optional<IndexValue>>& {
        auto [it, fresh] = series.try_emplace(key_of(i, v, display));
        if (fresh && !days.empty()) {
            auto points = compute_series(days, i, v, options);
            if (display) points = display_series(points, points.back().date);
            for (const auto& p : points) it->second[p.date.days()] = p.value;
        }
        return it->second;
    };
    std::map<CompareKey, ComparisonRow> rows;
    Comparison out;
    for (const auto& p : published) {
        const auto& pub = p.published;
        auto& row = rows[key_of(pub.index, pub.variant, pub.display)];
        row.index = pub.index;
        row.variant = pub.variant;
        row.display = pub.display;
        const auto& values = computed(pub.index, pub.variant, pub.display);
        const auto found = values.find(p.date.days());
        const std::optional<IndexValue> value = found == values.end() ? std::nullopt : found->second;
        const auto number = parse_decimal(pub.value);
        Outcome outcome = found == values.end() ? Outcome::no_observations : Outcome::not_computed;
        if (value && number) {
            if (*number == Rational(value->cents, 100)) {
                outcome = Outcome::equal;
            } else if (is_half_cent_tie(value->exact) && (*number == Rational(value->cents + 1, 100) ||
                                                          *number == Rational(value->cents - 1, 100))) {
                outcome = Outcome::tie_rounded_other_way;
            } else {
                outcome = Outcome::mismatch;
            }
        }
        switch (outcome) {
            case Outcome::equal:
                ++row.equal;
                break;
            case Outcome::tie_rounded_other_way:
                ++row.ties;
                break;
            case Outcome::mismatch:
                ++row.mismatches;
                break;
            case Outcome::not_computed:
                ++row.not_computed;
                break;
            case Outcome::no_observations:
                ++row.no_observations;
                break;
        }
        if (outcome != Outcome::equal && outcome != Outcome::no_observations)
            out.differences.push_back(
                {p.date, pub.index, pub.variant, pub.display, pub.value, value, outcome});
    }
    for (auto& [key, row] : rows) out.rows.push_back(row);
    std::stable_sort(out.differences.begin(), out.differences.end(),
                     [](const Difference& a, const Difference& b) {
                         return key_of(a.index, a.variant, a.display) < key_of(b.index, b.variant, b.display);
                     });
    return out;
}

}  // namespace metropoli::homologation

// SPDX-License-Identifier: MIT
// Every indicator of a place, day by day, from its daily series: counts, 7-day means, incidence, active and
// estimated-active cases, positivity, hospitalisation, ICU, mortality, case fatality, growth, doubling time,
// week-over-week trends, Rt, and the Red IRAG bed occupancy. A pure computation: the loader that fills
// IndicatorInputs from stored releases lives in indicator_query.hpp.
#pragma once

#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/indicators/epiestim.hpp"
#include "analysis/releases/measure.hpp"
#include "core/bilingual.hpp"
#include "core/date.hpp"

namespace metropoli::analysis {

// The inputs an indicator reads. Each is a daily series on one date basis, from one release.
enum class Input : uint8_t {
    confirmed,         // by onset
    suspected,         // by onset
    negative,          // by onset
    lab_positive,      // by onset
    lab_negative,      // by onset
    antigen_positive,  // by onset
    antigen_negative,  // by onset
    hospitalized,      // by admission
    icu,               // by admission
    deaths,            // by date of death
};
inline constexpr int k_input_count = 10;
std::string_view input_name(Input input);
Measure input_measure(Input input);
Basis input_basis(Input input);

struct InputSeries {
    bool present = false;  // false: no stored release has this measure for the place
    Date first;            // values[i] is the count on first + i
    std::vector<double> values;
    std::string source;  // "ssa" or "municipal"
    Date release;        // days after the release are unknown, not zero
};

// Red IRAG bed occupancy on one day (0..100), as the hospital feed reports it for the place's states.
struct BedOccupancyDay {
    Date date;
    std::optional<double> general_pct, icu_pct, ventilator_pct;
    std::string detail;
    Date reported;  // the report in force on `date` (up to 6 days before it)
};

struct IndicatorInputs {
    std::string jurisdiction;  // code
    std::string name;
    double population = 0;  // summed over the municipalities; 0 when unknown
    std::array<InputSeries, k_input_count> series;
    std::vector<BedOccupancyDay> beds;  // sorted by date; may be empty
    const InputSeries& operator[](Input i) const { return series[static_cast<size_t>(i)]; }
    InputSeries& operator[](Input i) { return series[static_cast<size_t>(i)]; }
};

// The defaults of every surface (command line, API, web documents, static export): the last 14 days before a
// release are still being reported; the serial interval is parametric with mean 4.7 and sd 2.9 days.
inline constexpr int k_default_incomplete_days = 14;
inline constexpr double k_default_si_mean = 4.7;
inline constexpr double k_default_si_sd = 2.9;

struct IndicatorOptions {
    int incomplete_days =
        k_default_incomplete_days;  // the last N days before a release (by onset) are still being reported
    SerialInterval si;              // default: parametric k_default_si_mean / k_default_si_sd
    RtConfig rt;
};
IndicatorOptions default_indicator_options();

// The inputs of one place as the value functions read them (indicators.cpp): windowed sums, population, Rt.
struct IndicatorDay;

// What an indicator is: its identifier, names in Spanish and English, its unit, the inputs it reads and how
// its value on a day is computed.
struct IndicatorDef {
    std::string_view id;
    std::string_view label_es, label_en;
    std::string_view unit;  // "cases", "cases_per_day", "per_100k", "per_100k_per_day", "percent", "per_day",
                            // "days", "ratio", "rt"
    std::vector<Input> inputs;
    int window = 1;  // days the value summarises, ending on its day; 0: everything up to its day
    double (*value)(const IndicatorDay&, Date) = nullptr;  // NaN where there is none
    bool needs_population = false;
    bool beds = false;  // from the Red IRAG feed rather than a release
};
const std::vector<IndicatorDef>& indicator_defs();
const IndicatorDef* find_indicator(std::string_view id);

// One indicator over a run of days. NaN marks a day without a value.
struct IndicatorColumn {
    const IndicatorDef* def = nullptr;
    std::vector<double> values;
    std::vector<double> lower, upper;  // Rt only: the 2.5 % and 97.5 % quantiles
    Bilingual missing;                 // why the whole column is empty
};

struct IndicatorTable {
    Date from, to;
    std::vector<IndicatorColumn> columns;  // in indicator_defs() order
    std::optional<RtEstimate> rt;          // windows indexed by t_end - 1 from `rt_first`
    Date rt_first;
    Date rt_cutoff;  // the last day of the series Rt was estimated on
};

// Computes every indicator for each day of [from, to].
IndicatorTable compute_indicators(const IndicatorInputs& inputs, Date from, Date to,
                                  const IndicatorOptions& options);

// Where a value comes from: a case release and the input it gives (municipal of 2022-04-02, confirmed), or
// the Red IRAG report in force (source "red_irag", its day, kind "occupancy", and its figures in `detail`).
struct ReleaseRef {
    std::string source;  // "ssa", "municipal" or "red_irag"
    Date date;
    std::string kind;    // the input ("confirmed", "deaths", ...) or "occupancy"
    std::string detail;  // Red IRAG only: the figures and how they were combined, in Spanish
    bool operator==(const ReleaseRef&) const = default;
};

// The one-line form the command line's CSV prints: "municipal 2022-04-02 (confirmed)", "Red IRAG <detail>".
std::string release_text(const ReleaseRef& r);

// One indicator on one day, with its provenance and completeness.
struct IndicatorValue {
    const IndicatorDef* def = nullptr;
    std::optional<double> value;
    std::optional<double> lower, upper;
    Date window_from, window_to;       // the days the value summarises
    std::vector<ReleaseRef> releases;  // one per input used
    bool complete = true;              // false when the window reaches into the incomplete days
    Bilingual note;                    // why there is no value, or what to keep in mind
};

// The indicators of one day, read off a table that covers it.
std::vector<IndicatorValue> indicators_on(const IndicatorInputs& inputs, const IndicatorTable& table,
                                          Date date, const IndicatorOptions& options);

}  // namespace metropoli::analysis

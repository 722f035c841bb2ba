// SPDX-License-Identifier: MIT
// The SSA tablero's daily series by state (Casos_Diarios_Estado_Nacional_<Confirmados|Negativos|Sospechosos>_
// …csv: one row per state and the national "000", people by date of symptom onset), read from a folder of
// cut-offs, and the weekly positivity by classification they give: confirmed / (confirmed + negative) over
// the 7 days ending on a day, with the share still pending (suspected). The municipal series hold no tests;
// these are the bundled data's only positivity (data/ssa_state/PROVENANCE.md).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"

namespace metropoli::analysis {

enum class StateKind : uint8_t { confirmed, negative, suspected };
inline constexpr size_t k_state_kind_count = 3;

// One kind's daily counts of one state in one cut-off: nobody before `first`; the last day is the cut-off.
struct StateDaily {
    Date first;
    std::vector<uint64_t> counts;
};

// One cut-off: its day (the last date column, the same in its three files) and every state's three series.
struct StateCutoff {
    Date cutoff;
    std::array<std::string, k_state_kind_count> files;                         // the file each kind came from
    std::map<std::string, std::array<StateDaily, k_state_kind_count>> states;  // by code: "05", "10", "000"
};

// A state's weekly positivity on a day by one cut-off.
struct StatePositivity {
    Date cutoff, window_from, window_to;
    uint64_t confirmed = 0, negative = 0, suspected = 0;  // the window's sums
    std::optional<double> percent;                        // nullopt when nobody was classified
    std::optional<double> pending_percent;                // suspected / all three; nullopt when all are 0
    bool complete = false;  // the window ends `incomplete_days` or more before the cut-off
};

inline constexpr int k_state_positivity_days = 7;

class StateSeries {
public:
    // Reads every Casos_Diarios_Estado_Nacional_{Confirmados,Negativos,Sospechosos}_*.csv of `folder`. An
    // error names the file (and line and column) of a bad layout or count, a cut-off lacking one of the three
    // kinds, or two files of one kind and cut-off; a folder without such files gives no cut-offs.
    static Result<StateSeries> read(const std::string& folder);

    const std::vector<StateCutoff>& cutoffs() const { return m_cutoffs; }  // oldest first

    // Positivity of `state` over the 7 days ending on `day` by the newest cut-off on or after `day`, or
    // nullopt when no cut-off covers that day or the state is in none.
    std::optional<StatePositivity> positivity(const std::string& state, Date day, int incomplete_days) const;
    // The same by one cut-off (whose days must reach `day`).
    static std::optional<StatePositivity> positivity(const StateCutoff& cutoff, const std::string& state,
                                                     Date day, int incomplete_days);

private:
    std::vector<StateCutoff> m_cutoffs;
};

}  // namespace metropoli::analysis

// SPDX-License-Identifier: MIT
// The numeric parameters of an assessment and their ranges: the one check the command line and the HTTP API
// share, so that a value one accepts the other accepts, and a value one refuses the other refuses with the
// same words.
#pragma once

#include <string_view>

#include "app/assessment.hpp"
#include "core/result.hpp"

namespace metropoli::app {

// A numeric parameter: its name as the API spells it, its closed range, and whether it must be a whole
// number. `min_open` makes the lower bound exclusive (a serial interval mean must be > 1 day, an sd > 0).
struct NumberLimit {
    std::string_view name;
    double min, max;
    bool integer = false;
    bool min_open = false;
};

inline constexpr NumberLimit k_incomplete_days{"incomplete_days", 0, 60, true};
inline constexpr NumberLimit k_window{"window", 1, 365, true};
inline constexpr NumberLimit k_si_mean{"si_mean", 1, 60, false, true};
inline constexpr NumberLimit k_si_sd{"si_sd", 0, 60, false, true};
inline constexpr NumberLimit k_prior_mean{"prior_mean", 0, 1000, false, true};
inline constexpr NumberLimit k_prior_std{"prior_std", 0, 1000, false, true};

// `value` if it is finite, within the limit's range and whole when it must be; else invalid_argument naming
// the parameter and its range.
Result<double> check_number(const NumberLimit& limit, double value);

// The whole of `text` read as a decimal number ("4.7", "1e2"; no "nan", "inf", hex or trailing bytes), then
// checked.
Result<double> parse_number(const NumberLimit& limit, std::string_view text);

// Checks every numeric option of an assessment against its limit and resolves its serial interval: a
// parametric one gets its discretised distribution (EpiEstim's discr_si), a non-parametric one is validated.
// After this, the computation cannot refuse the options: what is wrong is said here, as invalid_argument.
Status resolve_options(analysis::IndicatorOptions& options);

}  // namespace metropoli::app

// SPDX-License-Identifier: MIT
// The reproduction number Rt by the method of Cori et al. (2013), computed exactly as EpiEstim 2.2
// (`estimate_R` with method "parametric_si" or "non_parametric_si"): the discretised gamma serial interval
// (`discr_si`), the total infectiousness, the gamma posterior of R on each time window and its quantiles.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.hpp"

namespace metropoli::analysis {

// EpiEstim's `discr_si(k, mu, sigma)` for k = 0 .. count-1: the serial interval as a gamma distribution
// shifted by one day (shape ((mu-1)/sigma)^2, scale sigma^2/(mu-1)), discretised. Not renormalised. Errors:
// mu <= 1, sigma < 0 (and, as `check_config` requires for parametric_si, sigma == 0).
Result<std::vector<double>> discr_si(int count, double mu, double sigma);

// Where the serial interval comes from: `mean`/`sd` (parametric_si) or an explicit distribution w_0, w_1, ...
// (non_parametric_si: w_0 == 0, non-negative, summing to 1 within 0.01). For parametric_si, `distribution`
// may hold discr_si precomputed by `parametric_si` so that many series share one computation.
struct SerialInterval {
    std::optional<double> mean, sd;
    std::vector<double> distribution;
};

// A parametric serial interval with discr_si computed up to the day it becomes exactly zero (or 20,000 days).
Result<SerialInterval> parametric_si(double mean, double sd);

// The checks estimate_rt makes of a serial interval (check_si_distr for a distribution, mean > 1 and sd > 0
// for a parametric one), without an incidence series.
Status check_serial_interval(const SerialInterval& si);

// The quantiles every window carries, in EpiEstim's column order.
inline constexpr std::array<double, 7> k_rt_quantiles = {0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975};

struct RtConfig {
    // Windows as 1-based day indices into the incidence, like EpiEstim's t_start/t_end. Empty: weekly sliding
    // windows of `window` days (t_start = 2 .. T-window+1, t_end = t_start + window - 1).
    std::vector<int> t_start, t_end;
    int window = 7;
    double mean_prior = 5.0, std_prior = 5.0;  // Gamma(shape 1, scale 5)
    double cv_posterior = 0.3;
};

struct RtWindow {
    int t_start = 0, t_end = 0;  // 1-based, inclusive
    double mean = 0, std = 0;
    std::array<double, 7> quantiles{};  // k_rt_quantiles; quantiles[3] is the median
    double shape = 0, scale = 0;        // the gamma posterior
    double cases = 0;                   // local + imported incidence in the window
    bool cv_ok = false;                 // cases >= ceiling(1/cv_posterior^2 - prior shape): 11 by default
};

struct RtEstimate {
    std::vector<RtWindow> windows;  // windows with t_end <= si_mean are dropped, as EpiEstim leaves them NA
    std::vector<double> si_distribution;  // as used (w_0 .. w_T), with EpiEstim's zero padding trimmed
    double si_mean = 0, si_std = 0;       // moments of the discretised serial interval (SI.Moments)
    int min_cases_for_cv = 0;
};

// Rt on `incidence` (one value per consecutive day, day 1 first). All cases of day 1 count as imported; the
// rest as local. Negative or non-finite incidence, fewer than 2 days, or windows outside 2 <= t_start <=
// t_end <= T are errors.
Result<RtEstimate> estimate_rt(const std::vector<double>& incidence, const SerialInterval& si,
                               const RtConfig& config);

}  // namespace metropoli::analysis

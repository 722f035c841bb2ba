// SPDX-License-Identifier: MIT
// Cori et al. (2013) as EpiEstim 2.2 computes it; the comments name the R code each step mirrors.
#include "analysis/indicators/epiestim.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <unordered_map>

namespace metropoli::analysis {

namespace {

constexpr int k_max_si_days = 20000;

// stats::pgamma(x, shape = a, scale = b), which is 0 for x <= 0.
double gamma_cdf(double x, double a, double b) {
    if (x <= 0) return 0.0;
    return boost::math::gamma_p(a, x / b);
}

double discr_si_at(int k, double a, double b) {
    const double kd = k;
    double res = kd * gamma_cdf(kd, a, b) + (kd - 2) * gamma_cdf(kd - 2, a, b) -
                 2 * (kd - 1) * gamma_cdf(kd - 1, a, b);
    res += a * b * (2 * gamma_cdf(kd - 1, a + 1, b) - gamma_cdf(kd - 2, a + 1, b) - gamma_cdf(kd, a + 1, b));
    return std::max(0.0, res);
}

Status check_si_parameters(double mu, double sigma) {
    if (!std::isfinite(mu) || mu <= 1) {
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("the serial interval mean must be > 1 day (got {})", mu));
    }
    if (!std::isfinite(sigma) || sigma <= 0) {
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("the serial interval standard deviation must be > 0 (got {})", sigma));
    }
    return ok_status();
}

// The serial interval of a series of T days, padded with zeros to T+1 entries as estimate_R does.
Result<std::vector<double>> si_for_series(const SerialInterval& si, int days) {
    std::vector<double> w;
    if (si.mean || si.sd) {
        if (!si.mean || !si.sd) {
            return make_error(ErrorCode::invalid_argument,
                              "a parametric serial interval needs both its mean and its sd");
        }
        // parametric_si: discr_si(0:(T-1), mean_si, std_si).
        const bool cached_enough =
            !si.distribution.empty() &&
            (static_cast<int>(si.distribution.size()) >= days || si.distribution.back() == 0.0);
        if (cached_enough) {
            w.assign(si.distribution.begin(),
                     si.distribution.begin() + std::min<std::ptrdiff_t>(days, std::ssize(si.distribution)));
        } else {
            auto computed = discr_si(days, *si.mean, *si.sd);
            if (!computed) return computed.error();
            w = std::move(*computed);
        }
    } else {
        // non_parametric_si: check_si_distr.
        w = si.distribution;
        if (w.empty())
            return make_error(ErrorCode::invalid_argument,
                              "no serial interval: give a mean and sd, or a distribution");
        double sum = 0;
        for (size_t i = 0; i < w.size(); ++i) {
            if (!std::isfinite(w[i]) || w[i] < 0) {
                return make_error(
                    ErrorCode::invalid_argument,
                    fmt::format("serial interval value {} (day {}) must be a non-negative number", w[i], i));
            }
            sum += w[i];
        }
        if (w[0] != 0)
            return make_error(ErrorCode::invalid_argument, "the serial interval must be 0 on day 0");
        if (std::fabs(sum - 1) > 0.01) {
            return make_error(
                ErrorCode::invalid_argument,
                fmt::format("the serial interval must sum to 1 (within 0.01); it sums to {}", sum));
        }
    }
    if (std::ssize(w) < days + 1) w.resize(static_cast<size_t>(days) + 1, 0.0);
    return w;
}

// qgamma(p, shape, scale) for the seven quantiles, cached by shape: with integer incidence the posterior
// shape is the prior shape plus an integer, so few distinct shapes occur across all the series a thread
// estimates.
class QuantileCache {
public:
    const std::array<double, 7>& standard(double shape) {
        if (m_cache.size() > k_max_entries) m_cache.clear();
        auto [it, inserted] = m_cache.try_emplace(shape);
        if (inserted) {
            for (size_t i = 0; i < k_rt_quantiles.size(); ++i)
                it->second[i] = boost::math::gamma_p_inv(shape, k_rt_quantiles[i]);
        }
        return it->second;
    }

private:
    static constexpr size_t k_max_entries = 1 << 20;
    std::unordered_map<double, std::array<double, 7>> m_cache;
};

}  // namespace

static Result<SerialInterval> parametric_si_unchecked(double mean, double sd);

Result<std::vector<double>> discr_si(int count, double mu, double sigma) {
    if (count < 0) return make_error(ErrorCode::invalid_argument, "discr_si needs k >= 0");
    if (auto s = check_si_parameters(mu, sigma); !s) return s.error();
    const double a = ((mu - 1) / sigma) * ((mu - 1) / sigma);
    const double b = sigma * sigma / (mu - 1);
    std::vector<double> w(static_cast<size_t>(count));
    try {
        for (int k = 0; k < count; ++k) w[static_cast<size_t>(k)] = discr_si_at(k, a, b);
    } catch (const std::exception& e) {
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("no serial interval can be computed for mean {} and sd {} ({})", mu,
                                      sigma, e.what()));
    }
    return w;
}

Status check_serial_interval(const SerialInterval& si) {
    auto w = si_for_series(si, 1);
    if (!w) return w.error();
    return ok_status();
}

Result<SerialInterval> parametric_si(double mean, double sd) {
    if (auto s = check_si_parameters(mean, sd); !s) return s.error();
    // Extreme shapes make Boost's gamma functions overflow; that is a parameter out of range, not a crash.
    try {
        return parametric_si_unchecked(mean, sd);
    } catch (const std::exception& e) {
        return make_error(
            ErrorCode::invalid_argument,
            fmt::format("no serial interval can be computed for mean {} and sd {} ({})", mean, sd, e.what()));
    }
}

static Result<SerialInterval> parametric_si_unchecked(double mean, double sd) {
    const double a = ((mean - 1) / sd) * ((mean - 1) / sd);
    const double b = sd * sd / (mean - 1);
    SerialInterval si{mean, sd, {}};
    for (int k = 0; k < k_max_si_days; ++k) {
        const double w = discr_si_at(k, a, b);
        si.distribution.push_back(w);
        // Past the mode, once the gamma CDFs reach 1 in double precision every later value is exactly 0.
        if (w == 0.0 && k > mean + 1 && gamma_cdf(k - 2, a + 1, b) == 1.0) break;
    }
    return si;
}

Result<RtEstimate> estimate_rt(const std::vector<double>& incidence, const SerialInterval& si,
                               const RtConfig& config) {
    const int days = static_cast<int>(incidence.size());
    if (days < 2)
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("Rt needs at least 2 days of incidence (got {})", days));
    for (size_t i = 0; i < incidence.size(); ++i) {
        if (!std::isfinite(incidence[i]) || incidence[i] < 0) {
            return make_error(ErrorCode::invalid_argument,
                              fmt::format("incidence on day {} is {}: it must be a non-negative number",
                                          i + 1, incidence[i]));
        }
    }
    if (!(config.mean_prior > 0) || !(config.std_prior > 0)) {
        return make_error(ErrorCode::invalid_argument, "the prior mean and std must be > 0");
    }
    if (!(config.cv_posterior > 0))
        return make_error(ErrorCode::invalid_argument, "cv_posterior must be > 0");

    std::vector<int> t_start = config.t_start, t_end = config.t_end;
    if (t_start.empty() && t_end.empty()) {
        if (config.window < 1)
            return make_error(ErrorCode::invalid_argument, "the window must be at least 1 day");
        for (int ts = 2; ts + config.window - 1 <= days; ++ts) {
            t_start.push_back(ts);
            t_end.push_back(ts + config.window - 1);
        }
    }
    if (t_start.size() != t_end.size())
        return make_error(ErrorCode::invalid_argument, "t_start and t_end differ in length");
    for (size_t i = 0; i < t_start.size(); ++i) {
        if (t_start[i] < 2 || t_start[i] > t_end[i] || t_end[i] > days) {
            return make_error(ErrorCode::invalid_argument,
                              fmt::format("window {} ({}..{}) must satisfy 2 <= t_start <= t_end <= {}",
                                          i + 1, t_start[i], t_end[i], days));
        }
    }

    auto w = si_for_series(si, days);
    if (!w) return w.error();
    RtEstimate out;
    // SI.Moments over the padded distribution.
    double m1 = 0, m2 = 0;
    for (size_t k = 0; k < w->size(); ++k) {
        m1 += (*w)[k] * static_cast<double>(k);
        m2 += (*w)[k] * static_cast<double>(k) * static_cast<double>(k);
    }
    out.si_mean = m1;
    out.si_std = std::sqrt(m2 - m1 * m1);
    size_t support = w->size();
    while (support > 1 && (*w)[support - 1] == 0.0) --support;
    out.si_distribution.assign(w->begin(), w->begin() + static_cast<std::ptrdiff_t>(support));

    // overall_infectivity: lambda_t = sum_{j=0}^{t-1} w_j * I_{t-j}, local and imported alike; lambda_1 is
    // NA.
    std::vector<double> lambda(static_cast<size_t>(days), 0.0);
    for (int i = 1; i < days; ++i) {
        const int top = std::min<int>(i, static_cast<int>(support) - 1);
        double sum = 0;
        for (int j = 0; j <= top; ++j)
            sum += (*w)[static_cast<size_t>(j)] * incidence[static_cast<size_t>(i - j)];
        lambda[static_cast<size_t>(i)] = sum;
    }

    const double a_prior = (config.mean_prior / config.std_prior) * (config.mean_prior / config.std_prior);
    const double b_prior = config.std_prior * config.std_prior / config.mean_prior;
    out.min_cases_for_cv =
        static_cast<int>(std::ceil(1 / (config.cv_posterior * config.cv_posterior) - a_prior));
    thread_local QuantileCache cache;
    out.windows.reserve(t_start.size());
    for (size_t i = 0; i < t_start.size(); ++i) {
        if (!(t_end[i] > out.si_mean)) continue;  // EpiEstim leaves these windows NA
        RtWindow r;
        r.t_start = t_start[i];
        r.t_end = t_end[i];
        double local = 0, infectivity = 0;
        for (int t = t_start[i]; t <= t_end[i]; ++t) {
            local += incidence[static_cast<size_t>(t - 1)];  // t >= 2: every case is local
            infectivity += lambda[static_cast<size_t>(t - 1)];
        }
        r.cases = local;
        r.shape = a_prior + local;
        r.scale = 1 / (1 / b_prior + infectivity);
        r.mean = r.shape * r.scale;
        r.std = std::sqrt(r.shape) * r.scale;
        const auto& q = cache.standard(r.shape);
        for (size_t k = 0; k < q.size(); ++k) r.quantiles[k] = q[k] * r.scale;
        r.cv_ok = r.cases >= out.min_cases_for_cv;
        out.windows.push_back(r);
    }
    return out;
}

}  // namespace metropoli::analysis

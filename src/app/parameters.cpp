// SPDX-License-Identifier: MIT
#include "app/parameters.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <string>

namespace metropoli::app {

namespace {

Error out_of_range(const NumberLimit& limit, std::string_view got) {
    const char* lower = limit.min_open ? "more than" : "from";
    return Error{
        ErrorCode::invalid_argument,
        fmt::format("{}: '{}' is out of range; use {} {}{} {} {}", limit.name, got, lower, limit.min,
                    limit.min_open ? " up to" : " to", limit.max, limit.integer ? "(a whole number)" : "")};
}

}  // namespace

Result<double> check_number(const NumberLimit& limit, double value) {
    const bool below = limit.min_open ? !(value > limit.min) : !(value >= limit.min);
    if (!std::isfinite(value) || below || value > limit.max ||
        (limit.integer && value != std::floor(value))) {
        return out_of_range(limit, fmt::format("{}", value));
    }
    return value;
}

Result<double> parse_number(const NumberLimit& limit, std::string_view text) {
    // strtod accepts "nan", "inf" and hex floats; a decimal number has only these characters.
    const bool decimal = !text.empty() && text.size() <= 64 &&
                         text.find_first_not_of("0123456789.+-eE") == std::string_view::npos &&
                         text.find_first_of("0123456789") != std::string_view::npos;
    if (!decimal)
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("{}: '{}' is not a number", limit.name, text));
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size()) {
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("{}: '{}' is not a number", limit.name, text));
    }
    if (!std::isfinite(value)) return out_of_range(limit, text);
    return check_number(limit, value);
}

Status resolve_options(analysis::IndicatorOptions& options) {
    TRY(check_number(k_incomplete_days, options.incomplete_days));
    TRY(check_number(k_window, options.rt.window));
    TRY(check_number(k_prior_mean, options.rt.mean_prior));
    TRY(check_number(k_prior_std, options.rt.std_prior));
    auto& si = options.si;
    if (si.mean || si.sd) {
        if (!si.mean || !si.sd)
            return make_error(ErrorCode::invalid_argument,
                              "a parametric serial interval needs both si_mean and si_sd");
        TRY(check_number(k_si_mean, *si.mean));
        TRY(check_number(k_si_sd, *si.sd));
        if (si.distribution.empty()) {
            TRY_ASSIGN(resolved, analysis::parametric_si(*si.mean, *si.sd));
            si = std::move(resolved);
        }
        return ok_status();
    }
    return analysis::check_serial_interval(si);
}

}  // namespace metropoli::app

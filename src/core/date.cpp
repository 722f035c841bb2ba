// SPDX-License-Identifier: MIT
// Civil-date arithmetic (the days-from-civil algorithm over 400-year eras) and ISO parsing.
#include "core/date.hpp"

#include <fmt/format.h>

#include <chrono>

namespace metropoli {

int32_t days_from_civil(int year, unsigned month, unsigned day) {
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = month > 2 ? month - 3 : month + 9;
    const unsigned doy = (153 * mp + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

void civil_from_days(int32_t days, int& year, unsigned& month, unsigned& day) {
    const int32_t z = days + 719468;
    const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

namespace {
bool is_leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int days_in_month(int y, int m) {
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : k_days[m - 1];
}
}  // namespace

std::optional<Date> Date::from_ymd(int year, int month, int day) {
    if (year < 1 || year > 9998 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
        return std::nullopt;
    }
    return Date(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::optional<Date> Date::parse_iso(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digit = [&](size_t i) { return static_cast<unsigned>(s[i] - '0'); };
    for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (digit(i) > 9) return std::nullopt;
    }
    const int y = static_cast<int>(digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3));
    const int m = static_cast<int>(digit(5) * 10 + digit(6));
    const int d = static_cast<int>(digit(8) * 10 + digit(9));
    return from_ymd(y, m, d);
}

int Date::year() const {
    int y;
    unsigned m, d;
    civil_from_days(m_days, y, m, d);
    return y;
}
int Date::month() const {
    int y;
    unsigned m, d;
    civil_from_days(m_days, y, m, d);
    return static_cast<int>(m);
}
int Date::day() const {
    int y;
    unsigned m, d;
    civil_from_days(m_days, y, m, d);
    return static_cast<int>(d);
}

std::string Date::iso() const {
    int y;
    unsigned m, d;
    civil_from_days(m_days, y, m, d);
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

Date today_utc() {
    const auto now = std::chrono::system_clock::now();
    const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
    return Date::from_days(static_cast<int32_t>(days));
}

}  // namespace metropoli

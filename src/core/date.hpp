// SPDX-License-Identifier: MIT
// Calendar dates as day numbers since 1970-01-01 (proleptic Gregorian), with strict ISO parsing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace metropoli {

// A civil date. Cheap to copy and compare; arithmetic is in days.
class Date {
public:
    constexpr Date() = default;
    static constexpr Date from_days(int32_t days) { return Date(days); }
    // Returns nullopt unless y-m-d is a real calendar date.
    static std::optional<Date> from_ymd(int year, int month, int day);
    // Parses exactly "YYYY-MM-DD"; nullopt for anything else (including the SSA sentinel 9999-99-99).
    static std::optional<Date> parse_iso(std::string_view text);

    constexpr int32_t days() const { return m_days; }
    int year() const;
    int month() const;
    int day() const;
    std::string iso() const;  // "YYYY-MM-DD"

    friend constexpr auto operator<=>(Date, Date) = default;
    friend constexpr Date operator+(Date d, int32_t n) { return Date(d.m_days + n); }
    friend constexpr Date operator-(Date d, int32_t n) { return Date(d.m_days - n); }
    friend constexpr int32_t operator-(Date a, Date b) { return a.m_days - b.m_days; }

private:
    constexpr explicit Date(int32_t days) : m_days(days) {}
    int32_t m_days = 0;
};

// Days since 1970-01-01 of a civil date (no validation); the inverse is civil_from_days.
int32_t days_from_civil(int year, unsigned month, unsigned day);
void civil_from_days(int32_t days, int& year, unsigned& month, unsigned& day);

// Today's date in UTC, from the system clock.
Date today_utc();

}  // namespace metropoli

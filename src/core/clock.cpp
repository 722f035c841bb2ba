// SPDX-License-Identifier: MIT
// The system clock and the one text form of timestamps.
#include "core/clock.hpp"

#include <fmt/format.h>

#include "core/date.hpp"

namespace metropoli {

namespace {

// The value of `digits` decimal digits at `text[at]`, or -1 when any is not a digit.
int number(std::string_view text, size_t at, size_t digits) {
    int value = 0;
    for (size_t i = at; i < at + digits; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

}  // namespace

std::string Clock::now_iso() const {
    return format_iso_utc(now());
}

Instant SystemClock::now() const {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

const Clock& system_clock() {
    static const SystemClock k_clock;
    return k_clock;
}

std::string format_iso_utc(Instant at) {
    const auto day = std::chrono::floor<std::chrono::days>(at);
    const auto seconds = (at - day).count();
    const std::string date = Date::from_days(static_cast<int32_t>(day.time_since_epoch().count())).iso();
    return fmt::format("{}T{:02}:{:02}:{:02}Z", date, seconds / 3600, seconds / 60 % 60, seconds % 60);
}

std::optional<Instant> parse_iso_utc(std::string_view text) {
    // "YYYY-MM-DD" "T" "HH:MM:SS" "Z"
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
        return std::nullopt;
    }
    const auto date = Date::parse_iso(text.substr(0, 10));
    const int hours = number(text, 11, 2), minutes = number(text, 14, 2), seconds = number(text, 17, 2);
    if (!date || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) {
        return std::nullopt;
    }
    return Instant(std::chrono::days(date->days()) + std::chrono::hours(hours) +
                   std::chrono::minutes(minutes) + std::chrono::seconds(seconds));
}

}  // namespace metropoli

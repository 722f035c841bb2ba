// SPDX-License-Identifier: MIT
// The current time as an injected dependency: every timestamp the program writes comes from a Clock, so tests
// can fix it and read it back exactly.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace metropoli {

// Seconds since 1970-01-01T00:00:00Z (UTC, leap seconds not counted, as std::chrono::system_clock).
using Instant = std::chrono::sys_seconds;

// A source of "now". Implementations must be safe to call from several threads at once.
class Clock {
public:
    virtual ~Clock() = default;
    // The current instant in UTC, to the second.
    virtual Instant now() const = 0;
    // now() as ISO-8601 UTC text, "YYYY-MM-DDTHH:MM:SSZ": the form every stored timestamp takes.
    std::string now_iso() const;
};

// The operating system's wall clock.
class SystemClock final : public Clock {
public:
    Instant now() const override;
};

// A clock that stands still until told otherwise, for tests. set() and advance() may race with now().
class FixedClock final : public Clock {
public:
    explicit FixedClock(Instant at) : m_seconds(at.time_since_epoch().count()) {}
    Instant now() const override { return Instant(std::chrono::seconds(m_seconds.load())); }
    void set(Instant at) { m_seconds = at.time_since_epoch().count(); }
    void advance(std::chrono::seconds by) { m_seconds += by.count(); }

private:
    std::atomic<std::chrono::seconds::rep> m_seconds;
};

// The process-wide system clock: the default wherever a Clock is taken. Lives for the whole program.
const Clock& system_clock();

// "YYYY-MM-DDTHH:MM:SSZ" for years 0000 to 9999.
std::string format_iso_utc(Instant at);

// Parses exactly "YYYY-MM-DDTHH:MM:SSZ" (a real date, hours 00-23, minutes and seconds 00-59); nullopt for
// anything else, including offsets other than Z, fractions and the space-separated SQL form.
std::optional<Instant> parse_iso_utc(std::string_view text);

}  // namespace metropoli

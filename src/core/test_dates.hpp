// SPDX-License-Identifier: MIT
// Test-only: a date written as a literal, `day("2020-11-10")`; the test stops at an invalid one.
#pragma once

#include <stdexcept>
#include <string>

#include "core/date.hpp"

namespace metropoli::testing {

inline Date day(const char* iso) {
    auto d = Date::parse_iso(iso);
    if (!d) throw std::invalid_argument(std::string("not a YYYY-MM-DD date: ") + iso);
    return *d;
}

}  // namespace metropoli::testing

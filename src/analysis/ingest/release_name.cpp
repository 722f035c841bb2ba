// SPDX-License-Identifier: MIT
#include "analysis/ingest/release_name.hpp"

#include <vector>

namespace metropoli::analysis {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

int number(std::string_view digits) {
    int n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    return n;
}

std::string_view base_name(std::string_view path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Every date the base name spells, in either form.
std::vector<Date> dates_in(std::string_view base) {
    std::vector<Date> found;
    size_t i = 0;
    while (i < base.size()) {
        if (!is_digit(base[i])) {
            ++i;
            continue;
        }
        size_t end = i;
        while (end < base.size() && is_digit(base[end])) ++end;
        const auto run = base.substr(i, end - i);
        std::optional<Date> d;
        if (run.size() == 8 && (run.substr(0, 3) == "202" || run.substr(0, 3) == "203"))
            d = Date::from_ymd(number(run.substr(0, 4)), number(run.substr(4, 2)), number(run.substr(6, 2)));
        else if (run.size() == 6 && base.substr(end).starts_with("COVID19MEXICO"))
            d = Date::from_ymd(2000 + number(run.substr(0, 2)), number(run.substr(2, 2)),
                               number(run.substr(4, 2)));
        if (d) found.push_back(*d);
        i = end;
    }
    return found;
}

}  // namespace

std::optional<Date> release_date_in_name(std::string_view name) {
    std::vector<std::string_view> candidates;
    if (const auto zip = name.find(".zip:"); zip != std::string_view::npos) {
        candidates.push_back(base_name(name.substr(zip + 5)));
        candidates.push_back(base_name(name.substr(0, zip + 4)));
    } else {
        candidates.push_back(base_name(name));
    }
    for (const auto base : candidates) {
        const auto dates = dates_in(base);
        if (dates.size() == 1) return dates.front();
        if (dates.size() > 1) return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace metropoli::analysis

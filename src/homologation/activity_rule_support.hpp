// SPDX-License-Identifier: MIT
// Internal to homologation: what its files share (database errors, refusals and field errors, taken from the
// layers that own them; lists kept as ';'-separated text). Not part of the library's interface.
#pragma once

#include <string>
#include <vector>

#include "access/refusal.hpp"
#include "core/field_error.hpp"
#include "storage/reading.hpp"

namespace metropoli::homologation::detail {

using access::refused;
using metropoli::invalid;
using storage::reading;

// "a;b" -> {"a", "b"}; "" -> {}.
inline std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = text.find(';', start);
        out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

inline std::string join_list(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ";") + item;
    return out;
}

}  // namespace metropoli::homologation::detail

// SPDX-License-Identifier: MIT
// Small text helpers: trimming, accent-insensitive keys for Spanish names, integer parsing, file reading.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace metropoli {

std::string_view trim(std::string_view s);

// Equal but for the case of ASCII letters (HTTP field names, tokens and schemes).
bool iequals_ascii(std::string_view a, std::string_view b);

// Lower-case ASCII letters and fold the accented Latin letters used in Spanish names (UTF-8 and latin-1
// bytes both), so "Gómez Palacio", "GOMEZ PALACIO" and "gomez palacio" give the same key.
std::string name_key(std::string_view name);

// Parses a base-10 integer that spans the whole string; nullopt otherwise.
std::optional<int64_t> parse_int(std::string_view s);

// 12345678 -> "12,345,678".
std::string with_thousands(int64_t value);

// Reads a whole (small) file; an io_error names the path.
Result<std::string> read_file(const std::string& path);

// True when `s` is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s);

// Removes a leading UTF-8 byte-order mark, if any.
std::string_view strip_bom(std::string_view s);

}  // namespace metropoli

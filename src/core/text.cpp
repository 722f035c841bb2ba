// SPDX-License-Identifier: MIT
// Text helpers shared by the loaders and the command line.
#include "core/text.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace metropoli {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return s;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    for (size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

namespace {
// Folds one latin-1 code point (0xC0..0xFF) to its base letter, lower case; 0 when it is not a letter.
char fold_latin1(unsigned char c) {
    static constexpr const char* k_table =
        "aaaaaaaceeeeiiii"   // C0-CF
        "dnooooo ouuuuyts"   // D0-DF
        "aaaaaaaceeeeiiii"   // E0-EF
        "dnooooo ouuuuyty";  // F0-FF
    if (c < 0xC0) return 0;
    const char f = k_table[c - 0xC0];
    return f == ' ' ? 0 : f;
}
}  // namespace

std::string name_key(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    const auto* p = reinterpret_cast<const unsigned char*>(name.data());
    const auto* end = p + name.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') {
                out.push_back(static_cast<char>(c - 'A' + 'a'));
            } else if (c == '.' || c == ',') {
                // "Francisco I. Madero" == "Francisco I Madero"
            } else if (c == ' ' || c == '-' || c == '_') {
                if (!out.empty() && out.back() != ' ') out.push_back(' ');
            } else {
                out.push_back(static_cast<char>(c));
            }
            ++p;
        } else if ((c == 0xC3) && p + 1 < end && (p[1] & 0xC0) == 0x80) {
            // UTF-8 two-byte sequence in U+00C0..U+00FF.
            const auto cp = static_cast<unsigned char>(((c & 0x1F) << 6) | (p[1] & 0x3F));
            if (char f = fold_latin1(cp)) out.push_back(f);
            p += 2;
        } else {
            if (char f = fold_latin1(c)) out.push_back(f);  // latin-1 byte
            ++p;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::optional<int64_t> parse_int(std::string_view s) {
    if (s.empty()) return std::nullopt;
    bool negative = false;
    size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
        negative = s[0] == '-';
        i = 1;
        if (s.size() == 1) return std::nullopt;
    }
    int64_t v = 0;
    for (; i < s.size(); ++i) {
        const auto d = static_cast<unsigned>(s[i] - '0');
        if (d > 9) return std::nullopt;
        if (v > (INT64_MAX - d) / 10) return std::nullopt;
        v = v * 10 + d;
    }
    return negative ? -v : v;
}

std::string with_thousands(int64_t value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return value < 0 ? "-" + out : out;
}

Result<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return make_error(ErrorCode::io_error, fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string_view strip_bom(std::string_view s) {
    if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    return s;
}

bool is_valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    for (size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len = 0;
        unsigned char lo = 0x80, hi = 0xbf;  // the allowed range of the second byte (Table 3-7 of Unicode)
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            if (c == 0xe0) lo = 0xa0;  // overlong
            if (c == 0xed) hi = 0x9f;  // surrogates
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            if (c == 0xf0) lo = 0x90;  // overlong
            if (c == 0xf4) hi = 0x8f;  // above U+10FFFF
        } else {
            return false;  // continuation byte first, C0/C1 overlong lead, or F5..FF
        }
        if (i + len > n) return false;
        if (p[i + 1] < lo || p[i + 1] > hi) return false;
        for (size_t k = 2; k < len; ++k) {
            if (p[i + k] < 0x80 || p[i + k] > 0xbf) return false;
        }
        i += len;
    }
    return true;
}

}  // namespace metropoli

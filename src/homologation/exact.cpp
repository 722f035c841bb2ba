// SPDX-License-Identifier: MIT
// Rational arithmetic, half-even rounding and decimal text for the indices.
#include "homologation/exact.hpp"

#include <cstdlib>
#include <stdexcept>

namespace metropoli::homologation {

Rational::Rational(int64_t num, int64_t den) {
    if (den == 0) throw std::domain_error("rational with a zero denominator");
    if (den < 0) {
        num = -num;
        den = -den;
    }
    const int64_t g = std::gcd(num < 0 ? -num : num, den);
    m_num = g ? num / g : 0;
    m_den = g ? den / g : 1;
}

Rational operator+(Rational a, Rational b) {
    const int64_t g = std::gcd(a.m_den, b.m_den);
    return Rational(a.m_num * (b.m_den / g) + b.m_num * (a.m_den / g), a.m_den / g * b.m_den);
}
Rational operator-(Rational a, Rational b) {
    return a + Rational(-b.m_num, b.m_den);
}
Rational operator*(Rational a, Rational b) {
    const Rational x(a.m_num, b.m_den), y(b.m_num, a.m_den);  // cross-reduce first
    return Rational(x.m_num * y.m_num, x.m_den * y.m_den);
}
Rational operator/(Rational a, Rational b) {
    return a * Rational(b.m_den, b.m_num);
}
bool operator<(Rational a, Rational b) {
    return (a - b).m_num < 0;
}

int64_t round_half_even_cents(Rational value) {
    const Rational scaled = value * Rational(100);
    int64_t floor = scaled.num() / scaled.den();
    int64_t rem = scaled.num() % scaled.den();
    if (rem < 0) {
        rem += scaled.den();
        --floor;
    }
    const int64_t twice = 2 * rem;
    if (twice > scaled.den() || (twice == scaled.den() && (floor % 2 != 0))) ++floor;
    return floor;
}

bool is_half_cent_tie(Rational value) {
    const Rational scaled = value * Rational(100);
    return scaled.den() == 2;
}

std::string cents_text(int64_t cents) {
    const bool negative = cents < 0;
    const int64_t a = negative ? -cents : cents;
    std::string frac = std::to_string(a % 100);
    if (frac.size() < 2) frac.insert(0, "0");
    return (negative ? "-" : "") + std::to_string(a / 100) + "." + frac;
}

std::optional<Rational> parse_decimal(std::string_view text) {
    if (text.empty()) return std::nullopt;
    bool negative = false;
    size_t i = 0;
    if (text[0] == '-') {
        negative = true;
        i = 1;
    }
    int64_t num = 0, den = 1;
    bool digits = false, point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && !point) {
            point = true;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        if (num > 100'000'000'000'000LL || den > 1'000'000'000LL) return std::nullopt;
        num = num * 10 + (c - '0');
        if (point) den *= 10;
        digits = true;
    }
    if (!digits) return std::nullopt;
    return Rational(negative ? -num : num, den);
}

}  // namespace metropoli::homologation

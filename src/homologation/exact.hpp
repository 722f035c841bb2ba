// SPDX-License-Identifier: MIT
// Exact arithmetic for the indices: a small rational number, rounding half to even to hundredths, and the
// decimal text of hundredths. Every OxCGRT sub-index is a multiple of 100/(2·N·k), so 64-bit numerators and
// denominators never come near overflow.
#pragma once

#include <cstdint>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>

namespace metropoli::homologation {

class Rational {
public:
    constexpr Rational() = default;
    Rational(int64_t num, int64_t den = 1);
    int64_t num() const { return m_num; }
    int64_t den() const { return m_den; }
    friend Rational operator+(Rational a, Rational b);
    friend Rational operator-(Rational a, Rational b);
    friend Rational operator*(Rational a, Rational b);
    friend Rational operator/(Rational a, Rational b);
    friend bool operator==(Rational a, Rational b) { return a.m_num == b.m_num && a.m_den == b.m_den; }
    friend bool operator<(Rational a, Rational b);

private:
    int64_t m_num = 0;
    int64_t m_den = 1;  // always > 0, gcd(num, den) == 1
};

// The value in hundredths rounded half to even (65.625 -> 6562, 81.875 -> 8188).
int64_t round_half_even_cents(Rational value);
// Whether the value lies exactly half-way between two hundredths (x.xx5).
bool is_half_cent_tie(Rational value);
// "12.34", "-0.50", "0.00".
std::string cents_text(int64_t cents);
// Parses a plain decimal ("71.76", "0", "5.5", "-2.00", "158429444.00") exactly; nullopt otherwise.
std::optional<Rational> parse_decimal(std::string_view text);

}  // namespace metropoli::homologation

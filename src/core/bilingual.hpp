// SPDX-License-Identifier: MIT
// A text in Spanish and English, kept apart so that every surface picks its language instead of splitting a
// string.
#pragma once

#include <string>

namespace metropoli {

struct Bilingual {
    std::string es, en;

    bool empty() const { return es.empty() && en.empty(); }
    // "texto / text": the one-line form of the command line's CSV and messages.
    std::string joined() const { return en.empty() ? es : es + " / " + en; }
    bool operator==(const Bilingual&) const = default;
};

}  // namespace metropoli

// SPDX-License-Identifier: MIT
// A text in Spanish and English, kept apart so that every surface picks its language instead of splitting a
// string.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace metropoli {

struct Bilingual {
    Bilingual() = default;
    Bilingual(std::string es_text, std::string en_text, std::string message_code = {},
              std::vector<std::pair<std::string, std::vector<std::string>>> message_params = {})
        : es(std::move(es_text)),
          en(std::move(en_text)),
          code(std::move(message_code)),
          params(std::move(message_params)) {}

    std::string es, en;
    // A message the interfaces word themselves: a code ("stale_release") and its parameters, each a list of
    // plain values (input ids, source ids, ISO dates, numbers), so no identifier reaches a reader
    // untranslated. Empty for a text with no code; es and en stay the one-line forms.
    std::string code;
    std::vector<std::pair<std::string, std::vector<std::string>>> params;

    bool empty() const { return es.empty() && en.empty(); }
    // "texto / text": the one-line form of the command line's CSV and messages.
    std::string joined() const { return en.empty() ? es : es + " / " + en; }
    bool operator==(const Bilingual&) const = default;
};

}  // namespace metropoli

// SPDX-License-Identifier: MIT
#include "access/refusal.hpp"

#include <fmt/format.h>

namespace metropoli::access {

Error refused(const Actor& who, std::string_view action) {
    if (who.anonymous()) {
        return make_error(ErrorCode::unauthenticated,
                          fmt::format("inicie sesión para hacer esto / sign in to do this ({})", action));
    }
    return make_error(
        ErrorCode::forbidden,
        fmt::format("{} no tiene permiso para esto / {} may not do this ({})", who.label, who.label, action));
}

}  // namespace metropoli::access

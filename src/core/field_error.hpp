// SPDX-License-Identifier: MIT
// The error of one invalid field, named by its JSON pointer.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace metropoli {

// An invalid-argument error naming the field by its JSON pointer: "/field: why". The HTTP layer turns the
// pointer into the problem's `errors[].pointer`.
inline Error invalid(std::string_view field, std::string_view why) {
    std::string message = "/";
    message.append(field).append(": ").append(why);
    return make_error(ErrorCode::invalid_argument, std::move(message));
}

}  // namespace metropoli

// SPDX-License-Identifier: MIT
// The error a library write returns when permits() says no.
#pragma once

#include <string_view>

#include "access/actor.hpp"
#include "core/result.hpp"

namespace metropoli::access {

// The refusal of `action` to `who`: unauthenticated for anonymous (sign in first), forbidden for anyone else.
Error refused(const Actor& who, std::string_view action);

}  // namespace metropoli::access

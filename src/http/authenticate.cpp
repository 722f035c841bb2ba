// SPDX-License-Identifier: MIT
// The authenticator of `metropoli serve`: the Bearer token, else the session cookie, resolved by the access
// library.
#include <fmt/format.h>

#include "http/credentials.hpp"
#include "http/gate.hpp"

namespace metropoli::http {

Result<Caller> authenticate(const Request& request, storage::Database&, const Clock&) {
    // Sessions and tokens arrive with the access library's accounts; until then no credential is known.
    if (bearer_token(request.authorization) || cookie_value(request.cookie, k_session_cookie)) {
        return make_error(ErrorCode::unauthenticated,
                          "La sesión o el token no es válido / The session or token is not valid");
    }
    return Caller{};
}

}  // namespace metropoli::http

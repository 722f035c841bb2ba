// SPDX-License-Identifier: MIT
// Expected failures as values: Result<T> holds either a T or an Error with a code that maps to exit codes
// and HTTP statuses.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace metropoli {

// What kind of failure; each maps to one exit code (cli) and one HTTP status (http).
enum class ErrorCode {
    invalid_argument,       // the caller asked for something malformed (exit 1, HTTP 400)
    bad_input,              // an input file is malformed or truncated (exit 1, HTTP 422)
    not_found,              // the thing asked for does not exist (exit 1, HTTP 404)
    conflict,               // the request contradicts stored state (exit 1, HTTP 409)
    forbidden,              // the role may not do this (exit 1, HTTP 403)
    io_error,               // the operating system refused a read or write (exit 1, HTTP 500)
    database,               // the database refused a statement (exit 1, HTTP 500)
    internal,               // a bug (exit 3, HTTP 500)
    not_allowed,            // the resource does not take this method (HTTP 405)
    precondition_failed,    // the stored version is not the one the client read: If-Match failed (HTTP 412)
    unsupported_media,      // the request body is not of a type the resource takes (HTTP 415)
    unauthenticated,        // no valid session or token, or wrong credentials (HTTP 401)
    too_many_requests,      // throttled: try again after Error::retry_after_seconds (HTTP 429)
    precondition_required,  // a write of a versioned resource without If-Match (HTTP 428)
};

struct Error {
    ErrorCode code;
    std::string message;          // says what and where, in plain words
    int retry_after_seconds = 0;  // too_many_requests: when to try again (the Retry-After field)
};

struct Unit {};

// A value or an Error. Accessing the wrong alternative is a bug and asserts.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : m_state(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<T>(m_state);
    }
    const T& value() const& {
        assert(ok());
        return std::get<T>(m_state);
    }
    T&& value() && {
        assert(ok());
        return std::get<T>(std::move(m_state));
    }
    const Error& error() const {
        assert(!ok());
        return std::get<Error>(m_state);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, Error> m_state;
};

using Status = Result<Unit>;

inline Status ok_status() {
    return Unit{};
}

inline Error make_error(ErrorCode code, std::string message) {
    return Error{code, std::move(message)};
}

}  // namespace metropoli

// Propagating errors, as ccache does: TRY(expr) returns the error of a failed Result or Status from the
// enclosing function; TRY_ASSIGN(name, expr) also declares `name` as the value of a successful one.
#define METROPOLI_CONCAT_(a, b) a##b
#define METROPOLI_CONCAT(a, b) METROPOLI_CONCAT_(a, b)
#define TRY(expr)                                     \
    do {                                              \
        auto&& try_result_ = (expr);                  \
        if (!try_result_) return try_result_.error(); \
    } while (false)
#define TRY_ASSIGN(name, expr) TRY_ASSIGN_IMPL_(name, expr, METROPOLI_CONCAT(try_result_, __LINE__))
// `name` and `tmp` are identifiers being declared, which cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define TRY_ASSIGN_IMPL_(name, expr, tmp) \
    auto tmp = (expr);                    \
    if (!tmp) return tmp.error();         \
    auto name = std::move(*tmp)
// NOLINTEND(bugprone-macro-parentheses)

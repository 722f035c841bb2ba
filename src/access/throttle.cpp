// SPDX-License-Identifier: MIT
// Login throttling over the login_failures table (no data-generation triggers: see migrations.cpp).
#include "access/throttle.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "access/store_support.hpp"

namespace metropoli::access {

namespace {

struct Failures {
    long long count = 0;
    std::string last;  // ISO-8601 of the newest, empty when none
};

Failures failures_since(soci::session& sql, const char* column, const std::string& key,
                        const std::string& since) {
    Failures f;
    soci::indicator last_ind = soci::i_null;
    sql << fmt::format("SELECT COUNT(*), MAX(at) FROM login_failures WHERE {} = :k AND at > :since", column),
        soci::use(key), soci::use(since), soci::into(f.count), soci::into(f.last, last_ind);
    if (last_ind != soci::i_ok) f.last.clear();
    return f;
}

// Seconds still to wait after `f` given `free` failures allowed, or 0.
long long wait_left(const Failures& f, int free, const ThrottleOptions& options, Instant now) {
    if (f.count < free || f.last.empty()) return 0;
    const auto last = parse_iso_utc(f.last);
    if (!last) return 0;
    const long long doublings = std::min<long long>(f.count - free, 30);
    const long long wait =
        std::min<long long>(options.first_wait.count() << doublings, options.longest_wait.count());
    const long long left = (*last + std::chrono::seconds(wait) - now).count();
    return std::max<long long>(left, 0);
}

}  // namespace

Status check_login_throttle(storage::Database& db, const Clock& clock, std::string_view login,
                            std::string_view client_address, const ThrottleOptions& options) {
    const Instant now = clock.now();
    const std::string since = format_iso_utc(now - options.window);
    TRY_ASSIGN(left, detail::reading(db, [&]() -> Result<long long> {
                   auto& sql = db.session();
                   const auto by_login = failures_since(sql, "login", std::string(login), since);
                   const auto by_address =
                       failures_since(sql, "client_address", std::string(client_address), since);
                   return std::max(wait_left(by_login, options.free_failures, options, now),
                                   wait_left(by_address, options.free_failures_per_address, options, now));
               }));
    if (left == 0) return ok_status();
    Error e =
        make_error(ErrorCode::too_many_requests,
                   fmt::format("demasiados intentos fallidos; espere {} s / too many failed attempts; wait "
                               "{} s",
                               left, left));
    e.retry_after_seconds = static_cast<int>(left);
    return e;
}

Status record_login_failure(storage::Database& db, const Clock& clock, std::string_view login,
                            std::string_view client_address, const ThrottleOptions& options) {
    const std::string key(login), address(client_address), now = clock.now_iso();
    const std::string forget_before = format_iso_utc(clock.now() - options.window);
    return db.transaction([&]() -> Status {
        auto& sql = db.session();
        sql << "DELETE FROM login_failures WHERE at <= :t", soci::use(forget_before);
        sql << "INSERT INTO login_failures (login, client_address, at) VALUES (:l, :a, :at)", soci::use(key),
            soci::use(address), soci::use(now);
        return ok_status();
    });
}

Status clear_login_failures(storage::Database& db, std::string_view login) {
    const std::string key(login);
    return db.transaction([&]() -> Status {
        db.session() << "DELETE FROM login_failures WHERE login = :l", soci::use(key);
        return ok_status();
    });
}

}  // namespace metropoli::access

// SPDX-License-Identifier: MIT
// The permission table: one row per action, saying who may do it. Every check in the program (the router's
// gate before a handler runs, the library's own check inside each write, the command line) reads this table
// through permits(); no handler decides with an `if` of its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "access/actor.hpp"

namespace metropoli::access {

// What an action is done to, when the permission depends on it: the organisation whose record it is, the body
// whose business it is.
struct Scope {
    std::optional<int64_t> organisation = std::nullopt;
    std::optional<int64_t> body = std::nullopt;
};

// How a grant must be scoped to count for a row.
enum class Match {
    any,           // the role, however scoped
    organisation,  // the role for the organisation of the scope
    body,          // the role for the body of the scope
};

struct Rule {
    Role role;
    Match match = Match::any;
};

struct PermissionRow {
    std::string_view action;       // "organisation.edit"
    std::string_view description;  // what it allows, in English, for the documentation
    bool anyone = false;           // public: no account needed
    bool any_account = false;      // any active account (its own things)
    std::vector<Rule> rules;       // else: the roles that may
};

// Every action the program knows, in a stable order.
const std::vector<PermissionRow>& permission_table();

// The row of `action`, or nullptr for an action not in the table.
const PermissionRow* find_permission(std::string_view action);

// Whether `who` may do `action` to `scope`. An action not in the table is refused. The command-line actor and
// the system are trusted (whoever runs the command owns the database); an anonymous actor passes only public
// rows; an account passes rows open to any account and rows one of its grants satisfies.
bool permits(const Actor& who, std::string_view action, const Scope& scope = {});

}  // namespace metropoli::access

// SPDX-License-Identifier: MIT
// Who acts: an account (with the roles granted to it, each optionally for one organisation or one body), a
// named command-line user, the system, or nobody in particular (anonymous). Every write and every permission
// check takes one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace metropoli::access {

enum class Role {
    admin,        // users, organisations, settings
    coordinator,  // bodies, meetings, minutes, agreements, the convenio
    analyst,      // releases, feeds, assessments
    editor,       // of one organisation: its own records (progress reports, contributions, its profile)
    member,       // of one body seat: vote, amend draft minutes
};

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);
const std::vector<Role>& all_roles();

// A role held, optionally scoped to one organisation (editor) or one body (member).
struct Grant {
    Role role;
    std::optional<int64_t> organisation = std::nullopt;
    std::optional<int64_t> body = std::nullopt;
    bool operator==(const Grant&) const = default;
};

struct Actor {
    std::string id = "anonymous";    // "account:12", "cli:alice", "system", "anonymous"
    std::optional<int64_t> account;  // set for an account
    std::string label;               // the login (e-mail) or command-line user, for display; never a secret
    std::vector<Grant> grants;
    bool anonymous() const { return id == "anonymous"; }
};

// The command-line actor "cli:NAME" (trusted: the operating-system user who owns the database file), and the
// program itself acting on its own ("system": migrations, seeds).
Actor cli_actor(const std::string& name);
Actor system_actor();

}  // namespace metropoli::access

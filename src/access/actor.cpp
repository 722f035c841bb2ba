// SPDX-License-Identifier: MIT
#include "access/actor.hpp"

namespace metropoli::access {

std::string_view role_name(Role role) {
    switch (role) {
        case Role::admin:
            return "admin";
        case Role::coordinator:
            return "coordinator";
        case Role::analyst:
            return "analyst";
        case Role::editor:
            return "editor";
        case Role::member:
            return "member";
    }
    return "unknown";
}

const std::vector<Role>& all_roles() {
    static const std::vector<Role> roles = {Role::admin, Role::coordinator, Role::analyst, Role::editor,
                                            Role::member};
    return roles;
}

std::optional<Role> parse_role(std::string_view name) {
    for (Role r : all_roles()) {
        if (role_name(r) == name) return r;
    }
    return std::nullopt;
}

Actor cli_actor(const std::string& name) {
    Actor a;
    a.id = "cli:" + name;
    a.label = name;
    return a;
}

Actor system_actor() {
    Actor a;
    a.id = "system";
    a.label = "Metrópoli";
    return a;
}

}  // namespace metropoli::access

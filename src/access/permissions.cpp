// SPDX-License-Identifier: MIT
#include "access/permissions.hpp"

#include <algorithm>

namespace metropoli::access {

namespace {

constexpr Rule admin{Role::admin};
constexpr Rule coordinator{Role::coordinator};
constexpr Rule analyst{Role::analyst};
constexpr Rule own_editor{Role::editor, Match::organisation};
constexpr Rule body_member{Role::member, Match::body};

PermissionRow open(std::string_view action, std::string_view description) {
    return {action, description, true, false, {}};
}
PermissionRow own(std::string_view action, std::string_view description) {
    return {action, description, false, true, {}};
}
PermissionRow by(std::string_view action, std::string_view description, std::vector<Rule> rules) {
    return {action, description, false, false, std::move(rules)};
}

bool satisfies(const Grant& g, const Rule& rule, const Scope& scope) {
    if (g.role != rule.role) return false;
    switch (rule.match) {
        case Match::any:
            return true;
        case Match::organisation:
            return scope.organisation && g.organisation == scope.organisation;
        case Match::body:
            return scope.body && g.body == scope.body;
    }
    return false;
}

}  // namespace

const std::vector<PermissionRow>& permission_table() {
    static const std::vector<PermissionRow> table = {
        open("public", "read the public figures, pages and registries"),
        open("organisation.read", "read the directory of organisations"),
        // Open to anyone, in a row of its own: the answer depends on who asks (what a private body's meetings
        // decided is shown to coordinators only), so its routes are never cached.
        open("agreement.read", "read agreements, their follow-up and their evidence"),
        by("organisation.create", "add an organisation to the registry", {admin}),
        by("organisation.edit", "edit an organisation's record", {admin, own_editor}),
        by("account.read", "list accounts and their roles", {admin}),
        by("account.create", "create an account", {admin}),
        by("account.disable", "disable or enable an account", {admin}),
        by("role.grant", "grant a role to an account", {admin}),
        by("role.revoke", "revoke a role from an account", {admin}),
        by("account.password", "set another account's password", {admin}),
        by("account.tokens", "create or revoke another account's API tokens", {admin}),
        own("account.self", "see one's own account, change one's password, manage one's API tokens"),
        by("audit.read", "read the whole audit log", {admin}),
        by("audit.entity", "read the history of one entity", {admin, own_editor}),
        by("release.ingest", "load an official release", {admin, analyst}),
        by("feed.ingest", "load a hospital, mobility or employment feed", {admin, analyst}),
        by("assessment.edit", "record an assessment of the epidemic", {analyst}),
        by("body.edit", "create and edit bodies and their seats", {coordinator}),
        by("meeting.edit", "convene meetings, record attendance", {coordinator}),
        by("minutes.read", "read draft minutes and their amendments", {coordinator, body_member}),
        by("minutes.edit", "draft and approve minutes", {coordinator}),
        by("minutes.amend", "amend draft minutes", {coordinator, body_member}),
        by("minutes.vote", "vote in a body", {body_member}),
        by("agreement.edit", "record agreements and their owners", {coordinator}),
        by("convenio.edit", "edit the coordination agreement and its commitments", {coordinator}),
        by("progress.report", "report progress on what one's organisation owes", {coordinator, own_editor}),
        by("contribution.edit", "record one's organisation's contributions", {coordinator, own_editor}),
        by("activity_rule.edit", "record and edit the activity rules of each jurisdiction", {coordinator}),
        by("policy.code", "code observations of policy on the OxCGRT scale", {analyst, coordinator}),
        by("policy.review", "approve or reject the policy observations others coded", {coordinator}),
        // Open to anyone, in a row of its own: a private body's decisions are shown to its members only.
        open("decision.read", "read harmonised decisions, their votes and their compliance"),
        by("decision.edit", "propose harmonised decisions and close their votes", {coordinator}),
        by("decision.vote", "vote on a harmonised decision for one's seat", {body_member}),
    };
    return table;
}

const PermissionRow* find_permission(std::string_view action) {
    const auto& table = permission_table();
    const auto it =
        std::find_if(table.begin(), table.end(), [&](const auto& row) { return row.action == action; });
    return it == table.end() ? nullptr : &*it;
}

bool permits(const Actor& who, std::string_view action, const Scope& scope) {
    const PermissionRow* row = find_permission(action);
    if (row == nullptr) return false;
    if (row->anyone) return true;
    if (who.id == "system" || who.id.starts_with("cli:")) return true;
    if (!who.account) return false;
    if (row->any_account) return true;
    return std::any_of(row->rules.begin(), row->rules.end(), [&](const Rule& rule) {
        return std::any_of(who.grants.begin(), who.grants.end(),
                           [&](const Grant& g) { return satisfies(g, rule, scope); });
    });
}

}  // namespace metropoli::access

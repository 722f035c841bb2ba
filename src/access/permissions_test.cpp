// SPDX-License-Identifier: MIT
#include "access/permissions.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace metropoli::access {
namespace {

Actor account_with(std::vector<Grant> grants) {
    Actor a;
    a.id = "account:7";
    a.account = 7;
    a.label = "ana@example.org";
    a.grants = std::move(grants);
    return a;
}

TEST(Permissions, EveryActionIsListedOnce) {
    std::set<std::string> seen;
    for (const auto& row : permission_table()) {
        EXPECT_TRUE(seen.insert(std::string(row.action)).second) << row.action;
        EXPECT_FALSE(row.description.empty()) << row.action;
        EXPECT_TRUE(row.anyone || row.any_account || !row.rules.empty()) << row.action << " has nobody";
    }
}

TEST(Permissions, AnonymousPassesOnlyPublicRows) {
    const Actor nobody;
    EXPECT_TRUE(permits(nobody, "public"));
    EXPECT_TRUE(permits(nobody, "organisation.read"));
    EXPECT_FALSE(permits(nobody, "account.self"));
    EXPECT_FALSE(permits(nobody, "organisation.edit", {.organisation = 3}));
}

TEST(Permissions, AnUnknownActionIsRefusedToEveryone) {
    EXPECT_FALSE(permits(account_with({{Role::admin}}), "organisation.delete_everything"));
    EXPECT_FALSE(permits(cli_actor("ana"), "no.such.action"));
}

TEST(Permissions, AnEditorEditsOnlyHerOwnOrganisation) {
    const Actor editor = account_with({{Role::editor, 3, std::nullopt}});
    EXPECT_TRUE(permits(editor, "organisation.edit", {.organisation = 3}));
    EXPECT_FALSE(permits(editor, "organisation.edit", {.organisation = 4}));
    EXPECT_FALSE(permits(editor, "organisation.edit"));
    EXPECT_FALSE(permits(editor, "organisation.create"));
    EXPECT_TRUE(permits(editor, "account.self"));
    EXPECT_FALSE(permits(editor, "account.read"));
}

TEST(Permissions, RolesDoNotLeakIntoEachOther) {
    const Actor analyst = account_with({{Role::analyst}});
    EXPECT_TRUE(permits(analyst, "release.ingest"));
    EXPECT_FALSE(permits(analyst, "minutes.edit"));
    EXPECT_FALSE(permits(analyst, "account.create"));
    const Actor coordinator = account_with({{Role::coordinator}});
    EXPECT_TRUE(permits(coordinator, "minutes.edit"));
    EXPECT_FALSE(permits(coordinator, "release.ingest"));
    const Actor admin = account_with({{Role::admin}});
    EXPECT_TRUE(permits(admin, "role.grant"));
    EXPECT_FALSE(permits(admin, "minutes.vote", {.body = 1}));
}

TEST(Permissions, AMemberVotesOnlyInHerBody) {
    const Actor member = account_with({{Role::member, std::nullopt, 2}});
    EXPECT_TRUE(permits(member, "minutes.vote", {.body = 2}));
    EXPECT_FALSE(permits(member, "minutes.vote", {.body = 5}));
}

TEST(Permissions, TheCommandLineAndTheSystemAreTrusted) {
    EXPECT_TRUE(permits(cli_actor("ana"), "release.ingest"));
    EXPECT_TRUE(permits(system_actor(), "organisation.create"));
}

TEST(Roles, NamesRoundTrip) {
    for (Role r : all_roles()) EXPECT_EQ(parse_role(role_name(r)), r);
    EXPECT_FALSE(parse_role("root"));
}

}  // namespace
}  // namespace metropoli::access

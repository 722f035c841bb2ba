// SPDX-License-Identifier: MIT
// `metropoli user`, `role`, `org` and `token`: accounts, scoped roles, organisations and API tokens, written
// as the command-line actor (the operating-system user, trusted as the owner of the database).
#include <fmt/format.h>

#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>

#include "access/accounts.hpp"
#include "access/organisations.hpp"
#include "access/tokens.hpp"
#include "app/context.hpp"
#include "cli/cli_support.hpp"
#include "cli/password_prompt.hpp"

namespace metropoli::cli {

namespace {

using nlohmann::json;

// The actor of every write here: "cli:NAME", NAME from the global --as (default the operating-system user).
access::Actor command_line_actor(const GlobalOptions& global) {
    return cli_attribution(global).actor;
}

std::string new_password(const std::string& file) {
    return value_or_throw(file.empty() ? prompt_new_password() : read_password_file(file));
}

access::Role role_or_throw(const std::string& name) {
    auto role = access::parse_role(name);
    if (!role)
        throw CLI::ValidationError(
            "ROLE", "'" + name + "' is not a role: admin, coordinator, analyst, editor, member");
    return *role;
}

std::string join(const std::vector<std::string>& list, const char* separator = " ") {
    std::string out;
    for (const auto& s : list) out += (out.empty() ? "" : separator) + s;
    return out;
}

std::string grants_text(storage::Database& db, const std::vector<access::StoredGrant>& grants) {
    std::vector<std::string> out;
    for (const auto& g : grants) {
        std::string text(access::role_name(g.grant.role));
        if (g.grant.organisation) {
            auto org = access::get_organisation(db, *g.grant.organisation);
            text += ":" + (org ? org->short_name : std::to_string(*g.grant.organisation));
        }
        if (g.grant.body) text += fmt::format(":body {}", *g.grant.body);
        out.push_back(text);
    }
    return join(out, "; ");
}

struct UserArgs {
    std::string email, role, org, name, password_file;
};

void add_user_commands(CLI::App& app, GlobalOptions& global) {
    auto* user = app.add_subcommand("user", "Accounts: add, list, disable, enable, passwd");
    user->require_subcommand(1);

    auto args = std::make_shared<UserArgs>();
    auto* add = user->add_subcommand("add", "Create an account (and its person) with one role");
    add->add_option("EMAIL", args->email, "Login e-mail")->required();
    add->add_option("--role", args->role, "admin, coordinator, analyst, editor (needs --org) or member")
        ->required();
    add->add_option("--org", args->org,
                    "The person's organisation (id or short name); the editor's organisation");
    add->add_option("--name", args->name, "The person's name (default: the e-mail's local part)");
    auto body = std::make_shared<int64_t>(0);
    add->add_option("--body", *body,
                    "The body of a member (id): the body whose draft minutes they amend and vote");
    add->add_option("--password-file", args->password_file,
                    "Read the password from the first line of FILE (default: ask twice on the terminal)");
    add->callback([&global, args, body]() {
        const access::Role role = role_or_throw(args->role);
        auto db = open_for_writing(global);
        access::NewAccount request;
        request.email = args->email;
        request.name = args->name;
        access::Grant grant{role};
        if (!args->org.empty()) {
            const auto org = value_or_throw(access::find_organisation(*db, args->org));
            request.organisations.push_back(org.id);
            if (role == access::Role::editor) grant.organisation = org.id;
        }
        if (*body > 0) grant.body = *body;
        request.grants.push_back(grant);
        request.password = new_password(args->password_file);
        const auto made = value_or_throw(
            access::create_account(*db, system_clock(), command_line_actor(global), "", request));
        fmt::print("cuenta creada / account created: {} (id {}), {}\n", made.email, made.id,
                   grants_text(*db, made.grants));
    });

    auto* list = user->add_subcommand("list", "Every account, its state, organisations and roles");
    list->callback([&global]() {
        auto context = open_or_throw(global);
        auto& db = *context.db;
        const auto accounts = value_or_throw(access::list_accounts(db));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& a : accounts) out.push_back(access::account_json(a));
            fmt::print("{}\n", out.dump(2));
            return;
        }
        fmt::print("id,email,name,state,last_login,organisations,grants\n");
        for (const auto& a : accounts) {
            std::vector<std::string> orgs;
            for (int64_t id : a.person.organisations) {
                auto org = access::get_organisation(db, id);
                orgs.push_back(org ? org->short_name : std::to_string(id));
            }
            fmt::print("{},{},{},{},{},{},{}\n", a.id, csv_field(a.email), csv_field(a.person.name),
                       access::account_state_name(a.state), a.last_login.value_or(""),
                       csv_field(join(orgs, "; ")), csv_field(grants_text(db, a.grants)));
        }
    });

    for (const auto state : {access::AccountState::disabled, access::AccountState::active}) {
        const bool disabling = state == access::AccountState::disabled;
        auto email = std::make_shared<std::string>();
        auto* cmd =
            user->add_subcommand(disabling ? "disable" : "enable",
                                 disabling ? "Disable an account (its sessions end)" : "Enable it again");
        cmd->add_option("EMAIL", *email, "Login e-mail")->required();
        cmd->callback([&global, email, state]() {
            auto db = open_for_writing(global);
            const auto account = value_or_throw(access::find_account_by_email(*db, *email));
            const auto changed = value_or_throw(access::set_account_state(
                *db, system_clock(), command_line_actor(global), "", account.id, state));
            fmt::print("{}: {}\n", changed.email, access::account_state_name(changed.state));
        });
    }

    auto passwd = std::make_shared<UserArgs>();
    auto* pw = user->add_subcommand("passwd", "Set an account's password (its sessions end)");
    pw->add_option("EMAIL", passwd->email, "Login e-mail")->required();
    pw->add_option("--password-file", passwd->password_file,
                   "Read the password from the first line of FILE (default: ask twice on the terminal)");
    pw->callback([&global, passwd]() {
        auto db = open_for_writing(global);
        const auto account = value_or_throw(access::find_account_by_email(*db, passwd->email));
        const std::string password = new_password(passwd->password_file);
        value_or_throw(access::reset_password(*db, system_clock(), command_line_actor(global), "", account.id,
                                              password));
        fmt::print("contraseña cambiada / password changed: {}\n", account.email);
    });
}

void add_role_commands(CLI::App& app, GlobalOptions& global) {
    auto* role = app.add_subcommand("role", "Grant or revoke a role");
    role->require_subcommand(1);
    for (const bool granting : {true, false}) {
        auto args = std::make_shared<UserArgs>();
        auto body = std::make_shared<int64_t>(0);
        auto* cmd =
            role->add_subcommand(granting ? "grant" : "revoke",
                                 granting ? "Grant ROLE to the account EMAIL" : "Revoke ROLE from EMAIL");
        cmd->add_option("EMAIL", args->email, "Login e-mail")->required();
        cmd->add_option("ROLE", args->role, "admin, coordinator, analyst, editor or member")->required();
        cmd->add_option("--org", args->org, "The organisation of an editor (id or short name)");
        cmd->add_option("--body", *body, "The body of a member (id)");
        cmd->callback([&global, args, body, granting]() {
            access::Grant grant{role_or_throw(args->role)};
            auto db = open_for_writing(global);
            if (!args->org.empty())
                grant.organisation = value_or_throw(access::find_organisation(*db, args->org)).id;
            if (*body > 0) grant.body = *body;
            const auto account = value_or_throw(access::find_account_by_email(*db, args->email));
            const auto who = command_line_actor(global);
            if (granting) {
                value_or_throw(access::grant_role(*db, system_clock(), who, "", account.id, grant));
            } else {
                value_or_throw(access::revoke_role(*db, system_clock(), who, "", account.id, grant));
            }
            const auto after = value_or_throw(access::get_account(*db, account.id));
            fmt::print("{}: {}\n", after.email, grants_text(*db, after.grants));
        });
    }
}

struct OrgArgs {
    std::string target, name, short_name, kind, contact, website, coalition;
    std::vector<std::string> sectors, jurisdictions;
    bool no_sectors = false;
};

void add_org_field_options(CLI::App* cmd, OrgArgs& args) {
    cmd->add_option("--name", args.name, "Full name");
    cmd->add_option("--short-name", args.short_name, "Short name (unique)");
    cmd->add_option("--kind", args.kind, "Kind")->check(CLI::IsMember(access::organisation_kinds()));
    cmd->add_option("--sector", args.sectors, "A sector it works in (repeat for more; replaces the list)");
    cmd->add_option("--jurisdiction", args.jurisdictions,
                    "An INEGI code where it acts, 05 or 05035 (repeat for more; replaces the list)");
    cmd->add_option("--coalition", args.coalition, "In the coalition of supporting organisations")
        ->check(CLI::IsMember({"yes", "no"}));
    cmd->add_option("--contact", args.contact, "Contact (free text)");
    cmd->add_option("--website", args.website, "Website (https://...)");
}

access::OrganisationFields fields_of(const OrgArgs& args) {
    access::OrganisationFields f;
    if (!args.name.empty()) f.name = args.name;
    if (!args.short_name.empty()) f.short_name = args.short_name;
    if (!args.kind.empty()) f.kind = args.kind;
    if (!args.sectors.empty()) f.sectors = args.sectors;
    if (!args.jurisdictions.empty()) f.jurisdictions = args.jurisdictions;
    if (!args.coalition.empty()) f.coalition = args.coalition == "yes";
    if (!args.contact.empty()) f.contact = args.contact;
    if (!args.website.empty()) f.website = args.website;
    return f;
}

void print_organisation(const access::Organisation& o) {
    fmt::print("{} (id {}, versión / version {}): {}, {}\n", o.short_name, o.id, o.version, o.name, o.kind);
}

void add_org_commands(CLI::App& app, GlobalOptions& global) {
    auto* org = app.add_subcommand("org", "Organisations: add, list, edit");
    org->require_subcommand(1);

    auto add_args = std::make_shared<OrgArgs>();
    auto* add = org->add_subcommand("add", "Add an organisation (--name, --short-name and --kind required)");
    add_org_field_options(add, *add_args);
    add->callback([&global, add_args]() {
        auto db = open_for_writing(global);
        const auto made = value_or_throw(access::create_organisation(
            *db, system_clock(), command_line_actor(global), "", fields_of(*add_args)));
        print_organisation(made);
    });

    auto filter = std::make_shared<OrgArgs>();
    auto* list = org->add_subcommand("list", "The organisations, by name");
    list->add_option("--kind", filter->kind, "Only this kind")
        ->check(CLI::IsMember(access::organisation_kinds()));
    list->add_option("--sector", filter->name, "Only those in this sector");
    list->add_option("--coalition", filter->coalition, "Only those in (yes) or out of (no) the coalition")
        ->check(CLI::IsMember({"yes", "no"}));
    list->callback([&global, filter]() {
        auto context = open_or_throw(global);
        access::OrganisationFilter f;
        if (!filter->kind.empty()) f.kind = filter->kind;
        if (!filter->name.empty()) f.sector = filter->name;
        if (!filter->coalition.empty()) f.coalition = filter->coalition == "yes";
        const auto found = value_or_throw(access::list_organisations(*context.db, f));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& o : found) out.push_back(access::organisation_json(o));
            fmt::print("{}\n", out.dump(2));
            return;
        }
        fmt::print("id,short_name,name,kind,sectors,jurisdictions,coalition,contact,website,seed,version\n");
        for (const auto& o : found) {
            fmt::print("{},{},{},{},{},{},{},{},{},{},{}\n", o.id, csv_field(o.short_name), csv_field(o.name),
                       o.kind, csv_field(join(o.sectors, "; ")), join(o.jurisdictions),
                       o.coalition ? "yes" : "no", csv_field(o.contact), csv_field(o.website),
                       o.seed ? "yes" : "no", o.version);
        }
    });

    auto edit_args = std::make_shared<OrgArgs>();
    auto* edit =
        org->add_subcommand("edit", "Change the fields given of organisation ORG (id or short name)");
    edit->add_option("ORG", edit_args->target, "Id or short name")->required();
    add_org_field_options(edit, *edit_args);
    edit->callback([&global, edit_args]() {
        auto db = open_for_writing(global);
        const auto current = value_or_throw(access::find_organisation(*db, edit_args->target));
        // The version just read: the command line edits what it sees, and a concurrent edit in between is
        // refused (precondition_failed) rather than overwritten.
        const auto updated =
            value_or_throw(access::update_organisation(*db, system_clock(), command_line_actor(global), "",
                                                       current.id, current.version, fields_of(*edit_args)));
        print_organisation(updated);
    });
}

void add_token_commands(CLI::App& app, GlobalOptions& global) {
    auto* token = app.add_subcommand("token", "Personal API tokens: create, list, revoke");
    token->require_subcommand(1);

    auto args = std::make_shared<UserArgs>();
    auto* create = token->add_subcommand("create", "Create an API token for EMAIL with its current roles");
    create->add_option("EMAIL", args->email, "Login e-mail")->required();
    create->add_option("--name", args->name, "What the token is for")->required();
    create->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto account = value_or_throw(access::find_account_by_email(*db, args->email));
        const auto made = value_or_throw(access::create_token(*db, system_clock(), command_line_actor(global),
                                                              "", account.id, args->name));
        fmt::print(stderr,
                   "token {} de {} creado; se muestra solo esta vez / token {} of {} created; shown this "
                   "once only:\n",
                   made.id, account.email, made.id, account.email);
        fmt::print("{}\n", made.token);
    });

    auto email = std::make_shared<std::string>();
    auto* list = token->add_subcommand("list", "The tokens of EMAIL (never the tokens themselves)");
    list->add_option("EMAIL", *email, "Login e-mail")->required();
    list->callback([&global, email]() {
        auto context = open_or_throw(global);
        const auto account = value_or_throw(access::find_account_by_email(*context.db, *email));
        const auto tokens = value_or_throw(access::list_tokens(*context.db, account.id));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& t : tokens) out.push_back(access::token_json(t));
            fmt::print("{}\n", out.dump(2));
            return;
        }
        fmt::print("id,name,created_at,last_used,revoked_at\n");
        for (const auto& t : tokens) {
            fmt::print("{},{},{},{},{}\n", t.id, csv_field(t.name), t.created_at, t.last_used.value_or(""),
                       t.revoked_at.value_or(""));
        }
    });

    auto id = std::make_shared<int64_t>(0);
    auto* revoke = token->add_subcommand("revoke", "Revoke the API token ID");
    revoke->add_option("ID", *id, "Token id (token list EMAIL)")->required();
    revoke->callback([&global, id]() {
        auto db = open_for_writing(global);
        value_or_throw(access::revoke_token(*db, system_clock(), command_line_actor(global), "", *id));
        fmt::print("token {} revocado / revoked\n", *id);
    });
}

}  // namespace

void add_access_commands(CLI::App& app, GlobalOptions& global) {
    add_user_commands(app, global);
    add_role_commands(app, global);
    add_org_commands(app, global);
    add_token_commands(app, global);
}

}  // namespace metropoli::cli

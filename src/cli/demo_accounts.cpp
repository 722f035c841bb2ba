// SPDX-License-Identifier: MIT
// Demo accounts: made as the command line's actor, with passwords from libsodium's generator, shown once.
#include "cli/demo_accounts.hpp"

#include <fmt/format.h>

#include "access/accounts.hpp"
#include "access/organisations.hpp"
#include "access/secrets.hpp"

namespace metropoli::cli {

namespace {

struct DemoAccount {
    const char* email;
    const char* name;
    access::Role role;
    const char* seed;  // the organisation of an editor (its seed key), or nullptr
};

constexpr DemoAccount k_demo[] = {
    {"admin@demo.metropoli.example", "Administración (demo)", access::Role::admin, nullptr},
    {"coordinacion@demo.metropoli.example", "Coordinación (demo)", access::Role::coordinator, nullptr},
    {"analisis@demo.metropoli.example", "Análisis (demo)", access::Role::analyst, nullptr},
    {"torreon@demo.metropoli.example", "Editora de Torreón (demo)", access::Role::editor,
     "torreon-ejecutivo"},
    {"gomez-palacio@demo.metropoli.example", "Editor de Gómez Palacio (demo)", access::Role::editor,
     "gomez-palacio-salud"},
};

}  // namespace

Status create_demo_accounts(storage::Database& db, const access::Actor& who) {
    const Clock& clock = system_clock();
    std::vector<std::pair<std::string, std::string>> shown;
    for (const auto& demo : k_demo) {
        access::Grant grant{demo.role};
        if (demo.seed) {
            TRY_ASSIGN(org, access::find_seed_organisation(db, demo.seed));
            grant.organisation = org.id;
        }
        const std::string password = access::random_password(20);
        auto existing = access::find_account_by_email(db, demo.email);
        if (existing) {
            TRY(access::reset_password(db, clock, who, "", existing->id, password));
            TRY(access::set_account_state(db, clock, who, "", existing->id, access::AccountState::active));
            bool held = false;
            for (const auto& g : existing->grants) held = held || g.grant == grant;
            if (!held) TRY(access::grant_role(db, clock, who, "", existing->id, grant));
        } else {
            access::NewAccount request;
            request.email = demo.email;
            request.name = demo.name;
            request.password = password;
            if (grant.organisation) request.organisations.push_back(*grant.organisation);
            request.grants.push_back(grant);
            TRY(access::create_account(db, clock, who, "", request));
        }
        std::string role(access::role_name(demo.role));
        if (demo.seed)
            role += demo.seed == std::string_view("torreon-ejecutivo") ? " (Torreón)" : " (Gómez Palacio)";
        shown.emplace_back(fmt::format("{:<24} {:<38}", role, demo.email), password);
    }
    fmt::print(
        "\nCuentas de demostración, SOLO PARA LA DEMOSTRACIÓN: las contraseñas se muestran esta vez y no se "
        "guardan\n"
        "Demo accounts, FOR THE DEMO ONLY: the passwords are shown this once and not stored\n\n");
    fmt::print("{:<24} {:<38} {}\n", "rol / role", "correo / e-mail", "contraseña / password");
    for (const auto& [line, password] : shown) fmt::print("{} {}\n", line, password);
    return ok_status();
}

}  // namespace metropoli::cli

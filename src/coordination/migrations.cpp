// SPDX-License-Identifier: MIT
#include "coordination/migrations.hpp"

#include "storage/data_generation.hpp"

namespace metropoli::coordination {

namespace detail {

void add_generation_triggers(storage::Migration& m, std::initializer_list<const char*> tables) {
    for (const char* table : tables) {
        for (auto& s : storage::generation_triggers(table)) m.statements.push_back(std::move(s));
    }
}

}  // namespace detail

std::vector<storage::Migration> coordination_migrations() {
    std::vector<storage::Migration> out;
    for (auto* part : {&detail::body_migrations, &detail::minutes_migrations, &detail::agreement_migrations,
                       &detail::convenio_migrations, &detail::activity_migrations}) {
        for (auto& m : (*part)()) out.push_back(std::move(m));
    }
    return out;
}

}  // namespace metropoli::coordination

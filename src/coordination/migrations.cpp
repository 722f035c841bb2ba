// SPDX-License-Identifier: MIT
#include "coordination/migrations.hpp"

namespace metropoli::coordination {

std::vector<storage::Migration> coordination_migrations() {
    std::vector<storage::Migration> out;
    for (auto* part :
         {&detail::body_migrations, &detail::minutes_migrations, &detail::minutes_more_migrations,
          &detail::agreement_migrations, &detail::agreement_more_migrations, &detail::convenio_migrations,
          &detail::activity_migrations}) {
        for (auto& m : (*part)()) out.push_back(std::move(m));
    }
    return out;
}

}  // namespace metropoli::coordination

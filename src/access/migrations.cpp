// SPDX-License-Identifier: MIT
#include "access/migrations.hpp"

namespace metropoli::access {

std::vector<storage::Migration> access_migrations() {
    return {};
}

}  // namespace metropoli::access

// SPDX-License-Identifier: MIT
// Migration 411: a version for each agreement status (edited with If-Match), the default list of statuses
// (Decidim Accountability's typical progress per status), and the indexes the follow-up reads by (an
// organisation's agreements, a parent's children, an agreement's progress updates).
#include "coordination/migrations.hpp"

namespace metropoli::coordination::detail {

std::vector<storage::Migration> agreement_more_migrations() {
    return {{411,
             "default agreement statuses, follow-up indexes",
             {R"(
INSERT INTO agreement_statuses (key, name_es, name_en, typical_progress, position, closed) VALUES
    ('not_started', 'Sin iniciar', 'Not started', 0, 1, 0),
    ('in_progress', 'En curso', 'In progress', 50, 2, 0),
    ('done', 'Cumplido', 'Done', 100, 3, 1),
    ('cancelled', 'Cancelado', 'Cancelled', 0, 4, 1))",
              "ALTER TABLE agreement_statuses ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
              "CREATE INDEX agreements_responsible ON agreements (responsible_id)",
              "CREATE INDEX agreements_parent ON agreements (parent_id)",
              "CREATE INDEX progress_updates_agreement ON progress_updates (agreement_id, reported_on)"}}};
}

}  // namespace metropoli::coordination::detail

// SPDX-License-Identifier: MIT
// Migration 406: what the minutes' use cases need beside 405. An amendment names the passage it replaces
// (`replaces`, empty: a paragraph added at the end) and who decided it; a meeting has one current minutes
// (corrections aside) and an approved minutes is corrected at most once (a correction of it is corrected in
// turn), both kept by partial unique indexes that SQLite and PostgreSQL read alike.
#include "coordination/migrations.hpp"

namespace metropoli::coordination::detail {

std::vector<storage::Migration> minutes_more_migrations() {
    storage::Migration m{
        406,
        "minutes: the passage an amendment replaces, who decided it, one minutes per meeting",
        {"ALTER TABLE minutes_amendments ADD COLUMN replaces TEXT NOT NULL DEFAULT ''",
         "ALTER TABLE minutes_amendments ADD COLUMN decided_by TEXT",
         "CREATE UNIQUE INDEX minutes_one_per_meeting ON minutes (meeting_id) WHERE corrects_id IS NULL",
         "CREATE UNIQUE INDEX minutes_one_correction ON minutes (corrects_id) WHERE corrects_id IS NOT NULL",
         "CREATE INDEX minutes_amendments_of ON minutes_amendments (minutes_id)"}};
    return {m};
}

}  // namespace metropoli::coordination::detail

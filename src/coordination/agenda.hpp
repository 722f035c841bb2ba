// SPDX-License-Identifier: MIT
// A meeting's agenda: items in order, each with a duration in minutes, and sub-items (one level) that must
// fit in their parent (the sum of the children's minutes at most the parent's); the items together must fit
// in the meeting. A refusal names the item and the minutes over. Each change is an edit of the meeting
// (meeting.edit, its version raised, audited in its transaction).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::coordination {

struct AgendaItem {
    int64_t id = 0;
    int64_t meeting = 0;
    std::optional<int64_t> parent;
    int position = 0;  // 1, 2, ... among its siblings
    std::string title, description;
    int duration_minutes = 0;
    std::vector<AgendaItem> children;  // sub-items, in order
};
nlohmann::json agenda_item_json(const AgendaItem& item);
nlohmann::json agenda_json(const std::vector<AgendaItem>& agenda);

struct NewAgendaItem {
    std::string title, description;
    int duration_minutes = 0;
    std::optional<int64_t> parent;  // a top-level item of the same meeting
    std::optional<int> position;    // default: after the last sibling
};

struct AgendaEdit {
    std::optional<std::string> title, description;
    std::optional<int> duration_minutes;
};

// The agenda of a meeting `who` may see, top-level items in order with their sub-items.
Result<std::vector<AgendaItem>> meeting_agenda(storage::Database& db, const access::Actor& who,
                                               int64_t meeting);

// Adds an item to the agenda. `expected_version`, when set, must be the meeting's.
Result<AgendaItem> add_agenda_item(storage::Database& db, const Clock& clock, const access::Actor& who,
                                   const std::string& request_id, int64_t meeting,
                                   std::optional<int64_t> expected_version, const NewAgendaItem& item);

// Edits an item; `expected_version` is the meeting's.
Result<AgendaItem> update_agenda_item(storage::Database& db, const Clock& clock, const access::Actor& who,
                                      const std::string& request_id, int64_t item, int64_t expected_version,
                                      const AgendaEdit& edit);

// Removes an item and its sub-items; `expected_version` is the meeting's.
Status remove_agenda_item(storage::Database& db, const Clock& clock, const access::Actor& who,
                          const std::string& request_id, int64_t item, int64_t expected_version);

// The meeting an agenda item belongs to, for a route's If-Match; not_found when missing.
Result<int64_t> agenda_item_meeting(storage::Database& db, int64_t item);

}  // namespace metropoli::coordination

// SPDX-License-Identifier: MIT
#include "coordination/agenda.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include "access/audit.hpp"
#include "coordination/meeting_support.hpp"
#include "coordination/store_support.hpp"

namespace metropoli::coordination {

using nlohmann::json;

namespace {

std::vector<AgendaItem> select_items(soci::session& sql, long long meeting) {
    std::vector<AgendaItem> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, meeting_id, parent_id, position, title, description, duration_minutes "
                        "FROM agenda_items WHERE meeting_id = :m ORDER BY position, id",
         soci::use(meeting));
    for (const auto& row : rows) {
        AgendaItem i;
        i.id = storage::get_int64(row, 0);
        i.meeting = storage::get_int64(row, 1);
        i.parent = detail::optional_id(row, 2);
        i.position = static_cast<int>(storage::get_int64(row, 3));
        i.title = row.get<std::string>(4);
        i.description = row.get<std::string>(5);
        i.duration_minutes = static_cast<int>(storage::get_int64(row, 6));
        out.push_back(std::move(i));
    }
    return out;
}

std::vector<AgendaItem> as_tree(const std::vector<AgendaItem>& flat) {
    std::vector<AgendaItem> top;
    for (const auto& i : flat)
        if (!i.parent) top.push_back(i);
    for (auto& t : top)
        for (const auto& i : flat)
            if (i.parent && *i.parent == t.id) t.children.push_back(i);
    return top;
}

// Whether the agenda `flat` fits, `changed` being the item the change is about (named in the refusal).
Status fits(const std::vector<AgendaItem>& flat, const Meeting& meeting, const AgendaItem& changed) {
    int64_t total = 0;
    for (const auto& parent : as_tree(flat)) {
        total += parent.duration_minutes;
        int64_t children = 0;
        for (const auto& c : parent.children) children += c.duration_minutes;
        if (children > parent.duration_minutes) {
            const bool is_parent = changed.id == parent.id;
            return detail::invalid(
                "duration_minutes",
                is_parent ? fmt::format("los subpuntos de '{}' suman {} minutos, {} más que el punto / the "
                                        "sub-items of '{}' take {} minutes, {} over the item",
                                        parent.title, children, children - parent.duration_minutes,
                                        parent.title, children, children - parent.duration_minutes)
                          : fmt::format("el subpunto '{}' no cabe en '{}': {} minutos de más / the sub-item "
                                        "'{}' does not fit in '{}': {} minutes over",
                                        changed.title, parent.title, children - parent.duration_minutes,
                                        changed.title, parent.title, children - parent.duration_minutes));
        }
    }
    const int64_t available = detail::meeting_minutes(meeting);
    if (total > available)
        return detail::invalid(
            "duration_minutes",
            fmt::format("con '{}' el orden del día excede la reunión en {} minutos / with "
                        "'{}' the agenda is {} minutes over the meeting",
                        changed.title, total - available, changed.title, total - available));
    return ok_status();
}

Status check_fields(const std::string& title, const std::string& description, int minutes) {
    if (title.find_first_not_of(" \t") == std::string::npos)
        return detail::invalid("title", "es obligatorio / is required");
    if (title.size() > 300) return detail::invalid("title", "más de 300 bytes / longer than 300 bytes");
    if (description.size() > 4000)
        return detail::invalid("description", "más de 4000 bytes / longer than 4000 bytes");
    if (minutes < 0 || minutes > 24 * 60)
        return detail::invalid("duration_minutes", "entre 0 y 1440 / between 0 and 1440");
    return ok_status();
}

Result<Meeting> editable(soci::session& sql, const access::Actor& who, long long meeting,
                         std::optional<int64_t> expected_version) {
    TRY_ASSIGN(m, detail::meeting_for_edit(sql, who, meeting, expected_version));
    if (m.state != "convened")
        return make_error(
            ErrorCode::conflict,
            fmt::format("la reunión está {}: su orden del día ya no cambia / the meeting is {}: "
                        "its agenda no longer changes",
                        m.state, m.state));
    return m;
}

json audited(const AgendaItem& i) {
    json out = agenda_item_json(i);
    out.erase("id");
    out.erase("children");
    return out;
}

std::optional<AgendaItem> find_item(const std::vector<AgendaItem>& flat, int64_t id) {
    for (const auto& i : flat)
        if (i.id == id) return i;
    return std::nullopt;
}

long long meeting_of(soci::session& sql, long long item) {
    long long meeting = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT meeting_id FROM agenda_items WHERE id = :i", soci::use(item), soci::into(meeting, ind);
    return ind == soci::i_ok ? meeting : 0;
}

Error no_item(int64_t item) {
    return make_error(ErrorCode::not_found,
                      fmt::format("no hay punto del orden del día {} / no agenda item {}", item, item));
}

}  // namespace

json agenda_item_json(const AgendaItem& i) {
    json children = json::array();
    for (const auto& c : i.children) children.push_back(agenda_item_json(c));
    return {{"id", i.id},
            {"meeting", i.meeting},
            {"parent", i.parent ? json(*i.parent) : json(nullptr)},
            {"position", i.position},
            {"title", i.title},
            {"description", i.description},
            {"duration_minutes", i.duration_minutes},
            {"children", children}};
}

json agenda_json(const std::vector<AgendaItem>& agenda) {
    json out = json::array();
    for (const auto& i : agenda) out.push_back(agenda_item_json(i));
    return out;
}

Result<std::vector<AgendaItem>> meeting_agenda(storage::Database& db, const access::Actor& who,
                                               int64_t meeting) {
    TRY(get_meeting(db, who, meeting));
    return detail::reading(db, [&]() -> Result<std::vector<AgendaItem>> {
        return as_tree(select_items(db.session(), meeting));
    });
}

Result<AgendaItem> add_agenda_item(storage::Database& db, const Clock& clock, const access::Actor& who,
                                   const std::string& request_id, int64_t meeting,
                                   std::optional<int64_t> expected_version, const NewAgendaItem& item) {
    Result<AgendaItem> out = make_error(ErrorCode::internal, "not written");
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        TRY_ASSIGN(m, editable(sql, who, meeting, expected_version));
        TRY(check_fields(item.title, item.description, item.duration_minutes));
        auto flat = select_items(sql, meeting);
        if (item.parent) {
            const auto parent = find_item(flat, *item.parent);
            if (!parent)
                return detail::invalid("parent",
                                       fmt::format("no hay punto {} en esta reunión / no item {} in "
                                                   "this meeting",
                                                   *item.parent, *item.parent));
            if (parent->parent)
                return detail::invalid("parent",
                                       "un subpunto no tiene subpuntos / a sub-item has no sub-items");
        }
        int last = 0;
        for (const auto& i : flat)
            if (i.parent == item.parent && i.position > last) last = i.position;
        const int position = item.position.value_or(last + 1);
        if (position < 1) return detail::invalid("position", "desde 1 / from 1");
        AgendaItem candidate{0,          meeting,          item.parent,           position,
                             item.title, item.description, item.duration_minutes, {}};
        flat.push_back(candidate);
        TRY(fits(flat, m, candidate));
        long long mid = meeting, parent = item.parent.value_or(0), id = 0;
        soci::indicator parent_ind = item.parent ? soci::i_ok : soci::i_null;
        // Later siblings move down one to make room.
        if (item.position) {
            if (item.parent)
                sql << "UPDATE agenda_items SET position = position + 1 WHERE meeting_id = :m AND parent_id "
                       "= "
                       ":p AND position >= :pos",
                    soci::use(mid), soci::use(parent), soci::use(position);
            else
                sql << "UPDATE agenda_items SET position = position + 1 WHERE meeting_id = :m AND parent_id "
                       "IS "
                       "NULL AND position >= :pos",
                    soci::use(mid), soci::use(position);
        }
        sql << "INSERT INTO agenda_items (meeting_id, parent_id, position, title, description, "
               "duration_minutes) VALUES (:m, :p, :pos, :t, :d, :min) RETURNING id",
            soci::use(mid), soci::use(parent, parent_ind), soci::use(position), soci::use(item.title),
            soci::use(item.description), soci::use(item.duration_minutes), soci::into(id);
        detail::touch_meeting(sql, mid, clock.now_iso());
        candidate.id = id;
        TRY(access::audit(db, clock, who, request_id,
                          {"agenda.add",
                           "meeting",
                           std::to_string(meeting),
                           {{"agenda_item", {{"before", nullptr}, {"after", audited(candidate)}}}}}));
        out = candidate;
        return ok_status();
    });
    if (!written) return written.error();
    return out;
}

Result<AgendaItem> update_agenda_item(storage::Database& db, const Clock& clock, const access::Actor& who,
                                      const std::string& request_id, int64_t item, int64_t expected_version,
                                      const AgendaEdit& edit) {
    Result<AgendaItem> out = make_error(ErrorCode::internal, "not written");
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        const long long meeting = meeting_of(sql, item);
        if (meeting == 0) return no_item(item);
        TRY_ASSIGN(m, editable(sql, who, meeting, expected_version));
        auto flat = select_items(sql, meeting);
        AgendaItem before = *find_item(flat, item);
        AgendaItem after = before;
        after.title = edit.title.value_or(before.title);
        after.description = edit.description.value_or(before.description);
        after.duration_minutes = edit.duration_minutes.value_or(before.duration_minutes);
        TRY(check_fields(after.title, after.description, after.duration_minutes));
        for (auto& i : flat)
            if (i.id == item) i = after;
        TRY(fits(flat, m, after));
        long long id = item;
        sql << "UPDATE agenda_items SET title = :t, description = :d, duration_minutes = :m WHERE id = :id",
            soci::use(after.title), soci::use(after.description), soci::use(after.duration_minutes),
            soci::use(id);
        detail::touch_meeting(sql, meeting, clock.now_iso());
        TRY(access::audit(db, clock, who, request_id,
                          {"agenda.update",
                           "meeting",
                           std::to_string(meeting),
                           {{"agenda_item", {{"before", audited(before)}, {"after", audited(after)}}}}}));
        out = after;
        return ok_status();
    });
    if (!written) return written.error();
    return out;
}

Status remove_agenda_item(storage::Database& db, const Clock& clock, const access::Actor& who,
                          const std::string& request_id, int64_t item, int64_t expected_version) {
    return db.transaction([&]() -> Status {
        auto& sql = db.session();
        const long long meeting = meeting_of(sql, item);
        if (meeting == 0) return no_item(item);
        TRY(editable(sql, who, meeting, expected_version));
        const AgendaItem before = *find_item(select_items(sql, meeting), item);
        long long id = item;
        sql << "DELETE FROM agenda_items WHERE parent_id = :id", soci::use(id);
        sql << "DELETE FROM agenda_items WHERE id = :id", soci::use(id);
        detail::touch_meeting(sql, meeting, clock.now_iso());
        return access::audit(db, clock, who, request_id,
                             {"agenda.remove",
                              "meeting",
                              std::to_string(meeting),
                              {{"agenda_item", {{"before", audited(before)}, {"after", nullptr}}}}});
    });
}

Result<int64_t> agenda_item_meeting(storage::Database& db, int64_t item) {
    return detail::reading(db, [&]() -> Result<int64_t> {
        const long long meeting = meeting_of(db.session(), item);
        if (meeting == 0) return no_item(item);
        return static_cast<int64_t>(meeting);
    });
}

}  // namespace metropoli::coordination

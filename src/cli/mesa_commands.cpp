// SPDX-License-Identifier: MIT
// `metropoli body` and `metropoli meeting`: the Mesa de Salud and other bodies, their seats and who held
// them, and their meetings (convene, agenda, invitations, attendance with quorum, held or cancelled,
// iCalendar), written as the command-line actor.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "cli/cli_support.hpp"
#include "coordination/body_edits.hpp"
#include "coordination/ics.hpp"
#include "coordination/meeting_detail.hpp"

namespace metropoli::cli {

namespace {

using nlohmann::json;
namespace co = metropoli::coordination;

// Reads run as the command line too: whoever runs the command owns the database, private bodies included.
access::Actor actor(const GlobalOptions& global) {
    return cli_attribution(global).actor;
}

Date today() {
    return today_utc();
}

void print_json(const json& j) {
    fmt::print("{}\n", j.dump(2));
}

struct BodyArgs {
    int64_t body = 0, seat = 0;
    std::string on, person, alternate, from, note;
};

void add_body_commands(CLI::App& app, GlobalOptions& global) {
    auto* body =
        app.add_subcommand("body", "Bodies (the Mesa de Salud): list, show, seats, history, designate");
    body->require_subcommand(1);
    auto args = std::make_shared<BodyArgs>();

    body->add_subcommand("list", "Every body: id, names, kind, visibility, quorum rule")
        ->callback([&global]() {
            auto context = open_or_throw(global);
            const auto bodies = value_or_throw(co::list_bodies(*context.db, actor(global)));
            if (global.format == "json") {
                json out = json::array();
                for (const auto& b : bodies) out.push_back(co::body_json(b));
                return print_json(out);
            }
            fmt::print("id,short_name,name,kind,visibility,quorum,installed_on\n");
            for (const auto& b : bodies)
                fmt::print("{},{},{},{},{},{},{}\n", b.id, csv_field(b.short_name), csv_field(b.name), b.kind,
                           b.visibility, b.quorum, b.installed_on ? b.installed_on->iso() : "");
        });

    auto* show = body->add_subcommand("show", "One body as JSON");
    show->add_option("BODY", args->body, "The body's id")->required();
    show->callback([&global, args]() {
        auto context = open_or_throw(global);
        print_json(co::body_json(value_or_throw(co::get_body(*context.db, actor(global), args->body))));
    });

    auto* seats = body->add_subcommand("seats", "A body's seats and who held each on a day (default today)");
    seats->add_option("BODY", args->body, "The body's id")->required();
    seats->add_option("--on", args->on, "The day (YYYY-MM-DD)");
    seats->callback([&global, args]() {
        auto context = open_or_throw(global);
        const Date on = date_option(args->on, "--on").value_or(today());
        const auto list = value_or_throw(co::body_seats(*context.db, actor(global), args->body, on));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& s : list) out.push_back(co::seat_json(s));
            return print_json(out);
        }
        fmt::print("id,ordinal,name,organisation,position,voting,person,alternate,since\n");
        for (const auto& s : list)
            fmt::print("{},{},{},{},{},{},{},{},{}\n", s.id, s.ordinal, csv_field(s.name),
                       csv_field(s.organisation_name), s.position, s.voting ? "yes" : "no",
                       csv_field(s.current ? s.current->person_name : ""),
                       csv_field(s.current ? s.current->alternate_name : ""),
                       s.current ? s.current->designated_on.iso() : "");
    });

    auto* history = body->add_subcommand("history", "Who held a seat when, oldest first");
    history->add_option("SEAT", args->seat, "The seat's id")->required();
    history->callback([&global, args]() {
        auto context = open_or_throw(global);
        const auto terms = value_or_throw(co::seat_history(*context.db, actor(global), args->seat));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& t : terms) out.push_back(co::seat_term_json(t));
            return print_json(out);
        }
        fmt::print("designated_on,ends_on,person,alternate,note\n");
        for (const auto& t : terms)
            fmt::print("{},{},{},{},{}\n", t.designated_on.iso(), t.ends_on ? t.ends_on->iso() : "",
                       csv_field(t.person_name), csv_field(t.alternate_name), csv_field(t.note));
    });

    auto* designate = body->add_subcommand("designate", "Designate who holds a seat from a day");
    designate->add_option("SEAT", args->seat, "The seat's id")->required();
    designate->add_option("--person", args->person, "The person designated (by name)")->required();
    designate->add_option("--alternate", args->alternate, "The alternate (suplente), by name");
    designate->add_option("--from", args->from, "The first day (YYYY-MM-DD)")->required();
    designate->add_option("--note", args->note, "A note (the act of designation)");
    designate->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto term = value_or_throw(
            co::designate(*db, system_clock(), actor(global), "", args->seat,
                          {args->person, args->alternate, *date_option(args->from, "--from"), args->note}));
        fmt::print("designación registrada / designation recorded: seat {} from {} (term {})\n", term.seat,
                   term.designated_on.iso(), term.id);
    });
}

struct MeetingArgs {
    int64_t body = 0, meeting = 0;
    std::optional<int64_t> parent;
    std::string title, starts, ends, mode = "in_person", place, link, description;
    int minutes = 0;
    std::vector<int64_t> seats;
    std::vector<std::string> guests, marks;
    bool whole_body = false;
};

void print_detail(const GlobalOptions& global, const co::MeetingDetail& d) {
    if (global.format == "json") return print_json(co::meeting_detail_json(d));
    const auto& m = d.meeting;
    fmt::print("{} — {}{}\n{} → {} ({}) {} {}\nestado / state: {}, versión / version {}\n", d.body_name,
               m.title, m.example ? " (ejemplo / example)" : "", m.starts_at, m.ends_at, m.mode, m.place,
               m.link, m.state, m.version);
    fmt::print("orden del día / agenda ({} de {} min):\n", d.agenda_minutes, d.meeting_minutes);
    for (const auto& i : d.agenda) {
        fmt::print("  [{}] {}. {} ({} min)\n", i.id, i.position, i.title, i.duration_minutes);
        for (const auto& c : i.children)
            fmt::print("    [{}] {}.{}. {} ({} min)\n", c.id, i.position, c.position, c.title,
                       c.duration_minutes);
    }
    fmt::print("asistencia / attendance:\n");
    for (const auto& a : d.attendance)
        fmt::print("  [{}] {}: {}{}\n", a.seat, a.seat_name, a.status.empty() ? "—" : a.status,
                   a.person_name.empty() ? "" : " (" + a.person_name + ")");
    const auto& q = d.quorum;
    fmt::print("quórum / quorum ({}): {} de {} con voto, se requieren {}: {}\n", q.rule, q.present_voting,
               q.voting_seats, q.required, q.quorum ? "sí / yes" : "no");
}

void add_meeting_commands(CLI::App& app, GlobalOptions& global) {
    auto* meeting = app.add_subcommand(
        "meeting", "Meetings: convene, list, show, agenda-add, invite, attend, held, cancel, ics");
    meeting->require_subcommand(1);
    auto args = std::make_shared<MeetingArgs>();

    auto* convene = meeting->add_subcommand("convene", "Convene a meeting of a body (every seat is invited)");
    convene->add_option("BODY", args->body, "The body's id")->required();
    convene->add_option("--title", args->title, "The meeting's title")->required();
    convene->add_option("--starts", args->starts, "Start, UTC (2026-05-04T16:00:00Z)")->required();
    convene->add_option("--ends", args->ends, "End, UTC")->required();
    convene->add_option("--mode", args->mode, "in_person (default), online or hybrid");
    convene->add_option("--place", args->place, "Where (in person, hybrid)");
    convene->add_option("--link", args->link, "The call's https:// link (online, hybrid)");
    convene->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto m = value_or_throw(co::convene_meeting(
            *db, system_clock(), actor(global), "", args->body,
            {args->title, args->starts, args->ends, args->mode, args->place, args->link}));
        fmt::print("reunión convocada / meeting convened: {} (id {})\n", m.title, m.id);
    });

    auto* list = meeting->add_subcommand("list", "A body's meetings by start");
    list->add_option("BODY", args->body, "The body's id")->required();
    list->callback([&global, args]() {
        auto context = open_or_throw(global);
        const auto meetings = value_or_throw(co::body_meetings(*context.db, actor(global), args->body));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& m : meetings) out.push_back(co::meeting_json(m));
            return print_json(out);
        }
        fmt::print("id,starts_at,ends_at,mode,state,example,title\n");
        for (const auto& m : meetings)
            fmt::print("{},{},{},{},{},{},{}\n", m.id, m.starts_at, m.ends_at, m.mode, m.state,
                       m.example ? "yes" : "no", csv_field(m.title));
    });

    auto* show = meeting->add_subcommand("show", "A meeting: agenda, attendance and quorum");
    show->add_option("MEETING", args->meeting, "The meeting's id")->required();
    show->callback([&global, args]() {
        auto context = open_or_throw(global);
        print_detail(global, value_or_throw(co::meeting_detail(*context.db, actor(global), args->meeting)));
    });

    auto* agenda = meeting->add_subcommand("agenda-add", "Add an agenda item (or a sub-item with --parent)");
    agenda->add_option("MEETING", args->meeting, "The meeting's id")->required();
    agenda->add_option("--title", args->title, "The item's title")->required();
    agenda->add_option("--minutes", args->minutes, "Its duration in minutes")->required();
    agenda->add_option("--parent", args->parent, "The item it is a sub-item of");
    agenda->add_option("--description", args->description, "A description");
    agenda->callback([&global, args]() {
        auto db = open_for_writing(global);
        const auto item = value_or_throw(
            co::add_agenda_item(*db, system_clock(), actor(global), "", args->meeting, std::nullopt,
                                {args->title, args->description, args->minutes, args->parent, std::nullopt}));
        fmt::print("punto añadido / item added: {} ({} min, id {})\n", item.title, item.duration_minutes,
                   item.id);
    });

    auto* invite = meeting->add_subcommand("invite", "Invite seats of the body and named guests");
    invite->add_option("MEETING", args->meeting, "The meeting's id")->required();
    invite->add_option("--seat", args->seats, "A seat's id (repeat)");
    invite->add_option("--guest", args->guests, "A guest's name (repeat)");
    invite->callback([&global, args]() {
        auto db = open_for_writing(global);
        std::vector<co::Guest> guests;
        for (const auto& g : args->guests) guests.push_back({g, std::nullopt});
        const auto made = value_or_throw(co::invite(*db, system_clock(), actor(global), "", args->meeting,
                                                    std::nullopt, args->seats, guests));
        fmt::print("invitaciones añadidas / invitations added: {}\n", made.size());
    });

    auto* attend = meeting->add_subcommand("attend",
                                           "Record attendance: SEAT=STATUS ... (present, "
                                           "alternate_present, absent, excused)");
    attend->add_option("MEETING", args->meeting, "The meeting's id")->required();
    attend->add_option("MARKS", args->marks, "SEAT=STATUS, one or more")->required();
    attend->callback([&global, args]() {
        std::vector<co::AttendanceMark> marks;
        for (const auto& m : args->marks) {
            const auto eq = m.find('=');
            if (eq == std::string::npos || eq == 0)
                throw CLI::ValidationError("MARKS", "'" + m + "' is not SEAT=STATUS");
            try {
                marks.push_back({std::stoll(m.substr(0, eq)), m.substr(eq + 1)});
            } catch (const std::exception&) {
                throw CLI::ValidationError("MARKS", "'" + m + "': SEAT is a seat's id");
            }
        }
        auto db = open_for_writing(global);
        value_or_throw(co::record_attendance(*db, system_clock(), actor(global), "", args->meeting,
                                             std::nullopt, marks));
        const auto q = value_or_throw(co::meeting_quorum(*db, actor(global), args->meeting));
        fmt::print(
            "asistencia registrada / attendance recorded; quórum / quorum: {} de {}, se requieren {}: {}\n",
            q.present_voting, q.voting_seats, q.required, q.quorum ? "sí / yes" : "no");
    });

    for (const auto& [name, state] : {std::pair{"held", "held"}, std::pair{"cancel", "cancelled"}}) {
        auto* sub = meeting->add_subcommand(name, fmt::format("Mark a convened meeting {}", state));
        sub->add_option("MEETING", args->meeting, "The meeting's id")->required();
        sub->callback([&global, args, to = std::string(state)]() {
            auto db = open_for_writing(global);
            const auto m = value_or_throw(co::set_meeting_state(*db, system_clock(), actor(global), "",
                                                                args->meeting, std::nullopt, to));
            fmt::print("reunión {} / meeting {}: {}\n", m.id, m.id, m.state);
        });
    }

    auto* ics = meeting->add_subcommand("ics", "The iCalendar (.ics) of a meeting, or of a body with --body");
    ics->add_option("MEETING", args->meeting, "The meeting's id");
    ics->add_option("--body", args->body, "A body's id: its whole calendar");
    ics->callback([&global, args]() {
        auto context = open_or_throw(global);
        auto& db = *context.db;
        std::vector<co::MeetingDetail> details;
        std::string name;
        if (args->body != 0) {
            const auto body = value_or_throw(co::get_body(db, actor(global), args->body));
            name = body.name;
            for (const auto& m : value_or_throw(co::body_meetings(db, actor(global), args->body)))
                details.push_back(value_or_throw(co::meeting_detail(db, actor(global), m.id)));
        } else if (args->meeting != 0) {
            details.push_back(value_or_throw(co::meeting_detail(db, actor(global), args->meeting)));
            name = details.front().body_name;
        } else {
            throw CLI::ValidationError("MEETING", "name a meeting, or a body with --body");
        }
        fmt::print("{}", co::meetings_ics(details, name));
    });
}

}  // namespace

void add_mesa_commands(CLI::App& app, GlobalOptions& global) {
    add_body_commands(app, global);
    add_meeting_commands(app, global);
}

}  // namespace metropoli::cli

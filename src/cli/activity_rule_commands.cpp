// SPDX-License-Identifier: MIT
// `metropoli activity-rule`: the activity rules of each jurisdiction (list, show, add, edit at the version
// read, the catalogue of activities and the sources), and `metropoli homologation matrix`: every activity's
// rule in each municipality of the metro on one day, side by side, with the divergences named.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "app/context.hpp"
#include "app/homologation_matrix_service.hpp"
#include "cli/cli_support.hpp"
#include "homologation/activity_rules.hpp"
#include "homologation/homologation_matrix.hpp"

namespace metropoli::cli {

namespace {

using nlohmann::json;

struct RuleArgs {
    std::string activity, jurisdiction, area, municipalities, colour, from, to, allowed, opens, closes,
        conditions_es, conditions_en, source, note, on;
    std::optional<int> capacity, max_people, max_stay;
    bool unverified = false;
    int64_t id = 0, version = 0;
};

void add_field_options(CLI::App* cmd, RuleArgs& a) {
    cmd->add_option("--activity", a.activity,
                    "The catalogue's key (activity-rule catalogue): restaurantes ...");
    cmd->add_option("--jurisdiction", a.jurisdiction, "00 (federal), a state (05) or a municipality (05035)");
    cmd->add_option("--area", a.area, "The named part of the jurisdiction it covers (La Laguna de Durango)");
    cmd->add_option("--municipalities", a.municipalities, "Limited to these municipalities: 10007;10012");
    cmd->add_option("--colour", a.colour, "Only under this semáforo colour: rojo, naranja, amarillo, verde");
    cmd->add_option("--from", a.from, "In force from (YYYY-MM-DD)");
    cmd->add_option("--to", a.to, "In force until (YYYY-MM-DD, inclusive)");
    cmd->add_option("--allowed", a.allowed, "yes, no or restricted");
    cmd->add_option("--capacity", a.capacity, "Capacity, 0-100 %");
    cmd->add_option("--opens", a.opens, "Opening time, HH:MM");
    cmd->add_option("--closes", a.closes, "Closing time, HH:MM");
    cmd->add_option("--max-people", a.max_people, "At most this many people");
    cmd->add_option("--max-stay", a.max_stay, "A maximum stay, in minutes");
    cmd->add_option("--conditions", a.conditions_es, "Conditions, in Spanish");
    cmd->add_option("--conditions-en", a.conditions_en, "Conditions, in English");
    cmd->add_option("--source", a.source, "The source's key (activity-rule sources)");
    cmd->add_flag("--unverified", a.unverified, "A date or figure the source leaves uncertain");
    cmd->add_option("--verification-note", a.note, "What is uncertain, and why");
}

// The fields of `a` over `base` (an edit changes only what it names).
homologation::ActivityRuleFields fields_of(const RuleArgs& a, homologation::ActivityRuleFields f) {
    auto set = [](std::string& into, const std::string& v) {
        if (!v.empty()) into = v;
    };
    auto set_optional = [](std::optional<std::string>& into, const std::string& v) {
        if (!v.empty()) into = v;
    };
    set(f.activity, a.activity);
    set(f.jurisdiction, a.jurisdiction);
    set(f.area, a.area);
    if (!a.municipalities.empty()) {
        f.municipalities.clear();
        size_t start = 0;
        while (start <= a.municipalities.size()) {
            const size_t end = a.municipalities.find(';', start);
            f.municipalities.push_back(
                a.municipalities.substr(start, end == std::string::npos ? end : end - start));
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }
    set_optional(f.colour, a.colour);
    if (!a.from.empty()) f.valid_from = date_option(a.from, "--from");
    if (!a.to.empty()) f.valid_to = date_option(a.to, "--to");
    set(f.allowed, a.allowed);
    if (a.capacity) f.capacity_pct = a.capacity;
    set_optional(f.opens, a.opens);
    set_optional(f.closes, a.closes);
    if (a.max_people) f.max_people = a.max_people;
    if (a.max_stay) f.max_stay_minutes = a.max_stay;
    set(f.conditions.es, a.conditions_es);
    set(f.conditions.en, a.conditions_en);
    set(f.source, a.source);
    if (a.unverified) f.unverified = true;
    set(f.verification_note, a.note);
    return f;
}

homologation::ActivityRuleFields fields_from(const homologation::ActivityRule& r) {
    homologation::ActivityRuleFields f;
    f.activity = r.activity;
    f.jurisdiction = r.jurisdiction;
    f.area = r.area;
    f.municipalities = r.municipalities;
    f.colour = r.colour;
    f.valid_from = r.valid_from;
    f.valid_to = r.valid_to;
    f.allowed = r.allowed;
    f.capacity_pct = r.capacity_pct;
    f.opens = r.opens;
    f.closes = r.closes;
    f.max_people = r.max_people;
    f.max_stay_minutes = r.max_stay_minutes;
    f.conditions = r.conditions;
    f.source = r.source.key;
    f.unverified = r.unverified;
    f.verification_note = r.verification_note;
    return f;
}

template <class T>
std::string text(const std::optional<T>& v) {
    if (!v) return "";
    if constexpr (std::is_same_v<T, Date>)
        return v->iso();
    else
        return fmt::format("{}", *v);
}

void print_rules(const GlobalOptions& global, const std::vector<homologation::ActivityRule>& rules) {
    if (global.format == "json") {
        json out = json::array();
        for (const auto& r : rules) out.push_back(homologation::activity_rule_json(r));
        fmt::print("{}\n", out.dump(2));
        return;
    }
    fmt::print(
        "id,activity,level,jurisdiction,municipalities,colour,valid_from,valid_to,allowed,capacity_pct,opens,"
        "closes,max_people,max_stay_minutes,conditions,source,unverified,version\n");
    for (const auto& r : rules) {
        std::string municipalities;
        for (const auto& m : r.municipalities) municipalities += (municipalities.empty() ? "" : ";") + m;
        fmt::print("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", r.id, r.activity, r.level,
                   r.jurisdiction, municipalities, r.colour.value_or(""), text(r.valid_from),
                   text(r.valid_to), r.allowed, text(r.capacity_pct), r.opens.value_or(""),
                   r.closes.value_or(""), text(r.max_people), text(r.max_stay_minutes),
                   csv_field(r.conditions.joined()), r.source.key, r.unverified ? "unverified" : "",
                   r.version);
    }
}

void print_rule(const GlobalOptions& global, const homologation::ActivityRule& r, const char* what) {
    if (global.format == "json") {
        fmt::print("{}\n", homologation::activity_rule_json(r).dump(2));
        return;
    }
    fmt::print("{}: {} ({} {}, {}, v{})\n", what, r.id, r.activity, r.jurisdiction,
               homologation::rule_summary(&r).joined(), r.version);
}

void print_matrix(const GlobalOptions& global, const homologation::HomologationMatrix& m) {
    if (global.format == "json") {
        fmt::print("{}\n", homologation::homologation_matrix_json(m).dump(2));
        return;
    }
    fmt::print("activity");
    for (const auto& p : m.places) fmt::print(",{}", csv_field(p.code + " " + p.name));
    fmt::print(",divergent\n");
    for (const auto& row : m.rows) {
        fmt::print("{}", row.activity.key);
        for (const auto& c : row.cells) {
            std::string cell = c.summary.es;
            if (c.rule)
                cell +=
                    fmt::format(" [{} {}, regla / rule {}]", c.rule->level, c.rule->jurisdiction, c.rule->id);
            fmt::print(",{}", csv_field(cell));
        }
        fmt::print(",{}\n", row.divergent ? "divergent" : "");
    }
    for (const auto& p : m.places)
        fmt::print(stderr, "color / colour: {} {}\n", p.name,
                   p.colour ? fmt::format("{} ({})", *p.colour, p.colour_basis) : "sin dato / unknown");
    for (const auto& row : m.rows)
        if (row.divergent) fmt::print(stderr, "divergencia / divergence: {}\n", row.divergence.es);
}

}  // namespace

void add_activity_rule_commands(CLI::App& app, GlobalOptions& global) {
    auto* rules = app.add_subcommand(
        "activity-rule", "Activity rules per jurisdiction: list, show, add, edit, catalogue, sources");
    rules->require_subcommand(1);

    auto list_args = std::make_shared<RuleArgs>();
    auto* list = rules->add_subcommand("list", "The rules, filtered");
    list->add_option("--activity", list_args->activity, "Only this activity (the catalogue's key)");
    list->add_option("--jurisdiction", list_args->jurisdiction, "Only this jurisdiction (00, 05, 05035)");
    list->add_option("--on", list_args->on, "Only those in force on this day (YYYY-MM-DD), under any colour");
    list->callback([&global, list_args]() {
        auto context = open_or_throw(global);
        homologation::ActivityRuleFilter filter;
        if (!list_args->activity.empty()) filter.activity = list_args->activity;
        if (!list_args->jurisdiction.empty()) filter.jurisdiction = list_args->jurisdiction;
        filter.on = date_option(list_args->on, "--on");
        print_rules(global, value_or_throw(homologation::list_activity_rules(*context.db, filter)));
    });

    auto show_id = std::make_shared<int64_t>(0);
    auto* show = rules->add_subcommand("show", "One rule, with its source (JSON)");
    show->add_option("ID", *show_id, "The rule's id")->required();
    show->callback([&global, show_id]() {
        auto context = open_or_throw(global);
        fmt::print("{}\n", homologation::activity_rule_json(
                               value_or_throw(homologation::get_activity_rule(*context.db, *show_id)))
                               .dump(2));
    });

    auto add_args = std::make_shared<RuleArgs>();
    auto* add = rules->add_subcommand("add", "Record a rule (as a coordinator)");
    add_field_options(add, *add_args);
    add->callback([&global, add_args]() {
        auto db = open_for_writing(global);
        const auto made = value_or_throw(homologation::create_activity_rule(
            *db, system_clock(), cli_attribution(global).actor, "", fields_of(*add_args, {})));
        print_rule(global, made, "regla registrada / rule recorded");
    });

    auto edit_args = std::make_shared<RuleArgs>();
    auto* edit =
        rules->add_subcommand("edit", "Change a rule at the version read; only the fields named change");
    edit->add_option("ID", edit_args->id, "The rule's id")->required();
    edit->add_option("--version", edit_args->version, "The version read (activity-rule show)")->required();
    add_field_options(edit, *edit_args);
    edit->callback([&global, edit_args]() {
        auto db = open_for_writing(global);
        const auto before = value_or_throw(homologation::get_activity_rule(*db, edit_args->id));
        const auto edited = value_or_throw(homologation::update_activity_rule(
            *db, system_clock(), cli_attribution(global).actor, "", edit_args->id, edit_args->version,
            fields_of(*edit_args, fields_from(before))));
        print_rule(global, edited, "regla modificada / rule changed");
    });

    auto* catalogue = rules->add_subcommand("catalogue", "The activities rules are written for");
    catalogue->callback([&global]() {
        auto context = open_or_throw(global);
        const auto all = value_or_throw(homologation::list_catalogue(*context.db));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& a : all) out.push_back(homologation::catalogue_activity_json(a));
            fmt::print("{}\n", out.dump(2));
            return;
        }
        fmt::print("key,name_es,name_en,essential,scian\n");
        for (const auto& a : all) {
            std::string scian;
            for (const auto& c : a.scian) scian += (scian.empty() ? "" : ";") + c;
            fmt::print("{},{},{},{},{}\n", a.key, csv_field(a.name.es), csv_field(a.name.en), a.essential,
                       scian);
        }
    });

    auto* sources = rules->add_subcommand("sources", "The documents the rules cite");
    sources->callback([&global]() {
        auto context = open_or_throw(global);
        const auto all = value_or_throw(homologation::list_rule_sources(*context.db));
        if (global.format == "json") {
            json out = json::array();
            for (const auto& s : all) out.push_back(homologation::rule_source_json(s));
            fmt::print("{}\n", out.dump(2));
            return;
        }
        fmt::print("key,kind,title,issuer,published_on,url\n");
        for (const auto& s : all)
            fmt::print("{},{},{},{},{},{}\n", s.key, s.kind, csv_field(s.title), csv_field(s.issuer),
                       text(s.published_on), s.url);
    });

    auto* homologation = app.add_subcommand("homologation", "Homologar: the homologation matrix");
    homologation->require_subcommand(1);
    auto date = std::make_shared<std::string>();
    auto* matrix = homologation->add_subcommand(
        "matrix",
        "Every activity's rule in each municipality of the metro on one day, divergences on stderr");
    matrix->add_option("--date", *date, "The day (YYYY-MM-DD)")->required();
    matrix->callback([&global, date]() {
        auto context = open_or_throw(global);
        print_matrix(global, value_or_throw(app::homologation_matrix_for(*context.db, context.region,
                                                                         *date_option(*date, "--date"))));
    });
}

}  // namespace metropoli::cli

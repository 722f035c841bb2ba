// SPDX-License-Identifier: MIT
// Declared semáforo colours: what each authority said the colour was, week by week, with the document that
// says so. The federal colour of a state comes from two third-party compilations of the published colours
// (data/semaforo/: Bisaloo's by %W week, claudiodanielpc's by publication period), kept side by side where
// they disagree; a state's own colour for itself (Durango's red of 3-17 November 2020) or for one of its
// regions (Coahuila's yellow for La Laguna, September 2020) from the press the reference cites. Read-only
// data: loaded once by `init` for La Laguna (migration 540, one transaction, one audit entry), read by
// anyone.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/region.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace metropoli::homologation {

// Migration 540 (declared_colour_store.cpp): declared_colour_sources and declared_colours.
std::vector<storage::Migration> declared_colour_migrations();

// The keys of the two compilations' sources.
inline constexpr const char* k_bisaloo = "bisaloo";
inline constexpr const char* k_claudiodanielpc = "claudiodanielpc";

struct DeclaredColourSource {
    std::string key;
    std::string kind;  // compilation, dof, periodico_oficial, press_release, press, other
    std::string title, issuer;
    std::optional<Date> published_on;  // none: a date the reference does not give
    std::string url, licence, note;
};

struct DeclaredColour {
    int64_t id = 0;
    std::string scope;  // federal (the federal colour of a state), state (its own), region (for a region)
    std::string declared_by;   // "00" for the federation, else the declaring state's code
    std::string jurisdiction;  // the state the colour is for ("05"), or the region's key ("05-laguna")
    std::string area;          // the region's name ("La Laguna de Coahuila"); empty for a state
    std::vector<std::string> municipalities;  // a region's municipalities in the region preset
    std::string week;                         // Bisaloo's %W label ("2020-W45"); empty for the others
    Date valid_from, valid_to;                // inclusive
    std::string colour;                       // rojo, naranja, amarillo, verde
    std::string source;                       // the source's key
    bool unverified = false;                  // a date the sources leave uncertain (the note says what)
    std::string note;

    bool covers(Date from, Date to) const { return valid_from <= to && valid_to >= from; }
};

// A %W week ("2020-W45": weeks start on the year's first Monday; W00 is the days before it) as its first and
// last day; nullopt for anything else ("2020-45", "2020-W54", a week past the year's end).
std::optional<std::pair<Date, Date>> percent_w_week(const std::string& label);

// A state of the region (code "05", common name "Coahuila", as Bisaloo names it).
struct StateName {
    std::string code, name;
};

// Bisaloo's wide file: one row per state in `states` (others are skipped) and week column. Errors name the
// file, the line and the value (an unknown colour, a bad week label).
Result<std::vector<DeclaredColour>> read_bisaloo(const std::string& path,
                                                 const std::vector<StateName>& states);
// claudiodanielpc's file (latin-1, CRLF): one row per state in `states` and period. The mistyped period that
// ends 45 days after it starts is kept as published and marked unverified.
Result<std::vector<DeclaredColour>> read_claudiodanielpc(const std::string& path,
                                                         const std::vector<StateName>& states);

// One Bisaloo week of a state beside the claudiodanielpc periods that overlap it (by start).
struct WeekComparison {
    std::string state, week;
    Date monday;
    std::string bisaloo;
    std::vector<std::string> claudiodanielpc;  // one colour per overlapping period, empty when none does
    std::vector<std::pair<Date, Date>> periods;
    bool compared() const { return !claudiodanielpc.empty(); }
    bool agree() const;  // every overlapping period says Bisaloo's colour
};
// Every Bisaloo week of `federal` (the rows read from both files), by state then week.
std::vector<WeekComparison> compare_compilations(const std::vector<DeclaredColour>& federal);
// The weeks where both speak and differ.
std::vector<WeekComparison> compilation_disagreements(const std::vector<DeclaredColour>& federal);

// The bundled record of data/semaforo/ for `region` (La Laguna only; 0 elsewhere): the sources, the federal
// colour of the region's states from both compilations and the states' declarations
// (declared_state_colours.json), checked whole, written in one transaction with one audit entry
// (`declared_colours.seed`), once. Returns the number of colours written.
Result<int> seed_declared_colours(storage::Database& db, const Clock& clock, const Region& region,
                                  const std::string& directory);

// The stored colours in force on some day of [from, to], ordered by scope, jurisdiction, day and source.
Result<std::vector<DeclaredColour>> list_declared_colours(storage::Database& db, Date from, Date to);
// Every stored colour, in the same order.
Result<std::vector<DeclaredColour>> list_declared_colours(storage::Database& db);
Result<std::vector<DeclaredColourSource>> list_declared_colour_sources(storage::Database& db);

nlohmann::json declared_colour_json(const DeclaredColour& c);
nlohmann::json declared_colour_source_json(const DeclaredColourSource& s);

}  // namespace metropoli::homologation

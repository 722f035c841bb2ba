// SPDX-License-Identifier: MIT
// The declared semáforo colours of a place and week (homologation/declared_colours) beside the colour
// Metrópoli computes from the stored data with each risk scheme, the data vintage (the releases) it used, and
// in plain words why they differ: which indicators pushed the computed colour, that the federal colour was
// decided before the week on the data of earlier weeks, that the compilations disagree, that a state declared
// its own colour. The one service the command line and the API call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/risk/risk.hpp"
#include "app/context.hpp"
#include "core/bilingual.hpp"
#include "homologation/declared_colours.hpp"

namespace metropoli::app {

struct DeclaredQuery {
    std::string jurisdiction;  // empty: every place
    std::string week;          // %W label ("2020-W45"); empty: every week
};

// The declared colours that apply to a place: a state's own rows and its regions'; a municipality's state's
// rows and the regions that list it; a metro zone's members' (each once); the nation: all.
struct DeclaredView {
    const Jurisdiction* jurisdiction = nullptr;  // null: every place
    std::string week;
    Date from, to;  // the week's days when one is asked
    std::vector<homologation::DeclaredColour> colours;
    std::vector<homologation::DeclaredColourSource> sources;  // the ones `colours` cite
    std::vector<homologation::WeekComparison> disagreements;  // the compilations' among `colours`
};
// invalid_argument naming `jurisdiction` or `week` when either is not understood.
Result<DeclaredView> declared_colours_for(Context& context, const DeclaredQuery& query);

// An indicator that pushed a computed colour: among the components with the most points.
struct ColourDriver {
    std::string component;
    Bilingual label;
    std::optional<double> value;
    double points = 0;
    std::string band;  // "[90, ∞)"
};

struct ComputedColour {
    std::string scheme;  // its id
    Bilingual scheme_name;
    Date assessed_on;
    std::string level;                 // the level's id ("rojo", "ct3"); empty when the data leave it open
    std::string level_min, level_max;  // the range the missing components leave
    Bilingual level_label;
    std::string level_hex;
    bool semaforo_scale = false;  // the scheme's levels are the semáforo's four colours
    std::optional<double> score;
    std::vector<std::string> missing;            // the components without a value, by id
    std::vector<Bilingual> missing_names;        // and by their names, as the sentences say them
    std::vector<analysis::ReleaseRef> releases;  // the data vintage: every release the components read
    std::vector<ColourDriver> drivers;
    // On the semáforo scale: "agrees", "stricter", "laxer" against the federal colour(s), "mixed" when
    // the compilations disagree and it matches one of them; else "not_comparable" or "undetermined".
    std::string comparison;
    std::optional<Error> error;  // the indicators could not be computed for the day (no data)
};

struct Reconciliation {
    const Jurisdiction* jurisdiction = nullptr;
    std::string week;
    Date monday, sunday;
    DeclaredView declared;
    std::vector<ComputedColour> computed;  // every bundled scheme, assessed on the week's last day
    // The default scheme on the day before the week: the latest data a colour declared for the week could
    // have used (a federal colour was announced before its week began, on data published then).
    std::optional<ComputedColour> before_week;
    std::vector<Bilingual> explanations;  // each with a code and its parameters
};

// `release`: read every input from the release of that date (as `metropoli risk --release`); default the
// newest. invalid_argument naming the field for a bad jurisdiction or week.
Result<Reconciliation> reconcile_colours(Context& context, const std::string& jurisdiction,
                                         const std::string& week, std::optional<Date> release = std::nullopt);

nlohmann::json declared_view_json(const DeclaredView& view);
nlohmann::json reconciliation_json(const Reconciliation& r);

}  // namespace metropoli::app

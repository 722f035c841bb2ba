// SPDX-License-Identifier: MIT
// The homologation matrix: for one day, every activity of the catalogue with the rule in force in each
// municipality of the metro side by side — the most specific jurisdiction's rule in force that day
// (municipality over state over federal), with the level that set it — and the activities on which the metro
// diverges (a different allowed value, capacity, hours, group size or stay), named in words. The colour under
// which each municipality's colour-dependent rules apply is the caller's (app: the official federal colour of
// its state that week).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/bilingual.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "homologation/activity_catalogue.hpp"
#include "homologation/activity_rules.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation {

// A municipality the matrix has a column for, and the colour its colour-dependent rules apply under that day.
struct MatrixPlace {
    std::string code, name;  // "05035", "Torreón"
    std::optional<std::string>
        colour;                // rojo, naranja, amarillo, verde; none: only rules for any colour apply
    std::string colour_basis;  // where the colour comes from ("federal 2020-W45"), or empty
};

struct MatrixCell {
    std::string code;                  // the municipality
    std::optional<ActivityRule> rule;  // the effective rule, or none
    Bilingual summary;                 // "25 %", "cerrado / closed", "sin regla / no rule"
};

struct MatrixRow {
    CatalogueActivity activity;
    std::vector<MatrixCell> cells;  // in the places' order
    bool divergent = false;
    Bilingual divergence;  // "Restaurantes y cafeterías: Torreón 50 % hasta 23:00; Gómez Palacio 25 %"
};

struct HomologationMatrix {
    Date date;
    std::vector<MatrixPlace> places;
    std::vector<MatrixRow> rows;  // the catalogue's order
};

// The rule of `rules` (one activity's) in force for municipality `code` on `day` under `colour`: the highest
// level (municipality, state, federal); within a level the latest valid_from, then one for this colour over
// one for any colour, then the newest. Null when none is in force.
const ActivityRule* effective_rule(const std::vector<ActivityRule>& rules, Date day,
                                   const std::optional<std::string>& colour, const std::string& code);

// A rule's figures in words: "50 % hasta 23:00, estancia máx. 120 min", "cerrado", "permitido"; for none,
// "sin regla / no rule".
Bilingual rule_summary(const ActivityRule* rule);

Result<HomologationMatrix> homologation_matrix(storage::Database& db, Date day,
                                               const std::vector<MatrixPlace>& places);

// {date, places, activities: [{key, name, essential, scian, cells: [{code, summary, rule}], divergent,
// divergence}], divergences: [{activity, text}]}.
nlohmann::json homologation_matrix_json(const HomologationMatrix& m);

}  // namespace metropoli::homologation

// SPDX-License-Identifier: MIT
// Who does what where (3W/4W): the activities of the supporting organisations, each with its implementing,
// programming and funding organisation, sector, activity, state and municipality (INEGI codes) or a point,
// start and end, status and the people reached and targeted, as OCHA's 3W describes them. Public to read;
// written by a coordinator or an editor of the implementing organisation (permission "contribution.edit"),
// each write audited in its transaction. The sector x municipality matrix names its gaps (a sector active
// elsewhere but not in a municipality) and overlaps (two or more implementing organisations in one cell).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/region.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::coordination {

const std::vector<std::string>& activity_statuses();  // planned, ongoing, completed, suspended

struct Activity {
    int64_t id = 0;
    int64_t organisation = 0;  // implementing
    std::string organisation_name;
    std::optional<int64_t> programming, funding;
    std::string programming_name, funding_name;
    std::string sector, activity;
    std::string adm1;                 // INEGI state code: "05"
    std::optional<std::string> adm2;  // INEGI municipality code: "05035"
    std::optional<double> latitude, longitude;
    Date start_date;
    std::optional<Date> end_date;
    std::string status = "planned";
    std::optional<int64_t> reached, targeted;
    std::string notes;
    bool example = false;
    int64_t version = 1;
    std::string created_at, updated_at;
};
nlohmann::json activity_json(const Activity& a);

struct ActivityFields {
    int64_t organisation = 0;
    std::optional<int64_t> programming, funding;
    std::string sector, activity, adm1;
    std::optional<std::string> adm2;
    std::optional<double> latitude, longitude;
    std::optional<Date> start_date;
    std::optional<Date> end_date;
    std::string status = "planned";
    std::optional<int64_t> reached, targeted;
    std::string notes;
};
// Reads a POST/PUT body; invalid_argument naming the field.
Result<ActivityFields> activity_fields_from_json(const nlohmann::json& body);

struct ActivityFilter {
    std::optional<std::string> sector, adm1, adm2, status;
    std::optional<int64_t> organisation;  // implementing, programming or funding
};

Result<std::vector<Activity>> list_activities(storage::Database& db, const ActivityFilter& filter = {});
Result<Activity> get_activity(storage::Database& db, int64_t id);

// contribution.edit for the implementing organisation (and, on an edit, for the one it had).
Result<Activity> create_activity(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, const ActivityFields& fields);
Result<Activity> update_activity(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, int64_t id, int64_t version,
                                 const ActivityFields& fields);

// A municipality the matrix has a column for.
struct Place {
    std::string code, name;
};
// The municipalities of the region's metro zones, in the zones' order, with INEGI's names.
std::vector<Place> region_places(const Region& region);

struct MatrixCell {
    std::string sector, adm2;
    int activities = 0;
    int64_t reached = 0;
    std::vector<std::string> organisations;  // implementing, by name, sorted
    bool gap = false;                        // the sector acts elsewhere but not here
    bool overlap = false;                    // two or more implementing organisations
};

struct Matrix {
    std::vector<std::string> sectors;  // sorted
    std::vector<Place> places;         // the region's municipalities, then any other adm2 seen
    std::vector<MatrixCell> cells;     // sectors x places, row by row
    int without_municipality = 0;      // activities with no adm2 (a state-wide one), counted apart
};
nlohmann::json matrix_json(const Matrix& m);  // with "gaps" and "overlaps" named in words

// The sector x municipality matrix of the activities `filter` keeps (its adm2 is ignored), over `places`.
Result<Matrix> activity_matrix(storage::Database& db, const std::vector<Place>& places,
                               const ActivityFilter& filter = {});

}  // namespace metropoli::coordination

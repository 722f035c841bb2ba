// SPDX-License-Identifier: MIT
#include "homologation/policy_seed.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <map>
#include <nlohmann/json.hpp>

#include "access/audit.hpp"
#include "core/csv.hpp"
#include "homologation/activity_rule_support.hpp"
#include "homologation/observations.hpp"

namespace metropoli::homologation {

namespace {

// The field `name` of row `r`, empty when the file has no such column.
std::string field(const CsvTable& t, const std::vector<std::string>& r, const char* name) {
    const int c = t.column(name);
    return c < 0 ? std::string() : r[static_cast<size_t>(c)];
}

Error at(const std::string& file, size_t line, const std::string& why) {
    return make_error(ErrorCode::bad_input, fmt::format("{}:{}: {}", file, line, why));
}

std::optional<int> number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return std::stoi(text);
}
std::optional<std::string> text_or_none(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return text;
}

// One row as a write: dates and numbers read, the source looked up by its key.
Result<ObservationInput> input_of(const CsvTable& t, const std::vector<std::string>& r,
                                  const std::string& file, size_t line,
                                  const std::map<std::string, ObservationSource>& sources) {
    ObservationInput in;
    in.jurisdiction = field(t, r, "jurisdiction");
    in.scope = field(t, r, "scope");
    in.indicator = field(t, r, "indicator");
    in.value = field(t, r, "value");
    const std::string segment = field(t, r, "segment");
    if (!segment.empty()) in.segment = segment;
    try {
        in.flag = number(field(t, r, "flag"));
        in.extensions.capacity_pct = number(field(t, r, "capacity_pct"));
        in.extensions.max_group_size = number(field(t, r, "max_group_size"));
    } catch (const std::exception&) {
        return at(file, line, "flag, capacity_pct or max_group_size is not a number");
    }
    in.applies_to = detail::split_list(field(t, r, "applies_to"));
    for (auto [name, into] : {std::pair{"start_date", &in.start_date}, std::pair{"end_date", &in.end_date},
                              std::pair{"announced_on", &in.announced_on}}) {
        const std::string text = field(t, r, name);
        if (text.empty()) continue;
        *into = Date::parse_iso(text);
        if (!*into) return at(file, line, fmt::format("/{}: '{}' is not a date", name, text));
    }
    in.extensions.curfew_from = text_or_none(field(t, r, "curfew_from"));
    in.extensions.curfew_to = text_or_none(field(t, r, "curfew_to"));
    in.extensions.closing_time = text_or_none(field(t, r, "closing_time"));
    in.extensions.alcohol_sales = text_or_none(field(t, r, "alcohol_sales"));
    in.extensions.alcohol_until = text_or_none(field(t, r, "alcohol_until"));
    in.unverified = field(t, r, "unverified") == "true";
    in.verification_note = field(t, r, "verification_note");
    in.notes = field(t, r, "notes");
    in.coder = field(t, r, "coder");
    in.reviewer = field(t, r, "reviewer");
    const std::string key = field(t, r, "source");
    const auto found = sources.find(key);
    if (found == sources.end())
        return at(file, line, fmt::format("/source: no source '{}' in sources.csv", key));
    in.source = found->second;
    return in;
}

}  // namespace

Result<int> seed_policy_observations(storage::Database& db, const Clock& clock, const std::string& region,
                                     const std::string& directory) {
    if (region != "laguna") return 0;
    TRY_ASSIGN(jurisdictions, read_csv_file(directory + "/jurisdictions.csv"));
    TRY_ASSIGN(source_table, read_csv_file(directory + "/sources.csv"));
    std::vector<std::pair<std::string, CsvTable>> files;
    for (const char* name : {"observations.csv", "federal_semaforo.csv"}) {
        TRY_ASSIGN(table, read_csv_file(directory + "/" + name));
        files.emplace_back(name, std::move(table));
    }
    std::map<std::string, ObservationSource> sources;
    for (size_t i = 0; i < source_table.rows.size(); ++i) {
        const auto& r = source_table.rows[i];
        ObservationSource s{field(source_table, r, "kind"), field(source_table, r, "title"),
                            field(source_table, r, "issuer"), std::nullopt, field(source_table, r, "url")};
        const std::string issued = field(source_table, r, "issued_on");
        if (!issued.empty()) {
            s.issued_on = Date::parse_iso(issued);
            if (!s.issued_on) return at("sources.csv", source_table.row_lines[i], "issued_on is not a date");
        }
        sources[field(source_table, r, "key")] = s;
    }
    std::vector<PolicyJurisdiction> places;
    for (const auto& r : jurisdictions.rows)
        places.push_back({field(jurisdictions, r, "code"), field(jurisdictions, r, "name"),
                          field(jurisdictions, r, "kind"),
                          detail::split_list(field(jurisdictions, r, "members"))});
    int loaded = 0;
    const access::Actor system = access::system_actor();
    const Status written = db.transaction([&]() -> Status {
        long long present = 0;
        db.session() << "SELECT COUNT(*) FROM policy_observations o JOIN policy_jurisdictions j ON j.code = "
                        "o.jurisdiction WHERE j.kind <> 'oxcgrt'",
            soci::into(present);
        if (present > 0) return ok_status();
        TRY_ASSIGN(registered, register_policy_jurisdictions(db, clock, places));
        std::map<std::string, int> per_file;
        for (const auto& [name, table] : files) {
            for (size_t i = 0; i < table.rows.size(); ++i) {
                TRY_ASSIGN(in, input_of(table, table.rows[i], name, table.row_lines[i], sources));
                auto made = record_observation_in(db, clock, system, "", in, false);
                if (!made) return at(name, table.row_lines[i], made.error().message);
                ++loaded;
                ++per_file[name];
            }
        }
        nlohmann::json diff = {{"observations", {{"before", 0}, {"after", loaded}}},
                               {"jurisdictions_registered", registered},
                               {"files", per_file}};
        return access::audit(db, clock, system, "",
                             {"policy.observations.seed", "policy_observations", region, diff});
    });
    if (!written) return written.error();
    return loaded;
}

}  // namespace metropoli::homologation

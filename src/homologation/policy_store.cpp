// SPDX-License-Identifier: MIT
// Writing an imported OxCGRT file and reading the observations back.
#include "homologation/policy_store.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "access/secrets.hpp"
#include "homologation/observation_review.hpp"
#include "homologation/observations.hpp"
#include "homologation/oxcgrt_file.hpp"

namespace metropoli::homologation {

namespace {

using nlohmann::json;

struct Rows {
    std::vector<std::string> jurisdiction, level, indicator, segment, value, start, end;
    std::vector<int> flag;
};

// Runs of consecutive days with the same value and flag, per jurisdiction, level, indicator and segment.
Rows observation_runs(const std::vector<OxRecord>& records) {
    struct Run {
        std::string value;
        std::optional<int> flag;
        Date start, end;
    };
    using Key = std::tuple<std::string, std::string, std::string, int>;
    std::map<Key, std::vector<Run>> runs;
    std::vector<const OxRecord*> sorted;
    for (const auto& r : records) sorted.push_back(&r);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const OxRecord* a, const OxRecord* b) { return a->date < b->date; });
    for (const OxRecord* r : sorted) {
        for (const auto& v : r->values) {
            auto& list = runs[{r->jurisdiction(), r->level, v.indicator, static_cast<int>(v.segment)}];
            if (!list.empty() && list.back().value == v.value && list.back().flag == v.flag &&
                list.back().end + 1 == r->date) {
                list.back().end = r->date;
            } else {
                list.push_back({v.value, v.flag, r->date, r->date});
            }
        }
    }
    Rows rows;
    for (const auto& [key, list] : runs) {
        for (const auto& run : list) {
            rows.jurisdiction.push_back(std::get<0>(key));
            rows.level.push_back(std::get<1>(key));
            rows.indicator.push_back(std::get<2>(key));
            rows.segment.emplace_back(segment_code(static_cast<Segment>(std::get<3>(key))));
            rows.value.push_back(run.value);
            rows.flag.push_back(run.flag.value_or(-1));
            rows.start.push_back(run.start.iso());
            rows.end.push_back(run.end.iso());
        }
    }
    return rows;
}

Status write_jurisdictions(soci::session& sql, const std::vector<OxRecord>& records, const std::string& now,
                           std::vector<std::string>& seen_levels) {
    std::map<std::string, const OxRecord*> codes;
    std::map<std::string, bool> levels;
    for (const auto& r : records) {
        codes.emplace(r.jurisdiction(), &r);
        levels[r.jurisdiction() + " " + r.level] = true;
    }
    for (const auto& [text, unused] : levels) seen_levels.push_back(text);
    for (const auto& [code, r] : codes) {
        int known = 0;
        sql << "SELECT COUNT(*) FROM policy_jurisdictions WHERE code = :c", soci::use(code),
            soci::into(known);
        if (known) continue;
        const std::string name = r->region_code.empty() ? r->country_name : r->region_name;
        sql << "INSERT INTO policy_jurisdictions (code, name, country_code, country_name, kind, created_at) "
               "VALUES (:c, :n, :cc, :cn, 'oxcgrt', :at)",
            soci::use(code), soci::use(name), soci::use(r->country_code), soci::use(r->country_name),
            soci::use(now);
    }
    return ok_status();
}

// One counted observation of a jurisdiction at a level: a run of days.
struct CountedRun {
    std::string indicator, value;
    Segment segment = Segment::everyone;
    std::optional<int> flag;
    Date start, end;
};

// The observations of a jurisdiction at a level that count (approved, not superseded by an approved
// correction), in the order where a later source wins. An observation "until further notice" (k_open_end)
// runs to `until`, else to the latest day any of them names (a start or a finite end), so that a region's
// open measure never spans the years up to 9999.
Result<std::vector<CountedRun>> counted_runs(soci::session& sql, const std::string& jurisdiction,
                                             const std::string& level, std::optional<Date> until) {
    std::vector<CountedRun> out;
    std::vector<bool> open;
    std::optional<Date> latest;
    soci::rowset<soci::row> rs =
        (sql.prepare
             << "SELECT o.indicator, o.segment, o.value, COALESCE(o.flag, -1), o.start_date, o.end_date "
                "FROM policy_observations o WHERE o.jurisdiction = :j AND o.level = :l AND " +
                    counted_observations_sql("o") + " ORDER BY o.source_id, o.id",
         soci::use(jurisdiction), soci::use(level));
    for (const auto& row : rs) {
        const auto segment = parse_segment(row.get<std::string>(1));
        const auto start = Date::parse_iso(row.get<std::string>(4));
        const std::string end_text = row.get<std::string>(5);
        const bool open_end = end_text == k_open_end;
        const auto end = open_end ? start : Date::parse_iso(end_text);
        if (!start || !end || !segment)
            return make_error(ErrorCode::internal,
                              fmt::format("policy_observations: bad row for {}", jurisdiction));
        const int64_t flag = storage::get_int64(row, 3);
        out.push_back({row.get<std::string>(0), row.get<std::string>(2), *segment,
                       flag < 0 ? std::nullopt : std::optional<int>(static_cast<int>(flag)), *start, *end});
        open.push_back(open_end);
        for (Date d : {*start, *end})
            if (!latest || *latest < d) latest = d;
    }
    for (size_t i = 0; i < out.size(); ++i) {
        if (open[i]) out[i].end = until.value_or(*latest);
        if (until && *until < out[i].end) out[i].end = *until;
    }
    return out;
}

}  // namespace

Result<ImportReport> import_oxcgrt_file(storage::Database& db, const Clock& clock,
                                        const access::Attribution& who, const std::string& file,
                                        std::string_view text) {
    TRY_ASSIGN(parsed, parse_oxcgrt(text, file));
    ImportReport report;
    report.file = file;
    report.layout = std::string(layout_name(parsed.layout));
    report.records = parsed.records.size();
    const std::string sha = access::sha256_hex(text);
    const std::string now = clock.now_iso();
    const std::string base =
        file.substr(file.find_last_of('/') == std::string::npos ? 0 : file.find_last_of('/') + 1);
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        long long existing = 0;
        soci::indicator existing_ind = soci::i_null;
        sql << "SELECT MAX(id) FROM policy_sources WHERE sha256 = :s", soci::use(sha),
            soci::into(existing, existing_ind);
        if (existing_ind == soci::i_ok) {
            report.source_id = existing;
            report.already_imported = true;
            return ok_status();
        }
        TRY(write_jurisdictions(sql, parsed.records, now, report.jurisdictions));
        const std::string layout = report.layout;
        const std::string actor = who.actor.id;
        long long id = 0;
        if (db.engine() == storage::Engine::postgresql) {
            sql << "INSERT INTO policy_sources (kind, title, issuer, layout, sha256, created_at, created_by) "
                   "VALUES ('oxcgrt_file', :t, 'Oxford COVID-19 Government Response Tracker', :l, :s, :at, "
                   ":by) "
                   "RETURNING id",
                soci::use(base), soci::use(layout), soci::use(sha), soci::use(now), soci::use(actor),
                soci::into(id);
        } else {
            sql << "INSERT INTO policy_sources (kind, title, issuer, layout, sha256, created_at, created_by) "
                   "VALUES ('oxcgrt_file', :t, 'Oxford COVID-19 Government Response Tracker', :l, :s, :at, "
                   ":by)",
                soci::use(base), soci::use(layout), soci::use(sha), soci::use(now), soci::use(actor);
            sql << "SELECT MAX(id) FROM policy_sources", soci::into(id);
        }
        report.source_id = id;
        Rows rows = observation_runs(parsed.records);
        report.observations = rows.value.size();
        if (!rows.value.empty()) {
            std::vector<long long> src(rows.value.size(), id);
            std::vector<std::string> at(rows.value.size(), now);
            sql << "INSERT INTO policy_observations (jurisdiction, level, indicator, segment, value, flag, "
                   "start_date, "
                   "end_date, implemented_on, source_id, coder, reviewer, review_state, created_at) VALUES "
                   "(:j, :l, "
                   ":i, :s, :v, NULLIF(:f, -1), :sd, :ed, :sd2, :src, 'OxCGRT', 'OxCGRT', 'approved', :at)",
                soci::use(rows.jurisdiction), soci::use(rows.level), soci::use(rows.indicator),
                soci::use(rows.segment), soci::use(rows.value), soci::use(rows.flag), soci::use(rows.start),
                soci::use(rows.end), soci::use(rows.start), soci::use(src), soci::use(at);
        }
        std::vector<std::string> nj, nl, ni, nd, nt, fj, fl, fd, fc, fde, fm, fp, pj, pl, pd, pi, pv, pval;
        std::vector<int> pdisp;
        for (const auto& r : parsed.records) {
            for (const auto& n : r.notes) {
                nj.push_back(r.jurisdiction());
                nl.push_back(r.level);
                ni.push_back(n.indicator);
                nd.push_back(r.date.iso());
                nt.push_back(n.text);
            }
            if (parsed.layout != Layout::timeseries) {
                fj.push_back(r.jurisdiction());
                fl.push_back(r.level);
                fd.push_back(r.date.iso());
                fc.push_back(r.confirmed_cases);
                fde.push_back(r.confirmed_deaths);
                fm.push_back(r.majority_vaccinated);
                fp.push_back(r.population_vaccinated);
            }
        }
        // Published values as runs of consecutive days with the same text.
        using RunKey = std::tuple<std::string, std::string, int, int, int>;
        struct PubRun {
            std::string value;
            Date start, end;
        };
        std::map<RunKey, std::vector<PubRun>> pub_runs;
        {
            std::vector<const OxRecord*> sorted;
            for (const auto& r : parsed.records) sorted.push_back(&r);
            std::stable_sort(sorted.begin(), sorted.end(),
                             [](const OxRecord* a, const OxRecord* b) { return a->date < b->date; });
            for (const OxRecord* r : sorted) {
                for (const auto& p : r->published) {
                    ++report.published;
                    auto& list = pub_runs[{r->jurisdiction(), r->level, static_cast<int>(p.index),
                                           static_cast<int>(p.variant), p.display ? 1 : 0}];
                    if (!list.empty() && list.back().value == p.value && list.back().end + 1 == r->date)
                        list.back().end = r->date;
                    else
                        list.push_back({p.value, r->date, r->date});
                }
            }
        }
        std::vector<std::string> pend;
        for (const auto& [key, list] : pub_runs) {
            for (const auto& run : list) {
                pj.push_back(std::get<0>(key));
                pl.push_back(std::get<1>(key));
                pi.emplace_back(index_code(static_cast<Index>(std::get<2>(key))));
                pv.emplace_back(variant_code(static_cast<Variant>(std::get<3>(key))));
                pdisp.push_back(std::get<4>(key));
                pd.push_back(run.start.iso());
                pend.push_back(run.end.iso());
                pval.push_back(run.value);
            }
        }
        report.notes = nt.size();
        if (!nt.empty()) {
            std::vector<long long> src(nt.size(), id);
            sql << "INSERT INTO policy_notes (source_id, jurisdiction, level, indicator, day, text) VALUES "
                   "(:src, :j, "
                   ":l, :i, :d, :t)",
                soci::use(src), soci::use(nj), soci::use(nl), soci::use(ni), soci::use(nd), soci::use(nt);
        }
        if (!fd.empty()) {
            std::vector<long long> src(fd.size(), id);
            sql << "INSERT INTO policy_day_facts (source_id, jurisdiction, level, day, confirmed_cases, "
                   "confirmed_deaths, majority_vaccinated, population_vaccinated) VALUES (:src, :j, :l, :d, "
                   ":c, :de, "
                   ":m, :p)",
                soci::use(src), soci::use(fj), soci::use(fl), soci::use(fd), soci::use(fc), soci::use(fde),
                soci::use(fm), soci::use(fp);
        }
        if (!pval.empty()) {
            std::vector<long long> src(pval.size(), id);
            sql << "INSERT INTO policy_published_indices (source_id, jurisdiction, level, start_date, "
                   "end_date, "
                   "index_code, variant, display, value) VALUES (:src, :j, :l, :d, :e, :i, :v, :disp, :val)",
                soci::use(src), soci::use(pj), soci::use(pl), soci::use(pd), soci::use(pend), soci::use(pi),
                soci::use(pv), soci::use(pdisp), soci::use(pval);
        }
        json after = {{"file", base},
                      {"sha256", sha},
                      {"layout", layout},
                      {"records", report.records},
                      {"observations", report.observations},
                      {"notes", report.notes},
                      {"published", report.published},
                      {"jurisdictions", report.jurisdictions}};
        return access::audit(
            db, clock, who.actor, who.request_id,
            {"policy.import", "policy_source", std::to_string(id), access::diff_of(json::object(), after)});
    });
    if (!written) return written.error();
    return report;
}

Result<std::vector<std::string>> stored_levels(storage::Database& db, const std::string& jurisdiction) {
    std::vector<std::string> out;
    soci::rowset<std::string> rs =
        (db.session().prepare
             << "SELECT DISTINCT level FROM policy_observations WHERE jurisdiction = :j UNION "
                "SELECT DISTINCT level FROM policy_published_indices WHERE jurisdiction = :j2 ORDER BY 1",
         soci::use(jurisdiction), soci::use(jurisdiction));
    for (const auto& level : rs) out.push_back(level);
    return out;
}

Result<std::vector<DayPolicy>> load_days(storage::Database& db, const std::string& jurisdiction,
                                         const std::string& level, std::optional<Date> until) {
    std::map<int32_t, DayPolicy> days;
    auto& sql = db.session();
    TRY_ASSIGN(runs, counted_runs(sql, jurisdiction, level, until));
    for (const auto& run : runs) {
        const auto component = parse_component(run.indicator);
        for (Date d = run.start; d <= run.end; d = d + 1) {
            auto& day = days[d.days()];
            day.date = d;
            if (!component) continue;
            day.set(*component, run.segment, Reading{std::stoi(run.value), run.flag});
        }
    }
    soci::rowset<soci::row> facts =
        (sql.prepare
             << "SELECT day, population_vaccinated FROM policy_day_facts WHERE jurisdiction = :j AND level = "
                ":l ORDER BY source_id",
         soci::use(jurisdiction), soci::use(level));
    for (const auto& row : facts) {
        const auto d = Date::parse_iso(row.get<std::string>(0));
        const std::string share = row.get<std::string>(1);
        if (!d || share.empty()) continue;
        const auto found = days.find(d->days());
        if (found != days.end()) found->second.population_vaccinated = parse_decimal(share);
    }
    std::vector<DayPolicy> out;
    out.reserve(days.size());
    for (auto& [k, day] : days) out.push_back(std::move(day));
    return out;
}

Result<std::vector<PublishedSet>> load_published(storage::Database& db, const std::string& jurisdiction,
                                                 const std::string& level) {
    std::vector<PublishedSet> out;
    std::map<long long, size_t> by_source;
    soci::rowset<soci::row> rs =
        (db.session().prepare
             << "SELECT p.source_id, s.title, p.start_date, p.index_code, p.variant, p.display, p.value, "
                "p.end_date "
                "FROM policy_published_indices p JOIN policy_sources s ON s.id = p.source_id "
                "WHERE p.jurisdiction = :j AND p.level = :l ORDER BY p.source_id, p.start_date",
         soci::use(jurisdiction), soci::use(level));
    for (const auto& row : rs) {
        const long long source = storage::get_int64(row, 0);
        auto [it, fresh] = by_source.try_emplace(source, out.size());
        if (fresh) out.push_back({row.get<std::string>(1), {}});
        const auto start = Date::parse_iso(row.get<std::string>(2));
        const auto end = Date::parse_iso(row.get<std::string>(7));
        const auto index = parse_index(row.get<std::string>(3));
        const auto variant = parse_variant(row.get<std::string>(4));
        if (!start || !end || !index || !variant)
            return make_error(ErrorCode::internal, "policy_published_indices: bad row");
        const OxPublished p{*index, *variant, storage::get_int64(row, 5) != 0, row.get<std::string>(6)};
        for (Date d = *start; d <= *end; d = d + 1) out[it->second].values.push_back({d, p});
    }
    return out;
}

Result<std::vector<OxRecord>> load_records(storage::Database& db, const std::string& jurisdiction,
                                           const std::string& level, std::optional<Date> until) {
    auto& sql = db.session();
    std::string name, country_code, country_name;
    soci::indicator found = soci::i_null;
    sql << "SELECT name, country_code, country_name FROM policy_jurisdictions WHERE code = :c",
        soci::use(jurisdiction), soci::into(name, found), soci::into(country_code), soci::into(country_name);
    if (found != soci::i_ok || !sql.got_data())
        return make_error(ErrorCode::not_found,
                          fmt::format("jurisdicción desconocida / unknown jurisdiction {}", jurisdiction));
    std::map<int32_t, OxRecord> days;
    const auto record = [&](Date d) -> OxRecord& {
        auto [it, fresh] = days.try_emplace(d.days());
        if (fresh) {
            OxRecord& r = it->second;
            r.date = d;
            r.level = level;
            r.country_code = country_code;
            r.country_name = country_name;
            if (jurisdiction != country_code) {
                r.region_code = jurisdiction;
                r.region_name = name;
            }
        }
        return it->second;
    };
    TRY_ASSIGN(runs, counted_runs(sql, jurisdiction, level, until));
    for (const auto& run : runs) {
        for (Date d = run.start; d <= run.end; d = d + 1) {
            auto& values = record(d).values;
            const auto same = std::find_if(values.begin(), values.end(), [&](const OxValue& v) {
                return v.indicator == run.indicator && v.segment == run.segment;
            });
            OxValue v{run.indicator, run.segment, run.value, run.flag};
            if (same == values.end())
                values.push_back(std::move(v));
            else
                *same = std::move(v);
        }
    }
    soci::rowset<soci::row> notes = (sql.prepare << "SELECT indicator, day, text FROM policy_notes WHERE "
                                                    "jurisdiction = :j AND level = :l ORDER BY "
                                                    "source_id",
                                     soci::use(jurisdiction), soci::use(level));
    for (const auto& row : notes) {
        const auto d = Date::parse_iso(row.get<std::string>(1));
        if (d) record(*d).notes.push_back({row.get<std::string>(0), row.get<std::string>(2)});
    }
    soci::rowset<soci::row> facts =
        (sql.prepare << "SELECT day, confirmed_cases, confirmed_deaths, majority_vaccinated, "
                        "population_vaccinated FROM "
                        "policy_day_facts WHERE jurisdiction = :j AND level = :l ORDER BY source_id",
         soci::use(jurisdiction), soci::use(level));
    for (const auto& row : facts) {
        const auto d = Date::parse_iso(row.get<std::string>(0));
        if (!d) continue;
        OxRecord& r = record(*d);
        r.confirmed_cases = row.get<std::string>(1);
        r.confirmed_deaths = row.get<std::string>(2);
        r.majority_vaccinated = row.get<std::string>(3);
        r.population_vaccinated = row.get<std::string>(4);
    }
    std::vector<OxRecord> out;
    out.reserve(days.size());
    for (auto& [k, r] : days) out.push_back(std::move(r));
    return out;
}

}  // namespace metropoli::homologation

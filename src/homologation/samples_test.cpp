// SPDX-License-Identifier: MIT
// The published OxCGRT samples in data/oxcgrt/: every published index value compared with the value
// computed from the file's own indicators (the timeseries files against the indicators of the row files),
// with the counts printed; and the fullwithnotes file written back with its indicator columns unchanged.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "core/csv.hpp"
#include "homologation/compare.hpp"
#include "homologation/imputation.hpp"
#include "homologation/oxcgrt_export.hpp"
#include "homologation/oxcgrt_file.hpp"
#include "metropoli_source_dir.hpp"

namespace metropoli::homologation {
namespace {

std::string sample_path(const std::string& name) {
    return std::string(METROPOLI_SOURCE_DIR) + "/data/oxcgrt/" + name;
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

OxFile parse(const std::string& name) {
    auto file = parse_oxcgrt(read(sample_path(name)), name);
    EXPECT_TRUE(file) << (file ? "" : file.error().message);
    return file ? *file : OxFile{};
}

using Key = std::pair<std::string, std::string>;  // jurisdiction, level

std::map<Key, std::vector<DayPolicy>> days_of(const OxFile& file) {
    std::map<Key, std::vector<DayPolicy>> out;
    for (const auto& r : file.records) out[{r.jurisdiction(), r.level}].push_back(day_policy(r));
    return out;
}

std::map<Key, std::vector<PublishedValue>> published_of(const OxFile& file) {
    std::map<Key, std::vector<PublishedValue>> out;
    for (const auto& r : file.records)
        for (const auto& p : r.published) out[{r.jurisdiction(), r.level}].push_back({r.date, p});
    return out;
}

struct Totals {
    int equal = 0, ties = 0, mismatches = 0, without_indicators = 0;
};

// Compares and prints, per jurisdiction, index and variant.
Totals compare_file(const std::string& label, const std::map<Key, std::vector<DayPolicy>>& days,
                    const std::map<Key, std::vector<PublishedValue>>& published) {
    Totals t;
    for (const auto& [key, values] : published) {
        const auto found = days.find(key);
        if (found == days.end()) {
            t.without_indicators += static_cast<int>(values.size());
            std::printf("%s %s %s: %zu published values, no indicators to compute them from\n", label.c_str(),
                        key.first.c_str(), key.second.c_str(), values.size());
            continue;
        }
        const Comparison c = compare_published(found->second, values);
        for (const auto& row : c.rows)
            std::printf("%s %s %s %s %s: %d equal, %d ties rounded the other way, %d mismatches\n",
                        label.c_str(), key.first.c_str(), key.second.c_str(),
                        std::string(index_code(row.index)).c_str(),
                        std::string(variant_code(row.variant)).c_str(), row.equal, row.ties,
                        row.mismatches + row.not_computed);
        for (const auto& d : c.differences)
            if (d.outcome != Outcome::tie_rounded_other_way)
                ADD_FAILURE() << label << " " << key.first << " " << d.date.iso() << " "
                              << index_code(d.index) << " " << variant_code(d.variant) << ": published "
                              << d.published << ", computed "
                              << (d.computed ? cents_text(d.computed->cents) : "none");
        t.equal += c.total_equal();
        t.ties += c.total_ties();
        t.mismatches += c.total_mismatches();
        t.without_indicators += c.total_without_observations();
    }
    std::printf("%s: %d equal, %d exact ties rounded the other way, %d mismatches, %d without indicators\n",
                label.c_str(), t.equal, t.ties, t.mismatches, t.without_indicators);
    return t;
}

TEST(Samples, MexicoLegacy2020ReproducesEveryPublishedValue) {
    const OxFile f = parse("MEX_NAT_2020_from_legacy_timeseries.csv");
    EXPECT_EQ(f.layout, Layout::legacy);
    ASSERT_EQ(f.records.size(), 366u);
    const Totals t = compare_file("MEX legacy", days_of(f), published_of(f));
    EXPECT_EQ(t.equal, 366 * 4);
    EXPECT_EQ(t.ties, 0);
    EXPECT_EQ(t.mismatches, 0);
}

TEST(Samples, UnitedKingdomFullwithnotesReproducesEveryPublishedValue) {
    const OxFile f = parse("GBR_fullwithnotes_v1_SCO_WAL_NIR_NAT_2020-2022.csv");
    EXPECT_EQ(f.layout, Layout::fullwithnotes);
    ASSERT_EQ(f.records.size(), 4384u);
    const Totals t = compare_file("GBR fullwithnotes", days_of(f), published_of(f));
    // 4,384 records x 13 published columns. The ties: the v1 averages of rounded NV and V values that fall
    // on x.xx5 exactly, published rounded the other way (README: "The averages of the v1 files").
    EXPECT_EQ(t.equal + t.ties, 4384 * 13);
    EXPECT_EQ(t.ties, 214);
    EXPECT_EQ(t.mismatches, 0);
}

TEST(Samples, UnitedKingdomRawReproducesEveryPublishedValue) {
    const OxFile f = parse("GBR_raw_v1_STATEWIDE_NATGOV_2020.csv");
    EXPECT_EQ(f.layout, Layout::raw);
    ASSERT_EQ(f.records.size(), 1464u);
    const Totals t = compare_file("GBR raw", days_of(f), published_of(f));
    EXPECT_EQ(t.equal, 1464 * 13);
    EXPECT_EQ(t.ties, 0);
    EXPECT_EQ(t.mismatches, 0);
}

TEST(Samples, TimeseriesMatchTheIndicatorsOfTheRowFiles) {
    auto days = days_of(parse("GBR_fullwithnotes_v1_SCO_WAL_NIR_NAT_2020-2022.csv"));
    for (auto& [k, v] : days_of(parse("MEX_NAT_2020_from_legacy_timeseries.csv"))) days[k] = v;
    Totals all;
    for (const char* index : {"Stringency", "GovernmentResponse", "ContainmentHealth", "EconomicSupport"}) {
        const std::string name = fmt::format("timeseries_{}Index_v1_MEX_GBR.csv", index);
        const OxFile f = parse(name);
        EXPECT_EQ(f.layout, Layout::timeseries);
        const Totals t = compare_file(name, days, published_of(f));
        all.equal += t.equal;
        all.ties += t.ties;
        all.mismatches += t.mismatches;
        all.without_indicators += t.without_indicators;
    }
    // MEX 366 days and the four UK jurisdictions 1,096 days each, for four indices; England has no
    // indicators in the samples (1,096 values per index), and Mexico's 2021-22 values none either.
    // The one tie: GBR's GRI weighted average of 23 Dec 2021 (46.925 exactly, published 46.93), as in the
    // fullwithnotes file.
    EXPECT_EQ(all.equal, 4 * (366 + 4 * 1096) - 1);
    EXPECT_EQ(all.ties, 1);
    EXPECT_EQ(all.mismatches, 0);
    EXPECT_EQ(all.without_indicators, 4 * (1096 + (1155 - 366 - 59)));
}

TEST(Samples, FullwithnotesExportReproducesTheIndicatorColumns) {
    const std::string name = "GBR_fullwithnotes_v1_SCO_WAL_NIR_NAT_2020-2022.csv";
    const OxFile f = parse(name);
    const std::string exported = export_fullwithnotes(f.records);
    const auto original = parse_csv(read(sample_path(name)), name);
    const auto back = parse_csv(exported, "export");
    ASSERT_TRUE(original && back);
    ASSERT_EQ(back->header, original->header);
    ASSERT_EQ(back->rows.size(), original->rows.size());
    size_t compared = 0;
    for (size_t col = 0; col < original->header.size(); ++col) {
        const std::string& h = original->header[col];
        if (h.find("Index") != std::string::npos) continue;  // computed, compared above
        for (size_t row = 0; row < original->rows.size(); ++row) {
            ASSERT_EQ(back->rows[row][col], original->rows[row][col])
                << h << " line " << original->row_lines[row];
            ++compared;
        }
    }
    EXPECT_EQ(compared, 4384u * 134u);
    // The record lines are the original bytes too, quoting and CRLF included, except the index columns.
    std::printf("fullwithnotes export: %zu fields byte for byte\n", compared);
}

// The TOTAL imputation on the UK raw file (STATE_WIDE + NAT_GOV, 2020) against the STATE_TOTAL that OxCGRT
// published in the fullwithnotes file: the sixteen ordinal indicators, value and flag, every day.
TEST(Samples, TotalImputationAgainstThePublishedStateTotal) {
    const auto raw = days_of(parse("GBR_raw_v1_STATEWIDE_NATGOV_2020.csv"));
    const auto full = days_of(parse("GBR_fullwithnotes_v1_SCO_WAL_NIR_NAT_2020-2022.csv"));
    const auto& national = raw.at({"GBR", "NAT_GOV"});
    int matched = 0, total = 0;
    std::map<std::string, int> exceptions;  // "UK_SCO C3" -> days
    Date first_exception, last_exception;
    for (const std::string code : {"UK_NIR", "UK_SCO", "UK_WAL"}) {
        const auto& wide = raw.at({code, "STATE_WIDE"});
        const auto& published = full.at({code, "STATE_TOTAL"});
        ASSERT_EQ(wide.size(), national.size());
        for (size_t i = 0; i < wide.size(); ++i) {
            ASSERT_EQ(wide[i].date, national[i].date);
            const ImputedDay imputed = impute_total(wide[i], national[i]);
            const DayPolicy& expected = published[i];
            ASSERT_EQ(expected.date, wide[i].date);
            for (int c = 0; c < k_component_count; ++c) {
                const auto component = static_cast<Component>(c);
                ++total;
                if (imputed.policy.at(component, Segment::everyone) ==
                    expected.at(component, Segment::everyone)) {
                    ++matched;
                } else {
                    const std::string key = code + " " + std::string(component_code(component));
                    if (!exceptions.count(key)) first_exception = wide[i].date;
                    ++exceptions[key];
                    last_exception = wide[i].date;
                }
            }
        }
    }
    std::printf("TOTAL imputation, UK 2020: %d of %d indicator-days as published (%.2f%%)\n", matched, total,
                100.0 * matched / total);
    for (const auto& [key, days] : exceptions)
        std::printf("  exception %s: %d days, %s to %s\n", key.c_str(), days, first_exception.iso().c_str(),
                    last_exception.iso().c_str());
    EXPECT_EQ(total, 3 * 366 * 16);
    EXPECT_EQ(matched, 17547);
    // The one exception: Scotland's C3, 17 Nov - 7 Dec 2020 (NAT_GOV 2 general, STATE_WIDE 2 targeted; the
    // published total keeps Scotland's targeted flag where the rule makes it general).
    ASSERT_EQ(exceptions.size(), 1u);
    EXPECT_EQ(exceptions.begin()->first, "UK_SCO C3");
    EXPECT_EQ(exceptions.begin()->second, 21);
    EXPECT_EQ(first_exception, *Date::from_ymd(2020, 11, 17));
    EXPECT_EQ(last_exception, *Date::from_ymd(2020, 12, 7));
}

TEST(Samples, MalformedFilesNameTheFileLineAndColumn) {
    const std::string header = "CountryName,CountryCode,Jurisdiction,Date,C1_School closing,C1_Flag\r\n";
    auto bad = parse_oxcgrt(
        header + "Mexico,MEX,NAT_TOTAL,20200101,0,\r\nMexico,MEX,NAT_TOTAL,20200102,4,1\r\n", "bad.csv");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("bad.csv: línea 3, columna 5 (C1_School closing)"), std::string::npos)
        << bad.error().message;
    bad = parse_oxcgrt(header + "Mexico,MEX,NAT_TOTAL,2020-01-01,0,\r\n", "bad.csv");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("línea 2, columna 4 (Date)"), std::string::npos)
        << bad.error().message;
    bad = parse_oxcgrt(header + "Mexico,MEX,NAT_TOTAL,20200101,1,2\r\n", "bad.csv");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("columna 6 (C1_Flag)"), std::string::npos) << bad.error().message;
    bad = parse_oxcgrt("CountryName,Colour\r\nMexico,red\r\n", "bad.csv");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("columna 2"), std::string::npos) << bad.error().message;
    bad = parse_oxcgrt(header + "Mexico,MEX,NAT_TOTAL,20200101,0,\r\nMexico,MEX,NAT_TOTAL,20200101,1,1\r\n",
                       "twice.csv");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("twice.csv: línea 3: MEX NAT_TOTAL 2020-01-01"), std::string::npos)
        << bad.error().message;
    bad = parse_oxcgrt(header + "Mexico,MEX,NAT_TOTAL,20200101,0\r\n", "short.csv");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("short.csv"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace metropoli::homologation

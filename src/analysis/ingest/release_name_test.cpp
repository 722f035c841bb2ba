// SPDX-License-Identifier: MIT
#include "analysis/ingest/release_name.hpp"

#include <gtest/gtest.h>

namespace metropoli::analysis {
namespace {

std::string named(std::string_view name) {
    const auto d = release_date_in_name(name);
    return d ? d->iso() : "none";
}

TEST(ReleaseName, TheOfficialAndTheArchivedNamesCarryTheirDate) {
    EXPECT_EQ(named("/data/200413COVID19MEXICO.csv"), "2020-04-13");
    EXPECT_EQ(named("220714COVID19MEXICO.csv"), "2022-07-14");
    EXPECT_EQ(named("releases/datos_abiertos_20200417_laguna.csv"), "2020-04-17");
    EXPECT_EQ(named("covidmx_sample_20220714_bc_bcs.csv"), "2022-07-14");
}

TEST(ReleaseName, AZipMemberIsReadBeforeTheArchive) {
    EXPECT_EQ(named("/tmp/datos_abiertos_20200514.zip:datos_abiertos/raw/datos_abiertos_20200514.csv"),
              "2020-05-14");
    EXPECT_EQ(named("/tmp/datos_abiertos_covid19.zip:200601COVID19MEXICO.csv"), "2020-06-01");
    EXPECT_EQ(named("/tmp/release_20200430.zip:data.csv"), "2020-04-30");
    EXPECT_EQ(named("/tmp/datos_abiertos_covid19.zip:datos.csv"), "none");
}

TEST(ReleaseName, NoDateARangeOrAnImpossibleDayIsNone) {
    EXPECT_EQ(named("after.csv"), "none");
    EXPECT_EQ(named("irag_coah_dgo_20200407_20200906.csv"), "none");
    EXPECT_EQ(named("release_20201332.csv"), "none");
    EXPECT_EQ(named("id_120200413.csv"), "none");          // nine digits: not a date
    EXPECT_EQ(named("200413.csv"), "none");                // six digits without COVID19MEXICO
    EXPECT_EQ(named("/data/20200413/after.csv"), "none");  // a folder's date is not the file's
}

}  // namespace
}  // namespace metropoli::analysis

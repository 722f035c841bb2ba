// SPDX-License-Identifier: MIT
// Who does what where on both engines: who may record an activity, edits with their version, the sector x
// municipality matrix with its gaps and overlaps computed by hand, the HXL round trip (export, import, export
// gives the same rows), the HXL rules of the import (tag row found below other rows, attributes in any order)
// and a bad row refused with its row and column and nothing written.
#include "coordination/activities.hpp"

#include <gtest/gtest.h>

#include "coordination/coordination_fixture.hpp"
#include "coordination/hxl.hpp"

namespace metropoli::coordination::testing {
namespace {

class Activities : public CoordinationTest {
protected:
    ActivityFields fields(int64_t org, const std::string& sector, const std::string& adm2,
                          std::optional<int64_t> reached = std::nullopt) {
        ActivityFields f;
        f.organisation = org;
        f.sector = sector;
        f.activity = "Actividad de " + sector;
        f.adm1 = adm2.substr(0, 2);
        f.adm2 = adm2;
        f.start_date = Date::from_ymd(2020, 6, 1);
        f.status = "ongoing";
        f.reached = reached;
        return f;
    }
    int64_t add(const ActivityFields& f) {
        auto made = create_activity(*m_db, m_clock, m_cli, "", f);
        EXPECT_TRUE(made) << made.error().message;
        return made ? made->id : 0;
    }
    const std::vector<Place> k_metro = {
        {"05017", "Matamoros"}, {"05035", "Torreón"}, {"10007", "Gómez Palacio"}, {"10012", "Lerdo"}};
};

TEST_P(Activities, ACoordinatorOrTheImplementingOrganisationsEditorRecordsAndEditsWithTheVersion) {
    const int64_t cruz = organisation("Cruz Roja"), caritas = organisation("Cáritas");
    const auto editor = actor_of(account("editora@example.org", {{access::Role::editor, cruz}}));
    auto other = create_activity(*m_db, m_clock, editor, "", fields(caritas, "Salud", "05035"));
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::forbidden);
    auto anonymous = create_activity(*m_db, m_clock, access::Actor{}, "", fields(cruz, "Salud", "05035"));
    ASSERT_FALSE(anonymous);
    EXPECT_EQ(anonymous.error().code, ErrorCode::unauthenticated);
    auto bad = fields(cruz, "Salud", "05035");
    bad.adm1 = "10";
    auto wrong_state = create_activity(*m_db, m_clock, editor, "", bad);
    ASSERT_FALSE(wrong_state);
    EXPECT_EQ(wrong_state.error().message.rfind("/adm2:", 0), 0u) << wrong_state.error().message;
    bad = fields(cruz, "Salud", "05035");
    bad.end_date = Date::from_ymd(2020, 5, 1);
    EXPECT_EQ(create_activity(*m_db, m_clock, editor, "", bad).error().message.rfind("/end_date:", 0), 0u);
    bad = fields(cruz, "Salud", "05035");
    bad.latitude = 25.5;
    EXPECT_EQ(create_activity(*m_db, m_clock, editor, "", bad).error().message.rfind("/longitude:", 0), 0u);

    auto made = create_activity(*m_db, m_clock, editor, "r-1", fields(cruz, "Salud", "05035", 120));
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->organisation_name, "Cruz Roja (nombre completo)");
    EXPECT_EQ(made->version, 1);
    auto edit = fields(cruz, "Salud", "05035", 300);
    edit.status = "completed";
    auto stale = update_activity(*m_db, m_clock, editor, "", made->id, 7, edit);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
    auto handed = update_activity(*m_db, m_clock, editor, "", made->id, 1, fields(caritas, "Salud", "05035"));
    ASSERT_FALSE(handed) << "an editor may not hand the activity to another organisation";
    EXPECT_EQ(handed.error().code, ErrorCode::forbidden);
    auto edited = update_activity(*m_db, m_clock, editor, "", made->id, 1, edit);
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_EQ(edited->version, 2);
    EXPECT_EQ(*edited->reached, 300);
    EXPECT_EQ(edited->status, "completed");
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('activity.create', 'activity.update')"),
              2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.update' AND detail LIKE "
                    "'%completed%'"),
              1);

    ActivityFilter filter;
    filter.status = "completed";
    EXPECT_EQ(list_activities(*m_db, filter)->size(), 1u);
    filter.status = "planned";
    EXPECT_EQ(list_activities(*m_db, filter)->size(), 0u);
    ActivityFilter by_org;
    by_org.organisation = caritas;
    EXPECT_EQ(list_activities(*m_db, by_org)->size(), 0u);
}

TEST_P(Activities, TheMatrixNamesGapsAndOverlapsComputedByHand) {
    const int64_t cruz = organisation("Cruz Roja"), caritas = organisation("Cáritas"),
                  banco = organisation("Banco de Alimentos");
    // Salud: Cruz Roja and Cáritas in Torreón (overlap), Cruz Roja in Gómez Palacio; none in Matamoros and
    // Lerdo (gaps). Alimentación: the Banco twice in Torreón (one organisation: no overlap), nowhere else
    // (gaps in the three others). A state-wide activity has no municipality.
    add(fields(cruz, "Salud", "05035", 100));
    add(fields(caritas, "Salud", "05035", 50));
    add(fields(cruz, "Salud", "10007", 30));
    add(fields(banco, "Alimentación", "05035", 200));
    add(fields(banco, "Alimentación", "05035", 20));
    auto state_wide = fields(caritas, "Alimentación", "05035");
    state_wide.adm2.reset();
    add(state_wide);
    auto m = activity_matrix(*m_db, k_metro);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->sectors, (std::vector<std::string>{"Alimentación", "Salud"}));
    ASSERT_EQ(m->cells.size(), 8u);
    EXPECT_EQ(m->without_municipality, 1);
    auto cell = [&](const std::string& s, const std::string& p) {
        for (const auto& c : m->cells)
            if (c.sector == s && c.adm2 == p) return c;
        ADD_FAILURE() << s << " " << p;
        return MatrixCell{};
    };
    EXPECT_EQ(cell("Salud", "05035").activities, 2);
    EXPECT_EQ(cell("Salud", "05035").reached, 150);
    EXPECT_TRUE(cell("Salud", "05035").overlap);
    EXPECT_FALSE(cell("Salud", "10007").overlap);
    EXPECT_TRUE(cell("Salud", "05017").gap);
    EXPECT_TRUE(cell("Salud", "10012").gap);
    EXPECT_FALSE(cell("Salud", "10007").gap);
    EXPECT_EQ(cell("Alimentación", "05035").activities, 2);
    EXPECT_EQ(cell("Alimentación", "05035").reached, 220);
    EXPECT_FALSE(cell("Alimentación", "05035").overlap) << "one organisation twice is not an overlap";
    const auto j = matrix_json(*m);
    ASSERT_EQ(j["gaps"].size(),
              5u);  // Salud: Matamoros, Lerdo; Alimentación: Matamoros, Gómez Palacio, Lerdo
    ASSERT_EQ(j["overlaps"].size(), 1u);
    EXPECT_EQ(j["overlaps"][0]["municipality"], "Torreón");
    EXPECT_EQ(
        j["overlaps"][0]["text"],
        "2 organizaciones en Salud en Torreón: Cruz Roja (nombre completo), Cáritas (nombre completo) / 2 "
        "organisations in Salud in Torreón");
    EXPECT_EQ(j["gaps"][0]["text"],
              "Sin actividades de Alimentación en Matamoros / no Alimentación activities in "
              "Matamoros");
    // A sector filter keeps one row; the places stay.
    ActivityFilter salud;
    salud.sector = "Salud";
    EXPECT_EQ(activity_matrix(*m_db, k_metro, salud)->cells.size(), 4u);
}

TEST_P(Activities, AnHxlExportImportedBackGivesTheSameRows) {
    const int64_t cruz = organisation("Cruz Roja"), fondo = organisation("Fondo Laguna, A.C.");
    auto full = fields(cruz, "Salud", "05035", 120);
    full.programming = fondo;
    full.funding = fondo;
    full.end_date = Date::from_ymd(2020, 12, 31);
    full.targeted = 500;
    full.latitude = 25.5428;
    full.longitude = -103.4068;
    full.activity = "Brigadas, \"casa por casa\"";
    add(full);
    add(fields(cruz, "Agua y saneamiento", "10007"));
    auto exported = export_activities_hxl(*m_db);
    ASSERT_TRUE(exported) << exported.error().message;
    EXPECT_NE(exported->find("#org+impl,#org+prog,#org+funder,#sector,#activity,#adm1+code,#adm2+code"),
              std::string::npos);
    m_db->session() << "DELETE FROM activities";
    auto imported = import_activities_hxl(*m_db, m_clock, m_cli, "", *exported);
    ASSERT_TRUE(imported) << imported.error().message;
    EXPECT_TRUE(imported->problems.empty()) << hxl_import_json(*imported).dump();
    EXPECT_EQ(imported->imported, 2);
    auto again = export_activities_hxl(*m_db);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *exported);
}

TEST_P(Activities, TheImportFindsTheTagRowAndColumnsByHashtagInAnyOrder) {
    organisation("Cruz Roja");
    // A title row, a row of names, then the tags with attributes reordered, spaced and in capitals; an extra
    // column the import ignores; the short name of an organisation.
    const std::string csv =
        "3W de La Laguna,,,,,,,\n"
        "Sector,Quién,Estado,Municipio,Desde,Situación,Qué,Notas\n"
        "#SECTOR,#org +impl,#adm1+code,#adm2 +code +v_inegi,#date+start,#status,#activity,#meta+notes\n"
        "Salud,Cruz Roja,05,05035,2020-06-01,Ongoing,Brigadas,una nota\n";
    auto imported = import_activities_hxl(*m_db, m_clock, m_cli, "", csv);
    ASSERT_TRUE(imported) << imported.error().message;
    ASSERT_TRUE(imported->problems.empty()) << hxl_import_json(*imported).dump();
    auto list = list_activities(*m_db);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ(*list->front().adm2, "05035");
    EXPECT_EQ(list->front().status, "ongoing");
    EXPECT_EQ(list->front().activity, "Brigadas");
    auto no_tags = import_activities_hxl(*m_db, m_clock, m_cli, "", "Sector,Quién\nSalud,Cruz Roja\n");
    ASSERT_FALSE(no_tags);
    EXPECT_EQ(no_tags.error().message.rfind("/csv:", 0), 0u);
    auto missing = import_activities_hxl(*m_db, m_clock, m_cli, "", "#sector,#org+impl\nSalud,Cruz Roja\n");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("#activity"), std::string::npos) << missing.error().message;
    EXPECT_TRUE(hxl_matches(*parse_hxl_tag("#org+name+impl"), *parse_hxl_tag("#org +impl")));
    EXPECT_FALSE(hxl_matches(*parse_hxl_tag("#org+prog"), *parse_hxl_tag("#org+impl")));
    EXPECT_FALSE(parse_hxl_tag("org+impl"));
    EXPECT_FALSE(parse_hxl_tag("#org impl"));
}

TEST_P(Activities, ABadRowIsNamedWithItsRowAndColumnAndNothingIsWritten) {
    organisation("Cruz Roja");
    const std::string csv =
        "Org,Sector,Actividad,Estado,Municipio,Inicio,Fin,Estatus,Alcanzadas\n"
        "#org+impl,#sector,#activity,#adm1+code,#adm2+code,#date+start,#date+end,#status,#reached\n"
        "Cruz Roja,Salud,Brigadas,05,05035,2020-06-01,,ongoing,100\n"
        "Cruz Roja,Salud,Brigadas,05,05035,2020-13-01,,ongoing,100\n"
        "Nadie,Salud,Brigadas,05,05035,2020-06-01,,ongoing,muchas\n"
        "Cruz Roja,Salud,Brigadas,05,05035,2020-06-01,2020-05-01,ongoing,1\n";
    const long long audit_before = count("SELECT COUNT(*) FROM audit_log");
    auto imported = import_activities_hxl(*m_db, m_clock, m_cli, "", csv);
    ASSERT_TRUE(imported) << imported.error().message;
    EXPECT_EQ(imported->imported, 0);
    ASSERT_EQ(imported->problems.size(), 4u) << hxl_import_json(*imported).dump();
    EXPECT_EQ(imported->problems[0].row, 4);
    EXPECT_EQ(imported->problems[0].column, "#date+start");
    EXPECT_EQ(imported->problems[1].row, 5);
    EXPECT_EQ(imported->problems[1].column, "#org+impl");
    EXPECT_EQ(imported->problems[2].row, 5);
    EXPECT_EQ(imported->problems[2].column, "#reached");
    EXPECT_EQ(imported->problems[3].row, 6);
    EXPECT_EQ(imported->problems[3].column, "#date+end");
    EXPECT_EQ(count("SELECT COUNT(*) FROM activities"), 0) << "all or nothing: the good row is not written";
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit_before);
}

INSTANTIATE_TEST_SUITE_P(Engines, Activities, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::coordination::testing

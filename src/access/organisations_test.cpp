// SPDX-License-Identifier: MIT
// The organisations registry on both engines: seeds, filters, the version check, permission refusals in the
// library, and the audit entry every write leaves.
#include "access/organisations.hpp"

#include <gtest/gtest.h>

#include "access/access_fixture.hpp"

namespace metropoli::access::testing {
namespace {

class Organisations : public AccessTest {
protected:
    long long audited(const std::string& action) {
        return count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
    }
};

TEST_P(Organisations, TheLagunaSeedsArePresentWithTheirAccentsOnceAndEditable) {
    auto added = seed_organisations(*m_db, m_clock, "laguna");
    ASSERT_TRUE(added) << added.error().message;
    EXPECT_EQ(*added, 6);
    auto list = list_organisations(*m_db);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 6u);
    std::set<std::string> names;
    for (const auto& o : *list) {
        names.insert(o.name);
        EXPECT_TRUE(o.seed) << o.name;
        EXPECT_EQ(o.version, 1);
        EXPECT_EQ(o.created_at, "2026-03-12T08:30:00Z");
    }
    for (const char* name : {"Jurisdicción Sanitaria de Torreón, Matamoros y Viesca",
                             "Ejecutivo Municipal de Torreón", "Salud Municipal de Gómez Palacio",
                             "Ejecutivo del Estado de Coahuila", "Mando Especial (SEDENA / Metropolitano)",
                             "Sociedad Civil de La Laguna (coalición Metrópoli Laguna)"}) {
        EXPECT_EQ(names.count(name), 1u) << name;
    }
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM audit_log WHERE action = 'organisation.create' AND actor = 'system'"), 6);
    auto civil = list_organisations(*m_db, {.coalition = true});
    ASSERT_EQ(civil->size(), 1u);
    EXPECT_EQ(civil->front().kind, "civil_society");
    // Renamed by an editor, a seed stays a seed and seeding again brings nothing back.
    auto torreon = find_organisation(*m_db, "Municipio de Torreón");
    ASSERT_TRUE(torreon) << torreon.error().message;
    OrganisationFields rename;
    rename.short_name = "Torreón";
    ASSERT_TRUE(update_organisation(*m_db, m_clock, m_cli, "", torreon->id, 1, rename));
    EXPECT_EQ(*seed_organisations(*m_db, m_clock, "laguna"), 0);
    EXPECT_EQ(list_organisations(*m_db)->size(), 6u);
    EXPECT_TRUE(get_organisation(*m_db, torreon->id)->seed);
    EXPECT_EQ(*seed_organisations(*m_db, m_clock, "tampico"), 0);
}

TEST_P(Organisations, ListsFilterByKindSectorAndCoalition) {
    ASSERT_TRUE(seed_organisations(*m_db, m_clock, "laguna"));
    auto health = list_organisations(*m_db, {.sector = "SALUD"});
    ASSERT_TRUE(health);
    EXPECT_EQ(health->size(), 3u);  // the jurisdiction, Gómez Palacio's health and the Mando Especial
    auto municipal = list_organisations(*m_db, {.kind = "municipal_government"});
    EXPECT_EQ(municipal->size(), 2u);
    auto none = list_organisations(*m_db, {.kind = "armed_forces", .coalition = true});
    EXPECT_TRUE(none->empty());
    EXPECT_TRUE(list_organisations(*m_db, {.sector = "turismo"})->empty());
}

TEST_P(Organisations, AnUpdateNeedsTheVersionItRead) {
    const int64_t id = organisation("Cámara Laguna", "business_chamber");
    OrganisationFields change;
    change.website = "https://camara.example.org";
    change.sectors = std::vector<std::string>{"comercio"};
    m_clock.advance(std::chrono::seconds(60));
    auto v2 = update_organisation(*m_db, m_clock, m_cli, "req-1", id, 1, change);
    ASSERT_TRUE(v2) << v2.error().message;
    EXPECT_EQ(v2->version, 2);
    EXPECT_EQ(v2->website, "https://camara.example.org");
    EXPECT_EQ(v2->updated_at, "2026-03-12T08:31:00Z");
    EXPECT_EQ(v2->created_at, "2026-03-12T08:30:00Z");
    // A second writer who also read version 1 is refused, and nothing changes.
    OrganisationFields stale;
    stale.website = "https://otra.example.org";
    auto refused = update_organisation(*m_db, m_clock, m_cli, "req-2", id, 1, stale);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::precondition_failed);
    EXPECT_EQ(get_organisation(*m_db, id)->website, "https://camara.example.org");
    EXPECT_EQ(get_organisation(*m_db, id)->version, 2);
    EXPECT_EQ(audited("organisation.update"), 1);
    auto missing = update_organisation(*m_db, m_clock, m_cli, "", id + 100, 1, stale);
    EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(Organisations, TheLibraryRefusesWhoMayNotAndWritesNothing) {
    const int64_t mine = organisation("Mía");
    const int64_t other = organisation("Otra");
    const Actor editor = actor_of(account("editora@example.org", {{Role::editor, mine}}));
    const Actor analyst = actor_of(account("analista@example.org", {{Role::analyst}}));
    const Actor admin = actor_of(account("admin@example.org", {{Role::admin}}));
    const long long creates = audited("organisation.create");
    OrganisationFields f;
    f.name = "Nueva";
    f.short_name = "Nueva";
    f.kind = "other";
    EXPECT_EQ(create_organisation(*m_db, m_clock, editor, "", f).error().code, ErrorCode::forbidden);
    EXPECT_EQ(create_organisation(*m_db, m_clock, analyst, "", f).error().code, ErrorCode::forbidden);
    EXPECT_EQ(create_organisation(*m_db, m_clock, Actor{}, "", f).error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(audited("organisation.create"), creates);
    EXPECT_EQ(list_organisations(*m_db)->size(), 2u);
    ASSERT_TRUE(create_organisation(*m_db, m_clock, admin, "", f));

    OrganisationFields contact;
    contact.contact = "contacto@mia.example.org";
    auto own = update_organisation(*m_db, m_clock, editor, "", mine, 1, contact);
    ASSERT_TRUE(own) << own.error().message;
    auto theirs = update_organisation(*m_db, m_clock, editor, "", other, 1, contact);
    ASSERT_FALSE(theirs);
    EXPECT_EQ(theirs.error().code, ErrorCode::forbidden);
    EXPECT_EQ(get_organisation(*m_db, other)->contact, "");
    EXPECT_EQ(update_organisation(*m_db, m_clock, analyst, "", mine, 2, contact).error().code,
              ErrorCode::forbidden);
    EXPECT_TRUE(update_organisation(*m_db, m_clock, admin, "", other, 1, contact));
}

TEST_P(Organisations, MalformedFieldsAndTakenNamesAreRefused) {
    organisation("Uno");
    OrganisationFields f;
    f.name = "Dos completo";
    f.short_name = "Dos";
    f.kind = "gobierno";
    auto bad_kind = create_organisation(*m_db, m_clock, m_cli, "", f);
    EXPECT_EQ(bad_kind.error().code, ErrorCode::invalid_argument);
    EXPECT_TRUE(bad_kind.error().message.starts_with("/kind")) << bad_kind.error().message;
    f.kind = "other";
    f.jurisdictions = std::vector<std::string>{"05035", "Torreón"};
    EXPECT_TRUE(
        create_organisation(*m_db, m_clock, m_cli, "", f).error().message.starts_with("/jurisdictions/1"));
    f.jurisdictions = std::vector<std::string>{"05035", "10"};
    f.website = "javascript:alert(1)";
    EXPECT_TRUE(create_organisation(*m_db, m_clock, m_cli, "", f).error().message.starts_with("/website"));
    f.website = "";
    f.short_name = "Uno";
    EXPECT_EQ(create_organisation(*m_db, m_clock, m_cli, "", f).error().code, ErrorCode::conflict);
    f.short_name = "Dos";
    auto made = create_organisation(*m_db, m_clock, m_cli, "", f);
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->jurisdictions, (std::vector<std::string>{"05035", "10"}));
    OrganisationFields empty_name;
    empty_name.name = " ";
    EXPECT_EQ(update_organisation(*m_db, m_clock, m_cli, "", made->id, 1, empty_name).error().code,
              ErrorCode::invalid_argument);
}

TEST_P(Organisations, AnOrganisationIsFoundByIdOrShortName) {
    const int64_t id = organisation("Salud Lerdo");
    EXPECT_EQ(find_organisation(*m_db, std::to_string(id))->id, id);
    EXPECT_EQ(find_organisation(*m_db, "Salud Lerdo")->id, id);
    EXPECT_EQ(find_organisation(*m_db, "salud lerdo")->id, id);
    EXPECT_EQ(find_organisation(*m_db, "Salud").error().code, ErrorCode::not_found);
    EXPECT_EQ(find_organisation(*m_db, "999").error().code, ErrorCode::not_found);
}

TEST(OrganisationJson, FieldsComeFromJsonWithPointersToWhatIsWrong) {
    auto ok = organisation_fields_from_json(
        {{"name", "A"}, {"sectors", {"salud"}}, {"coalition", true}, {"version", 3}, {"id", 1}});
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(*ok->name, "A");
    EXPECT_EQ(*ok->coalition, true);
    EXPECT_FALSE(ok->website);
    EXPECT_EQ(organisation_fields_from_json({{"colour", "red"}}).error().message.substr(0, 7), "/colour");
    EXPECT_EQ(organisation_fields_from_json({{"sectors", {"a", 3}}}).error().message.substr(0, 10),
              "/sectors/1");
    EXPECT_EQ(organisation_fields_from_json({{"coalition", "yes"}}).error().message.substr(0, 10),
              "/coalition");
    EXPECT_FALSE(organisation_fields_from_json(nlohmann::json::array()));
}

INSTANTIATE_TEST_SUITE_P(Engines, Organisations, ::testing::ValuesIn(storage::testing::all_engines()),
                         param_name);

}  // namespace
}  // namespace metropoli::access::testing

// SPDX-License-Identifier: MIT
// Test support for harmonised decisions: access's fixture with Coordinar's and Homologar's migrations, the La
// Laguna organisations and Mesa (six voting seats, a holder and an alternate account for each), meetings and
// attendance inserted as Coordinar records them, an owner for each of the five municipalities, and the
// harmonised curfew of November 2020 as a proposal.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "access/access_fixture.hpp"
#include "access/organisations.hpp"
#include "coordination/bodies.hpp"
#include "coordination/migrations.hpp"
#include "homologation/activity_rules.hpp"
#include "homologation/decisions.hpp"
#include "homologation/migrations.hpp"

namespace metropoli::homologation::testing {

using access::testing::param_name;

class DecisionTest : public access::testing::AccessTest {
protected:
    void SetUp() override {
        AccessTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        auto migrations = storage::storage_migrations();
        for (auto& m : access::access_migrations()) migrations.push_back(std::move(m));
        for (auto& m : coordination::coordination_migrations()) migrations.push_back(std::move(m));
        for (auto& m : homologation_migrations()) migrations.push_back(std::move(m));
        for (auto& m : activity_rule_migrations()) migrations.push_back(std::move(m));
        for (auto& m : decision_migrations()) migrations.push_back(std::move(m));
        auto migrated = storage::migrate(*m_db, migrations, m_clock);
        ASSERT_TRUE(migrated) << migrated.error().message;
        ASSERT_TRUE(access::seed_organisations(*m_db, m_clock, "laguna"));
        ASSERT_TRUE(coordination::seed_bodies(*m_db, m_clock, "laguna"));
        m_body = coordination::list_bodies(*m_db, access::Actor{})->front().id;
        const auto seats =
            coordination::body_seats(*m_db, access::Actor{}, m_body, *Date::parse_iso("2020-06-01"));
        ASSERT_TRUE(seats) << seats.error().message;
        for (const auto& s : *seats) {
            m_seats.push_back(s.id);
            m_seat_orgs.push_back(s.organisation);
        }
        ASSERT_EQ(m_seats.size(), 6u);
        m_coordinator = actor_of(account("coord@example.org", {{access::Role::coordinator}}));
        for (std::size_t s = 0; s < m_seats.size(); ++s) {
            m_members.push_back(member("holder" + std::to_string(s) + "@example.org", s, false));
            m_alternates.push_back(member("alternate" + std::to_string(s) + "@example.org", s, true));
        }
        // Torreón's executive (seat 3), Coahuila's for Matamoros and Francisco I. Madero (seat 1), Gómez
        // Palacio's health (seat 4), and Lerdo, which the preset's directory lacks.
        m_owner = {{"05035", m_seat_orgs[3]},
                   {"05017", m_seat_orgs[1]},
                   {"05009", m_seat_orgs[1]},
                   {"10007", m_seat_orgs[4]},
                   {"10012", organisation("Lerdo", "municipal_government")}};
    }

    // A meeting of the Mesa on `day`, 17:00-19:00 UTC, inserted as the meetings store would.
    int64_t meeting(const std::string& day) {
        long long id = 0, body = m_body;
        const std::string starts = day + "T17:00:00Z", ends = day + "T19:00:00Z", now = m_clock.now_iso();
        m_db->session() << "INSERT INTO meetings (body_id, title, starts_at, ends_at, mode, state, example, "
                           "created_at, updated_at) VALUES (:b, 'Sesión de la Mesa', :s, :e, 'in_person', "
                           "'held', 0, :c, :u) RETURNING id",
            soci::use(body), soci::use(starts), soci::use(ends), soci::use(now), soci::use(now),
            soci::into(id);
        return id;
    }

    void attend(int64_t meeting, std::size_t seat, const std::string& status) {
        long long g = meeting, s = m_seats.at(seat);
        const std::string now = m_clock.now_iso();
        m_db->session()
            << "INSERT INTO attendance (meeting_id, seat_id, status, recorded_at) VALUES (:g, :s, "
               ":st, :t)",
            soci::use(g), soci::use(s), soci::use(status), soci::use(now);
    }

    // A member of the Mesa whose person holds seat `seat` (or is its alternate) from 2020-05-04.
    access::Actor member(const std::string& email, std::size_t seat, bool alternate) {
        const auto a = account(email, {{access::Role::member, std::nullopt, m_body}});
        long long person = a.person.id, s = m_seats.at(seat);
        const std::string column = alternate ? "alternate_person_id" : "person_id";
        m_db->session() << "UPDATE seat_terms SET " + column + " = :p WHERE seat_id = :s", soci::use(person),
            soci::use(s);
        return actor_of(a);
    }

    // The harmonised curfew: C6 2 general, 22:00-05:00, for the five municipalities from 16 November 2020.
    NewDecision curfew(int64_t meeting) const {
        NewDecision d;
        d.meeting = meeting;
        d.title = "Toque de queda metropolitano 22:00–05:00";
        d.measure.kind = "observation";
        d.measure.indicator = "C6";
        d.measure.value = 2;
        d.measure.flag = 1;
        d.measure.extensions = {{"curfew_from", "22:00"}, {"curfew_to", "05:00"}};
        d.applies_from = Date::parse_iso("2020-11-16");
        for (const char* code : {"05035", "05017", "05009", "10007", "10012"})
            d.jurisdictions.emplace_back(code, m_owner.at(code));
        return d;
    }

    int64_t m_body = 0;
    std::vector<int64_t> m_seats, m_seat_orgs;
    access::Actor m_coordinator;
    std::vector<access::Actor> m_members, m_alternates;
    std::map<std::string, int64_t> m_owner;
};

}  // namespace metropoli::homologation::testing

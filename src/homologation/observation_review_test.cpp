// SPDX-License-Identifier: MIT
// The review of observations on both engines: draft → submitted by its coder → approved or rejected by a
// reviewer who is not its coder; the coder cannot approve their own; a stale version is refused and changes
// nothing; a rejection needs a reason, named as /reason; an approved observation is not edited, and its
// correction replaces it in the indices only once approved; anyone sees approved observations only.
#include "homologation/observation_review.hpp"

#include <gtest/gtest.h>

#include "homologation/effective_policy.hpp"
#include "homologation/observation_fixture.hpp"
#include "homologation/observation_listing.hpp"
#include "homologation/policy_store.hpp"

namespace metropoli::homologation::testing {
namespace {

using access::Grant;
using access::Role;

class ObservationReview : public ObservationTest {
protected:
    void SetUp() override {
        ObservationTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_coder = actor_of(account("codifica@metropoli.example", {Grant{Role::analyst}}));
        m_other_coder = actor_of(account("otra@metropoli.example", {Grant{Role::analyst}}));
        m_reviewer = actor_of(account("revisa@metropoli.example", {Grant{Role::coordinator}}));
    }

    // Gómez Palacio's curfew (C6 = `value`, general) as `coder` codes it: a draft.
    int64_t draft(const access::Actor& coder, const std::string& value, const char* start = "2020-11-03",
                  const char* end = "2020-11-17", std::optional<int64_t> supersedes = std::nullopt) {
        ObservationInput in = input("10007", "C6", value, 1, start, end);
        in.source = {"periodico_oficial", "Decreto", "Gobierno de Durango", day("2020-11-02"),
                     "https://example.org/decreto"};
        in.supersedes = supersedes;
        auto made = record_observation(*m_db, m_clock, coder, "", in);
        EXPECT_TRUE(made) << made.error().message;
        return made ? *made : 0;
    }
    long long audits(const std::string& action, int64_t id) {
        return count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action +
                     "' AND subject = 'policy_observation:" + std::to_string(id) + "'");
    }

    // C6 of 10007 GOV on `day` as the indices read it, or -1 when nothing counts.
    int counted_c6(const std::string& day) {
        auto days = load_days(*m_db, "10007", "GOV");
        EXPECT_TRUE(days) << days.error().message;
        for (const auto& d : *days)
            if (d.date.iso() == day)
                if (const auto& r = d.at(Component::c6, Segment::everyone)) return r->value;
        return -1;
    }

    // C6 of Gómez Palacio on `iso` in the resident's effective policy, and the observation that set it.
    std::pair<std::optional<int>, int64_t> effective_c6(const char* iso) {
        auto eff = effective_policy(*m_db, "10007", "C6", day(iso), day(iso));
        EXPECT_TRUE(eff) << eff.error().message;
        if (!eff || eff->empty()) return {std::nullopt, 0};
        const auto& d = eff->front();
        return {d.value, d.set_by ? d.set_by->observation : 0};
    }

    access::Actor m_coder, m_other_coder, m_reviewer;
};

TEST_P(ObservationReview, ADraftIsSubmittedByItsCoderAndApprovedByAnotherReviewerEachStepAudited) {
    const int64_t id = draft(m_coder, "2");
    EXPECT_EQ(counted_c6("2020-11-05"), -1) << "a draft counts for nothing";
    EXPECT_EQ(effective_c6("2020-11-05").first, std::nullopt);

    auto foreign = submit_observation(*m_db, m_clock, m_other_coder, "", id, 1);
    ASSERT_FALSE(foreign);
    EXPECT_EQ(foreign.error().code, ErrorCode::forbidden) << foreign.error().message;

    auto submitted = submit_observation(*m_db, m_clock, m_coder, "r-1", id, 1);
    ASSERT_TRUE(submitted) << submitted.error().message;
    EXPECT_EQ(submitted->review_state, "submitted");
    EXPECT_EQ(submitted->version, 2);
    EXPECT_EQ(submitted->submitted_at, "2026-03-12T08:30:00Z");
    EXPECT_EQ(audits("policy.observation.submit", id), 1);
    EXPECT_EQ(counted_c6("2020-11-05"), -1) << "nor does a submitted one";

    // The coder holds no policy.review; a coordinator who coded it would be refused as its coder.
    auto by_coder = approve_observation(*m_db, m_clock, m_coder, "", id, 2);
    ASSERT_FALSE(by_coder);
    EXPECT_EQ(by_coder.error().code, ErrorCode::forbidden);

    auto approved = approve_observation(*m_db, m_clock, m_reviewer, "r-2", id, 2);
    ASSERT_TRUE(approved) << approved.error().message;
    EXPECT_EQ(approved->review_state, "approved");
    EXPECT_EQ(approved->reviewer, "revisa@metropoli.example");
    EXPECT_EQ(approved->version, 3);
    EXPECT_EQ(audits("policy.observation.approve", id), 1);
    EXPECT_EQ(counted_c6("2020-11-05"), 2);
    EXPECT_EQ(counted_c6("2020-11-18"), -1);
    EXPECT_EQ(effective_c6("2020-11-05"), (std::pair<std::optional<int>, int64_t>{2, id}));

    auto again = approve_observation(*m_db, m_clock, m_reviewer, "", id, 3);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::conflict) << "only a submitted observation is approved";
}

TEST_P(ObservationReview, TheCoderCannotReviewTheirOwnEvenAsAReviewer) {
    const int64_t id = draft(m_reviewer, "2");
    ASSERT_TRUE(submit_observation(*m_db, m_clock, m_reviewer, "", id, 1));
    for (const bool approve : {true, false}) {
        auto own = approve ? approve_observation(*m_db, m_clock, m_reviewer, "", id, 2)
                           : reject_observation(*m_db, m_clock, m_reviewer, "", id, 2, "no");
        ASSERT_FALSE(own);
        EXPECT_EQ(own.error().code, ErrorCode::forbidden);
        EXPECT_NE(own.error().message.find("cannot review it"), std::string::npos) << own.error().message;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM policy_observations WHERE review_state = 'submitted'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action IN ('policy.observation.submit', "
                    "'policy.observation.approve', 'policy.observation.reject')"),
              1);
}

TEST_P(ObservationReview, AStaleVersionIsRefusedAndChangesNothing) {
    const int64_t id = draft(m_coder, "2");
    ASSERT_TRUE(submit_observation(*m_db, m_clock, m_coder, "", id, 1));
    auto stale = approve_observation(*m_db, m_clock, m_reviewer, "", id, 1);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
    EXPECT_NE(stale.error().message.find("v2"), std::string::npos) << stale.error().message;
    auto edit = editable_observation(*m_db, m_coder, id, 1);
    ASSERT_FALSE(edit);
    EXPECT_EQ(edit.error().code, ErrorCode::precondition_failed);
    EXPECT_EQ(count("SELECT version FROM policy_observations WHERE id = " + std::to_string(id)), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM policy_observations WHERE review_state = 'submitted'"), 1);
    EXPECT_EQ(audits("policy.observation.approve", id), 0);
}

TEST_P(ObservationReview, ARejectionNeedsAReasonAndSendsTheDraftBackToItsCoder) {
    const int64_t id = draft(m_coder, "2");
    ASSERT_TRUE(submit_observation(*m_db, m_clock, m_coder, "", id, 1));
    auto silent = reject_observation(*m_db, m_clock, m_reviewer, "", id, 2, "  ");
    ASSERT_FALSE(silent);
    EXPECT_EQ(silent.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(silent.error().message.rfind("/reason:", 0), 0u) << silent.error().message;

    auto rejected = reject_observation(*m_db, m_clock, m_reviewer, "", id, 2,
                                       "El decreto dice 23:00, no 22:00 / The decree says 23:00");
    ASSERT_TRUE(rejected) << rejected.error().message;
    EXPECT_EQ(rejected->review_state, "rejected");
    EXPECT_EQ(rejected->review_reason, "El decreto dice 23:00, no 22:00 / The decree says 23:00");
    EXPECT_EQ(audits("policy.observation.reject", id), 1);
    EXPECT_EQ(counted_c6("2020-11-05"), -1);
    auto editable = editable_observation(*m_db, m_coder, id, 3);
    ASSERT_TRUE(editable) << editable.error().message;
    auto foreign = editable_observation(*m_db, m_other_coder, id, 3);
    ASSERT_FALSE(foreign);
    EXPECT_EQ(foreign.error().code, ErrorCode::forbidden);
}

TEST_P(ObservationReview, AnApprovedObservationIsCorrectedByAnotherThatReplacesItOnceApproved) {
    const int64_t first = draft(m_coder, "1");
    ASSERT_TRUE(submit_observation(*m_db, m_clock, m_coder, "", first, 1));
    ASSERT_TRUE(approve_observation(*m_db, m_clock, m_reviewer, "", first, 2));
    auto locked = editable_observation(*m_db, m_coder, first, 3);
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, ErrorCode::conflict);
    EXPECT_NE(locked.error().message.find("supersedes"), std::string::npos) << locked.error().message;

    const int64_t fix = draft(m_coder, "2", "2020-11-03", "2020-11-17", first);
    EXPECT_EQ(counted_c6("2020-11-05"), 1) << "the correction counts only once approved";
    EXPECT_EQ(effective_c6("2020-11-05"), (std::pair<std::optional<int>, int64_t>{1, first}));
    ASSERT_TRUE(submit_observation(*m_db, m_clock, m_coder, "", fix, 1));
    auto approved = approve_observation(*m_db, m_clock, m_reviewer, "", fix, 2);
    ASSERT_TRUE(approved) << approved.error().message;
    EXPECT_EQ(approved->supersedes, first);
    EXPECT_EQ(counted_c6("2020-11-05"), 2);
    EXPECT_EQ(counted_c6("2020-11-03"), 2) << "the correction cites the same decree from the same day";
    EXPECT_EQ(effective_c6("2020-11-05"), (std::pair<std::optional<int>, int64_t>{2, fix}));
    auto old = observation_for(*m_db, access::Actor{}, first);
    ASSERT_TRUE(old) << old.error().message;
    EXPECT_EQ(old->superseded_by, fix);

    // A second correction of the same observation: refused when recorded once the first is approved, and
    // refused at approval when both were pending.
    ObservationInput late = input("10007", "C6", "3", 1, "2020-11-04", "2020-11-17");
    late.supersedes = first;
    auto refused = record_observation(*m_db, m_clock, m_coder, "", late);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    EXPECT_EQ(refused.error().message.rfind("/supersedes:", 0), 0u) << refused.error().message;
    late.supersedes = fix;
    late.indicator = "C7";
    late.value = "1";
    refused = record_observation(*m_db, m_clock, m_coder, "", late);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument) << "a correction codes the same indicator";
    const int64_t second = draft(m_coder, "1", "2020-11-03", "2020-11-17", fix);
    const int64_t third = draft(m_coder, "3", "2020-11-03", "2020-11-17", fix);
    ASSERT_TRUE(submit_observation(*m_db, m_clock, m_coder, "", second, 1));
    ASSERT_TRUE(submit_observation(*m_db, m_clock, m_coder, "", third, 1));
    ASSERT_TRUE(approve_observation(*m_db, m_clock, m_reviewer, "", second, 2));
    auto twice = approve_observation(*m_db, m_clock, m_reviewer, "", third, 2);
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::conflict) << twice.error().message;
    EXPECT_EQ(counted_c6("2020-11-05"), 1);
}

TEST_P(ObservationReview, ADraftIsEditedAtTheVersionReadItsBadFieldNamedAndAudited) {
    const int64_t id = draft(m_coder, "2");
    ObservationInput in = input("10007", "C6", "3", 1, "2020-11-03", "2020-11-17");
    in.source = {"periodico_oficial", "Decreto", "Gobierno de Durango", day("2020-11-02"),
                 "https://example.org/decreto"};
    auto stale = update_observation(*m_db, m_clock, m_coder, "", id, 7, in);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
    ObservationInput bad = in;
    bad.value = "9";
    auto refused = update_observation(*m_db, m_clock, m_coder, "", id, 1, bad);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().message.rfind("/value:", 0), 0u) << refused.error().message;
    bad = in;
    bad.extensions.curfew_from = "25:00";
    refused = update_observation(*m_db, m_clock, m_coder, "", id, 1, bad);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message.rfind("/extensions/curfew_from:", 0), 0u) << refused.error().message;
    EXPECT_EQ(count("SELECT version FROM policy_observations WHERE id = " + std::to_string(id)), 1);
    EXPECT_EQ(audits("policy.observation.update", id), 0);

    in.extensions.curfew_from = "22:00";
    in.extensions.curfew_to = "05:00";
    auto edited = update_observation(*m_db, m_clock, m_coder, "r-9", id, 1, in);
    ASSERT_TRUE(edited) << edited.error().message;
    EXPECT_EQ(edited->value, "3");
    EXPECT_EQ(edited->version, 2);
    EXPECT_EQ(edited->extensions.curfew_from, "22:00");
    EXPECT_EQ(audits("policy.observation.update", id), 1);
    auto foreign = update_observation(*m_db, m_clock, m_other_coder, "", id, 2, in);
    ASSERT_FALSE(foreign);
    EXPECT_EQ(foreign.error().code, ErrorCode::forbidden);

    ASSERT_TRUE(submit_observation(*m_db, m_clock, m_coder, "", id, 2));
    auto under_review = update_observation(*m_db, m_clock, m_coder, "", id, 3, in);
    ASSERT_FALSE(under_review);
    EXPECT_EQ(under_review.error().code, ErrorCode::conflict);
    ASSERT_TRUE(
        reject_observation(*m_db, m_clock, m_reviewer, "", id, 3, "Falta la fuente / Source missing"));
    auto redrafted = update_observation(*m_db, m_clock, m_coder, "", id, 4, in);
    ASSERT_TRUE(redrafted) << redrafted.error().message;
    EXPECT_EQ(redrafted->review_state, "draft");
    EXPECT_EQ(redrafted->reviewer, "");
}

TEST_P(ObservationReview, AnyoneSeesApprovedObservationsCodersAndReviewersSeeEveryState) {
    const int64_t shown = draft(m_coder, "2");
    const int64_t hidden = draft(m_coder, "3", "2020-11-18", "2020-11-30");
    ASSERT_TRUE(submit_observation(*m_db, m_clock, m_coder, "", shown, 1));
    ASSERT_TRUE(approve_observation(*m_db, m_clock, m_reviewer, "", shown, 2));
    const access::Actor anyone;
    auto open = list_observations_for(*m_db, anyone, {});
    ASSERT_TRUE(open) << open.error().message;
    ASSERT_EQ(open->size(), 1u);
    EXPECT_EQ(open->front().id, shown);
    EXPECT_EQ(open->front().source.title, "Decreto");
    EXPECT_FALSE(observation_for(*m_db, anyone, hidden));
    auto drafts = list_observations_for(*m_db, anyone, {.state = "draft"});
    ASSERT_FALSE(drafts);
    EXPECT_EQ(drafts.error().code, ErrorCode::unauthenticated);
    auto bad = list_observations_for(*m_db, m_coder, {.state = "pending"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message.rfind("/state:", 0), 0u);

    auto all = list_observations_for(*m_db, m_reviewer, {});
    ASSERT_TRUE(all);
    EXPECT_EQ(all->size(), 2u);
    auto only_drafts = list_observations_for(*m_db, m_coder, {.state = "draft"});
    ASSERT_TRUE(only_drafts);
    ASSERT_EQ(only_drafts->size(), 1u);
    EXPECT_EQ(only_drafts->front().id, hidden);
    auto in_window = list_observations_for(*m_db, m_coder, {.from = Date::from_ymd(2020, 11, 20)});
    ASSERT_TRUE(in_window);
    ASSERT_EQ(in_window->size(), 1u);
    EXPECT_EQ(in_window->front().id, hidden);
    const auto j = observation_json(open->front());
    EXPECT_EQ(j["indicator_name"]["es"], "Permanencia en casa");
    EXPECT_EQ(j["jurisdiction_name"], "Gómez Palacio");
    EXPECT_EQ(j["source"]["title"], "Decreto");
    EXPECT_EQ(j["review_state"], "approved");
}

INSTANTIATE_TEST_SUITE_P(Engines, ObservationReview,
                         ::testing::Values(storage::Engine::sqlite, storage::Engine::postgresql), param_name);

}  // namespace
}  // namespace metropoli::homologation::testing

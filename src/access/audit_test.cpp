// SPDX-License-Identifier: MIT
// The audit chain on both engines: entries append inside the caller's transaction and chain from the genesis
// hash; a changed, removed or re-chained entry is found; secrets are refused; two connections appending at
// once never fork the chain.
#include "access/audit.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "storage/migrations.hpp"
#include "storage/storage_fixture.hpp"

namespace metropoli::access {

namespace {

Actor actor(const std::string& id) {
    Actor a;
    a.id = id;
    return a;
}

AuditEntry entry(std::string action, std::string type, std::string id,
                 nlohmann::json diff = nlohmann::json::object()) {
    return AuditEntry{std::move(action), std::move(type), std::move(id), std::move(diff)};
}

class AuditTest : public storage::testing::StorageTest {
protected:
    void SetUp() override {
        StorageTest::SetUp();
        if (IsSkipped() || HasFailure()) return;
        auto migrated = storage::migrate(*m_db, storage::storage_migrations());
        ASSERT_TRUE(migrated) << migrated.error().message;
    }

    Status append(const std::string& who, const AuditEntry& e, const std::string& request_id = "") {
        return append_on(*m_db, who, e, request_id);
    }
    Status append_on(storage::Database& db, const std::string& who, const AuditEntry& e,
                     const std::string& request_id = "") {
        return db.transaction([&] { return audit(db, m_clock, actor(who), request_id, e); });
    }
    // Three entries: a region loaded, a release ingested, an organisation renamed.
    void append_three() {
        ASSERT_TRUE(append("cli:ana", entry("region.init", "region", "laguna")));
        m_clock.advance(std::chrono::seconds(60));
        ASSERT_TRUE(append("cli:ana", entry("release.ingest", "release", "ssa:2020-04-30",
                                            {{"rows_kept", {{"before", nullptr}, {"after", 4370}}}})));
        m_clock.advance(std::chrono::seconds(60));
        ASSERT_TRUE(append("account:7",
                           entry("organisation.update", "organisation", "12",
                                 {{"name", {{"before", "Jurisdicción"}, {"after", "JS VI"}}}}),
                           "req-1"));
    }
    // Drops the database's refusal of `what` ("UPDATE" or "DELETE") on audit_log, as an intruder with the
    // schema owner's rights would.
    void drop_refusal(const std::string& what) {
        const std::string sql = is_sqlite()
                                    ? (what == "UPDATE" ? "DROP TRIGGER IF EXISTS audit_log_no_update"
                                                        : "DROP TRIGGER IF EXISTS audit_log_no_delete")
                                    : "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log";
        ASSERT_TRUE(m_db->execute(sql));
    }
    std::vector<StoredAuditEntry> all() {
        auto entries = audit_entries(*m_db, {});
        EXPECT_TRUE(entries) << entries.error().message;
        return entries ? *entries : std::vector<StoredAuditEntry>{};
    }

    FixedClock m_clock{*parse_iso_utc("2021-03-12T08:30:05Z")};
};

}  // namespace

TEST_P(AuditTest, EntriesChainFromTheGenesisHash) {
    append_three();
    const auto entries = all();
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].prev_hash, std::string(64, '0'));
    EXPECT_EQ(entries[1].prev_hash, entries[0].hash);
    EXPECT_EQ(entries[2].prev_hash, entries[1].hash);
    EXPECT_EQ(entries[0].at, "2021-03-12T08:30:05Z");
    EXPECT_EQ(entries[2].at, "2021-03-12T08:32:05Z");
    EXPECT_EQ(entries[1].actor, "cli:ana");
    EXPECT_EQ(entries[1].entity_type, "release");
    EXPECT_EQ(entries[1].entity_id, "ssa:2020-04-30");
    EXPECT_EQ(entries[1].diff["rows_kept"]["after"], 4370);
    EXPECT_EQ(entries[2].request_id, "req-1");
    EXPECT_EQ(entries[2].diff["name"]["before"], "Jurisdicción");
    for (const auto& e : entries) EXPECT_EQ(e.hash, entry_hash(e));
    // Stored in storage's columns: subject "type:id", detail {"diff", "request_id"}.
    std::string subject, detail;
    m_db->session() << "SELECT subject, detail FROM audit_log WHERE id = :id", soci::use(entries[2].id),
        soci::into(subject), soci::into(detail);
    EXPECT_EQ(subject, "organisation:12");
    EXPECT_EQ(nlohmann::json::parse(detail),
              nlohmann::json::parse(
                  R"({"diff":{"name":{"before":"Jurisdicción","after":"JS VI"}},"request_id":"req-1"})"));

    auto report = verify_chain(*m_db);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->intact()) << report->reason;
    EXPECT_EQ(report->checked, 3);
    auto head = chain_head(*m_db);
    ASSERT_TRUE(head) << head.error().message;
    EXPECT_EQ(head->count, 3);
    EXPECT_EQ(head->hash, entries[2].hash);
    EXPECT_TRUE(chain_holds(*m_db, *head));
    EXPECT_TRUE(chain_holds(*m_db, ChainHead{1, entries[0].hash}));
}

TEST_P(AuditTest, TheHashIsSha256OfThePreviousHashAndTheCanonicalJson) {
    // Expected values computed independently: Python's json.dumps(e, sort_keys=True, separators=(",", ":"),
    // ensure_ascii=False), then hashlib.sha256(("0" * 64 + that).encode()).hexdigest().
    StoredAuditEntry e;
    e.at = "2021-03-12T08:30:05Z";
    e.actor = "account:7";
    e.action = "organisation.update";
    e.entity_type = "organisation";
    e.entity_id = "12";
    e.diff = {{"name", {{"before", "Jurisdicción"}, {"after", "Jurisdicción Sanitaria VI"}}}};
    e.prev_hash = std::string(64, '0');
    EXPECT_EQ(canonical_entry_json(e),
              R"({"action":"organisation.update","actor":"account:7","at":"2021-03-12T08:30:05Z",)"
              R"("diff":{"name":{"after":"Jurisdicción Sanitaria VI","before":"Jurisdicción"}},)"
              R"("entity_id":"12","entity_type":"organisation","request_id":""})");
    EXPECT_EQ(entry_hash(e), "b0f9e35608e7ed1031d543a1b8116ad965524c9ed8e9028bcecd323da300ebaa");

    ASSERT_TRUE(append(
        "cli:ana",
        entry("region.init", "region", "laguna", {{"region", {{"before", nullptr}, {"after", "laguna"}}}}),
        "r-1"));
    EXPECT_EQ(chain_head(*m_db)->hash, "ba469a5562f05d015c6f8ba68ad4a61f2c0e562014e018143b0c1802b1641eec");
}

TEST_P(AuditTest, AnEntryNeedsTheCallersTransactionAndGoesWithIt) {
    auto outside = audit(*m_db, m_clock, actor("cli:ana"), "", entry("region.init", "region", "laguna"));
    ASSERT_FALSE(outside);
    EXPECT_EQ(outside.error().code, ErrorCode::internal);
    EXPECT_NE(outside.error().message.find("outside a transaction"), std::string::npos);

    // The write fails after its entry was appended: both are rolled back.
    auto failed = m_db->transaction([&]() -> Status {
        TRY(audit(*m_db, m_clock, actor("cli:ana"), "", entry("region.init", "region", "laguna")));
        return make_error(ErrorCode::conflict, "the write it records failed");
    });
    EXPECT_FALSE(failed);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 0);
    EXPECT_EQ(chain_head(*m_db)->count, 0);
    EXPECT_EQ(chain_head(*m_db)->hash, k_genesis_hash);

    // Two entries of one transaction chain to each other.
    ASSERT_TRUE(m_db->transaction([&]() -> Status {
        TRY(audit(*m_db, m_clock, actor("cli:ana"), "", entry("region.init", "region", "laguna")));
        return audit(*m_db, m_clock, actor("cli:ana"), "",
                     entry("release.ingest", "release", "ssa:2020-04-30"));
    }));
    const auto entries = all();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].prev_hash, k_genesis_hash);
    EXPECT_EQ(entries[1].prev_hash, entries[0].hash);
    EXPECT_TRUE(verify_chain(*m_db)->intact());
}

TEST_P(AuditTest, MalformedEntriesAreRefused) {
    for (const auto& bad : {entry("", "region", "laguna"), entry("region.init", "", "laguna"),
                            entry("region.init", "region:x", "laguna"),
                            entry("region.init", "region", "laguna", nlohmann::json::array())}) {
        auto s = append("cli:ana", bad);
        ASSERT_FALSE(s);
        EXPECT_EQ(s.error().code, ErrorCode::internal);
    }
    EXPECT_FALSE(append("cli:ana", entry("x.y", "region", "laguna", {{"name", "\xff\xfe"}})));
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 0);
}

TEST_P(AuditTest, SecretsAreRefusedAtAnyDepthAndNeverEchoed) {
    const std::vector<nlohmann::json> secret_diffs = {
        {{"password", {{"before", nullptr}, {"after", "hunter2-hunter2"}}}},
        {{"password_hash", {{"before", "$argon2id$hunter2"}, {"after", "$argon2id$x"}}}},
        {{"account", {{"after", {{"email", "a@b.mx"}, {"token", "mtp_hunter2"}}}}}},
        {{"tokens", nlohmann::json::array({{{"name", "ci"}, {"Token_Hash", "hunter2"}}})}},
        {{"settings", {{"after", {{"deep", {{"SECRET", "hunter2"}}}}}}}},
        {{"new_password", {{"after", "hunter2"}}}},
        {{"csrf_token", {{"after", "hunter2"}}}},
    };
    for (const auto& diff : secret_diffs) {
        SCOPED_TRACE(diff.dump());
        auto s = append("account:1", entry("account.update", "account", "1", diff));
        ASSERT_FALSE(s);
        EXPECT_EQ(s.error().code, ErrorCode::internal);
        EXPECT_NE(s.error().message.find("secret"), std::string::npos) << s.error().message;
        EXPECT_EQ(s.error().message.find("hunter2"), std::string::npos) << s.error().message;
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), 0);
    // Names that merely contain a secret's word are not secrets.
    ASSERT_TRUE(append("account:1", entry("token.create", "token", "3",
                                          {{"token_id", {{"after", 3}}},
                                           {"tokens", {{"after", 2}}},
                                           {"passwords_changed_at", {{"after", "2021-03-12"}}}})));
    EXPECT_FALSE(is_secret_field("token_id"));
    EXPECT_TRUE(is_secret_field("Password"));
    EXPECT_TRUE(is_secret_field("api_token_hash"));
}

TEST_P(AuditTest, DiffOfKeepsOnlyTheChangedFields) {
    const nlohmann::json before = {{"name", "Jurisdicción"}, {"website", "a.mx"}, {"sectors", {"salud"}}};
    const nlohmann::json after = {
        {"name", "JS VI"}, {"website", "a.mx"}, {"sectors", {"salud", "gobierno"}}, {"contact", "x@y.mx"}};
    EXPECT_EQ(diff_of(before, after),
              nlohmann::json::parse(R"({"name":{"before":"Jurisdicción","after":"JS VI"},
                  "sectors":{"before":["salud"],"after":["salud","gobierno"]},
                  "contact":{"before":null,"after":"x@y.mx"}})"));
    EXPECT_EQ(diff_of(after, before)["contact"],
              nlohmann::json::parse(R"({"before":"x@y.mx","after":null})"));
    EXPECT_EQ(diff_of(before, before), nlohmann::json::object());
    EXPECT_EQ(diff_of(nullptr, {{"name", "A"}}),
              nlohmann::json::parse(R"({"name":{"before":null,"after":"A"}})"));
}

TEST_P(AuditTest, AnEntryChangedInTheDatabaseIsNamed) {
    append_three();
    drop_refusal("UPDATE");
    ASSERT_TRUE(m_db->execute("UPDATE audit_log SET actor = 'mallory' WHERE id = 2"));
    auto report = verify_chain(*m_db);
    ASSERT_TRUE(report) << report.error().message;
    ASSERT_FALSE(report->intact());
    EXPECT_EQ(*report->first_broken, 2);
    EXPECT_EQ(report->checked, 2);
    EXPECT_NE(report->reason.find("entry 2 (id 2) was changed"), std::string::npos) << report->reason;

    // A detail replaced by something that is not the log's JSON is named as well.
    ASSERT_TRUE(m_db->execute("UPDATE audit_log SET actor = 'cli:ana' WHERE id = 2"));
    EXPECT_TRUE(verify_chain(*m_db)->intact());
    ASSERT_TRUE(m_db->execute("UPDATE audit_log SET detail = 'not json' WHERE id = 3"));
    report = verify_chain(*m_db);
    EXPECT_EQ(report->first_broken, 3);
    EXPECT_NE(report->reason.find("not what the log writes"), std::string::npos) << report->reason;
    EXPECT_EQ(all()[2].diff, "not json");
}

TEST_P(AuditTest, ARemovedEntryIsNamed) {
    append_three();
    drop_refusal("DELETE");
    ASSERT_TRUE(m_db->execute("DELETE FROM audit_log WHERE id = 2"));
    auto report = verify_chain(*m_db);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->first_broken, 3);
    EXPECT_NE(report->reason.find("entry 2 (id 3)"), std::string::npos) << report->reason;
    EXPECT_NE(report->reason.find("removed"), std::string::npos) << report->reason;

    ASSERT_TRUE(m_db->execute("DELETE FROM audit_log WHERE id = 1"));
    report = verify_chain(*m_db);
    EXPECT_EQ(report->first_broken, 3);
    EXPECT_NE(report->reason.find("does not start the chain"), std::string::npos) << report->reason;
}

TEST_P(AuditTest, ARechainedRewriteIsCaughtByAnEarlierHead) {
    append_three();
    const auto published = *chain_head(*m_db);
    const auto original = all();
    // The intruder drops the triggers, removes the last entry, rewrites the second and recomputes every hash
    // after it: the chain is consistent again, and only the published head tells.
    drop_refusal("UPDATE");
    drop_refusal("DELETE");
    ASSERT_TRUE(m_db->execute("DELETE FROM audit_log WHERE id = 3"));
    EXPECT_TRUE(verify_chain(*m_db)->intact());
    auto removed = chain_holds(*m_db, published);
    ASSERT_FALSE(removed);
    EXPECT_EQ(removed.error().code, ErrorCode::conflict);
    EXPECT_NE(removed.error().message.find("has 2 entries, fewer than the 3"), std::string::npos)
        << removed.error().message;

    auto second = all()[1];
    second.actor = "cli:mallory";
    second.hash = entry_hash(second);
    ASSERT_TRUE(m_db->execute("UPDATE audit_log SET actor = 'cli:mallory', hash = '" + second.hash +
                              "' WHERE id = 2"));
    EXPECT_TRUE(verify_chain(*m_db)->intact());
    auto rewritten = chain_holds(*m_db, ChainHead{2, original[1].hash});
    ASSERT_FALSE(rewritten);
    EXPECT_NE(rewritten.error().message.find("entry 2 has hash " + second.hash), std::string::npos)
        << rewritten.error().message;
}

TEST_P(AuditTest, EntriesAreListedByEntityActorAndDay) {
    append_three();
    m_clock.set(*parse_iso_utc("2021-03-14T00:00:00Z"));
    ASSERT_TRUE(append("account:7", entry("organisation.update", "organisation", "13")));
    auto filter = [](std::string entity, std::string who, std::optional<Date> from) {
        AuditFilter f;
        f.entity = std::move(entity);
        f.actor = std::move(who);
        f.from = from;
        return f;
    };
    auto ids = [&](const AuditFilter& f) {
        std::vector<int64_t> out;
        auto entries = audit_entries(*m_db, f);
        EXPECT_TRUE(entries) << entries.error().message;
        if (entries)
            for (const auto& e : *entries) out.push_back(e.id);
        return out;
    };
    EXPECT_EQ(ids({}), (std::vector<int64_t>{1, 2, 3, 4}));
    EXPECT_EQ(ids(filter("organisation:12", "", std::nullopt)), (std::vector<int64_t>{3}));
    EXPECT_EQ(ids(filter("organisation", "", std::nullopt)), (std::vector<int64_t>{3, 4}));
    EXPECT_EQ(ids(filter("release:ssa:2020-04-30", "", std::nullopt)), (std::vector<int64_t>{2}));
    EXPECT_EQ(ids(filter("organisation:1", "", std::nullopt)), (std::vector<int64_t>{}));
    EXPECT_EQ(ids(filter("", "cli:ana", std::nullopt)), (std::vector<int64_t>{1, 2}));
    EXPECT_EQ(ids(filter("", "", Date::parse_iso("2021-03-13"))), (std::vector<int64_t>{4}));
    EXPECT_EQ(ids(filter("", "", Date::parse_iso("2021-03-12"))), (std::vector<int64_t>{1, 2, 3, 4}));
    EXPECT_EQ(ids(filter("organisation", "account:7", Date::parse_iso("2021-03-13"))),
              (std::vector<int64_t>{4}));
    const auto json = to_json(all()[2]);
    EXPECT_EQ(json, nlohmann::json::parse(R"({"id":3,"at":"2021-03-12T08:32:05Z","actor":"account:7",
        "action":"organisation.update","entity_type":"organisation","entity_id":"12",
        "diff":{"name":{"before":"Jurisdicción","after":"JS VI"}},"request_id":"req-1"})"));
}

TEST_P(AuditTest, TwoConnectionsAppendingAtOnceKeepOneChain) {
    auto other = storage::Database::open(m_scratch->url(), storage::Access::write);
    ASSERT_TRUE(other) << other.error().message;
    // The first connection appends and holds its transaction open while the second tries to append: the
    // second must wait and chain after the first's entry, not beside it.
    std::atomic<bool> first_appended{false};
    Status second_status = ok_status();
    std::thread second;
    auto first_status = m_db->transaction([&]() -> Status {
        TRY(audit(*m_db, m_clock, actor("cli:one"), "", entry("feed.ingest", "feed", "hospital:a.csv")));
        first_appended = true;
        second = std::thread([&] {
            second_status = append_on(*other, "cli:two", entry("feed.ingest", "feed", "hospital:b.csv"));
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        return ok_status();
    });
    second.join();
    ASSERT_TRUE(first_status) << first_status.error().message;
    ASSERT_TRUE(second_status) << second_status.error().message;
    auto entries = all();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].actor, "cli:one");
    EXPECT_EQ(entries[1].prev_hash, entries[0].hash);

    // Then two writers racing, 25 entries each.
    std::vector<Status> failures;
    std::mutex mutex;
    auto writer = [&](storage::Database& db, const std::string& who) {
        for (int i = 0; i < 25; ++i) {
            auto s = append_on(db, who, entry("feed.ingest", "feed", who + ":" + std::to_string(i)));
            if (!s) {
                std::lock_guard lock(mutex);
                failures.push_back(s);
            }
        }
    };
    std::thread a([&] { writer(*m_db, "cli:a"); });
    std::thread b([&] { writer(*other, "cli:b"); });
    a.join();
    b.join();
    for (const auto& f : failures) ADD_FAILURE() << f.error().message;
    auto report = verify_chain(*m_db);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->intact()) << report->reason;
    EXPECT_EQ(report->checked, 52);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditTest, ::testing::ValuesIn(storage::testing::all_engines()),
                         storage::testing::param_name);

}  // namespace metropoli::access

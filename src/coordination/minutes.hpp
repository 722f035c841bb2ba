// SPDX-License-Identifier: MIT
// Minutes (actas) from draft to approved. A coordinator (minutes.edit) drafts the minutes of a meeting in
// Markdown and edits them with the version read (If-Match) while they are a draft; those who attended for a
// seat (or a coordinator) propose amendments (minutes.amend), which the coordinator accepts (the amendment is
// applied to the draft) or rejects; the body approves them as its `minutes_approval` says: the coordinator's
// act, or a vote of the voting seats that attended, carried by the body's majority with quorum present.
// Approved minutes carry the SHA-256 of their canonical text (minutes_text.cpp, defined in the README) and
// their signatories, are published when the body is public or transparent, and never change again: the store
// refuses (conflict) and the database's triggers refuse any UPDATE or DELETE. A correction is a new minutes
// that names the approved one and goes through the same path. Every write audited in its transaction.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/actor.hpp"
#include "coordination/seat_votes.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "storage/database.hpp"

namespace metropoli::coordination {

// One who signs approved minutes: a seat and the person who sat in it (empty when nobody was designated).
struct Signatory {
    int64_t seat = 0;
    std::string seat_name, organisation_name, person;
    bool alternate = false;
};

struct Minutes {
    int64_t id = 0;
    int64_t meeting = 0, body = 0;
    std::string meeting_title, body_name, body_visibility;
    Date meeting_date;
    std::optional<int64_t> corrects;      // the approved minutes this one corrects
    std::optional<int64_t> corrected_by;  // the correction of this one, if any
    std::string state = "draft";          // draft | approved
    std::string text;                     // Markdown
    std::string approval_method;          // vote | coordinator (once approved)
    std::string approved_at, approved_by, text_sha256;
    std::vector<Signatory> signatories;
    bool published = false, example = false;
    int64_t version = 1;
    std::string created_at, updated_at;
};
nlohmann::json minutes_json(const Minutes& m);

struct Amendment {
    int64_t id = 0;
    int64_t minutes = 0;
    std::string author;  // the actor's id ("account:3", "cli:ana")
    std::optional<int64_t> person, seat;
    std::string person_name, seat_name;
    std::string replaces;  // the passage of the draft it replaces; empty: a paragraph added at the end
    std::string text;
    std::string state = "proposed";  // proposed | accepted | rejected
    std::string created_at, decided_at, decided_by;
};
nlohmann::json amendment_json(const Amendment& a);

struct MinutesFilter {
    bool published_only = true;  // false: every minutes `who` may read
    std::optional<int64_t> meeting = std::nullopt;
    std::optional<int64_t> body = std::nullopt;
};

// The minutes `who` may read, newest meeting first: approved and published ones for everyone, the rest for
// those with minutes.read on the body. Only reads.
Result<std::vector<Minutes>> list_minutes(storage::Database& db, const access::Actor& who,
                                          const MinutesFilter& filter);
// One minutes; not_found when missing or not visible to `who`. Only reads.
Result<Minutes> get_minutes(storage::Database& db, const access::Actor& who, int64_t id);
// The current minutes of a meeting (the first, not a correction); not_found when none is visible.
Result<Minutes> meeting_minutes(storage::Database& db, const access::Actor& who, int64_t meeting);
Result<std::vector<Amendment>> minutes_amendments(storage::Database& db, const access::Actor& who,
                                                  int64_t minutes);
Result<std::vector<Vote>> minutes_votes(storage::Database& db, const access::Actor& who, int64_t minutes);
Result<Tally> minutes_tally(storage::Database& db, const access::Actor& who, int64_t minutes);

// Drafts the minutes of `meeting` (minutes.edit on its body): conflict when the meeting has minutes already
// or was cancelled; invalid_argument on /text (empty, not UTF-8, over 200 000 bytes); not_found when `body`
// is given and the meeting is not that body's.
Result<Minutes> draft_minutes(storage::Database& db, const Clock& clock, const access::Actor& who,
                              const std::string& request_id, int64_t meeting, const std::string& text,
                              std::optional<int64_t> body = std::nullopt);
// Replaces a draft's text when its version is `expected_version` (precondition_failed otherwise); conflict
// "approved minutes are immutable; file a correction" once approved.
Result<Minutes> edit_minutes(storage::Database& db, const Clock& clock, const access::Actor& who,
                             const std::string& request_id, int64_t id, int64_t expected_version,
                             const std::string& text);

// Proposes an amendment to a draft (minutes.amend): by a person who attended the meeting for a seat (the
// account's person is the seat term's person, present, or its alternate, alternate_present, on the meeting's
// day) or a coordinator. `replaces` must occur in the draft once when not empty.
Result<Amendment> propose_amendment(storage::Database& db, const Clock& clock, const access::Actor& who,
                                    const std::string& request_id, int64_t minutes,
                                    const std::string& replaces, const std::string& text);
// Accepts (applies to the draft: the passage replaced, or the text added as a paragraph; the draft's version
// goes up) or rejects a proposed amendment (minutes.edit), the draft's version being `expected_version`.
Result<Minutes> decide_amendment(storage::Database& db, const Clock& clock, const access::Actor& who,
                                 const std::string& request_id, int64_t amendment, bool accept,
                                 int64_t expected_version);

// Casts the vote of a seat on draft minutes of a body that approves by vote (minutes.vote). An account votes
// for the seat it attended for (its person present, or the alternate when the holder was absent), and `seat`
// must be that one when given; the command line and the system name the seat. One vote per seat: conflict.
Result<Tally> cast_vote(storage::Database& db, const Clock& clock, const access::Actor& who,
                        const std::string& request_id, int64_t minutes, std::optional<int64_t> seat,
                        const std::string& choice);

// Approves draft minutes (minutes.edit) at `expected_version`: the coordinator's act for a body that says
// so; for a body that votes, the closing of the vote, refused (conflict, with the tally's numbers) unless
// the vote carried with quorum. Stores the canonical text's SHA-256, the signatories (the persons who
// attended for the seats, or those who voted for) and publication.
Result<Minutes> approve_minutes(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, int64_t id, int64_t expected_version);

// Opens a correction of approved minutes (minutes.edit): a new draft of the same meeting that names it,
// starting from `text` (the approved text when empty). Conflict when `id` is a draft or already corrected.
Result<Minutes> correct_minutes(storage::Database& db, const Clock& clock, const access::Actor& who,
                                const std::string& request_id, int64_t id, const std::string& text);

struct Verification {
    int64_t minutes = 0;
    std::string stored, computed;
    bool intact() const { return !stored.empty() && stored == computed; }
};
// Recomputes the SHA-256 of approved minutes' canonical text from what is stored. Only reads.
Result<Verification> verify_minutes(storage::Database& db, const access::Actor& who, int64_t id);

// The canonical text of minutes (README "Canonical text"): what approval hashes.
std::string canonical_minutes_text(const Minutes& m);
// UTF-8 text with LF line endings, each line's trailing spaces and tabs removed, no trailing empty lines,
// one final LF (empty text stays empty).
std::string normalised_minutes_text(std::string_view text);

// The example minutes of the example meeting of 4 May 2020 (La Laguna), approved by the system and marked
// as an example; nothing when the region is another, the meeting is missing or it has minutes. Returns how
// many were added.
Result<int> seed_example_minutes(storage::Database& db, const Clock& clock, std::string_view region_id);

}  // namespace metropoli::coordination

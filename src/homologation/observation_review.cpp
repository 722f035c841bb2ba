// SPDX-License-Identifier: MIT
// The review steps of an observation, each at the version read, in one transaction with its audit entry.
#include "homologation/observation_review.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <functional>

#include "access/audit.hpp"
#include "access/permissions.hpp"
#include "homologation/activity_rule_support.hpp"
#include "homologation/observation_listing.hpp"
#include "homologation/observation_store.hpp"

namespace metropoli::homologation {

using nlohmann::json;

namespace {

constexpr const char* k_code = "policy.code";
constexpr const char* k_review = "policy.review";

Error missing(int64_t id) {
    return make_error(ErrorCode::not_found, fmt::format("no hay observación {} / no observation {}", id, id));
}

Status current(const Observation& o, int64_t version) {
    if (o.version == version) return ok_status();
    return make_error(
        ErrorCode::precondition_failed,
        fmt::format("la observación {} cambió: su versión es v{} / observation {} changed since it "
                    "was read: its version is now v{}",
                    o.id, o.version, o.id, o.version));
}

Status in_state(const Observation& o, const std::string& wanted, std::string_view step) {
    if (o.review_state == wanted) return ok_status();
    return make_error(ErrorCode::conflict,
                      fmt::format("la observación {} está en estado {}: solo una en estado {} se puede {} / "
                                  "observation {} is {}: only a {} one can be {}",
                                  o.id, o.review_state, wanted, step, o.id, o.review_state, wanted, step));
}

// The reviewer's checks: the permission, and not the coder.
Status may_review(const access::Actor& who, const Observation& o) {
    if (!access::permits(who, k_review)) return detail::refused(who, k_review);
    if (o.coder == coder_of(who))
        return make_error(ErrorCode::forbidden,
                          fmt::format("quien codificó la observación {} no puede revisarla / the coder of "
                                      "observation {} cannot review it: another reviewer must",
                                      o.id, o.id));
    return ok_status();
}

json review_fields(const Observation& o) {
    return {{"review_state", o.review_state},
            {"reviewer", o.reviewer},
            {"review_reason", o.review_reason},
            {"version", o.version}};
}

// Moves `id` to `state` (with reviewer and reason for a review) and audits `action`.
Result<Observation> step(storage::Database& db, const Clock& clock, const access::Actor& who,
                         const std::string& request_id, int64_t id, int64_t version,
                         const std::string& action, const std::function<Status(const Observation&)>& check,
                         const std::string& state, const std::string& reason) {
    const Status written = db.transaction([&]() -> Status {
        auto& sql = db.session();
        auto before = detail::load_observation(sql, id);
        if (!before) return missing(id);
        TRY(check(*before));
        TRY(current(*before, version));
        const std::string now = clock.now_iso();
        long long key = id;
        if (state == "submitted") {
            sql << "UPDATE policy_observations SET review_state = 'submitted', submitted_at = :at, version = "
                   "version + 1 WHERE id = :id",
                soci::use(now), soci::use(key);
        } else {
            const std::string reviewer = coder_of(who);
            sql << "UPDATE policy_observations SET review_state = :s, reviewer = :r, review_reason = :why, "
                   "reviewed_at = :at, version = version + 1 WHERE id = :id",
                soci::use(state), soci::use(reviewer), soci::use(reason), soci::use(now), soci::use(key);
        }
        auto after = detail::load_observation(sql, id);
        if (!after) return make_error(ErrorCode::internal, "a reviewed observation is missing");
        return access::audit(db, clock, who, request_id,
                             {action, "policy_observation", std::to_string(id),
                              access::diff_of(review_fields(*before), review_fields(*after))});
    });
    if (!written) return written.error();
    auto stored = get_observation(db, id);
    if (!stored) return stored.error();
    return *stored;
}

}  // namespace

std::string coder_of(const access::Actor& who) {
    return who.label.empty() ? who.id : who.label;
}

Result<Observation> submit_observation(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, int64_t id, int64_t version) {
    if (!access::permits(who, k_code)) return detail::refused(who, k_code);
    return step(
        db, clock, who, request_id, id, version, "policy.observation.submit",
        [&](const Observation& o) -> Status {
            if (o.coder != coder_of(who))
                return make_error(
                    ErrorCode::forbidden,
                    fmt::format("solo quien la codificó ({}) puede enviar la observación {} / only "
                                "its coder ({}) may submit observation {}",
                                o.coder, o.id, o.coder, o.id));
            return in_state(o, "draft", "enviar / submitted");
        },
        "submitted", "");
}

Result<Observation> approve_observation(storage::Database& db, const Clock& clock, const access::Actor& who,
                                        const std::string& request_id, int64_t id, int64_t version) {
    if (!access::permits(who, k_review)) return detail::refused(who, k_review);
    return step(
        db, clock, who, request_id, id, version, "policy.observation.approve",
        [&](const Observation& o) -> Status {
            TRY(may_review(who, o));
            TRY(in_state(o, "submitted", "aprobar / approved"));
            if (!o.supersedes) return ok_status();
            auto old = detail::load_observation(db.session(), *o.supersedes);
            if (!old || old->review_state != "approved" || old->superseded_by)
                return make_error(
                    ErrorCode::conflict,
                    fmt::format("la observación {} corrige la {}, que ya no está aprobada o ya fue "
                                "corregida / observation {} corrects {}, which is no longer "
                                "approved or was corrected already",
                                o.id, *o.supersedes, o.id, *o.supersedes));
            return ok_status();
        },
        "approved", "");
}

Result<Observation> reject_observation(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, int64_t id, int64_t version,
                                       const std::string& reason) {
    if (!access::permits(who, k_review)) return detail::refused(who, k_review);
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        return detail::invalid("reason", "diga por qué se rechaza / say why it is rejected");
    if (reason.size() > 2000) return detail::invalid("reason", "más de 2000 bytes / longer than 2000 bytes");
    return step(
        db, clock, who, request_id, id, version, "policy.observation.reject",
        [&](const Observation& o) -> Status {
            TRY(may_review(who, o));
            return in_state(o, "submitted", "rechazar / rejected");
        },
        "rejected", reason);
}

Result<Observation> editable_observation(storage::Database& db, const access::Actor& who, int64_t id,
                                         int64_t version) {
    if (!access::permits(who, k_code)) return detail::refused(who, k_code);
    auto found = detail::load_observation(db.session(), id);
    if (!found) return missing(id);
    if (found->coder != coder_of(who))
        return make_error(ErrorCode::forbidden,
                          fmt::format("solo quien la codificó ({}) puede editar la observación {} / only its "
                                      "coder ({}) may edit observation {}",
                                      found->coder, id, found->coder, id));
    TRY(current(*found, version));
    if (found->review_state == "approved")
        return make_error(
            ErrorCode::conflict,
            fmt::format("la observación {} está aprobada y no se edita: registre una corrección que "
                        "la sustituya / observation {} is approved and is not edited: record a "
                        "correction that supersedes it",
                        id, id));
    if (found->review_state == "submitted")
        return make_error(
            ErrorCode::conflict,
            fmt::format("la observación {} está en revisión / observation {} is under review", id, id));
    return *found;
}

Result<Observation> update_observation(storage::Database& db, const Clock& clock, const access::Actor& who,
                                       const std::string& request_id, int64_t id, int64_t version,
                                       const ObservationInput& in) {
    const Status written = db.transaction([&]() -> Status {
        TRY_ASSIGN(before, editable_observation(db, who, id, version));
        auto& sql = db.session();
        TRY(detail::check_observation_input(sql, who, in));
        if (in.supersedes != before.supersedes)
            return detail::invalid("supersedes", "no cambia al editar / does not change in an edit");
        if (in.jurisdiction != before.jurisdiction)
            return detail::invalid("jurisdiction",
                                   "no cambia al editar: registre otra observación / does not "
                                   "change in an edit: record another observation");
        const std::string now = clock.now_iso();
        const long long source = detail::observation_source_id(sql, in.source, who.id, now);
        const std::string start = in.start_date->iso(), end = in.end_date ? in.end_date->iso() : k_open_end;
        long long duplicates = 0, key = id;
        if (!before.supersedes)
            sql << "SELECT COUNT(*) FROM policy_observations WHERE source_id = :s AND jurisdiction = :j AND "
                   "level "
                   "= :l AND indicator = :i AND segment = :g AND start_date = :d AND supersedes IS NULL AND "
                   "id <> :id",
                soci::use(source), soci::use(in.jurisdiction), soci::use(in.scope), soci::use(in.indicator),
                soci::use(in.segment), soci::use(start), soci::use(key), soci::into(duplicates);
        if (duplicates > 0)
            return make_error(
                ErrorCode::conflict,
                fmt::format("/start_date: esta fuente ya codifica {} {} {} desde {} / this source "
                            "already codes {} {} {} from {}",
                            in.jurisdiction, in.scope, in.indicator, start, in.jurisdiction, in.scope,
                            in.indicator, start));
        const LocalExtensions& e = in.extensions;
        const std::string announced = in.announced_on ? in.announced_on->iso() : "",
                          implemented = in.implemented_on ? in.implemented_on->iso() : start,
                          applies = detail::join_list(in.applies_to),
                          curfew_from = e.curfew_from.value_or(""), curfew_to = e.curfew_to.value_or(""),
                          closing = e.closing_time.value_or(""), alcohol = e.alcohol_sales.value_or(""),
                          alcohol_until = e.alcohol_until.value_or("");
        const int flag = in.flag.value_or(-1), capacity = e.capacity_pct.value_or(-1),
                  group = e.max_group_size.value_or(-1), unverified = in.unverified ? 1 : 0;
        sql << "UPDATE policy_observations SET level = :l, indicator = :i, segment = :g, value = :v, flag = "
               "NULLIF(:f, -1), start_date = :sd, end_date = :ed, announced_on = NULLIF(:an, ''), "
               "implemented_on = "
               ":im, notes = :n, source_id = :s, curfew_from = NULLIF(:cf, ''), curfew_to = NULLIF(:ct, ''), "
               "capacity_pct = NULLIF(:cap, -1), closing_time = NULLIF(:cl, ''), alcohol_sales = NULLIF(:al, "
               "''), "
               "alcohol_until = NULLIF(:au, ''), max_group_size = NULLIF(:gr, -1), applies_to = :ap, "
               "unverified = "
               ":u, verification_note = :vn, review_state = 'draft', reviewer = NULL, reviewed_at = NULL, "
               "submitted_at = NULL, version = version + 1 WHERE id = :id",
            soci::use(in.scope), soci::use(in.indicator), soci::use(in.segment), soci::use(in.value),
            soci::use(flag), soci::use(start), soci::use(end), soci::use(announced), soci::use(implemented),
            soci::use(in.notes), soci::use(source), soci::use(curfew_from), soci::use(curfew_to),
            soci::use(capacity), soci::use(closing), soci::use(alcohol), soci::use(alcohol_until),
            soci::use(group), soci::use(applies), soci::use(unverified), soci::use(in.verification_note),
            soci::use(key);
        auto after = detail::load_observation(sql, id);
        if (!after) return make_error(ErrorCode::internal, "an edited observation is missing");
        return access::audit(
            db, clock, who, request_id,
            {"policy.observation.update", "policy_observation", std::to_string(id),
             access::diff_of(detail::audited_observation(before), detail::audited_observation(*after))});
    });
    if (!written) return written.error();
    auto stored = get_observation(db, id);
    if (!stored) return stored.error();
    return *stored;
}

namespace detail {

Status check_correction(soci::session& sql, const ObservationInput& in) {
    auto old = load_observation(sql, *in.supersedes);
    if (!old)
        return invalid("supersedes", fmt::format("no hay observación {} / no observation {}", *in.supersedes,
                                                 *in.supersedes));
    if (old->jurisdiction != in.jurisdiction || old->scope != in.scope || old->indicator != in.indicator ||
        old->segment != in.segment)
        return invalid("supersedes",
                       fmt::format("la observación {} codifica {} {} {} {}: una corrección codifica lo "
                                   "mismo / observation {} codes {} {} {} {}: a correction codes the "
                                   "same",
                                   old->id, old->jurisdiction, old->scope, old->indicator, old->segment,
                                   old->id, old->jurisdiction, old->scope, old->indicator, old->segment));
    if (old->review_state != "approved" || old->superseded_by)
        return make_error(ErrorCode::conflict,
                          fmt::format("/supersedes: la observación {} no está aprobada o ya fue corregida / "
                                      "observation {} is not approved or was corrected already",
                                      old->id, old->id));
    return ok_status();
}

}  // namespace detail

std::string counted_observations_sql(const std::string& alias) {
    return fmt::format(
        "{0}.review_state = 'approved' AND NOT EXISTS (SELECT 1 FROM policy_observations {0}_c WHERE "
        "{0}_c.supersedes = {0}.id AND {0}_c.review_state = 'approved')",
        alias);
}

}  // namespace metropoli::homologation

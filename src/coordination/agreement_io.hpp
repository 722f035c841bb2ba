// SPDX-License-Identifier: MIT
// The JSON bodies the agreements API and the CLI read: a new agreement, an edit (each field sent replaces
// the stored one; null clears an optional one), a progress report (with evidence_url or a document as
// {name, media_type, content_base64}), a status. Each wrong field is named by its JSON pointer.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "coordination/agreements.hpp"
#include "core/result.hpp"

namespace metropoli::coordination {

Result<NewAgreement> new_agreement_from_json(const nlohmann::json& body);
Result<AgreementEdit> agreement_edit_from_json(const nlohmann::json& body);
Result<NewProgress> progress_from_json(const nlohmann::json& body);
// `with_key`: a new status names its key; an edit takes it from the path.
Result<AgreementStatus> status_from_json(const nlohmann::json& body, bool with_key);

// Standard or URL-safe base64 (padding optional); nullopt for any other character.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace metropoli::coordination

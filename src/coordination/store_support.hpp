// SPDX-License-Identifier: MIT
// Internal to coordination: what its stores share (database errors, refusals, field errors, optional
// columns), taken from the layers that own them. Not part of the library's interface.
#pragma once

#include "access/refusal.hpp"
#include "core/field_error.hpp"
#include "storage/reading.hpp"
#include "storage/row_values.hpp"

namespace metropoli::coordination::detail {

using access::refused;
using metropoli::invalid;
using storage::optional_date;
using storage::optional_id;
using storage::reading;
using storage::text_or_empty;

}  // namespace metropoli::coordination::detail

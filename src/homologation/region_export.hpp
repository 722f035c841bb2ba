// SPDX-License-Identifier: MIT
// The region's observations in OxCGRT's own layouts: the records of a jurisdiction of the region at a scope
// (GOV, WIDE, or the resident's TOTAL of a municipality, from effective_policy), with the `Jurisdiction` code
// OxCGRT would give them (NAT_, STATE_ or CITY_ + the scope), ready for export_fullwithnotes; and the wide
// `timeseries_<Index>` layout of any records, one row per jurisdiction and level, one column per day.
#pragma once

#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "homologation/indices.hpp"
#include "homologation/oxcgrt_file.hpp"
#include "storage/database.hpp"

namespace metropoli::homologation {

// "NAT_GOV" for the federation's GOV, "STATE_WIDE" for a state's WIDE, "CITY_TOTAL" for a municipality's (or
// a metro body's) TOTAL.
std::string oxcgrt_level(const std::string& kind, const std::string& scope);

// The kind of a stored jurisdiction (oxcgrt, federal, state, municipality, metro_body); not_found otherwise.
Result<std::string> policy_jurisdiction_kind(storage::Database& db, const std::string& code);

// The latest day the region's counted observations name (a start, or an end that is not "until further
// notice"); nullopt when there is none.
Result<std::optional<Date>> region_horizon(storage::Database& db);

// The days from `from` to `to` of a region jurisdiction at `scope`: GOV or WIDE as coded (approved and not
// superseded), TOTAL (municipalities only) as effective_policies derives it, each record with its level
// written the OxCGRT way. invalid_argument for another scope, TOTAL of a jurisdiction that is not a
// municipality, or `to` before `from`.
Result<std::vector<OxRecord>> region_records(storage::Database& db, const std::string& jurisdiction,
                                             const std::string& scope, Date from, Date to);

// The `timeseries_<Index>` layout: `CountryCode,CountryName,RegionCode,RegionName,CityCode,CityName,
// Jurisdiction,01Jan2020,…` with one row per jurisdiction and level of `records` (in the order first met),
// one column per day from `from` to `to`, each cell the index computed under `variant` and `options` with
// the published files' shortest decimals ("62.5", "50", "0"), blank where it is not computed. CRLF lines.
std::string export_timeseries(const std::vector<OxRecord>& records, Index index, Variant variant, Date from,
                              Date to, const IndexOptions& options = {});

}  // namespace metropoli::homologation

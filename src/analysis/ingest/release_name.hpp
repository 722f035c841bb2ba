// SPDX-License-Identifier: MIT
// The release date a per-person file's name carries. The federal files are named by their date
// (200413COVID19MEXICO.csv; archives rename them datos_abiertos_20200413.csv), and in April 2020 one
// release's FECHA_ACTUALIZACION disagreed with it: the file of 17 April says 2020-04-19 in every row, and
// loaded by that field it would replace the real release of the 19th. The name is the better witness of the
// two.
#pragma once

#include <optional>
#include <string_view>

#include "core/date.hpp"

namespace metropoli::analysis {

// The one date in the base name of `name` (for a zip's "archive.zip:member", the member's, else the
// archive's): YYYYMMDD between 2020 and 2039 bounded by non-digits, or the official YYMMDD before
// "COVID19MEXICO". None when the name holds no date or more than one (irag_20200407_20200906.csv names a
// range, not a release).
std::optional<Date> release_date_in_name(std::string_view name);

}  // namespace metropoli::analysis

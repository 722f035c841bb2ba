// SPDX-License-Identifier: MIT
// Records written back in OxCGRT's `fullwithnotes` layout (147 columns, CRLF, fields quoted only when they
// hold a comma, a quote or a line break), with the indices computed by Metrópoli in the index columns.
#pragma once

#include <string>
#include <vector>

#include "homologation/indices.hpp"
#include "homologation/oxcgrt_file.hpp"

namespace metropoli::homologation {

// The file's text: the header, then one line per record in the order given. Ordinal values are written
// "2.00", flags "0"/"1", other values, notes and the daily facts as stored; the index columns hold
// compute_index under `options` (blank where not computed).
std::string export_fullwithnotes(const std::vector<OxRecord>& records, const IndexOptions& options = {});

}  // namespace metropoli::homologation

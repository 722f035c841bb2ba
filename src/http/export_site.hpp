// SPDX-License-Identifier: MIT
// `metropoli export-site DIR`: the public web application as static files plus the JSON snapshots it reads,
// for any static web server. Written to a temporary folder and moved into place, so DIR is never half
// written.
#pragma once

#include <string>

#include "access/audit_head.hpp"
#include "app/context.hpp"

namespace metropoli::http {

struct ExportSummary {
    size_t files = 0;
    size_t bytes = 0;
};

// Also writes the audit chain's head at api/v1/audit/head.json ({count, hash, at}), signed by `audit_key`
// when given, so the published site carries the head an auditor checks `metropoli audit verify --against`
// with.
Result<ExportSummary> export_site(app::Context context, const std::string& web_dir,
                                  const std::string& out_dir, const access::SigningKey* audit_key = nullptr);

}  // namespace metropoli::http

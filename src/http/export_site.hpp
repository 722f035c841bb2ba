// SPDX-License-Identifier: MIT
// `metropoli export-site DIR`: the public web application as static files plus the JSON snapshots it reads,
// for any static web server. Written to a temporary folder and moved into place, so DIR is never half
// written.
#pragma once

#include <string>

#include "app/context.hpp"

namespace metropoli::http {

struct ExportSummary {
    size_t files = 0;
    size_t bytes = 0;
};

Result<ExportSummary> export_site(app::Context context, const std::string& web_dir,
                                  const std::string& out_dir);

}  // namespace metropoli::http

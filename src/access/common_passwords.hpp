// SPDX-License-Identifier: MIT
// The bundled list of common passwords (data/access/common-passwords.txt), compiled in by CMake from the data
// file: one lower-case password per line.
#pragma once

namespace metropoli::access {

extern const char k_common_passwords_text[];

}  // namespace metropoli::access

// SPDX-License-Identifier: MIT
// Where the command line gets a password: the first line of a file, or the terminal without echo (asked
// twice). Never from the command line itself, where other users of the machine could read it.
#pragma once

#include <string>

#include "core/result.hpp"

namespace metropoli::cli {

// The first line of `path` (without its line end); invalid_argument when it is empty, io_error when
// unreadable.
Result<std::string> read_password_file(const std::string& path);

// Asks on the controlling terminal (/dev/tty), with echo off, twice; invalid_argument when the two differ,
// io_error when there is no terminal (then --password-file is the way).
Result<std::string> prompt_new_password();

}  // namespace metropoli::cli

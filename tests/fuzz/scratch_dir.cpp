// SPDX-License-Identifier: MIT
#include "scratch_dir.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

namespace metropoli::fuzz {

std::string scratch_dir(std::string_view prefix) {
    namespace fs = std::filesystem;
    const fs::path tmp = fs::temp_directory_path();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(tmp, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
            fs::remove_all(entry.path(), ec);
    }
    const fs::path dir = tmp / (std::string(prefix) + std::to_string(::getpid()));
    fs::remove_all(dir, ec);
    fs::create_directories(dir);
    return dir.string();
}

}  // namespace metropoli::fuzz

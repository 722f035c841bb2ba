// SPDX-License-Identifier: MIT
// Reading a password from a file or from the terminal with echo off (termios).
#include "cli/password_prompt.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <fstream>

namespace metropoli::cli {

Result<std::string> read_password_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(ErrorCode::io_error, "cannot read the password file " + path);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty())
        return make_error(ErrorCode::invalid_argument, "the password file " + path + " is empty");
    return line;
}

namespace {

// One line from the terminal `fd` with echo off, restored afterwards.
Result<std::string> ask(int fd, const std::string& prompt) {
    termios saved{};
    if (tcgetattr(fd, &saved) != 0)
        return make_error(ErrorCode::io_error, "the terminal cannot be configured");
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    if (write(fd, prompt.data(), prompt.size()) < 0) return make_error(ErrorCode::io_error, "cannot prompt");
    tcsetattr(fd, TCSAFLUSH, &quiet);
    std::string line;
    char c = 0;
    ssize_t n = 0;
    while ((n = read(fd, &c, 1)) == 1 && c != '\n') line.push_back(c);
    tcsetattr(fd, TCSAFLUSH, &saved);
    if (n < 0) return make_error(ErrorCode::io_error, "reading the password from the terminal failed");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

Result<std::string> prompt_new_password() {
    const int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || !isatty(fd)) {
        if (fd >= 0) close(fd);
        return make_error(
            ErrorCode::io_error,
            "no hay terminal para pedir la contraseña: use --password-file FILE / no terminal to ask "
            "for the password: use --password-file FILE");
    }
    auto first = ask(fd, "Contraseña nueva / New password: ");
    auto second = first ? ask(fd, "Repítala / Repeat it: ") : first;
    close(fd);
    if (!first) return first.error();
    if (!second) return second.error();
    if (*first != *second)
        return make_error(ErrorCode::invalid_argument, "las contraseñas no coinciden / the passwords differ");
    if (first->empty())
        return make_error(ErrorCode::invalid_argument, "la contraseña está vacía / empty password");
    return first;
}

}  // namespace metropoli::cli

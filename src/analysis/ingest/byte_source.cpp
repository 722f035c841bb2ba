// SPDX-License-Identifier: MIT
// Plain files through read(2); zip members streamed through libarchive (the CRC and sizes are checked by it).
#include "analysis/ingest/byte_source.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace metropoli::analysis {

namespace {

class FileSource final : public ByteSource {
public:
    FileSource(int fd, std::string path, uint64_t size) : m_fd(fd), m_path(std::move(path)), m_size(size) {
        ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    }
    ~FileSource() override { ::close(m_fd); }

    Result<size_t> read(char* buffer, size_t capacity) override {
        size_t done = 0;
        while (done < capacity) {
            const ssize_t n = ::read(m_fd, buffer + done, capacity - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                return make_error(ErrorCode::io_error, fmt::format("{}: read failed at byte {}: {}", m_path,
                                                                   m_consumed, std::strerror(errno)));
            }
            if (n == 0) break;
            done += static_cast<size_t>(n);
            m_consumed += static_cast<uint64_t>(n);
        }
        return done;
    }
    uint64_t consumed() const override { return m_consumed; }
    uint64_t total() const override { return m_size; }
    std::string name() const override { return m_path; }

private:
    int m_fd;
    std::string m_path;
    uint64_t m_size;
    uint64_t m_consumed = 0;
};

class ZipSource final : public ByteSource {
public:
    ZipSource(archive* a, std::string path, std::string member, uint64_t size)
        : m_archive(a), m_path(std::move(path)), m_member(std::move(member)), m_size(size) {}
    ~ZipSource() override { archive_read_free(m_archive); }

    Result<size_t> read(char* buffer, size_t capacity) override {
        size_t done = 0;
        while (done < capacity) {
            const la_ssize_t n = archive_read_data(m_archive, buffer + done, capacity - done);
            if (n < 0) {
                return make_error(
                    ErrorCode::bad_input,
                    fmt::format("{}: member {} is damaged or truncated after {} bytes: {}", m_path, m_member,
                                m_produced + done, archive_error_string(m_archive)));
            }
            if (n == 0) break;
            done += static_cast<size_t>(n);
        }
        m_produced += done;
        return done;
    }
    uint64_t consumed() const override { return static_cast<uint64_t>(archive_filter_bytes(m_archive, -1)); }
    uint64_t total() const override { return m_size; }
    std::string name() const override { return m_path + ":" + m_member; }

private:
    archive* m_archive;
    std::string m_path;
    std::string m_member;
    uint64_t m_size;
    uint64_t m_produced = 0;
};

bool ends_with_csv(std::string name) {
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name.size() >= 4 && name.compare(name.size() - 4, 4, ".csv") == 0;
}

std::string archive_why(archive* a, const char* otherwise) {
    return archive_error_string(a) ? archive_error_string(a) : otherwise;
}

// The .csv members of a zip, from its central directory: a zip whose directory cannot be read is damaged or
// truncated, and is refused before anything of it is loaded.
Result<std::vector<std::string>> csv_members(const std::string& path) {
    archive* a = archive_read_new();
    archive_read_support_format_zip_seekable(a);
    if (archive_read_open_filename(a, path.c_str(), 1 << 16) != ARCHIVE_OK) {
        std::string why = archive_why(a, "unreadable");
        archive_read_free(a);
        return make_error(ErrorCode::bad_input, fmt::format("{}: damaged or truncated zip: {}", path, why));
    }
    std::vector<std::string> members;
    archive_entry* entry = nullptr;
    while (true) {
        const int r = archive_read_next_header(a, &entry);
        if (r == ARCHIVE_EOF) break;
        if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
            std::string why = archive_why(a, "damaged");
            archive_read_free(a);
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: damaged or truncated zip: {}", path, why));
        }
        const char* name = archive_entry_pathname(entry);
        if (name && ends_with_csv(name)) members.emplace_back(name);
    }
    archive_read_free(a);
    return members;
}

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

Result<std::unique_ptr<ByteSource>> open_zip(const std::string& path, uint64_t size,
                                             const std::string& member) {
    auto members = csv_members(path);
    if (!members) return members.error();
    if (members->empty())
        return make_error(ErrorCode::bad_input, fmt::format("{}: the zip holds no .csv file", path));
    std::string wanted = member;
    if (wanted.empty()) {
        if (members->size() > 1) {
            return make_error(
                ErrorCode::bad_input,
                fmt::format(
                    "{}: the zip holds {} CSV files ({}); name the member to load. Nothing was stored", path,
                    members->size(), join_names(*members)));
        }
        wanted = members->front();
    } else if (std::find(members->begin(), members->end(), wanted) == members->end()) {
        return make_error(ErrorCode::bad_input, fmt::format("{}: the zip has no member {}; its CSV files: {}",
                                                            path, wanted, join_names(*members)));
    }

    archive* a = archive_read_new();
    archive_read_support_format_zip(a);
    if (archive_read_open_filename(a, path.c_str(), 1 << 20) != ARCHIVE_OK) {
        std::string why = archive_why(a, "unreadable");
        archive_read_free(a);
        return make_error(ErrorCode::bad_input, fmt::format("{}: not a readable zip: {}", path, why));
    }
    archive_entry* entry = nullptr;
    while (true) {
        const int r = archive_read_next_header(a, &entry);
        if (r == ARCHIVE_EOF) break;
        if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
            std::string why = archive_why(a, "damaged");
            archive_read_free(a);
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: damaged or truncated zip: {}", path, why));
        }
        const char* name = archive_entry_pathname(entry);
        if (name && wanted == name) {
            return std::unique_ptr<ByteSource>(std::make_unique<ZipSource>(a, path, name, size));
        }
        archive_read_data_skip(a);
    }
    archive_read_free(a);
    return make_error(ErrorCode::bad_input,
                      fmt::format("{}: member {} not found while reading", path, wanted));
}

}  // namespace

Result<std::unique_ptr<ByteSource>> open_byte_source(const std::string& path, const std::string& member) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return make_error(ErrorCode::io_error, fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return make_error(ErrorCode::bad_input, fmt::format("{}: not a regular file", path));
    }
    char magic[4] = {};
    const ssize_t n = ::pread(fd, magic, sizeof magic, 0);
    const auto size = static_cast<uint64_t>(st.st_size);
    if (n == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0) {
        ::close(fd);
        return open_zip(path, size, member);
    }
    if (!member.empty())
        return make_error(ErrorCode::invalid_argument,
                          fmt::format("{}: a member was named, but this is not a zip", path));
    return std::unique_ptr<ByteSource>(std::make_unique<FileSource>(fd, path, size));
}

}  // namespace metropoli::analysis

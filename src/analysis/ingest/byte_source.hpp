// SPDX-License-Identifier: MIT
// Where release bytes come from: a plain file, or the CSV inside the official .zip, read in blocks so that
// memory stays bounded whatever the file size.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace metropoli::analysis {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Reads up to `capacity` bytes; 0 means the end. An error says what failed and where (a truncated zip,
    // a bad CRC, an unreadable file).
    virtual Result<size_t> read(char* buffer, size_t capacity) = 0;
    // Bytes of the input file consumed so far and its total size, for progress.
    virtual uint64_t consumed() const = 0;
    virtual uint64_t total() const = 0;
    // "datos.zip:200430COVID19MEXICO.csv" or the file name.
    virtual std::string name() const = 0;
};

// Opens FILE: a .zip (by its magic bytes, not its name) yields its .csv member: the one named `member`, or
// the only one; a zip holding several .csv files without `member` is refused with their names, so that a
// national release is never silently read as the one-state extract beside it. Anything else is read as it is.
Result<std::unique_ptr<ByteSource>> open_byte_source(const std::string& path, const std::string& member = "");

}  // namespace metropoli::analysis

// SPDX-License-Identifier: MIT
// A small, strict RFC 4180 parser for the project's reference tables.
#include "core/csv.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace metropoli {

int CsvTable::column(std::string_view name) const {
    for (size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) return static_cast<int>(i);
    }
    return -1;
}

Result<CsvTable> parse_csv(std::string_view text, const std::string& source_name) {
    text = strip_bom(text);
    CsvTable table;
    std::vector<std::string> record;
    std::string field;
    size_t line = 1;
    size_t record_line = 1;
    size_t i = 0;
    bool in_quotes = false;
    bool field_started = false;

    auto end_record = [&]() -> Status {
        record.push_back(std::move(field));
        field.clear();
        field_started = false;
        if (record.size() == 1 && record[0].empty()) {  // blank line
            record.clear();
            return ok_status();
        }
        if (table.header.empty()) {
            table.header = std::move(record);
        } else if (record.size() != table.header.size()) {
            return make_error(ErrorCode::bad_input,
                              fmt::format("{}: line {}: expected {} fields, found {}", source_name,
                                          record_line, table.header.size(), record.size()));
        } else {
            table.rows.push_back(std::move(record));
            table.row_lines.push_back(record_line);
        }
        record.clear();
        return ok_status();
    };

    while (i < text.size()) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    in_quotes = false;
                }
            } else {
                if (c == '\n') ++line;
                field.push_back(c);
            }
            ++i;
            continue;
        }
        if (c == '"' && !field_started) {
            in_quotes = true;
            field_started = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            field_started = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (auto s = end_record(); !s) return s.error();
            ++line;
            record_line = line;
        } else {
            field.push_back(c);
            field_started = true;
        }
        ++i;
    }
    if (in_quotes) {
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: line {}: unterminated quoted field", source_name, record_line));
    }
    if (field_started || !record.empty()) {
        if (auto s = end_record(); !s) return s.error();
    }
    if (table.header.empty()) {
        return make_error(ErrorCode::bad_input, fmt::format("{}: empty file, no header", source_name));
    }
    return table;
}

Result<CsvTable> read_csv_file(const std::string& path) {
    auto text = read_file(path);
    if (!text) return text.error();
    return parse_csv(*text, path);
}

}  // namespace metropoli

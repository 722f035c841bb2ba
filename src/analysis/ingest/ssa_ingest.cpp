// SPDX-License-Identifier: MIT
// The release ingest pipeline: one reader cuts the byte stream into line-aligned chunks; one parser per core
// classifies and counts them; the counts are merged in key order and written as series in one transaction.
#include "analysis/ingest/ssa_ingest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

#include "analysis/ingest/byte_source.hpp"
#include "analysis/ingest/release_name.hpp"
#include "analysis/ingest/ssa_parser.hpp"

namespace metropoli::analysis {

namespace {

struct Chunk {
    uint64_t id = 0;
    std::string bytes;
    size_t size = 0;
};

// A bounded queue of chunks between the reader and the parsers; also recycles buffers so memory stays flat.
class ChunkQueue {
public:
    explicit ChunkQueue(size_t capacity) : m_capacity(capacity) {}

    void push(Chunk chunk) {
        std::unique_lock lock(m_mutex);
        m_not_full.wait(lock, [&] { return m_items.size() < m_capacity; });
        m_items.push_back(std::move(chunk));
        m_not_empty.notify_one();
    }
    bool pop(Chunk& chunk) {
        std::unique_lock lock(m_mutex);
        m_not_empty.wait(lock, [&] { return !m_items.empty() || m_closed; });
        if (m_items.empty()) return false;
        chunk = std::move(m_items.front());
        m_items.pop_front();
        m_not_full.notify_one();
        return true;
    }
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_not_empty.notify_all();
    }
    void recycle(std::string buffer) {
        std::lock_guard lock(m_mutex);
        if (m_free.size() < m_capacity + 4) m_free.push_back(std::move(buffer));
    }
    std::string take_buffer(size_t size) {
        std::lock_guard lock(m_mutex);
        std::string b;
        if (!m_free.empty()) {
            b = std::move(m_free.back());
            m_free.pop_back();
        }
        b.resize(size);
        return b;
    }

private:
    size_t m_capacity;
    std::deque<Chunk> m_items;
    std::vector<std::string> m_free;
    bool m_closed = false;
    std::mutex m_mutex;
    std::condition_variable m_not_empty, m_not_full;
};

// Turns merged (key, count) pairs, which arrive in series order, into SeriesRecords.
class SeriesBuilder {
public:
    SeriesBuilder(const MunicipalityIndex& index, const SeriesSink& sink) : m_index(index), m_sink(sink) {}

    void add(uint64_t packed, uint64_t count) {
        if (!m_status) return;
        const uint64_t series = CountKey::series_of(packed);
        if (m_have && series != m_series) flush();
        m_series = series;
        m_have = true;
        const CountKey k = CountKey::unpack(packed);
        m_key = k;
        m_cells.push_back({k.day, k.age_band, k.sex, count});
    }
    Status finish() {
        if (m_have) flush();
        return m_status;
    }

private:
    void flush() {
        SeriesRecord s;
        s.municipality = m_index.code(m_key.municipality);
        s.measure = m_key.measure;
        s.basis = m_key.basis;
        const uint32_t first = m_cells.front().offset, last = m_cells.back().offset;
        s.first = CountKey::date_of(static_cast<uint16_t>(first));
        s.daily.assign(last - first + 1, 0);
        for (auto& c : m_cells) {
            c.offset -= first;
            s.daily[c.offset] += c.count;
        }
        s.cells = std::move(m_cells);
        m_cells = {};
        m_have = false;
        if (m_status) m_status = m_sink(s);
    }

    const MunicipalityIndex& m_index;
    const SeriesSink& m_sink;
    std::vector<Cell> m_cells;
    CountKey m_key{};
    uint64_t m_series = 0;
    bool m_have = false;
    Status m_status = ok_status();
};

std::string_view first_field(std::string_view line) {
    auto end = line.find(',');
    auto f = line.substr(0, end);
    if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
    return f;
}

// What the head of the file fixes: its layout, from the header line, and the release date, from the first
// record's FECHA_ACTUALIZACION; and the bytes read so far past the header, which the first chunk carries.
struct Head {
    SsaLayout layout;
    std::string release_text;
    Date release;
    std::string records;  // the bytes after the header line
};

// Reads until the header line and the first record are complete.
Result<Head> read_head(ByteSource& source, size_t chunk_bytes, IngestReport& report) {
    std::string pending(chunk_bytes, '\0');
    size_t pending_size = 0;
    size_t header_end = std::string::npos;
    while (header_end == std::string::npos) {
        if (pending_size == pending.size()) {
            return make_error(
                ErrorCode::bad_input,
                fmt::format("{}: no header line within the first {} bytes", source.name(), pending.size()));
        }
        auto n = source.read(pending.data() + pending_size, pending.size() - pending_size);
        if (!n) return n.error();
        if (*n == 0) break;
        pending_size += *n;
        header_end = std::string_view(pending.data(), pending_size).find('\n');
    }
    if (header_end == std::string::npos) {
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: {} — no complete header line", source.name(),
                                      pending_size == 0 ? "empty file" : "file ends inside the header"));
    }
    std::string_view header(pending.data(), header_end);
    report.bom = header.substr(0, 3) == "\xEF\xBB\xBF";
    auto layout = detect_layout(header);
    if (!layout)
        return make_error(ErrorCode::bad_input, fmt::format("{}: {}", source.name(), layout.error().message));
    report.schema = std::string(schema_name(layout->schema));
    const size_t data_start = header_end + 1;

    // Read until the first record is complete, to learn FECHA_ACTUALIZACION.
    while (std::string_view(pending.data() + data_start, pending_size - data_start).find('\n') ==
           std::string_view::npos) {
        if (pending_size == pending.size()) pending.resize(pending.size() * 2);
        auto n = source.read(pending.data() + pending_size, pending.size() - pending_size);
        if (!n) return n.error();
        if (*n == 0) break;
        pending_size += *n;
    }
    std::string_view first_record(pending.data() + data_start, pending_size - data_start);
    if (first_record.empty())
        return make_error(ErrorCode::bad_input,
                          fmt::format("{}: the file has a header but no records", source.name()));
    auto release_text = std::string(first_field(first_record));
    const auto release = Date::parse_iso(release_text);
    if (!release) {
        return make_error(
            ErrorCode::bad_input,
            fmt::format("{}: line 2: FECHA_ACTUALIZACION '{}' is not a date", source.name(), release_text));
    }
    report.release_date = release_text;
    return Head{std::move(*layout), std::move(release_text), *release, std::string(first_record)};
}

// What the parse of every chunk left: each parser's counts and tallies, the lines of each chunk (for global
// line numbers), and how the read ended.
struct Parsed {
    std::vector<std::unique_ptr<WorkerState>> states;
    std::vector<uint64_t> chunk_lines;
    Status read_status = ok_status();
    bool truncated = false;
    uint64_t truncated_tail_lines = 0;  // complete lines before the cut record in the final buffer
};

// The reader cuts the stream into line-aligned chunks (whatever follows the last newline is carried into the
// next chunk) for `threads` parsers, until the end, a read error or a strict reject.
Parsed parse_stream(ByteSource& source, std::string carry, const ParseContext& context, unsigned threads,
                    const SsaIngestOptions& options) {
    Parsed out;
    const size_t max_entries = options.memory_budget_mb * (1u << 20) / threads / 32;
    for (unsigned i = 0; i < threads; ++i) out.states.push_back(std::make_unique<WorkerState>(max_entries));
    ChunkQueue queue(threads * 2);
    std::mutex lines_mutex;
    std::atomic<uint64_t> rows_parsed{0};  // for progress only

    std::vector<std::thread> workers;
    for (unsigned i = 0; i < threads; ++i) {
        workers.emplace_back([&, i] {
            Chunk chunk;
            while (queue.pop(chunk)) {
                const uint64_t n = parse_chunk(
                    context, chunk.id, std::string_view(chunk.bytes.data(), chunk.size), *out.states[i]);
                {
                    std::lock_guard lock(lines_mutex);
                    if (out.chunk_lines.size() <= chunk.id) out.chunk_lines.resize(chunk.id + 1);
                    out.chunk_lines[chunk.id] = n;
                }
                rows_parsed.fetch_add(n, std::memory_order_relaxed);
                queue.recycle(std::move(chunk.bytes));
            }
        });
    }

    uint64_t next_id = 0;
    while (!context.stop->load(std::memory_order_relaxed)) {
        std::string buffer = queue.take_buffer(std::max(options.chunk_bytes, carry.size() * 2));
        std::memcpy(buffer.data(), carry.data(), carry.size());
        size_t filled = carry.size();
        auto n = source.read(buffer.data() + filled, buffer.size() - filled);
        if (!n) {
            out.read_status = n.error();
            break;
        }
        filled += *n;
        const bool at_end = *n == 0;
        std::string_view view(buffer.data(), filled);
        const size_t last_nl = view.rfind('\n');
        if (at_end) {
            if (filled > 0 && last_nl != filled - 1) {
                out.truncated = true;
                out.truncated_tail_lines = static_cast<uint64_t>(std::count(view.begin(), view.end(), '\n'));
                break;
            }
            if (filled > 0) queue.push(Chunk{next_id++, std::move(buffer), filled});
            break;
        }
        if (last_nl == std::string_view::npos) {
            carry.assign(buffer.data(), filled);  // a line longer than the chunk: grow and read on
            continue;
        }
        carry.assign(buffer.data() + last_nl + 1, filled - last_nl - 1);
        queue.push(Chunk{next_id++, std::move(buffer), last_nl + 1});
        if (options.on_progress) {
            options.on_progress(
                {source.consumed(), source.total(), rows_parsed.load(std::memory_order_relaxed), false});
        }
    }
    queue.close();
    for (auto& w : workers) w.join();
    if (options.on_progress) {
        options.on_progress(
            {source.consumed(), source.total(), rows_parsed.load(std::memory_order_relaxed), true});
    }
    return out;
}

// The parsers' tallies in the report, with global line numbers (the header is line 1; chunk c starts after
// every line of the chunks before it); the truncation, if any, as an error naming its line and byte.
Status tally(const Parsed& parsed, const SsaLayout& layout, const ByteSource& source, IngestReport& report) {
    std::vector<uint64_t> chunk_start(parsed.chunk_lines.size() + 1, 1);
    for (size_t c = 0; c < parsed.chunk_lines.size(); ++c)
        chunk_start[c + 1] = chunk_start[c] + parsed.chunk_lines[c];
    Status status = parsed.read_status;
    if (parsed.truncated) {
        status = make_error(
            ErrorCode::bad_input,
            fmt::format("{}: truncated: the file ends in the middle of a record (line {}, byte {}); nothing "
                        "was stored",
                        source.name(), chunk_start.back() + parsed.truncated_tail_lines + 1,
                        source.consumed()));
    }
    auto global_line = [&](uint64_t chunk, uint64_t line) {
        return (chunk < chunk_start.size() ? chunk_start[chunk] : 0) + line;
    };
    std::map<std::pair<int, std::string>, SetAside> set_aside;
    for (const auto& s : parsed.states) {
        report.rows_read += s->rows;
        report.rows_kept += s->kept;
        report.rows_out_of_scope += s->out_of_scope;
        report.rows_rejected += s->rejected;
        for (const auto& [kind, count] : s->reject_kinds) report.reject_reasons[kind] += count;
        for (const auto& r : s->rejects) {
            if (report.rejects.size() >= IngestReport::k_max_reject_details) break;
            report.rejects.push_back(
                {global_line(r.chunk, r.line),
                 r.column_is_count ? "*" : std::string(field_column(r.column, layout.schema)), r.reason});
        }
        for (const auto& [key, tally] : s->set_aside) {
            auto& entry = set_aside[key];
            entry.column = std::string(field_column(static_cast<Field>(key.first), layout.schema));
            entry.value = key.second;
            const uint64_t line = global_line(tally.first_chunk, tally.first_line);
            entry.first_line = entry.count == 0 ? line : std::min(entry.first_line, line);
            entry.count += tally.count;
        }
    }
    std::sort(report.rejects.begin(), report.rejects.end(),
              [](const auto& a, const auto& b) { return a.line < b.line; });
    for (auto& [key, entry] : set_aside) report.set_aside.push_back(std::move(entry));
    std::sort(report.set_aside.begin(), report.set_aside.end(), [](const auto& a, const auto& b) {
        return a.column != b.column ? a.column < b.column : a.count > b.count;
    });
    return status;
}

}  // namespace

bool keeps(const Region& region, const Jurisdiction& j, Scope scope) {
    return scope == Scope::national ||
           std::find(region.states.begin(), region.states.end(), j.state_code) != region.states.end();
}

std::string scope_label(const Region& region, Scope scope) {
    return scope == Scope::national ? "national" : "region:" + region.id;
}

Result<IngestReport> ingest_ssa(const std::string& path, const Region& region, ReleaseStore& store,
                                const SsaIngestOptions& options, IngestReport& report) {
    const auto started = std::chrono::steady_clock::now();
    auto opened = open_byte_source(path, options.member);
    if (!opened) return opened.error();
    ByteSource& source = **opened;
    report.source = source.name();
    report.scope = options.scope == Scope::national ? "national" : "region " + region.id;
    auto head = read_head(source, options.chunk_bytes, report);
    if (!head) return head.error();
    // The file's name outranks its FECHA_ACTUALIZACION when the two disagree (release_name.hpp); the rows are
    // still checked against the field, which must be the same in every row.
    Date release = head->release;
    if (const auto named = release_date_in_name(source.name()); named && *named != head->release) {
        release = *named;
        report.release_date = release.iso();
        report.warnings.push_back(
            fmt::format("FECHA_ACTUALIZACION is {} but the file's name is dated {}: stored as the release "
                        "of {}, the name's date (an event after it is set aside as beyond the release)",
                        head->release_text, release.iso(), release.iso()));
    }
    if (options.stored_by_this_run && options.replacement != Replacement::anyway) {
        if (const auto earlier = options.stored_by_this_run->find(release);
            earlier != options.stored_by_this_run->end()) {
            return make_error(
                ErrorCode::conflict,
                fmt::format("{}: its release date {} is that of {}, stored by this same command: "
                            "two files of one release; nothing of this one was stored",
                            source.name(), release.iso(), earlier->second));
        }
    }

    MunicipalityIndex municipalities;
    for (const auto& j : region.jurisdictions) {
        if (j.kind != JurisdictionKind::municipality) continue;
        municipalities.add(j.code, keeps(region, j, options.scope));
    }
    std::atomic<bool> stop{false};
    ParseContext context;
    context.layout = &head->layout;
    context.municipalities = &municipalities;
    context.release_text = head->release_text;
    context.release = release;
    context.strict = options.strict;
    context.stop = &stop;
    const unsigned threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    auto parsed = parse_stream(source, std::move(head->records), context, threads, options);
    report.bytes = source.total();
    const auto read = tally(parsed, head->layout, source, report);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    if (!read) return read.error();
    if (options.strict && report.rows_rejected > 0) {
        const auto& first = report.rejects.front();
        return make_error(
            ErrorCode::bad_input,
            fmt::format(
                "{}: line {}, column {}: {} (strict ingest: stopped at the first reject; nothing was stored)",
                source.name(), first.line, first.column, first.reason));
    }
    if (report.rows_kept == 0) {
        // Still a real release: stored, so `releases` shows it was loaded and that it held nothing for the
        // scope.
        report.warnings.push_back(
            fmt::format("no record belongs to the kept scope ({}); a national scope keeps "
                        "every municipality",
                        report.scope));
    }

    // The counts of every parser merged in series order, written in one transaction with the audit entry.
    const ReleaseInfo info =
        release_info("ssa", release, scope_label(region, options.scope), source.name(), report);
    std::vector<CountTable*> tables;
    for (auto& s : parsed.states) tables.push_back(&s->counts);
    auto written = replace_release_audited(
        store, info,
        [&](const SeriesSink& sink) -> Status {
            SeriesBuilder builder(municipalities, sink);
            auto merged = CountTable::merge_tables(
                tables, [&](uint64_t key, uint64_t count) { builder.add(key, count); });
            if (!merged) return merged;
            return builder.finish();
        },
        {}, options.replacement, options.by);
    if (!written) return written.error();
    report.series_written = *written;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace metropoli::analysis

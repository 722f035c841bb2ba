// SPDX-License-Identifier: MIT
// `metropoli audit verify|log|head|keygen`: walk the audit chain, list its entries, print (and sign) its
// head, make the signing key.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "access/audit.hpp"
#include "access/audit_head.hpp"
#include "cli/cli_support.hpp"

namespace metropoli::cli {

namespace {

struct VerifyArgs {
    std::string against;
    std::string public_key;
};

struct LogArgs {
    std::string entity, actor, from;
};

std::string entry_count(int64_t n) {
    return fmt::format("{} {}", n, n == 1 ? "entry" : "entries");
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw CLI::RuntimeError(
            report_error(make_error(ErrorCode::io_error, fmt::format("cannot read {}", path))));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// `audit verify`: exit 0 with "N entries checked, intact", or 1 naming the first broken entry (or the
// earlier head the chain no longer holds).
void verify(const GlobalOptions& global, const VerifyArgs& args) {
    std::optional<access::PublishedHead> earlier;
    if (!args.against.empty()) {
        auto parsed = access::parse_published_head(read_text_file(args.against));
        if (!parsed)
            throw CLI::RuntimeError(report_error(make_error(
                parsed.error().code, fmt::format("{}: {}", args.against, parsed.error().message))));
        earlier = std::move(*parsed);
    }
    auto context = open_or_throw(global);
    const auto report = value_or_throw(access::verify_chain(*context.db));
    if (!report.intact()) {
        fmt::print("{} checked, broken at entry id {}\n", entry_count(report.checked), *report.first_broken);
        throw CLI::RuntimeError(report_error(
            make_error(ErrorCode::conflict, fmt::format("the audit chain is broken: {}", report.reason))));
    }
    if (earlier) {
        if (earlier->signature || !args.public_key.empty()) {
            if (auto s = access::check_head_signature(*earlier, args.public_key); !s)
                throw CLI::RuntimeError(report_error(
                    make_error(s.error().code, fmt::format("{}: {}", args.against, s.error().message))));
        }
        if (auto s = access::chain_holds(*context.db, earlier->head); !s)
            throw CLI::RuntimeError(report_error(make_error(
                s.error().code, fmt::format("the audit chain does not hold the head of {} ({}): {}",
                                            args.against, earlier->at, s.error().message))));
    }
    fmt::print("{} checked, intact\n", entry_count(report.checked));
    if (earlier) {
        fmt::print("holds the head of {} published at {}{}\n", entry_count(earlier->head.count), earlier->at,
                   earlier->signature ? fmt::format(", signed by {}", *earlier->public_key) : ", unsigned");
    }
}

void log(const GlobalOptions& global, const LogArgs& args) {
    access::AuditFilter filter;
    filter.entity = args.entity;
    filter.actor = args.actor;
    filter.from = date_option(args.from, "--from");
    auto context = open_or_throw(global);
    const auto entries = value_or_throw(access::audit_entries(*context.db, filter));
    if (global.format == "json") {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : entries) out.push_back(access::to_json(e));
        fmt::print("{}\n", nlohmann::json{{"entries", out}}.dump(2));
        return;
    }
    std::string text = "id,at,actor,action,entity_type,entity_id,request_id,diff\n";
    for (const auto& e : entries) {
        text += fmt::format("{},{},{},{},{},{},{},{}\n", e.id, e.at, csv_field(e.actor), csv_field(e.action),
                            csv_field(e.entity_type), csv_field(e.entity_id), csv_field(e.request_id),
                            csv_field(e.diff.dump()));
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace

void add_audit_commands(CLI::App& app, GlobalOptions& global) {
    auto* audit =
        app.add_subcommand("audit", "The audit log: verify its hash chain, list it, publish its head");
    audit->require_subcommand(1);

    auto verify_args = std::make_shared<VerifyArgs>();
    auto* verify_cmd = audit->add_subcommand(
        "verify", "Walk the whole chain; name the first broken entry (exit 1) or say it is intact");
    verify_cmd
        ->add_option("--against", verify_args->against,
                     "A head published earlier (audit head): the chain must still hold it, and its signature "
                     "must verify")
        ->check(CLI::ExistingFile);
    verify_cmd->add_option("--public-key", verify_args->public_key,
                           "The key the head must be signed by (hex, as `audit keygen` printed it)");
    verify_cmd->callback([&global, verify_args]() { verify(global, *verify_args); });

    auto log_args = std::make_shared<LogArgs>();
    auto* log_cmd = audit->add_subcommand("log", "List entries, oldest first (CSV or JSON)");
    log_cmd->add_option("--entity", log_args->entity, "TYPE:ID (one entity) or TYPE (every entity of it)");
    log_cmd->add_option("--actor", log_args->actor, "Only this actor (cli:NAME, account:ID, system)");
    log_cmd->add_option("--from", log_args->from, "Only entries on or after this day (YYYY-MM-DD, UTC)");
    log_cmd->callback([&global, log_args]() { log(global, *log_args); });

    auto key = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    auto* head_cmd =
        audit->add_subcommand("head", "Print the chain's head {count, hash, at}, signed with --key if given");
    head_cmd->add_option("--key", *key, "The secret key file `audit keygen` wrote")->check(CLI::ExistingFile);
    head_cmd->add_option("--output,-o", *output, "Write it to this file instead of stdout");
    head_cmd->callback([&global, key, output]() {
        std::optional<access::SigningKey> signing;
        if (!key->empty()) signing.emplace(value_or_throw(access::SigningKey::load(*key)));
        auto context = open_or_throw(global);
        const auto head =
            value_or_throw(access::current_head(*context.db, system_clock(), signing ? &*signing : nullptr));
        const std::string text = head.to_json().dump(2) + "\n";
        if (output->empty()) {
            std::fwrite(text.data(), 1, text.size(), stdout);
            return;
        }
        std::ofstream out(*output, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush())
            throw CLI::RuntimeError(
                report_error(make_error(ErrorCode::io_error, fmt::format("cannot write {}", *output))));
        fmt::print(stderr, "head of {} entries written to {}\n", head.head.count, *output);
    });

    auto out = std::make_shared<std::string>();
    auto* keygen = audit->add_subcommand(
        "keygen",
        "Make an Ed25519 key to sign heads: the secret key to --out (mode 0600), the public to stdout");
    keygen
        ->add_option("--out", *out,
                     "The secret key file to create (never overwritten); keep it outside the database")
        ->required();
    keygen->callback([out]() {
        const auto public_key = value_or_throw(access::write_new_key(*out));
        fmt::print(stderr, "secret key written to {} (mode 0600); publish the public key:\n", *out);
        fmt::print("{}\n", public_key);
    });
}

}  // namespace metropoli::cli

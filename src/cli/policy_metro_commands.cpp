// SPDX-License-Identifier: MIT
// `metropoli policy metro` and `metropoli policy effective`: the metro picture of the coded measures (each
// municipality's effective value side by side, the spread, the metro-effective value, the divergence in
// words; or with --indices the metro index and each municipality's) and one municipality's effective policy,
// as CSV (or JSON with --format json).
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/context.hpp"
#include "app/policy_service.hpp"
#include "cli/cli_support.hpp"
#include "homologation/effective_policy.hpp"

namespace metropoli::cli {

namespace {

namespace h = homologation;

struct MetroArgs {
    std::string from, to, indicator, jurisdiction;
    bool indices = false;
};

std::string opt_text(const std::optional<int>& v) {
    return v ? std::to_string(*v) : "";
}

std::pair<Date, Date> range_of(const MetroArgs& a) {
    const auto from = date_option(a.from, "--from");
    const auto to = date_option(a.to, "--to");
    if (!from || !to) throw CLI::ValidationError("--from/--to", "both are required (YYYY-MM-DD)");
    return {*from, *to};
}

std::optional<std::string> indicator_of(const MetroArgs& a) {
    if (a.indicator.empty()) return std::nullopt;
    return a.indicator;
}

int run_metro(const GlobalOptions& global, const MetroArgs& a) {
    const auto [from, to] = range_of(a);
    auto context = open_or_throw(global);
    const auto picture = value_or_throw(app::metro_policy_for(*context.db, context.region, from, to,
                                                              indicator_of(a), h::k_max_effective_days));
    if (global.format == "json") {
        fmt::print("{}\n", h::metro_picture_json(picture).dump(2));
        return 0;
    }
    std::string members;
    for (const auto& m : picture.members) members += "," + m.code;
    if (a.indices) {
        fmt::print("date,index,metro{},components\n", members);
        for (const auto& d : picture.indices) {
            for (h::Index index : h::metro_indices()) {
                const std::string code(h::index_code(index));
                const auto& metro = d.metro.at(code);
                std::string line = fmt::format("{},{},{}", d.day.iso(), code,
                                               metro.cents ? h::cents_text(*metro.cents) : "");
                for (const auto& m : picture.members) {
                    const auto& v = d.municipalities.at(m.code).at(code);
                    line += "," + (v.cents ? h::cents_text(*v.cents) : "");
                }
                fmt::print("{},{}\n", line, metro.components);
            }
        }
        return 0;
    }
    fmt::print(
        "date,indicator{},strictest,most_lenient,spread,metro_value,metro_flag,divergencia,divergence\n",
        members);
    for (const auto& r : picture.rows) {
        std::string cells;
        for (const auto& c : r.cells) cells += "," + opt_text(c.effective.value);
        fmt::print("{},{}{},{},{},{},{},{},{},{}\n", r.day.iso(), r.indicator, cells, opt_text(r.strictest),
                   opt_text(r.most_lenient), r.spread,
                   r.metro_effective ? std::to_string(r.metro_effective->value) : "",
                   r.metro_effective ? opt_text(r.metro_effective->flag) : "", csv_field(r.divergence.es),
                   csv_field(r.divergence.en));
    }
    for (const auto& [indicator, days] : picture.divergent_days)
        std::cerr << fmt::format("{}: {} días de divergencia / days of divergence\n", indicator, days);
    return 0;
}

int run_effective(const GlobalOptions& global, const MetroArgs& a) {
    const auto [from, to] = range_of(a);
    auto context = open_or_throw(global);
    const auto days = value_or_throw(app::effective_policy_for(*context.db, a.jurisdiction, from, to,
                                                               indicator_of(a), h::k_max_effective_days));
    if (global.format == "json") {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& [indicator, d] : days) out.push_back(h::effective_day_json(indicator, d));
        fmt::print("{}\n", out.dump(2));
        return 0;
    }
    fmt::print(
        "jurisdiction,date,indicator,value,flag,set_by,level,observation,curfew_from,curfew_to,"
        "capacity_pct,closing_time,alcohol_sales,alcohol_until,max_group_size,unverified\n");
    for (const auto& [indicator, d] : days) {
        const auto& s = d.set_by;
        const h::LocalExtensions e = s ? s->extensions : h::LocalExtensions{};
        fmt::print("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(a.jurisdiction),
                   d.day.iso(), indicator, opt_text(d.value), opt_text(d.flag), s ? s->jurisdiction : "",
                   s ? s->level : "", s ? std::to_string(s->observation) : "", e.curfew_from.value_or(""),
                   e.curfew_to.value_or(""), opt_text(e.capacity_pct), e.closing_time.value_or(""),
                   e.alcohol_sales.value_or(""), e.alcohol_until.value_or(""), opt_text(e.max_group_size),
                   s ? (s->unverified ? "1" : "0") : "");
    }
    return 0;
}

}  // namespace

void add_policy_metro_commands(CLI::App* policy, GlobalOptions& global) {
    auto args = std::make_shared<MetroArgs>();
    auto* metro = policy->add_subcommand(
        "metro",
        "Each municipality's effective value per indicator and day, the spread and the divergences (CSV)");
    metro->add_option("--from", args->from, "First day (YYYY-MM-DD)")->required();
    metro->add_option("--to", args->to, "Last day (YYYY-MM-DD)")->required();
    metro->add_option("--indicator", args->indicator, "Only this indicator (C1-C8, E1, E2, H1-H3, H6-H8)");
    metro->add_flag(
        "--indices", args->indices,
        "The metro index and each municipality's instead: date,index,metro,<municipalities>,components");
    metro->callback([&global, args]() {
        if (const int code = run_metro(global, *args)) throw CLI::RuntimeError(code);
    });
    auto* effective = policy->add_subcommand(
        "effective", "One municipality's effective policy day by day, with what set it (CSV)");
    effective->add_option("--jurisdiction,-j", args->jurisdiction, "The municipality's INEGI code (10007)")
        ->required();
    effective->add_option("--from", args->from, "First day (YYYY-MM-DD)")->required();
    effective->add_option("--to", args->to, "Last day (YYYY-MM-DD)")->required();
    effective->add_option("--indicator", args->indicator,
                          "Only this indicator; every ordinal one when absent");
    effective->callback([&global, args]() {
        if (const int code = run_effective(global, *args)) throw CLI::RuntimeError(code);
    });
}

}  // namespace metropoli::cli

// SPDX-License-Identifier: MIT
// Indicators from prefix sums over a common day axis: every windowed sum is two lookups, so a place's whole
// history costs a few passes over its series.
#include "analysis/indicators/indicators.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace metropoli::analysis {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
using enum Input;

}  // namespace

std::string_view input_name(Input input) {
    static constexpr std::array<std::string_view, k_input_count> names = {
        "confirmed",        "suspected",        "negative",     "lab_positive", "lab_negative",
        "antigen_positive", "antigen_negative", "hospitalized", "icu",          "deaths"};
    return names[static_cast<size_t>(input)];
}

Measure input_measure(Input input) {
    static constexpr std::array<Measure, k_input_count> measures = {Measure::confirmed,
                                                                    Measure::suspected,
                                                                    Measure::negative,
                                                                    Measure::lab_positive,
                                                                    Measure::lab_negative,
                                                                    Measure::antigen_positive,
                                                                    Measure::antigen_negative,
                                                                    Measure::hospitalized,
                                                                    Measure::icu,
                                                                    Measure::deaths};
    return measures[static_cast<size_t>(input)];
}

Basis input_basis(Input input) {
    switch (input) {
        case hospitalized:
        case icu:
            return Basis::admission;
        case deaths:
            return Basis::death;
        default:
            return Basis::onset;
    }
}

IndicatorOptions default_indicator_options() {
    IndicatorOptions options;
    options.si = SerialInterval{k_default_si_mean, k_default_si_sd, {}};
    return options;
}

std::string release_text(const ReleaseRef& r) {
    if (r.source == "red_irag") return "Red IRAG " + r.detail;
    return fmt::format("{} {} ({})", r.source, r.date.iso(), r.kind);
}

namespace {

// Windowed sums of one input on the axis [axis_first, axis_last]. NaN where the window is unknown: the input
// is absent, or the window reaches past the release.
class Sums {
public:
    Sums(const InputSeries& s, Date axis_first, Date axis_last) : m_present(s.present), m_first(axis_first) {
        if (!m_present) return;
        m_known_until = std::min(s.release, axis_last);
        const auto n = static_cast<size_t>(axis_last - axis_first) + 1;
        std::vector<double> daily(n, 0.0);
        for (size_t i = 0; i < s.values.size(); ++i) {
            const Date d = s.first + static_cast<int32_t>(i);
            if (d >= axis_first && d <= axis_last) daily[static_cast<size_t>(d - axis_first)] += s.values[i];
        }
        m_prefix.assign(n + 1, 0.0);
        for (size_t i = 0; i < n; ++i) m_prefix[i + 1] = m_prefix[i] + daily[i];
    }

    bool present() const { return m_present; }
    // The sum over the `days` days ending on `to`; days == 0 sums everything up to `to`.
    double sum(Date to, int days) const {
        if (!m_present || to > m_known_until) return k_nan;
        const int32_t end = to - m_first + 1;
        if (end <= 0) return 0.0;
        const int32_t begin = days == 0 ? 0 : std::max<int32_t>(0, end - days);
        return m_prefix[static_cast<size_t>(end)] - m_prefix[static_cast<size_t>(begin)];
    }

private:
    bool m_present;
    Date m_first;
    Date m_known_until;
    std::vector<double> m_prefix;
};

double per_100k(double count, double population) {
    return population > 0 ? count / population * 1e5 : k_nan;
}
double ratio(double num, double den) {
    return den > 0 ? num / den : k_nan;
}
double relative_change(double now, double before) {
    return before > 0 ? (now - before) / before : k_nan;
}

// Positivity over the `days` ending on `d` from the test inputs that are present.
double positivity(const std::array<Sums, k_input_count>& s, Date d, int days, bool lab, bool antigen) {
    double pos = 0, all = 0;
    bool any = false;
    auto add = [&](Input p, Input n) {
        const auto& sp = s[static_cast<size_t>(p)];
        const auto& sn = s[static_cast<size_t>(n)];
        if (!sp.present() && !sn.present()) return;
        const double a = sp.present() ? sp.sum(d, days) : 0.0;
        const double b = sn.present() ? sn.sum(d, days) : 0.0;
        pos += a;
        all += a + b;
        any = true;
    };
    if (lab) add(lab_positive, lab_negative);
    if (antigen) add(antigen_positive, antigen_negative);
    return any ? ratio(pos, all) * 100 : k_nan;
}

using BedIndex = std::unordered_map<int32_t, const BedOccupancyDay*>;

}  // namespace

// What the value functions of indicator_defs() read: the windowed sums of every input, the population, Rt's
// posterior means on the table's axis (from `from`) and the Red IRAG report of each day.
struct IndicatorDay {
    const std::array<Sums, k_input_count>& sums;
    double population;
    const std::vector<double>& rt_mean;
    const BedIndex& beds;
    Date from;

    double sum(Input i, Date d, int days) const { return sums[static_cast<size_t>(i)].sum(d, days); }
};

namespace {

// The semáforo's estimated active cases: active + active suspects × positivity, over 14 days.
double estimated_active(const IndicatorDay& x, Date d) {
    return x.sum(confirmed, d, 14) + x.sum(suspected, d, 14) * positivity(x.sums, d, 14, true, true) / 100;
}

// Daily exponential growth, week over week, when both weeks have cases.
double growth_rate(const IndicatorDay& x, Date d) {
    const double now = x.sum(confirmed, d, 7), before = x.sum(confirmed, d - 7, 7);
    return now > 0 && before > 0 ? std::log(now / before) / 7 : k_nan;
}

double doubling_time(const IndicatorDay& x, Date d) {
    const double r = growth_rate(x, d);
    return r > 0 ? std::log(2.0) / r : k_nan;
}

double trend(const IndicatorDay& x, Input i, Date d) {
    return relative_change(x.sum(i, d, 7), x.sum(i, d - 7, 7));
}

// Every notified case of a week: confirmed, suspected and negative.
double syndrome_week(const IndicatorDay& x, Date d) {
    return x.sum(confirmed, d, 7) + x.sum(suspected, d, 7) + x.sum(negative, d, 7);
}

double occupancy(const IndicatorDay& x, Date d, std::optional<double> BedOccupancyDay::*field) {
    const auto it = x.beds.find(d.days());
    if (it == x.beds.end()) return k_nan;
    const auto& value = (*it->second).*field;
    return value ? *value : k_nan;
}

}  // namespace

const std::vector<IndicatorDef>& indicator_defs() {
    static const std::vector<IndicatorDef> defs = {
        {"confirmed_daily",
         "Casos confirmados del día (por inicio de síntomas)",
         "Confirmed cases on the day (by onset)",
         "cases",
         {confirmed},
         1,
         [](const IndicatorDay& x, Date d) { return x.sum(confirmed, d, 1); }},
        {"confirmed_7d_mean",
         "Promedio de casos confirmados, 7 días",
         "Confirmed cases, 7-day mean",
         "cases_per_day",
         {confirmed},
         7,
         [](const IndicatorDay& x, Date d) { return x.sum(confirmed, d, 7) / 7; }},
        {"incidence_7d_per_100k",
         "Incidencia de 7 días por 100 mil hab.",
         "7-day incidence per 100k",
         "per_100k",
         {confirmed},
         7,
         [](const IndicatorDay& x, Date d) { return per_100k(x.sum(confirmed, d, 7), x.population); },
         true},
        {"incidence_14d_per_100k",
         "Incidencia de 14 días por 100 mil hab.",
         "14-day incidence per 100k",
         "per_100k",
         {confirmed},
         14,
         [](const IndicatorDay& x, Date d) { return per_100k(x.sum(confirmed, d, 14), x.population); },
         true},
        {"case_density_per_100k",
         "Casos diarios por 100 mil hab. (promedio de 7 días)",
         "Daily cases per 100k (7-day mean)",
         "per_100k_per_day",
         {confirmed},
         7,
         [](const IndicatorDay& x, Date d) { return per_100k(x.sum(confirmed, d, 7), x.population) / 7; },
         true},
        {"active_cases",
         "Casos activos (inicio de síntomas en los últimos 14 días)",
         "Active cases (onset within 14 days)",
         "cases",
         {confirmed},
         14,
         [](const IndicatorDay& x, Date d) { return x.sum(confirmed, d, 14); }},
        {"active_per_100k",
         "Casos activos por 100 mil hab.",
         "Active cases per 100k",
         "per_100k",
         {confirmed},
         14,
         [](const IndicatorDay& x, Date d) { return per_100k(x.sum(confirmed, d, 14), x.population); },
         true},
        {"estimated_active_cases",
         "Casos activos estimados (activos + sospechosos activos × positividad)",
         "Estimated active cases (active + active suspects × positivity)",
         "cases",
         {confirmed, suspected, lab_positive, lab_negative, antigen_positive, antigen_negative},
         14,
         [](const IndicatorDay& x, Date d) { return estimated_active(x, d); }},
        {"estimated_active_per_100k",
         "Casos activos estimados por 100 mil hab.",
         "Estimated active cases per 100k",
         "per_100k",
         {confirmed, suspected, lab_positive, lab_negative, antigen_positive, antigen_negative},
         14,
         [](const IndicatorDay& x, Date d) { return per_100k(estimated_active(x, d), x.population); },
         true},
        {"positivity_lab_7d",
         "Positividad semanal, laboratorio (PCR)",
         "Weekly positivity, laboratory (PCR)",
         "percent",
         {lab_positive, lab_negative},
         7,
         [](const IndicatorDay& x, Date d) { return positivity(x.sums, d, 7, true, false); }},
        {"positivity_antigen_7d",
         "Positividad semanal, antígeno",
         "Weekly positivity, antigen",
         "percent",
         {antigen_positive, antigen_negative},
         7,
         [](const IndicatorDay& x, Date d) { return positivity(x.sums, d, 7, false, true); }},
        {"positivity_7d",
         "Positividad semanal combinada (PCR y antígeno)",
         "Weekly positivity, combined (PCR and antigen)",
         "percent",
         {lab_positive, lab_negative, antigen_positive, antigen_negative},
         7,
         [](const IndicatorDay& x, Date d) { return positivity(x.sums, d, 7, true, true); }},
        {"hospitalized_7d_per_100k",
         "Hospitalizados por 100 mil hab., 7 días (por fecha de ingreso)",
         "Hospitalised per 100k, 7 days (by admission)",
         "per_100k",
         {hospitalized},
         7,
         [](const IndicatorDay& x, Date d) { return per_100k(x.sum(hospitalized, d, 7), x.population); },
         true},
        {"hospitalized_14d_per_100k",
         "Hospitalizados por 100 mil hab., 14 días (por fecha de ingreso)",
         "Hospitalised per 100k, 14 days (by admission)",
         "per_100k",
         {hospitalized},
         14,
         [](const IndicatorDay& x, Date d) { return per_100k(x.sum(hospitalized, d, 14), x.population); },
         true},
        {"icu_14d_per_100k",
         "Ingresos a UCI por 100 mil hab., 14 días",
         "ICU admissions per 100k, 14 days",
         "per_100k",
         {icu},
         14,
         [](const IndicatorDay& x, Date d) { return per_100k(x.sum(icu, d, 14), x.population); },
         true},
        {"icu_share_14d",
         "Proporción de hospitalizados que ingresan a UCI, 14 días",
         "Share of hospitalised admitted to ICU, 14 days",
         "percent",
         {icu, hospitalized},
         14,
         [](const IndicatorDay& x, Date d) {
             return ratio(x.sum(icu, d, 14), x.sum(hospitalized, d, 14)) * 100;
         }},
        {"deaths_daily",
         "Defunciones del día (por fecha de defunción)",
         "Deaths on the day (by date of death)",
         "cases",
         {deaths},
         1,
         [](const IndicatorDay& x, Date d) { return x.sum(deaths, d, 1); }},
        {"deaths_7d",
         "Defunciones, 7 días",
         "Deaths, 7 days",
         "cases",
         {deaths},
         7,
         [](const IndicatorDay& x, Date d) { return x.sum(deaths, d, 7); }},
        {"mortality_7d_per_100k",
         "Mortalidad de 7 días por 100 mil hab.",
         "7-day mortality per 100k",
         "per_100k",
         {deaths},
         7,
         [](const IndicatorDay& x, Date d) { return per_100k(x.sum(deaths, d, 7), x.population); },
         true},
        {"mortality_14d_per_100k",
         "Mortalidad de 14 días por 100 mil hab.",
         "14-day mortality per 100k",
         "per_100k",
         {deaths},
         14,
         [](const IndicatorDay& x, Date d) { return per_100k(x.sum(deaths, d, 14), x.population); },
         true},
        {"case_fatality",
         "Letalidad acumulada (defunciones / confirmados)",
         "Cumulative case fatality (deaths / confirmed)",
         "percent",
         {deaths, confirmed},
         0,
         [](const IndicatorDay& x, Date d) {
             return ratio(x.sum(deaths, d, 0), x.sum(confirmed, d, 0)) * 100;
         }},
        {"growth_rate",
         "Tasa de crecimiento diaria (semana contra semana)",
         "Daily growth rate (week over week)",
         "per_day",
         {confirmed},
         14,
         [](const IndicatorDay& x, Date d) { return growth_rate(x, d); }},
        {"doubling_time",
         "Tiempo de duplicación",
         "Doubling time",
         "days",
         {confirmed},
         14,
         [](const IndicatorDay& x, Date d) { return doubling_time(x, d); }},
        {"trend_confirmed",
         "Tendencia semanal de casos confirmados",
         "Week-over-week trend of confirmed cases",
         "ratio",
         {confirmed},
         14,
         [](const IndicatorDay& x, Date d) { return trend(x, confirmed, d); }},
        {"trend_syndrome",
         "Tendencia semanal de casos de síndrome COVID-19 (confirmados, sospechosos y negativos)",
         "Week-over-week trend of COVID-19 syndrome cases (confirmed, suspected, negative)",
         "ratio",
         {confirmed, suspected, negative},
         14,
         [](const IndicatorDay& x, Date d) {
             return relative_change(syndrome_week(x, d), syndrome_week(x, d - 7));
         }},
        {"trend_hospitalized",
         "Tendencia semanal de hospitalizados",
         "Week-over-week trend of hospitalised",
         "ratio",
         {hospitalized},
         14,
         [](const IndicatorDay& x, Date d) { return trend(x, hospitalized, d); }},
        {"trend_mortality",
         "Tendencia semanal de la mortalidad",
         "Week-over-week trend of mortality",
         "ratio",
         {deaths},
         14,
         [](const IndicatorDay& x, Date d) { return trend(x, deaths, d); }},
        {"rt",
         "Número de reproducción efectivo (Rt)",
         "Effective reproduction number (Rt)",
         "rt",
         {confirmed},
         7,
         [](const IndicatorDay& x, Date d) { return x.rt_mean[static_cast<size_t>(d - x.from)]; }},
        {"irag_general_pct",
         "Camas generales ocupadas, Red IRAG",
         "General beds occupied, Red IRAG",
         "percent",
         {},
         1,
         [](const IndicatorDay& x, Date d) { return occupancy(x, d, &BedOccupancyDay::general_pct); },
         false,
         true},
        {"irag_icu_pct",
         "Camas de UCI ocupadas, Red IRAG",
         "ICU beds occupied, Red IRAG",
         "percent",
         {},
         1,
         [](const IndicatorDay& x, Date d) { return occupancy(x, d, &BedOccupancyDay::icu_pct); },
         false,
         true},
        {"irag_ventilator_pct",
         "Camas con ventilador ocupadas, Red IRAG",
         "Ventilator beds occupied, Red IRAG",
         "percent",
         {},
         1,
         [](const IndicatorDay& x, Date d) { return occupancy(x, d, &BedOccupancyDay::ventilator_pct); },
         false,
         true},
    };
    return defs;
}

const IndicatorDef* find_indicator(std::string_view id) {
    for (const auto& d : indicator_defs()) {
        if (d.id == id) return &d;
    }
    return nullptr;
}

namespace {

Bilingual missing_reason(const IndicatorInputs& in, const IndicatorDef& def) {
    if (def.beds) {
        if (!in.beds.empty()) return {};
        return {"sin datos de ocupación hospitalaria Red IRAG para esta jurisdicción",
                "no Red IRAG occupancy feed for this jurisdiction",
                "no_red_irag_feed",
                {}};
    }
    std::string absent;
    std::vector<std::string> absent_ids;
    for (Input i : def.inputs) {
        // Combined positivity and estimated active cases need only one kind of test.
        if ((i == antigen_positive || i == antigen_negative) && def.id != "positivity_antigen_7d") continue;
        if (!in[i].present) {
            absent += (absent.empty() ? "" : ", ") + std::string(input_name(i));
            absent_ids.emplace_back(input_name(i));
        }
    }
    if (!absent.empty()) {
        return {fmt::format("ninguna entrega almacenada tiene {} para esta jurisdicción", absent),
                fmt::format("no stored release has {} for this jurisdiction", absent),
                "no_release_for_inputs",
                {{"inputs", absent_ids}}};
    }
    if (def.needs_population && !(in.population > 0))
        return {"sin población", "no population", "no_population", {}};
    return {};
}

bool growth_known(const IndicatorTable& table, size_t k) {
    for (const auto& c : table.columns) {
        if (c.def->id == "growth_rate") return !std::isnan(c.values[k]);
    }
    return false;
}

}  // namespace

IndicatorTable compute_indicators(const IndicatorInputs& in, Date from, Date to,
                                  const IndicatorOptions& options) {
    IndicatorTable table;
    table.from = from;
    table.to = to;
    const auto n = static_cast<size_t>(std::max(0, to - from + 1));
    Date axis_first = from - 27;
    for (const auto& s : in.series) {
        if (s.present && !s.values.empty()) axis_first = std::min(axis_first, s.first);
    }
    std::array<Sums, k_input_count> s = {
        Sums(in.series[0], axis_first, to), Sums(in.series[1], axis_first, to),
        Sums(in.series[2], axis_first, to), Sums(in.series[3], axis_first, to),
        Sums(in.series[4], axis_first, to), Sums(in.series[5], axis_first, to),
        Sums(in.series[6], axis_first, to), Sums(in.series[7], axis_first, to),
        Sums(in.series[8], axis_first, to), Sums(in.series[9], axis_first, to)};

    // Rt on confirmed cases by onset, from the series' first day to the last complete day.
    const auto& conf = in[confirmed];
    std::vector<double> rt_mean(n, k_nan), rt_low(n, k_nan), rt_high(n, k_nan);
    if (conf.present && !conf.values.empty()) {
        table.rt_first = conf.first;
        table.rt_cutoff = std::min(to, conf.release - options.incomplete_days);
        if (table.rt_cutoff - table.rt_first + 1 >= 2) {
            std::vector<double> incidence(static_cast<size_t>(table.rt_cutoff - table.rt_first + 1), 0.0);
            for (size_t i = 0; i < conf.values.size() && i < incidence.size(); ++i)
                incidence[i] = conf.values[i];
            auto estimate = estimate_rt(incidence, options.si, options.rt);
            if (estimate) {
                for (const auto& w : estimate->windows) {
                    const Date d = table.rt_first + (w.t_end - 1);
                    if (d < from || d > to) continue;
                    const auto k = static_cast<size_t>(d - from);
                    rt_mean[k] = w.mean;
                    rt_low[k] = w.quantiles[0];
                    rt_high[k] = w.quantiles[6];
                }
                table.rt = std::move(*estimate);
            }
        }
    }

    BedIndex beds;
    for (const auto& b : in.beds) beds[b.date.days()] = &b;
    const IndicatorDay day{s, in.population, rt_mean, beds, from};

    for (const auto& def : indicator_defs()) {
        IndicatorColumn col;
        col.def = &def;
        col.missing = missing_reason(in, def);
        col.values.assign(n, k_nan);
        if (!col.missing.empty()) {
            table.columns.push_back(std::move(col));
            continue;
        }
        for (size_t k = 0; k < n; ++k) col.values[k] = def.value(day, from + static_cast<int32_t>(k));
        if (def.id == "rt") {
            col.lower = rt_low;
            col.upper = rt_high;
        }
        table.columns.push_back(std::move(col));
    }
    return table;
}

namespace {

// The days a value summarises and the releases it reads; incomplete when its day is among the last days of
// one of them.
void window_and_releases(IndicatorValue& v, const IndicatorInputs& in, const IndicatorDef& def, Date date,
                         const IndicatorOptions& options) {
    v.window_to = date;
    v.window_from = def.window == 0 ? Date{} : date - (def.window - 1);
    if (def.window == 0) {
        std::optional<Date> first;
        for (Input i : def.inputs) {
            if (in[i].present && !in[i].values.empty() && (!first || in[i].first < *first))
                first = in[i].first;
        }
        v.window_from = first.value_or(date);
    }
    for (Input i : def.inputs) {
        const auto& s = in[i];
        if (!s.present) continue;
        v.releases.push_back({s.source, s.release, std::string(input_name(i)), {}});
        if (date > s.release - options.incomplete_days) v.complete = false;
    }
}

// Rt leaves out the incomplete days: past the cutoff, the last window, and a note that says so.
void rt_value(IndicatorValue& v, const IndicatorTable& table, Date date, const IndicatorOptions& options) {
    const auto& rt = *table.rt;
    const RtWindow* pick = nullptr;
    for (const auto& w : rt.windows) {
        if (table.rt_first + (w.t_end - 1) <= date) pick = &w;
    }
    if (!pick) {
        v.note = {"no hay ventana de Rt que termine en o antes de esta fecha",
                  "no Rt window ends on or before this date",
                  "rt_no_window",
                  {}};
        return;
    }
    v.window_from = table.rt_first + (pick->t_start - 1);
    v.window_to = table.rt_first + (pick->t_end - 1);
    v.value = pick->mean;
    v.lower = pick->quantiles[0];
    v.upper = pick->quantiles[6];
    v.complete = v.window_to == date;
    if (v.window_to < date) {
        v.note = {
            fmt::format("Rt excluye los últimos {} días de la entrega; última ventana completa: {} a {}",
                        options.incomplete_days, v.window_from.iso(), v.window_to.iso()),
            fmt::format("Rt leaves out the last {} days of the release; last complete window shown",
                        options.incomplete_days),
            "rt_last_window",
            {{"days", {std::to_string(options.incomplete_days)}},
             {"from", {v.window_from.iso()}},
             {"to", {v.window_to.iso()}}}};
    } else if (!pick->cv_ok) {
        v.note = {fmt::format("menos de {} casos en la ventana: el intervalo es amplio", rt.min_cases_for_cv),
                  fmt::format("fewer than {} cases in the window: wide interval", rt.min_cases_for_cv),
                  "rt_few_cases",
                  {{"min", {fmt::format("{}", rt.min_cases_for_cv)}}}};
    }
}

// Why a column has no value on day k: its inputs are missing, cases do not grow, no recent Red IRAG report, a
// release that ends before the day, or no cases in the reference period.
Bilingual why_no_value(const IndicatorInputs& in, const IndicatorTable& table, const IndicatorColumn& col,
                       size_t k, Date date) {
    if (!col.missing.empty()) return col.missing;
    if (col.def->id == "doubling_time" && growth_known(table, k)) {
        return {"los casos no crecen: no hay tiempo de duplicación",
                "cases are not growing: no doubling time",
                "no_doubling",
                {}};
    }
    if (col.def->beds) {
        return {"sin reporte de Red IRAG en los 7 días previos",
                "no Red IRAG report in the 7 days before",
                "no_red_irag_recent",
                {}};
    }
    std::string stale;
    std::vector<std::string> inputs, sources, dates;
    for (Input i : col.def->inputs) {
        if (in[i].present && date > in[i].release) {
            stale += fmt::format("{}{} ({} {})", stale.empty() ? "" : ", ", input_name(i), in[i].source,
                                 in[i].release.iso());
            inputs.emplace_back(input_name(i));
            sources.push_back(in[i].source);
            dates.push_back(in[i].release.iso());
        }
    }
    if (stale.empty()) {
        return {"sin denominador: no hubo casos en el periodo de referencia",
                "no denominator: no cases in the reference period",
                "no_denominator",
                {}};
    }
    return {fmt::format("ninguna entrega almacenada cubre esta fecha para {}", stale),
            fmt::format("no stored release covers this date for {}", stale),
            "stale_release",
            {{"inputs", inputs}, {"sources", sources}, {"dates", dates}}};
}

}  // namespace

std::vector<IndicatorValue> indicators_on(const IndicatorInputs& in, const IndicatorTable& table, Date date,
                                          const IndicatorOptions& options) {
    std::vector<IndicatorValue> out;
    if (date < table.from || date > table.to) return out;
    const auto k = static_cast<size_t>(date - table.from);
    for (const auto& col : table.columns) {
        IndicatorValue v;
        v.def = col.def;
        window_and_releases(v, in, *col.def, date, options);
        if (col.def->id == "rt" && table.rt) {
            rt_value(v, table, date, options);
            out.push_back(std::move(v));
            continue;
        }
        const double x = col.values[k];
        if (!std::isnan(x))
            v.value = x;
        else
            v.note = why_no_value(in, table, col, k, date);
        if (col.def->beds) {
            auto it = std::find_if(in.beds.begin(), in.beds.end(),
                                   [&](const BedOccupancyDay& b) { return b.date == date; });
            if (it != in.beds.end())
                v.releases.push_back({"red_irag", it->reported, "occupancy", it->detail});
        }
        out.push_back(std::move(v));
    }
    return out;
}

}  // namespace metropoli::analysis

# SPDX-License-Identifier: MIT
# Runs EpiEstim's estimate_R on a series exported by `metropoli series` and writes every window at full precision.
# Usage: Rscript rt_epiestim.R SERIES_CSV OUT_CSV parametric MEAN SD
#        Rscript rt_epiestim.R SERIES_CSV OUT_CSV non_parametric W0,W1,...
suppressPackageStartupMessages(library(EpiEstim))
args <- commandArgs(trailingOnly = TRUE)
series <- read.csv(args[1], colClasses = c("character", "character", "character", "numeric"))
incid <- series$value
if (args[3] == "parametric") {
  config <- make_config(list(mean_si = as.numeric(args[4]), std_si = as.numeric(args[5])))
  method <- "parametric_si"
} else {
  config <- make_config(list(si_distr = as.numeric(strsplit(args[4], ",")[[1]])))
  method <- "non_parametric_si"
}
res <- suppressWarnings(suppressMessages(estimate_R(incid, method = method, config = config)))
r <- res$R
r <- r[!is.na(r[["Mean(R)"]]), ]
out <- data.frame(t_start = r$t_start, t_end = r$t_end,
                  date_start = series$date[r$t_start], date_end = series$date[r$t_end],
                  mean = r[["Mean(R)"]], std = r[["Std(R)"]],
                  p2.5 = r[["Quantile.0.025(R)"]], p5 = r[["Quantile.0.05(R)"]], p25 = r[["Quantile.0.25(R)"]],
                  p50 = r[["Median(R)"]], p75 = r[["Quantile.0.75(R)"]], p95 = r[["Quantile.0.95(R)"]],
                  p97.5 = r[["Quantile.0.975(R)"]], check.names = FALSE)
options(digits = 17)
write.csv(format(out, digits = 17), args[2], row.names = FALSE, quote = FALSE)
cat(sprintf("EpiEstim %s: %d windows, SI mean %.6f\n", as.character(packageVersion("EpiEstim")), nrow(out),
            res$SI.Moments$Mean))

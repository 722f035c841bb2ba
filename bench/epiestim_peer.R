# SPDX-License-Identifier: MIT
# The peer of bench/indicators: EpiEstim's estimate_R (parametric_si 4.7 / 2.9, weekly sliding windows) on the same
# confirmed series, for every municipality, on N cores (parallel::mclapply). Prints JSON with the wall time.
# Usage: Rscript epiestim_peer.R CONFIRMED_CSV CORES [MUNICIPALITIES]
suppressPackageStartupMessages(library(EpiEstim))
args <- commandArgs(trailingOnly = TRUE)
cores <- as.integer(args[2])
d <- read.csv(args[1], colClasses = c("character", "integer", "numeric"))
series <- split(d$value, d$municipality)
if (length(args) > 2) series <- series[seq_len(min(length(series), as.integer(args[3])))]
config <- make_config(list(mean_si = 4.7, std_si = 2.9))
t0 <- Sys.time()
res <- parallel::mclapply(series, function(I) {
  r <- suppressWarnings(suppressMessages(estimate_R(I, method = "parametric_si", config = config)))
  sum(!is.na(r$R[["Mean(R)"]]))
}, mc.cores = cores)
secs <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
cat(sprintf("{\"municipalities\":%d,\"windows\":%d,\"seconds\":%.3f,\"version\":\"%s\"}\n", length(series),
            sum(unlist(res)), secs, as.character(packageVersion("EpiEstim"))))

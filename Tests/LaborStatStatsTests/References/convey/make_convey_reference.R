# Inequality estimates with linearized SEs from convey 1.0.1 (on survey 4.5) for describe --stats gini,gini_se
# and lowpay_threshold(_se), lowpay_rate(_se) under a design (Tests/laborstatCLITests/ConveyCLITests.swift):
# svygini, svyarpt, svyarpr, svygpg (describe --pay-gap) on the shipped survey sample
# (Datasets/survey_sample.csv, its design: weight, strata stratum, cluster psu, fpc psu_population), on the
# same file as a weights-only (SRS with replacement) design, and on survey's api data (apistrat: stratified
# with fpc; apiclus2: two-stage, weights from the fpc), overall and in a domain (subset()).
#
# Run from this folder:   Rscript make_convey_reference.R   (../shared/tools/install-r-references.sh)
# Writes convey_reference.csv: case,statistic,value,survey,convey.
.libPaths(c("/usr/local/lib/R/site-library", .libPaths()))
suppressMessages({ library(survey); library(convey) })
stopifnot(packageVersion("survey") >= "4.5", packageVersion("convey") >= "1.0.1")
num <- function(x) sprintf("%.17g", x)
s <- read.csv("../../../../Datasets/survey_sample.csv", encoding = "UTF-8")
strat <- read.csv("../survey/apistrat.csv"); clus2 <- read.csv("../survey/apiclus2.csv")
cases <- list(
  sample = list(convey_prep(svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~psu_population, data = s)), ~monthly_income),
  sample_srs = list(convey_prep(svydesign(ids = ~1, weights = ~weight, data = s)), ~monthly_income),
  strat = list(convey_prep(svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = strat)), ~api00),
  clus2 = list(convey_prep(svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = clus2)), ~api00))
out <- list()
emit <- function(case, stat, v) out[[length(out) + 1]] <<- data.frame(case = case, statistic = stat, value = num(v))
for (nm in names(cases)) {
  d <- cases[[nm]][[1]]; f <- cases[[nm]][[2]]
  g <- svygini(f, d); emit(nm, "gini", coef(g)); emit(nm, "gini_se", SE(g))
  dd <- if (nm %in% c("sample", "sample_srs")) subset(d, year == 2024) else subset(d, meals > 40)
  g <- svygini(f, dd); emit(paste0(nm, "_domain"), "gini", coef(g)); emit(paste0(nm, "_domain"), "gini_se", SE(g))
  # Low pay: two-thirds of the median (svyarpt/svyarpr, quantiles = 0.5, percent = 2/3); in a domain the
  # rate's threshold is the whole sample's (convey's full_design), the threshold is the domain's own.
  for (k in c("", "_domain")) {
    x <- if (k == "") d else dd
    t <- svyarpt(f, x, quantiles = 0.5, percent = 2/3); r <- svyarpr(f, x, quantiles = 0.5, percent = 2/3)
    emit(paste0(nm, k), "lowpay_threshold", coef(t)); emit(paste0(nm, k), "lowpay_threshold_se", SE(t))
    emit(paste0(nm, k), "lowpay_rate", coef(r)); emit(paste0(nm, k), "lowpay_rate_se", SE(r))
    # Pay gap 1 − R1/R2 (svygpg), the reference level second in code-point order: 男 (sex), Yes (sch.wide).
    g <- svygpg(f, x, if (nm %in% c("sample", "sample_srs")) ~sex else ~sch.wide)
    emit(paste0(nm, k), "pay_gap", coef(g)); emit(paste0(nm, k), "pay_gap_se", SE(g))
  }
}
res <- do.call(rbind, out)
res$survey <- as.character(packageVersion("survey")); res$convey <- as.character(packageVersion("convey"))
write.csv(res, "convey_reference.csv", row.names = FALSE)

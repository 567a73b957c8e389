#!/bin/sh
# Fixtures for the CLI tests of describe/aggregate/tabulate (Tests/laborstatCLITests/AggregateDescribeCLITests.swift).
# Run from this folder: sh make_cli_fixtures.sh   (needs ../shared/bench from the project's shared folder, R + survey)
set -eu
bench=${LABORSTAT_BENCH:-$(cd "$(dirname "$0")/../../../../.." && pwd)/../shared/bench}
python3 "$bench/gen.py" arrears --rows 120 --out arrears_120.csv
python3 "$bench/gen.py" survey --rows 150 --out survey_150.csv
# The exact answers of P1 and P2 (integer cents, fractions), as TASKS.md defines them.
python3 "$bench/reference.py" p1 arrears_120.csv p1_reference.csv
python3 "$bench/reference.py" p2 survey_150.csv p2_reference.csv
# Design-based describe, one-way tabulate and the Rao-Scott test from R survey.
# survey 4.5 (../shared/tools/install-r-references.sh): lonely.psu = "adjust" centres at the grand mean.
Rscript - <<'R'
.libPaths(c("/usr/local/lib/R/site-library", .libPaths()))
suppressMessages(library(survey))
stopifnot(packageVersion("survey") >= "4.5")
writeLines(paste("survey", packageVersion("survey")), "design_r_version.txt")
options(survey.lonely.psu = "adjust")
d <- read.csv("survey_150.csv", encoding = "UTF-8")
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
m <- svyby(~monthly_income, ~region, des, svymean, deff = TRUE)
t <- svyby(~monthly_income, ~region, des, svytotal)
q <- t(sapply(sort(unique(d$region)), function(r) coef(svyquantile(~monthly_income, subset(des, region == r),
                                                                   quantiles = c(0.25, 0.5), qrule = "math"))))
out <- data.frame(region = m$region, mean = m$monthly_income, mean_se = m$se, deff = m$DEff,
                  total = t$monthly_income, total_se = t$se, p25 = q[, 1], p50 = q[, 2])
write.csv(out, "design_describe_r.csv", row.names = FALSE, fileEncoding = "UTF-8")
p <- svymean(~factor(sex), des)
write.csv(data.frame(level = sub("factor\\(sex\\)", "", names(coef(p))), share = unname(coef(p)), share_se = unname(SE(p))),
          "design_tabulate_r.csv", row.names = FALSE)
rs <- svychisq(~sex + has_contract, des, statistic = "F")
write.csv(data.frame(statistic = unname(rs$statistic), df1 = unname(rs$parameter[1]), p_value = rs$p.value),
          "design_raoscott_r.csv", row.names = FALSE)
R

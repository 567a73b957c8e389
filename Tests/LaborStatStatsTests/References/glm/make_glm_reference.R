# Reference GLMs for `regress --family` (Tests/LaborStatStatsTests/GLMTests.swift): R glm (classical) and
# survey 4.5's svyglm (quasibinomial / quasipoisson / gaussian) on the shipped survey sample
# (Datasets/survey_sample.csv: has_contract, arrears, union_member, trained) and on survey's api data
# (../survey/apistrat.csv, apiclus2.csv), on SRS (weights only), stratified with fpc and two-stage designs.
#
# Run from this folder:   Rscript make_glm_reference.R   (survey 4.5: ../shared/tools/install-r-references.sh)
# Writes glm_reference.csv: model,term,stat,value (stat: estimate, std_error, statistic, p_value, ci_low,
# ci_high; and for term "(fit)": deviance, null_deviance, aic, iterations, df_residual), with the survey version.
# Intervals: confint.default (Wald, z) for binomial/poisson glm, estimate ± t(df.residual)·SE for gaussian
# glm (as summary.glm's t test), confint.svyglm (t on df.residual) for svyglm.
.libPaths(c("/usr/local/lib/R/site-library", .libPaths()))
suppressMessages(library(survey))
stopifnot(packageVersion("survey") >= "4.5")
num <- function(x) sprintf("%.17g", x)
s <- read.csv("../../../../Datasets/survey_sample.csv", encoding = "UTF-8")
s$sex <- factor(s$sex, levels = sort(unique(s$sex), method = "radix"))
strat <- read.csv("../survey/apistrat.csv"); clus2 <- read.csv("../survey/apiclus2.csv")
strat$wide <- as.numeric(strat$sch.wide == "Yes"); clus2$wide <- as.numeric(clus2$sch.wide == "Yes")
sd_full <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~psu_population, data = s)
sd_srs <- svydesign(ids = ~1, weights = ~weight, data = s)
d_strat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = strat)
d_clus2 <- svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = clus2)
models <- list()
for (y in c("has_contract", "arrears", "union_member", "trained")) {
  f <- as.formula(paste(y, "~ age + hours_per_week + sex"))
  models[[paste0("glm_", y)]] <- glm(f, binomial, s)
  models[[paste0("svy_", y)]] <- svyglm(f, sd_full, family = quasibinomial())
}
models$svysrs_has_contract <- svyglm(has_contract ~ age + hours_per_week + sex, sd_srs, family = quasibinomial())
models$glm_strat_wide <- glm(wide ~ meals + enroll, binomial, strat)
models$svy_strat_wide <- svyglm(wide ~ meals + enroll, d_strat, family = quasibinomial())
models$svy_clus2_wide <- svyglm(wide ~ meals + enroll, d_clus2, family = quasibinomial())
models$glm_strat_enroll <- glm(enroll ~ meals + api99, poisson, strat)
models$svy_strat_enroll <- svyglm(enroll ~ meals + api99, d_strat, family = quasipoisson())
models$svy_clus2_enroll <- svyglm(enroll ~ meals + api99, d_clus2, family = quasipoisson())
models$glm_strat_api00 <- glm(api00 ~ meals + api99, gaussian, strat)
out <- list()
for (m in names(models)) {
  g <- models[[m]]
  cf <- summary(g)$coefficients
  ci <- if (inherits(g, "svyglm")) confint(g) else if (family(g)$family == "gaussian")
    cf[, 1:2] %*% rbind(1, qt(0.975, g$df.residual) * c(-1, 1)) else confint.default(g)
  terms <- sub("^sex", "sex=", rownames(cf))
  for (j in seq_len(nrow(cf))) {
    v <- c(estimate = cf[j, 1], std_error = cf[j, 2], statistic = cf[j, 3], p_value = cf[j, 4], ci_low = unname(ci[j, 1]), ci_high = unname(ci[j, 2]))
    out[[length(out) + 1]] <- data.frame(model = m, term = terms[j], stat = names(v), value = num(v))
  }
  fit <- c(deviance = deviance(g), null_deviance = g$null.deviance, aic = if (inherits(g, "svyglm")) NaN else AIC(g),
           iterations = g$iter, df_residual = g$df.residual)
  out[[length(out) + 1]] <- data.frame(model = m, term = "(fit)", stat = names(fit), value = num(fit))
}
res <- do.call(rbind, out)
res$survey <- as.character(packageVersion("survey"))
write.csv(res, "glm_reference.csv", row.names = FALSE, fileEncoding = "UTF-8")

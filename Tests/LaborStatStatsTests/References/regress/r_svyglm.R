# R survey 4.1.1 reference for design-based regress on survey240.csv:
#   svyglm(monthly_income ~ age + hours_per_week + sex, design) with
#   strata_psu:   svydesign(ids = ~psu, strata = ~region, weights = ~weight, nest = TRUE)
#   weights_only: svydesign(ids = ~1, weights = ~weight)
#   domain:       subset(strata_psu design, region != "东部"), model without sex
# Columns: estimate, std_error, t_value, p_value (summary.svyglm: t with df.residual),
# ci_low, ci_high (confint.svyglm: Wald with ddf = df.residual), df_residual.
# Run: Rscript r_svyglm.R   (writes r_svyglm.csv)
suppressMessages(library(survey))
d <- read.csv("survey240.csv", encoding = "UTF-8")
d$sex <- factor(d$sex, levels = sort(unique(d$sex), method = "radix"))
sp <- svydesign(ids = ~psu, strata = ~region, weights = ~weight, nest = TRUE, data = d)
wo <- svydesign(ids = ~1, weights = ~weight, data = d)
fits <- list(
  strata_psu = list(svyglm(monthly_income ~ age + hours_per_week + sex, design = sp), c("(Intercept)", "age", "hours_per_week", "sex=男")),
  weights_only = list(svyglm(monthly_income ~ age + hours_per_week + sex, design = wo), c("(Intercept)", "age", "hours_per_week", "sex=男")),
  domain = list(svyglm(monthly_income ~ age + hours_per_week, design = subset(sp, region != "东部")), c("(Intercept)", "age", "hours_per_week")))
out <- list()
for (m in names(fits)) {
  f <- fits[[m]][[1]]
  s <- summary(f)$coefficients
  ci <- confint(f)
  out[[m]] <- data.frame(model = m, term = fits[[m]][[2]], estimate = sprintf("%.17g", s[, 1]),
    std_error = sprintf("%.17g", s[, 2]), t_value = sprintf("%.17g", s[, 3]), p_value = sprintf("%.17g", s[, 4]),
    ci_low = sprintf("%.17g", ci[, 1]), ci_high = sprintf("%.17g", ci[, 2]), df_residual = f$df.residual)
}
write.csv(do.call(rbind, out), "r_svyglm.csv", row.names = FALSE, fileEncoding = "UTF-8")

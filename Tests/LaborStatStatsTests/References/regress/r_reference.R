# R reference values for LinearModel on survey240.csv (240 rows made by
# ../../../../../shared/bench/gen.py survey --rows 240, seed 20240501, columns cut to those used).
# Models:
#   weighted: lm(monthly_income ~ age + I(age^2) + hours_per_week + sex + region, weights = weight)
#   nointercept: lm(monthly_income ~ hours_per_week + age - 1)
# Covariances: vcov (classical) and sandwich::vcovHC(type = "HC0" | "HC1" | "HC3") (sandwich 3.0-2);
# t-values, p-values and intervals use the residual df (lmtest::coeftest / confint convention).
# Factor levels in code-point order (reference = first), named as laborstat names them.
# Run: Rscript r_reference.R   (writes r_coefficients.csv and r_fit.csv)
suppressMessages(library(sandwich))
d <- read.csv("survey240.csv", encoding = "UTF-8")
d$sex <- factor(d$sex, levels = sort(unique(d$sex), method = "radix"))
d$region <- factor(d$region, levels = sort(unique(d$region), method = "radix"))
models <- list(
  weighted = list(fit = lm(monthly_income ~ age + I(age^2) + hours_per_week + sex + region, data = d, weights = weight),
                  terms = c("(Intercept)", "age", "age^2", "hours_per_week",
                            paste0("sex=", levels(d$sex)[-1]), paste0("region=", levels(d$region)[-1]))),
  nointercept = list(fit = lm(monthly_income ~ hours_per_week + age - 1, data = d),
                     terms = c("hours_per_week", "age")))
coefs <- list(); fits <- list()
for (m in names(models)) {
  fit <- models[[m]]$fit
  df <- fit$df.residual
  for (type in c("classical", "hc0", "hc1", "hc3")) {
    v <- if (type == "classical") vcov(fit) else vcovHC(fit, type = toupper(type))
    b <- coef(fit); se <- sqrt(diag(v)); t <- b / se
    p <- 2 * pt(abs(t), df, lower.tail = FALSE); q <- qt(0.975, df)
    coefs[[length(coefs) + 1]] <- data.frame(model = m, covariance = type, term = models[[m]]$terms,
      estimate = sprintf("%.17g", b), std_error = sprintf("%.17g", se), t_value = sprintf("%.17g", t),
      p_value = sprintf("%.17g", p), ci_low = sprintf("%.17g", b - q * se), ci_high = sprintf("%.17g", b + q * se))
  }
  s <- summary(fit)
  fits[[length(fits) + 1]] <- data.frame(model = m, n = length(fit$residuals), df_residual = df,
    sigma = sprintf("%.17g", s$sigma), r_squared = sprintf("%.17g", s$r.squared),
    adj_r_squared = sprintf("%.17g", s$adj.r.squared), f_statistic = sprintf("%.17g", s$fstatistic[1]),
    f_p_value = sprintf("%.17g", pf(s$fstatistic[1], s$fstatistic[2], s$fstatistic[3], lower.tail = FALSE)))
}
write.csv(do.call(rbind, coefs), "r_coefficients.csv", row.names = FALSE, fileEncoding = "UTF-8")
write.csv(do.call(rbind, fits), "r_fit.csv", row.names = FALSE, fileEncoding = "UTF-8")

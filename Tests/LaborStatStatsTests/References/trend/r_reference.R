# R reference values for series.csv: lm(y ~ x) (slope, SE, confint, R², p-value of the slope)
# and cor.test(x, y, method = "kendall", exact = FALSE, continuity = TRUE) (tau-b, and the
# normal statistic with tie-corrected variance and continuity correction = Mann-Kendall Z, with
# its two-sided p-value; x has no ties, so the variance is Mann-Kendall's).
# Run: Rscript r_reference.R > r_reference.csv
d <- read.csv("series.csv")
cat(sprintf("# %s\n", R.version.string))
cat("id,level,n,ols_slope,ols_se,ols_ci_low,ols_ci_high,ols_r2,ols_p_value,kendall_tau,mk_z,mk_p_value\n")
for (id in unique(d$id)) {
  s <- d[d$id == id, ]
  fit <- lm(y ~ x, data = s)
  sm <- summary(fit)
  kt <- suppressWarnings(cor.test(s$x, s$y, method = "kendall", exact = FALSE, continuity = TRUE))
  for (level in c(0.95, 0.9)) {
    ci <- confint(fit, "x", level = level)
    cat(sprintf("%s,%s,%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", id, level, nrow(s),
                coef(fit)[["x"]], sm$coefficients["x", 2], ci[1], ci[2], sm$r.squared,
                sm$coefficients["x", 4], kt$estimate, kt$statistic, kt$p.value))
  }
}

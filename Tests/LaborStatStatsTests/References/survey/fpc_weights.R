# Every statistic under a design whose weights come from the fpc alone (survey's tests/api.R design:
# svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2), no weights given), and quantiles
# below the first observation's weight share (survey >= 4.3 gives the minimum for qrule "math").
#
# Run from this folder:   Rscript fpc_weights.R      (survey 4.5: ../shared/tools/install-r-references.sh)
# Reads apiclus2.csv (written by make_reference.R); writes fpc_weights.csv: statistic,value,survey.
# Weighted skewness and kurtosis are the moment ratios g1 = m3/m2^1.5 and g2 = m4/m2^2 − 3 of the
# design-weighted central moments m_k = Σ w (x − mean)^k / Σ w (survey has no such function: by hand).
.libPaths(c("/usr/local/lib/R/site-library", .libPaths()))
suppressMessages(library(survey))
stopifnot(packageVersion("survey") >= "4.5")
num <- function(x) sprintf("%.17g", x)
clus2 <- read.csv("apiclus2.csv")
d <- svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = clus2)
w <- weights(d); x <- clus2$api00
m <- coef(svymean(~api00, d)); v <- coef(svyvar(~api00, d))
mk <- function(k) sum(w * (x - m)^k) / sum(w)
out <- list(sum_weight = sum(w), mean = m, var = v, sd = sqrt(v), cv = sqrt(v) / m,
            skewness = mk(3) / mk(2)^1.5, kurtosis = mk(4) / mk(2)^2 - 3)
ps <- c(0.001, 0.1, 0.25, 0.5, 0.9)
q <- svyquantile(~api00, d, ps, qrule = "math", ci = TRUE, df = Inf)[[1]]
for (i in seq_along(ps)) {
  lab <- paste0("p", ps[i] * 100)
  out[[lab]] <- q[i, 1]; out[[paste0(lab, "_se")]] <- q[i, 4]
  out[[paste0(lab, "_ci_low")]] <- q[i, 2]; out[[paste0(lab, "_ci_high")]] <- q[i, 3]
}
stopifnot(q[1, 1] == min(x))   # p = 0.001 is below the first weight share: the minimum
res <- data.frame(statistic = names(out), value = num(unlist(out)), survey = as.character(packageVersion("survey")))
write.csv(res, "fpc_weights.csv", row.names = FALSE)

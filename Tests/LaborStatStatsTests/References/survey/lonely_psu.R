# Lonely PSUs as survey's own tests/lonely.psu.R sets them up: apiclus1 stratified by district (dnum), one
# school per row, so districts with a single sampled school are lone PSUs; with and without an fpc (district
# 413 given fpc 1: a certainty PSU), and after dropping row 31 (a stratum made lonely by subsetting).
# survey >= 4.4 centres a lone PSU at the sample grand mean under "adjust" (4.1.1 centred it at zero).
#
# Run from this folder:   Rscript lonely_psu.R      (survey 4.5: ../shared/tools/install-r-references.sh)
# Writes apiclus1_lonely.csv (the data) and lonely_psu.csv: case,policy,estimator,stat,value.
.libPaths(c("/usr/local/lib/R/site-library", .libPaths()))
suppressMessages(library(survey))
stopifnot(packageVersion("survey") >= "4.5")
data(api)
num <- function(x) sprintf("%.17g", x)
d <- data.frame(dnum = apiclus1$dnum, pw = apiclus1$pw, api00 = apiclus1$api00,
                fpc_lonely = ifelse(apiclus1$dnum == 413, 1, 1000))
write.csv(d, "apiclus1_lonely.csv", row.names = FALSE)
out <- list()
emit <- function(case, policy, est, s) {
  out[[length(out) + 1]] <<- data.frame(case = case, policy = policy, estimator = est,
    stat = c("value", "se"), value = num(c(coef(s)[1], SE(s)[1])))
}
designs <- list(
  nofpc = function() svydesign(id = ~1, weights = ~pw, strata = ~dnum, data = d),
  fpc = function() svydesign(id = ~1, weights = ~pw, strata = ~dnum, fpc = ~fpc_lonely, data = d),
  # Row 31 dropped from the file (not a domain): its stratum keeps one PSU.
  dropped31 = function() svydesign(id = ~1, weights = ~pw, strata = ~dnum, data = subset(d, dnum != 413)[-31, ])
)
for (policy in c("remove", "adjust", "average", "certainty")) {
  options(survey.lonely.psu = policy)
  for (case in names(designs)) {
    ds <- designs[[case]]()
    emit(case, policy, "mean", svymean(~api00, ds))
    emit(case, policy, "total", svytotal(~api00, ds))
  }
}
res <- do.call(rbind, out)
res$survey <- as.character(packageVersion("survey"))
write.csv(res, "lonely_psu.csv", row.names = FALSE)

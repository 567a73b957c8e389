# Intervals for design-based shares: svyciprop(method = "logit", "beta", "xlogit", "wilson", "mean" (wald)),
# normal (df = Inf) and t on the design's df (svyciprop's default df = degf(design)), on three designs
# (stratified with fpc, one-stage cluster with fpc, two-stage with weights from the fpc alone), for a
# common share and a rare one, over the whole sample and in a domain (subset(design, meals > 40)).
#
# Run from this folder:   Rscript ciprop.R      (survey 4.5: ../shared/tools/install-r-references.sh)
# Reads apistrat.csv, apiclus1.csv, apiclus2.csv (make_reference.R); writes ciprop.csv:
# design,share,domain,method,df,value,low,high,survey.
.libPaths(c("/usr/local/lib/R/site-library", .libPaths()))
suppressMessages(library(survey))
stopifnot(packageVersion("survey") >= "4.5")
num <- function(x) sprintf("%.17g", x)
prep <- function(f) { d <- read.csv(f); d$awarded <- as.numeric(d$awards == "Yes"); d$top <- as.numeric(d$api00 >= 875); d }
strat <- prep("apistrat.csv"); clus1 <- prep("apiclus1.csv"); clus2 <- prep("apiclus2.csv")
designs <- list(
  strat = svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = strat),
  clus1 = svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = clus1),
  clus2 = svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = clus2))
out <- list()
for (dn in names(designs)) for (share in c("awarded", "top")) for (dom in c("all", "meals>40")) {
  d <- designs[[dn]]
  if (dom != "all") d <- subset(d, meals > 40)
  for (method in c("mean", "logit", "beta", "xlogit", "wilson")) for (dfn in c("normal", "design")) {
    f <- as.formula(paste0("~", share))
    ci <- if (dfn == "normal") svyciprop(f, d, method = method, df = Inf) else svyciprop(f, d, method = method)
    out[[length(out) + 1]] <- data.frame(design = dn, share = share, domain = dom,
      method = if (method == "mean") "wald" else method, df = dfn,
      value = num(coef(ci)), low = num(confint(ci)[1]), high = num(confint(ci)[2]))
  }
}
res <- do.call(rbind, out)
res$survey <- as.character(packageVersion("survey"))
write.csv(res, "ciprop.csv", row.names = FALSE)

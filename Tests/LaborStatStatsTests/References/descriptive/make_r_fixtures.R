# Fixtures for LaborStatStatsTests (Quantile…, Descriptive…, Tabulate… tests), made with R and survey.
# Run from this folder:  Rscript make_r_fixtures.R      (R 4.2.2, survey 4.5, jsonlite)
# survey 4.5 from ../shared/tools/install-r-references.sh; its version is written to r_fixtures_version.txt.
# Writes quantiles_r.json, weighted_quantiles_survey.json, wilson_r.json, weighted_var_survey.json.
.libPaths(c("/usr/local/lib/R/site-library", .libPaths()))
suppressMessages({ library(survey); library(jsonlite) })
stopifnot(packageVersion("survey") >= "4.5")
writeLines(paste("survey", packageVersion("survey"), "·", R.version.string), "r_fixtures_version.txt")
# Numbers are written as text with 17 significant digits (jsonlite keeps only 15).
num <- function(v) sprintf("%.17g", v)
set.seed(20240501)
datasets <- list(
  small = c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5),
  two = c(10, 20),
  one = c(7),
  ties = c(1, 1, 1, 2, 2, 3, 3, 3, 3, 10),
  incomes = round(rlnorm(57, 8, 0.6)),
  normal = rnorm(200)
)
probs <- c(0, 0.001, 0.01, 0.1, 0.125, 0.25, 1/3, 0.5, 0.6, 0.75, 0.9, 0.99, 1)
q <- lapply(names(datasets), function(nm) {
  x <- datasets[[nm]]
  list(name = nm, x = num(x), probs = num(probs),
       types = lapply(1:9, function(t) num(unname(quantile(x, probs, type = t)))))
})
writeLines(toJSON(q, auto_unbox = TRUE), "quantiles_r.json")

# Weighted rules: survey's qrule functions (what svyquantile uses for its point estimate).
rules <- c("math", "school", "shahvaish", paste0("hf", 1:9))
wsets <- list(
  list(name = "five", x = c(3, 1, 2, 5, 4), w = c(1, 2, 1, 1, 3)),
  list(name = "ties", x = c(1, 2, 2, 2, 3, 4, 4, 5), w = c(0.5, 1, 2, 0.25, 1, 1, 3, 0.25)),
  list(name = "incomes", x = round(rlnorm(80, 8, 0.6), -1), w = round(runif(80, 0.2, 3), 4)),
  list(name = "unitmean", x = round(rnorm(40, 50, 10)), w = NULL)
)
wsets[[4]]$w <- { w <- runif(40, 0.5, 1.5); w / mean(w) }   # mean 1: survey's shahvaish then agrees
wprobs <- c(0, 0.05, 0.1, 0.2, 0.25, 0.5, 0.6, 0.75, 0.9, 0.95, 1)
wq <- lapply(wsets, function(s) {
  res <- lapply(rules, function(r) num(sapply(wprobs, function(p) get(paste0("qrule_", r), asNamespace("survey"))(s$x, s$w, p))))
  names(res) <- rules
  list(name = s$name, x = num(s$x), w = num(s$w), probs = num(wprobs), rules = res)
})
# svyquantile's point estimate is the qrule's value: check once on a design.
d <- svydesign(ids = ~1, weights = ~w, data = data.frame(x = wsets[[3]]$x, w = wsets[[3]]$w))
sq <- coef(svyquantile(~x, d, quantiles = c(0.25, 0.5, 0.9), qrule = "math", ci = TRUE))
stopifnot(isTRUE(all.equal(unname(sq), sapply(c(0.25, 0.5, 0.9), function(p) survey:::qrule_math(wsets[[3]]$x, wsets[[3]]$w, p)))))
writeLines(toJSON(wq, auto_unbox = TRUE), "weighted_quantiles_survey.json")

# Wilson score intervals: prop.test(correct = FALSE).
cases <- list(c(0, 10), c(1, 10), c(5, 10), c(37, 120), c(999, 1000), c(50, 50))
levels <- c(0.9, 0.95, 0.99)
wil <- list()
for (cs in cases) for (lv in levels) {
  ci <- prop.test(cs[1], cs[2], conf.level = lv, correct = FALSE)$conf.int
  wil[[length(wil) + 1]] <- list(x = cs[1], n = cs[2], level = lv, low = num(ci[1]), high = num(ci[2]))
}
writeLines(toJSON(wil, auto_unbox = TRUE), "wilson_r.json")

# Weighted variance point estimate: svyvar; unweighted var.
x <- wsets[[3]]$x; w <- wsets[[3]]$w
dd <- svydesign(ids = ~1, weights = ~w, data = data.frame(x = x, w = w))
writeLines(toJSON(list(x = num(x), w = num(w), svyvar = num(unname(coef(svyvar(~x, dd)))), svymean = num(unname(coef(svymean(~x, dd)))),
                       svytotal = num(unname(coef(svytotal(~x, dd)))), var = num(var(x))), auto_unbox = TRUE),
           "weighted_var_survey.json")
cat("ok\n")

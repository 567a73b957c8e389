# Reference values for LaborStat's design-based estimators (Tests/LaborStatStatsTests/SurveyDesignTests.swift).
#
# Run from this folder:   LC_ALL=C.UTF-8 Rscript make_reference.R   (a UTF-8 locale: the data hold Chinese text)
# Needs survey 4.5 (../shared/tools/install-r-references.sh installs it in /usr/local/lib/R/site-library);
# the version used is written to reference-version.txt. survey 4.5 differs from 4.1.1 here only where it
# changed on purpose: lonely.psu = "adjust" centres a lone PSU at the grand mean (the *_adjust designs).
# Writes the data sets (apistrat.csv, apiclus1.csv, apiclus2.csv from survey's data(api); gen.csv generated
# here with a fixed seed) and reference.csv: one row per number, `design,estimator,variable,domain,group,
# level,stat,value`, values with 17 significant digits. Domains are `subset(design, cond)` (R keeps the design
# whole: stratum PSU counts and fpc come from the full sample); groups are `svyby`. Missing values: na.rm=TRUE.
.libPaths(c("/usr/local/lib/R/site-library", .libPaths()))
suppressMessages(library(survey))
stopifnot(l10n_info()[["UTF-8"]])
stopifnot(packageVersion("survey") >= "4.5")
data(api)
options(survey.lonely.psu = "fail")

num <- function(x) sprintf("%.17g", x)
out <- list()
emit <- function(design, estimator, variable, domain, group, level, stat, value) {
  out[[length(out) + 1]] <<- data.frame(design = design, estimator = estimator, variable = variable,
    domain = domain, group = group, level = level, stat = stat, value = num(as.numeric(value)))
}

# ---- data sets -------------------------------------------------------------------------------------------
keep <- c("stype", "dnum", "snum", "pw", "api00", "api99", "enroll", "meals", "sch.wide", "comp.imp", "awards")
strat <- apistrat[, c(keep, "fpc")]
clus1 <- apiclus1[, c(keep, "fpc")]
clus2 <- apiclus2[, c(keep, "fpc1", "fpc2", "acs.k3")]
clus2$fpc2 <- as.vector(clus2$fpc2)
clus2$fpc2b <- ifelse(clus2$fpc2 == 1, 2, clus2$fpc2)   # see "Lonely units at the second stage" below
write.csv(strat, "apistrat.csv", row.names = FALSE, na = "")
write.csv(clus1, "apiclus1.csv", row.names = FALSE, na = "")
write.csv(clus2, "apiclus2.csv", row.names = FALSE, na = "")

# A two-stage sample of migrant workers: provinces (strata) > counties (PSUs, unique ids) > villages (SSUs,
# numbered within county) > workers. 西藏 has a single county (a lonely PSU). Sampling fractions f1, f2;
# population sizes N1, N2 (西藏's N1 = 1: a certainty PSU, while its f1 = 1/3 makes it a lonely PSU);
# weights with a nonresponse factor.
set.seed(20261129)
provinces <- c("河南", "四川", "安徽", "湖南", "西藏")
npsu <- c(4, 3, 5, 3, 1)
rows <- list(); county <- 100
for (h in seq_along(provinces)) {
  N1 <- if (provinces[h] == "西藏") 1 else npsu[h] * sample(4:9, 1)
  for (i in seq_len(npsu[h])) {
    county <- county + 1
    m <- sample(2:4, 1); M <- m * sample(2:5, 1)
    for (j in seq_len(m)) {
      k <- sample(3:6, 1)
      rows[[length(rows) + 1]] <- data.frame(province = provinces[h], county = county, village = j,
        f1 = npsu[h] / (if (N1 == 1) 3 else N1), f2 = m / M, N1 = N1, N2 = M, k = k)[rep(1, k), ]
    }
  }
}
gen <- do.call(rbind, rows)
n <- nrow(gen)
gen$weight <- round(1 / (gen$f1 * gen$f2) * runif(n, 0.8, 1.25), 4)
gen$income <- round(exp(rnorm(n, log(4200), 0.45)) + 300 * (gen$province == "河南"), 1)
gen$income[sample(n, 12)] <- NA
gen$wage_owed <- round(ifelse(runif(n) < 0.3, gen$income * runif(n, 0.5, 3), 0), 1)
gen$hours <- sample(40:72, n, replace = TRUE)
gen$industry <- sample(c("建筑业", "制造业", "服务业", "交通运输"), n, replace = TRUE, prob = c(.4, .3, .2, .1))
gen$industry[sample(n, 8)] <- NA
gen$sex <- ifelse(runif(n) < 0.35 + 0.2 * (gen$industry %in% "服务业"), "女", "男")
gen$k <- NULL
rownames(gen) <- NULL
write.csv(gen, "gen.csv", row.names = FALSE, na = "", fileEncoding = "UTF-8")
# Categorical levels in code-point order (the order LaborStat sorts text in).
cp <- function(x) { u <- unique(x[!is.na(x)]); Encoding(u) <- "UTF-8"; factor(x, levels = sort(u, method = "radix")) }
gen$industry <- cp(gen$industry); gen$sex <- cp(gen$sex); gen$province <- cp(gen$province)
for (v in c("stype", "sch.wide", "comp.imp", "awards")) {
  strat[[v]] <- cp(as.character(strat[[v]])); clus1[[v]] <- cp(as.character(clus1[[v]]))
  clus2[[v]] <- cp(as.character(clus2[[v]]))
}

# ---- estimators ------------------------------------------------------------------------------------------
stat_block <- function(name, est, var, dom, grp, s, d) {
  emit(name, est, var, dom, grp, "", "value", coef(s)[1])
  emit(name, est, var, dom, grp, "", "se", SE(s)[1])
  ci <- confint(s, df = Inf); emit(name, est, var, dom, grp, "", "ci_low", ci[1, 1]); emit(name, est, var, dom, grp, "", "ci_high", ci[1, 2])
  ci <- confint(s, df = degf(d)); emit(name, est, var, dom, grp, "", "ci_low_t", ci[1, 1]); emit(name, est, var, dom, grp, "", "ci_high_t", ci[1, 2])
  if (!is.null(attr(s, "deff"))) emit(name, est, var, dom, grp, "", "deff", deff(s)[1])
}
numeric_estimates <- function(name, d, var, dom = "all") {
  f <- as.formula(paste0("~`", var, "`"))
  x <- d$variables[[var]]
  dd <- d[!is.na(x), ]
  stat_block(name, "mean", var, dom, "", svymean(f, d, na.rm = TRUE, deff = TRUE), dd)
  stat_block(name, "total", var, dom, "", svytotal(f, d, na.rm = TRUE, deff = TRUE), dd)
  # svyvar on the design without the missing rows: svyvar(na.rm = TRUE) would count them in its n/(n - 1).
  v <- svyvar(f, dd)
  emit(name, "var", var, dom, "", "", "value", coef(v)[1]); emit(name, "var", var, dom, "", "", "se", SE(v)[1])
  for (rule in c("math", "school", "hf7")) {
    for (dfn in c("normal", "design")) {
      df <- if (dfn == "normal") Inf else degf(dd)
      q <- svyquantile(f, d, c(0.1, 0.25, 0.5, 0.9), na.rm = TRUE, ci = TRUE, qrule = rule, df = df)[[1]]
      for (i in 1:4) {
        lv <- paste(rule, dfn, rownames(q)[i], sep = ":")
        emit(name, "quantile", var, dom, "", lv, "value", q[i, 1]); emit(name, "quantile", var, dom, "", lv, "ci_low", q[i, 2])
        emit(name, "quantile", var, dom, "", lv, "ci_high", q[i, 3]); emit(name, "quantile", var, dom, "", lv, "se", q[i, 4])
      }
    }
  }
}
ratio_estimates <- function(name, d, num, den, dom = "all") {
  r <- svyratio(as.formula(paste0("~", num)), as.formula(paste0("~", den)), d, na.rm = TRUE, deff = TRUE)
  x <- d$variables
  dd <- d[!is.na(x[[num]]) & !is.na(x[[den]]), ]
  emit(name, "ratio", paste0(num, "/", den), dom, "", "", "value", coef(r)); emit(name, "ratio", paste0(num, "/", den), dom, "", "", "se", SE(r))
  ci <- confint(r, df = Inf); emit(name, "ratio", paste0(num, "/", den), dom, "", "", "ci_low", ci[1]); emit(name, "ratio", paste0(num, "/", den), dom, "", "", "ci_high", ci[2])
  ci <- confint(r, df = degf(dd)); emit(name, "ratio", paste0(num, "/", den), dom, "", "", "ci_low_t", ci[1]); emit(name, "ratio", paste0(num, "/", den), dom, "", "", "ci_high_t", ci[2])
  emit(name, "ratio", paste0(num, "/", den), dom, "", "", "deff", deff(r))
}
proportion_estimates <- function(name, d, var, dom = "all") {
  m <- svymean(as.formula(paste0("~", var)), d, na.rm = TRUE, deff = TRUE)
  lv <- levels(d$variables[[var]])
  for (i in seq_along(lv)) {
    emit(name, "proportion", var, dom, "", lv[i], "value", coef(m)[i]); emit(name, "proportion", var, dom, "", lv[i], "se", SE(m)[i])
    emit(name, "proportion", var, dom, "", lv[i], "deff", deff(m)[i])
  }
}
by_estimates <- function(name, d, var, by) {
  for (fn in c("mean", "total")) {
    b <- svyby(as.formula(paste0("~", var)), as.formula(paste0("~", by)), d, if (fn == "mean") svymean else svytotal,
               na.rm = TRUE, deff = TRUE)
    g <- as.character(b[[by]])
    for (i in seq_along(g)) {
      emit(name, fn, var, "all", g[i], "", "value", coef(b)[i]); emit(name, fn, var, "all", g[i], "", "se", SE(b)[i])
      emit(name, fn, var, "all", g[i], "", "deff", deff(b)[i])
    }
  }
  # Quantiles by group: svyquantile on each group's domain (what svyby does).
  g <- levels(d$variables[[by]])
  for (gi in g) {
    dg <- d[d$variables[[by]] %in% gi, ]
    q <- svyquantile(as.formula(paste0("~", var)), dg, 0.5, na.rm = TRUE, ci = TRUE, df = Inf)[[1]]
    emit(name, "quantile", var, "all", gi, "math:normal:0.5", "value", q[1, 1]); emit(name, "quantile", var, "all", gi, "math:normal:0.5", "ci_low", q[1, 2])
    emit(name, "quantile", var, "all", gi, "math:normal:0.5", "ci_high", q[1, 3])
  }
}
chisq_estimates <- function(name, d, rows, cols, dom = "all") {
  t <- svychisq(as.formula(paste0("~", rows, "+", cols)), d, statistic = "F")
  v <- paste0(rows, "+", cols)
  emit(name, "raoscott", v, dom, "", "", "statistic", t$statistic); emit(name, "raoscott", v, dom, "", "", "ndf", t$parameter[1])
  emit(name, "raoscott", v, dom, "", "", "ddf", t$parameter[2]); emit(name, "raoscott", v, dom, "", "", "p", t$p.value)
  t <- svychisq(as.formula(paste0("~", rows, "+", cols)), d, statistic = "Chisq")
  emit(name, "raoscott", v, dom, "", "", "pearson", t$statistic); emit(name, "raoscott", v, dom, "", "", "p_chisq", t$p.value)
}
everything <- function(name, d, var, num, den, cat, by, dom_name, dom, rows, cols) {
  emit(name, "design", "", "all", "", "", "sum_weights", sum(weights(d)))
  emit(name, "design", "", "all", "", "", "degf", degf(d))
  numeric_estimates(name, d, var)
  ratio_estimates(name, d, num, den)
  proportion_estimates(name, d, cat)
  sub <- d[dom, ]   # = subset(design, cond): the design stays whole
  numeric_estimates(name, sub, var, dom_name)
  ratio_estimates(name, sub, num, den, dom_name)
  proportion_estimates(name, sub, cat, dom_name)
  by_estimates(name, d, var, by)
  chisq_estimates(name, d, rows, cols)
  chisq_estimates(name, sub, rows, cols, dom_name)
}

# apistrat: stratified, fpc as population sizes; and with replacement (no fpc).
d <- svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = strat)
everything("strat", d, "api00", "api00", "api99", "awards", "comp.imp", "meals>40", strat$meals > 40, "sch.wide", "comp.imp")
d <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = strat)
everything("strat_wr", d, "api00", "api00", "api99", "awards", "comp.imp", "meals>40", strat$meals > 40, "sch.wide", "comp.imp")
# apiclus1: one-stage cluster sample; weights given, or taken from the fpc.
d <- svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = clus1)
everything("clus1", d, "enroll", "api00", "enroll", "stype", "stype", "meals>40", clus1$meals > 40, "sch.wide", "stype")
d <- svydesign(id = ~dnum, fpc = ~fpc, data = clus1)
everything("clus1_fpcw", d, "enroll", "api00", "enroll", "stype", "stype", "meals>40", clus1$meals > 40, "sch.wide", "stype")
# apiclus2: two stages with fpc at both (weights from the fpc; some districts have one school of one); and
# with weights, no fpc (ultimate clusters). acs.k3 has missing values.
d <- svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = clus2)
everything("clus2", d, "acs.k3", "api00", "enroll", "stype", "awards", "stype==E", clus2$stype %in% "E", "comp.imp", "awards")
d <- svydesign(id = ~dnum + snum, weights = ~pw, data = clus2)
everything("clus2_wr", d, "acs.k3", "api00", "enroll", "stype", "awards", "stype==E", clus2$stype %in% "E", "comp.imp", "awards")

# gen: each lonely-PSU policy, one and two stages; fpc as fractions (two stages) and as sizes.
for (policy in c("remove", "adjust", "average", "certainty")) {
  options(survey.lonely.psu = policy)
  d <- svydesign(id = ~county, strata = ~province, weights = ~weight, data = gen)
  everything(paste0("gen1_", policy), d, "income", "wage_owed", "income", "industry", "industry", "sex==女", gen$sex %in% "女", "industry", "province")
  d <- svydesign(id = ~county + village, strata = ~province, weights = ~weight, fpc = ~f1 + f2, data = gen)
  everything(paste0("gen2_", policy), d, "income", "wage_owed", "income", "industry", "industry", "sex==女", gen$sex %in% "女", "industry", "province")
}
# Workers as the PSUs, stratified by province (wide Rao–Scott tables over many PSUs).
d <- svydesign(id = ~1, strata = ~province, weights = ~weight, data = gen)
everything("gen_rows", d, "income", "wage_owed", "income", "industry", "industry", "sex==女", gen$sex %in% "女", "industry", "province")
options(survey.lonely.psu = "fail")   # 西藏 is a certainty PSU here (N1 = n1 = 1): no lonely-PSU failure
d <- svydesign(id = ~county + village, strata = ~province, fpc = ~N1 + N2, data = gen)
everything("gen_sizes", d, "income", "wage_owed", "income", "industry", "industry", "sex==女", gen$sex %in% "女", "industry", "province")

# Every quantile rule of svyquantile (qrule=), overall, normal df, on two designs.
all_rules <- function(name, d, var) {
  for (rule in c("math", "school", "shahvaish", paste0("hf", 1:9))) {
    q <- svyquantile(as.formula(paste0("~", var)), d, c(0.1, 0.25, 0.5, 0.9), na.rm = TRUE, ci = TRUE, qrule = rule, df = Inf)[[1]]
    for (i in 1:4) {
      lv <- paste(rule, "normal", rownames(q)[i], sep = ":")
      emit(name, "quantile_rule", var, "all", "", lv, "value", q[i, 1]); emit(name, "quantile_rule", var, "all", "", lv, "ci_low", q[i, 2])
      emit(name, "quantile_rule", var, "all", "", lv, "ci_high", q[i, 3]); emit(name, "quantile_rule", var, "all", "", lv, "se", q[i, 4])
    }
  }
}
all_rules("strat", svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = strat), "api00")
options(survey.lonely.psu = "adjust")
all_rules("gen2_adjust", svydesign(id = ~county + village, strata = ~province, weights = ~weight, fpc = ~f1 + f2, data = gen), "income")

# Lonely units at the second stage: in apiclus2, districts with a single sampled school get a population
# of 2 schools (fpc2b), so that school is a lonely second-stage unit with a non-zero sampling variance.
for (policy in c("remove", "adjust", "average", "certainty")) {
  options(survey.lonely.psu = policy)
  d <- svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2b, data = clus2)
  name <- paste0("clus2_lonely2_", policy)
  for (dom in c("all", "stype==E")) {
    dd <- if (dom == "all") d else d[clus2$stype %in% "E", ]
    stat_block(name, "mean", "api00", dom, "", svymean(~api00, dd, deff = TRUE), dd)
    stat_block(name, "total", "api00", dom, "", svytotal(~api00, dd, deff = TRUE), dd)
  }
}
options(survey.lonely.psu = "fail")

# Distribution functions behind the intervals and the test: qnorm, qt, pf (upper tail).
for (p in c(0.5, 0.8, 0.95, 0.975, 0.995, 0.9995)) {
  emit("dist", "qnorm", "", "", "", num(p), "value", qnorm(p))
  for (df in c(1, 2, 3, 7, 11, 30, 196)) emit("dist", "qt", "", "", num(df), num(p), "value", qt(p, df))
}
for (f in c(0.05, 0.7, 1.9785526279023822, 11.873, 47.317732999323951)) {
  for (dd in list(c(1, 197), c(1.4946397777074565, 20.92495688790439), c(2.5, 7), c(6, 60.5))) {
    emit("dist", "pf", "", "", paste(num(dd[1]), num(dd[2])), num(f), "value", pf(f, dd[1], dd[2], lower.tail = FALSE))
  }
}

res <- do.call(rbind, out)
write.csv(res, "reference.csv", row.names = FALSE, fileEncoding = "UTF-8")
cat(nrow(res), "reference values;", "survey", as.character(packageVersion("survey")), R.version.string, "\n",
    file = "reference-version.txt")

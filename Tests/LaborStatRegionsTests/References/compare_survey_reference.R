#!/usr/bin/env Rscript
# Independent reference for `laborstat compare` under a survey design (RegionComparison's design
# path), computed with R's survey package (4.1.1). Run from this folder:
#   Rscript compare_survey_reference.R
# 1. Makes survey_fixture.csv from the shipped synthetic sample (../../../Datasets/survey_sample.csv):
#    year 2024, eight strata (provinces), the first 8 persons of each PSU, with the province column
#    respelled many ways (the spelling -> province map below is written by hand).
# 2. Writes expected_survey_<scenario>.csv in compare's columns.
suppressMessages(library(survey))
options(digits = 17)

src <- read.csv("../../../Datasets/survey_sample.csv", encoding = "UTF-8")
src <- src[src$year == 2024 & src$stratum %in% c(11, 14, 22, 44, 51, 61, 65, 62), ]
src <- do.call(rbind, lapply(split(src, src$psu), function(g) head(g, 8)))
src <- src[order(src$person_id), ]
spell <- list(
  "11" = c("北京市", "Beijing", "京", "110000"), "14" = c("山西省", "Shanxi", "晋", "140100"),
  "22" = c("吉林省", "JILIN", "吉林"), "44" = c("广东省", "Guangdong", "粤", "440300", "ｇｕａｎｇｄｏｎｇ"),
  "51" = c("四川省", "Sichuan", "蜀", "川"), "61" = c("陕西省", "Shaanxi", "陕", "610102", "Shaanxi Province"),
  "65" = c("新疆维吾尔自治区", "Xinjiang", "新"), "62" = c("甘肃", "Gansu", "陇")
)
src$province <- mapply(function(s, i) { v <- spell[[as.character(s)]]; v[(i %% length(v)) + 1] },
                       src$stratum, seq_len(nrow(src)))
fx <- src[, c("province", "stratum", "psu", "psu_population", "weight", "monthly_income", "hours_per_week", "arrears")]
write.csv(fx, "survey_fixture.csv", row.names = FALSE, fileEncoding = "UTF-8", quote = FALSE)

d <- read.csv("survey_fixture.csv", encoding = "UTF-8")
short <- c("11" = "北京", "14" = "山西", "22" = "吉林", "44" = "广东", "51" = "四川", "61" = "陕西", "65" = "新疆", "62" = "甘肃")
r4 <- c("11" = "东部", "14" = "中部", "22" = "东北", "44" = "东部", "51" = "西部", "61" = "西部", "65" = "西部", "62" = "西部")
r7 <- c("11" = "华北", "14" = "华北", "22" = "东北", "44" = "华南", "51" = "西南", "61" = "西北", "65" = "西北", "62" = "西北")
d$prov <- short[as.character(d$stratum)]
d$code <- d$stratum * 10000
d$r4 <- factor(r4[as.character(d$stratum)], levels = c("东部", "中部", "西部", "东北"))
d$r7 <- factor(r7[as.character(d$stratum)], levels = c("华北", "东北", "华东", "华中", "华南", "西南", "西北"))
d$one <- 1
des <- svydesign(id = ~psu, strata = ~stratum, weights = ~weight, fpc = ~psu_population, data = d)

finish <- function(region, code, value, se, lo, hi, national, share = NA, base = national) {
  out <- data.frame(region = region, region_code = code, value = value, share = share,
                    rank = rank(-value, ties.method = "min"), baseline_value = base,
                    ratio_to_baseline = value / base, diff_from_baseline = value - base,
                    value_se = se, ci_low = lo, ci_high = hi)
  out
}
save <- function(x, name) {
  num <- vapply(x, is.numeric, TRUE)
  x[num] <- lapply(x[num], function(v) ifelse(is.na(v), NA, sprintf("%.17g", v)))
  write.csv(x, name, row.names = FALSE, fileEncoding = "UTF-8", quote = FALSE, na = "")
}
z <- qnorm(0.975)

# D1: total of monthly income by province, national baseline
b <- svyby(~monthly_income, ~code, des, svytotal)
nat <- coef(svytotal(~monthly_income, des))[[1]]
ci <- confint(b)
save(finish(short[as.character(b$code / 10000)], b$code, b$monthly_income, SE(b), ci[, 1], ci[, 2], nat,
            share = b$monthly_income / sum(b$monthly_income)), "expected_survey_sum_province.csv")

# D2: mean income by NBS region, baseline 西部
b <- svyby(~monthly_income, ~r4, des, svymean)
ci <- confint(b)
base <- b$monthly_income[b$r4 == "西部"]
save(finish(as.character(b$r4), NA, b$monthly_income, SE(b), ci[, 1], ci[, 2], NA, base = base),
     "expected_survey_mean_region4.csv")

# D3: ratio income / hours by province (svyratio), national ratio
b <- svyby(~monthly_income, ~code, des, svyratio, denominator = ~hours_per_week)
nat <- coef(svyratio(~monthly_income, ~hours_per_week, des))[[1]]
tot <- svyby(~monthly_income, ~code, des, svytotal)$monthly_income
v <- b[, "monthly_income/hours_per_week"]
se <- SE(b)
save(finish(short[as.character(b$code / 10000)], b$code, v, se, v - z * se, v + z * se, nat,
            share = tot / sum(tot)), "expected_survey_rate_province.csv")

# D4: median income by geographic region (svyquantile, qrule "math", normal df) with the Woodruff
# interval of each domain (svyquantile on subset(); svyby's confint would be symmetric, value ± z·SE)
lv <- levels(droplevels(d$r7))
q <- lapply(lv, function(l) svyquantile(~monthly_income, subset(des, r7 == l), quantiles = 0.5, ci = TRUE, qrule = "math", df = Inf))
v <- sapply(q, function(x) coef(x)[[1]])
se <- sapply(q, function(x) SE(x)[[1]])
ci <- t(sapply(q, function(x) confint(x)[1, ]))
nat <- coef(svyquantile(~monthly_income, des, quantiles = 0.5, qrule = "math", df = Inf))[[1]]
save(finish(lv, NA, v, se, ci[, 1], ci[, 2], nat), "expected_survey_median_region7.csv")

# D5: estimated persons per 10,000 of a denominator table (svytotal of 1 / D x 10000)
den <- data.frame(region = c("北京市", "山西", "Jilin", "广东", "四川省", "Shaanxi", "新疆", "甘肃省"),
                  population = c(21850000, 34660000, 23480000, 127060000, 83680000, 39560000, 25890000, 24650000))
write.csv(den, "survey_denominators.csv", row.names = FALSE, fileEncoding = "UTF-8", quote = FALSE)
dcode <- c(110000, 140000, 220000, 440000, 510000, 610000, 650000, 620000)
b <- svyby(~one, ~code, des, svytotal)
D <- den$population[match(b$code, dcode)]
v <- b$one / D * 1e4
se <- SE(b) / D * 1e4
save(finish(short[as.character(b$code / 10000)], b$code, v, se, v - z * se, v + z * se,
            sum(b$one) / sum(D) * 1e4, share = b$one / sum(b$one)), "expected_survey_count_per10k.csv")

# D6: a domain (hours_per_week >= 50): mean income by province; the design stays whole
s <- subset(des, hours_per_week >= 50)
b <- svyby(~monthly_income, ~code, s, svymean)
ci <- confint(b)
nat <- coef(svymean(~monthly_income, s))[[1]]
save(finish(short[as.character(b$code / 10000)], b$code, b$monthly_income, SE(b), ci[, 1], ci[, 2], nat),
     "expected_survey_domain_mean_province.csv")
cat("wrote survey_fixture.csv (", nrow(d), " rows) and expected_survey_*.csv\n", sep = "")

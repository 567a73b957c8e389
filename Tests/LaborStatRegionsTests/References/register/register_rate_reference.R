#!/usr/bin/env Rscript
# Reference for `laborstat compare --agg "rate A/B"` on a case register (each row a case of many
# people): the ratio estimator ΣA/ΣB per region with the case as the unit, i.e. R survey 4.5's
# svyratio on a design whose PSUs are the rows (ids = ~1, no weights), or a higher unit (ids = ~城市).
# Run from this folder:   Rscript register_rate_reference.R   (R survey 4.5: ../shared/tools/install-r-references.sh)
# Reads the shipped register (../../../../Datasets/arrears_register.csv: UTF-8 with BOM, amounts with
# thousands separators or in 万) and writes register_rate_svyratio.csv: scenario, region (compare's short
# name), value, value_se, ci_low, ci_high (Wald, normal, 95 %), binomial_se (sqrt(p(1-p)/ΣB), the
# person-as-unit SE, for the ratio of the two), and the survey version.
.libPaths(c("/usr/local/lib/R/site-library", .libPaths()))
suppressMessages(library(survey))
stopifnot(packageVersion("survey") >= "4.5")
num <- function(x) sprintf("%.17g", x)
# Amounts as the register writes them: "48,099.19" or "5.14万" (× 10,000), as LaborStat reads them.
yuan <- function(x) {
  x <- gsub(",", "", x); wan <- grepl("万$", x)
  as.numeric(sub("万$", "", x)) * ifelse(wan, 10000, 1)
}
r <- read.csv("../../../../Datasets/arrears_register.csv", fileEncoding = "UTF-8-BOM", check.names = FALSE,
              colClasses = "character")
d <- data.frame(province = r[["省份"]], city = r[["城市"]],
                people = as.numeric(r[["涉及人数"]]), migrants = as.numeric(r[["其中农民工"]]),
                owed = yuan(r[["欠薪金额（元）"]]), recovered = yuan(r[["追回金额（元）"]]))
stopifnot(!anyNA(d[, 3:6]))
d$short <- sub("(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$", "", d$province)
r4 <- c(北京 = "东部", 天津 = "东部", 河北 = "东部", 上海 = "东部", 江苏 = "东部", 浙江 = "东部", 福建 = "东部",
        山东 = "东部", 广东 = "东部", 海南 = "东部", 山西 = "中部", 安徽 = "中部", 江西 = "中部", 河南 = "中部",
        湖北 = "中部", 湖南 = "中部", 内蒙古 = "西部", 广西 = "西部", 重庆 = "西部", 四川 = "西部", 贵州 = "西部",
        云南 = "西部", 西藏 = "西部", 陕西 = "西部", 甘肃 = "西部", 青海 = "西部", 宁夏 = "西部", 新疆 = "西部",
        辽宁 = "东北", 吉林 = "东北", 黑龙江 = "东北")
stopifnot(all(d$short %in% names(r4)))
d$region4 <- r4[d$short]
rows <- suppressWarnings(svydesign(ids = ~1, data = d))   # no weights: every case weight 1
cities <- suppressWarnings(svydesign(ids = ~city, data = d))
one <- function(scenario, des, by, a, b) {
  f <- svyby(as.formula(paste0("~", a)), as.formula(paste0("~", by)), des, svyratio,
             denominator = as.formula(paste0("~", b)))
  est <- coef(f); se <- SE(f); ci <- confint(f)
  sa <- tapply(d[[a]], d[[by]], sum)[as.character(f[[by]])]; sb <- tapply(d[[b]], d[[by]], sum)[as.character(f[[by]])]
  p <- sa / sb
  data.frame(scenario = scenario, region = as.character(f[[by]]), value = num(est), value_se = num(se),
             ci_low = num(ci[, 1]), ci_high = num(ci[, 2]), binomial_se = num(sqrt(p * (1 - p) / sb)))
}
out <- rbind(one("migrants_per_person_province", rows, "short", "migrants", "people"),
             one("migrants_per_person_province_city", cities, "short", "migrants", "people"),
             one("recovered_per_owed_region4", rows, "region4", "recovered", "owed"))
out$survey <- as.character(packageVersion("survey"))
write.csv(out, "register_rate_svyratio.csv", row.names = FALSE, fileEncoding = "UTF-8", quote = FALSE)

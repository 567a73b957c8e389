#!/usr/bin/env python3
"""Independent reference for `laborstat compare` (LaborStatRegions.RegionComparison).

Writes a small arrears fixture whose province column spells the same places many ways, a
denominator table, and the expected output of each compare scenario, computed with pandas and
scipy. The spelling → province map below is written out by hand (it does not use LaborStat's
matcher). Run from this folder:  python3 compare_reference.py
Outputs: fixture.csv, denominators.csv, expected_<scenario>.csv (all UTF-8).
"""
import numpy as np
import pandas as pd
from scipy import stats

rng = np.random.default_rng(20261129)

# code, short name, region4, region7, spellings used in the fixture
PROV = [
    (110000, "北京", "东部", "华北", ["北京", "北京市", "Beijing", "110105", "京"]),
    (140000, "山西", "中部", "华北", ["山西", "山西省", "Shanxi", "晋", "14"]),
    (150000, "内蒙古", "西部", "华北", ["内蒙古自治区", "Inner Mongolia", "Nei Mongol", "蒙"]),
    (220000, "吉林", "东北", "东北", ["吉林省", "Jilin", "吉"]),
    (310000, "上海", "东部", "华东", ["上海市", "Shanghai", "沪", "310115"]),
    (330000, "浙江", "东部", "华东", ["浙江省", "ZHEJIANG", "浙", "Zhejiang Province"]),
    (410000, "河南", "中部", "华中", ["河南", "河南省", "Henan Sheng", "豫", "410100"]),
    (440000, "广东", "东部", "华南", ["广东省", "广东", "Guangdong", "粤", "440300", "ｇｕａｎｇｄｏｎｇ"]),
    (450000, "广西", "西部", "华南", ["广西壮族自治区", "广西", "Guangxi", "桂"]),
    (510000, "四川", "西部", "西南", ["四川省", "Sichuan", "川", "蜀", "５１００００"]),
    (540000, "西藏", "西部", "西南", ["西藏自治区", "Tibet", "Xizang", "藏"]),
    (610000, "陕西", "西部", "西北", ["陕西", "陕西省", "Shaanxi", "610000", "610102", " 陕西 ", "陕　西", "秦", "Shaan-xi"]),
    (650000, "新疆", "西部", "西北", ["新疆维吾尔自治区", "Xinjiang", "新"]),
    (810000, "香港", "港澳台", "华南", ["香港", "Hong Kong", "香港特别行政区"]),
]
R4 = ["东部", "中部", "西部", "东北", "港澳台"]
R7 = ["华北", "东北", "华东", "华中", "华南", "西南", "西北"]

rows = []
for code, short, r4, r7, spellings in PROV:
    n = int(rng.integers(6, 14))
    for i in range(n):
        workers = int(rng.integers(1, 60))
        migrant = int(rng.binomial(workers, 0.55 + 0.3 * rng.random()))
        owed = round(float(rng.lognormal(10, 1.0)), 2)
        rows.append(dict(province=spellings[i % len(spellings)], workers=workers,
                         migrant_workers=migrant, amount_owed=owed,
                         code=code, short=short, region4=r4, region7=r7))
df = pd.DataFrame(rows).sample(frac=1, random_state=7).reset_index(drop=True)
df[["province", "workers", "migrant_workers", "amount_owed"]].to_csv("fixture.csv", index=False)

# Denominator: migrant workers (persons) per province, in short/full/pinyin spellings; it also lists
# 江苏 (no rows in the data: value 0) and not 香港 (no denominator: empty value).
den = pd.DataFrame([
    ("北京市", 3_650_000), ("山西", 2_100_000), ("Inner Mongolia", 1_500_000), ("吉林", 980_000),
    ("上海", 4_200_000), ("浙江省", 9_100_000), ("河南省", 3_300_000), ("广东", 26_000_000),
    ("广西", 2_400_000), ("Sichuan", 3_900_000), ("西藏", 120_000), ("陕西省", 2_500_000),
    ("新疆", 1_400_000), ("江苏省", 8_700_000),
], columns=["region", "migrant_workers_total"])
den.to_csv("denominators.csv", index=False)
den_code = {"北京市": 110000, "山西": 140000, "Inner Mongolia": 150000, "吉林": 220000, "上海": 310000,
            "浙江省": 330000, "河南省": 410000, "广东": 440000, "广西": 450000, "Sichuan": 510000,
            "西藏": 540000, "陕西省": 610000, "新疆": 650000, "江苏省": 320000}
den["code"] = den["region"].map(den_code)

Z = stats.norm.ppf(0.975)


def poisson_score(a, e, per=1.0):
    """Score interval of a Poisson rate: the lambda with |a - lambda e| <= Z sqrt(lambda e)."""
    a = np.asarray(a, float)
    e = np.asarray(e, float)
    half = Z * np.sqrt(a + Z * Z / 4)
    return np.maximum(0, a + Z * Z / 2 - half) / e * per, (a + Z * Z / 2 + half) / e * per


def holm(p):
    p = np.asarray(p, float)
    order = np.argsort(p, kind="stable")
    m = len(p)
    adj = np.empty(m)
    running = 0.0
    for j, i in enumerate(order):
        running = max(running, min(1.0, (m - j) * p[i]))
        adj[i] = running
    return adj


def finish(out, base_value, value_col="value"):
    out = out.copy()
    v = out[value_col]
    out["rank"] = v.rank(ascending=False, method="min")
    out["baseline_value"] = base_value
    out["ratio_to_baseline"] = v / base_value
    out["diff_from_baseline"] = v - base_value
    return out


def by(level):
    key = {"province": "code", "region4": "region4", "region7": "region7"}[level]
    return key


def order(out, level):
    if level == "province":
        return out.sort_values("region_code")
    names = R4 if level == "region4" else R7
    return out.assign(_o=out["region"].map(names.index)).sort_values("_o").drop(columns="_o")


def label(g, level):
    if level == "province":
        short = {c: s for c, s, *_ in PROV}
        short[320000] = "江苏"
        return g.assign(region=g["region_code"].map(short))
    return g.assign(region=g["region_code"], region_code=np.nan)


COLS = ["region", "region_code", "value", "share", "rank", "baseline_value", "ratio_to_baseline", "diff_from_baseline"]

# 1. sum of amount_owed by province, national baseline
g = df.groupby("code")["amount_owed"].sum().rename("value").reset_index().rename(columns={"code": "region_code"})
g["share"] = g["value"] / g["value"].sum()
g = label(finish(g, df["amount_owed"].sum()), "province")
order(g, "province")[COLS].to_csv("expected_sum_province.csv", index=False)

# 2. mean of amount_owed by NBS region, national baseline; share empty
g = df.groupby("region4")["amount_owed"].mean().rename("value").reset_index().rename(columns={"region4": "region_code"})
g["share"] = np.nan
g = label(finish(g, df["amount_owed"].mean()), "region4")
order(g, "region4")[COLS].to_csv("expected_mean_region4.csv", index=False)

# 3. median of amount_owed by geographic region, baseline 华东
g = df.groupby("region7")["amount_owed"].median().rename("value").reset_index().rename(columns={"region7": "region_code"})
g["share"] = np.nan
base = g.loc[g["region_code"] == "华东", "value"].iloc[0]
g = label(finish(g, base), "region7")
order(g, "region7")[COLS].to_csv("expected_median_region7_base_east.csv", index=False)

# 4. rate migrant_workers/workers by province (binomial SE, Wald CI), national baseline, --test
a = df.groupby("code")["migrant_workers"].sum()
b = df.groupby("code")["workers"].sum()
g = pd.DataFrame({"region_code": a.index, "A": a.values, "B": b.values})
g["value"] = g["A"] / g["B"]
g["share"] = g["A"] / g["A"].sum()
g = label(finish(g, a.sum() / b.sum()), "province")
g["value_se"] = np.sqrt(g["value"] * (1 - g["value"]) / g["B"])
# Wilson score interval (scipy's binomtest), as R prop.test(correct = FALSE)
ci = [stats.binomtest(int(k), int(n)).proportion_ci(confidence_level=0.95, method="wilson") for k, n in zip(g["A"], g["B"])]
g["ci_low"] = [c.low for c in ci]
g["ci_high"] = [c.high for c in ci]
g = order(g, "province")
g[COLS + ["value_se", "ci_low", "ci_high"]].to_csv("expected_rate_province.csv", index=False)
# overall: k x 2 table, Pearson without continuity correction
chi2, p, dof, _ = stats.chi2_contingency(np.column_stack([g["A"], g["B"] - g["A"]]), correction=False)
tests = [dict(region="(all regions)", region_code=np.nan, statistic=chi2, df=dof, p_value=p, p_holm=np.nan)]
pair = []
for _, r in g.iterrows():
    a2, b2 = g["A"].sum() - r["A"], g["B"].sum() - r["B"]
    c2, pp, _, _ = stats.chi2_contingency(np.array([[r["A"], r["B"] - r["A"]], [a2, b2 - a2]]), correction=False)
    z = np.sign(r["A"] / r["B"] - a2 / b2) * np.sqrt(c2)
    pair.append(dict(region=r["region"], region_code=r["region_code"], statistic=z, df=np.nan, p_value=pp))
ph = holm([x["p_value"] for x in pair])
for x, h in zip(pair, ph):
    x["p_holm"] = h
pd.DataFrame(tests + pair).to_csv("expected_rate_province_test.csv", index=False)

# 5. count per 10,000 migrant workers (denominator table), baseline 广东, Poisson SE, --test
n = df.groupby("code").size()
d = den.set_index("code")["migrant_workers_total"]
codes = sorted(set(n.index) | set(d.index))
g = pd.DataFrame({"region_code": codes})
g["A"] = g["region_code"].map(n).fillna(0)
g["D"] = g["region_code"].map(d)
g["value"] = g["A"] / g["D"] * 10000
g["share"] = g["A"] / g["A"].sum()
base = g.loc[g["region_code"] == 440000, "value"].iloc[0]
g = label(finish(g, base), "province")
g["value_se"] = np.sqrt(g["A"]) / g["D"] * 10000
g["ci_low"], g["ci_high"] = poisson_score(g["A"], g["D"], 10000)
g = order(g, "province")
g[COLS + ["value_se", "ci_low", "ci_high"]].to_csv("expected_count_per10k_base_guangdong.csv", index=False)
u = g[g["D"].notna() & (g["D"] > 0)]
chi2, p = stats.chisquare(u["A"], f_exp=u["A"].sum() * u["D"] / u["D"].sum())
tests = [dict(region="(all regions)", region_code=np.nan, statistic=chi2, df=len(u) - 1, p_value=p, p_holm=np.nan)]
gd = u[u["region_code"] == 440000].iloc[0]
pair = []
for _, r in u.iterrows():
    if r["region_code"] == 440000:
        continue
    obs = np.array([r["A"], gd["A"]])
    exp = obs.sum() * np.array([r["D"], gd["D"]]) / (r["D"] + gd["D"])
    c2, pp = stats.chisquare(obs, f_exp=exp)
    z = np.sign(r["A"] / r["D"] - gd["A"] / gd["D"]) * np.sqrt(c2)
    pair.append(dict(region=r["region"], region_code=r["region_code"], statistic=z, df=np.nan, p_value=pp))
ph = holm([x["p_value"] for x in pair])
for x, h in zip(pair, ph):
    x["p_holm"] = h
pd.DataFrame(tests + pair).to_csv("expected_count_per10k_test.csv", index=False)

# 6. rate workers/migrant_workers (counts with A > B somewhere: Poisson SE) by NBS region
a = df.groupby("region4")["workers"].sum()
b = df.groupby("region4")["migrant_workers"].sum()
g = pd.DataFrame({"region_code": a.index, "A": a.values, "B": b.values})
g["value"] = g["A"] / g["B"]
g["share"] = g["A"] / g["A"].sum()
g = label(finish(g, a.sum() / b.sum()), "region4")
g["value_se"] = np.sqrt(g["A"]) / g["B"]
g["ci_low"], g["ci_high"] = poisson_score(g["A"], g["B"])
order(g, "region4")[COLS + ["value_se", "ci_low", "ci_high"]].to_csv("expected_rate_poisson_region4.csv", index=False)

# 7. rate amount_owed/workers: an amount (yuan) over a count has no binomial/Poisson SE
a = df.groupby("region7")["amount_owed"].sum()
b = df.groupby("region7")["workers"].sum()
g = pd.DataFrame({"region_code": a.index, "value": (a / b).values, "share": (a / a.sum()).values})
g = label(finish(g, a.sum() / b.sum()), "region7")
order(g, "region7")[COLS].to_csv("expected_rate_amount_region7.csv", index=False)
print("wrote fixture.csv, denominators.csv and expected_*.csv;", len(df), "rows")

#!/usr/bin/env python3
"""Builds LaborStat's Datasets/ folder (committed; re-run only to change it).

    python3 scripts/make-datasets.py [--src ../shared/datasets-src] [--out Datasets]

Two kinds of table:

* Real figures, curated from the compiled sources in ../shared/datasets-src/ (NBS migrant-worker
  monitoring reports, MOHRSS wage-arrears enforcement figures, ACFTU statements, the seed
  trade-union reports): reshaped into tidy tables, nothing estimated. One of them is also written
  as GB18030 and as .xlsx so that the demo exercises those loaders.
* Synthetic microdata from a fixed seed (numpy's PCG64, seed 20261129): a migrant-worker survey
  sample (~20,000 person-years with weights, strata, PSUs and a finite population correction) and
  a wage-arrears case register (44,000 cases, written as a Chinese office exports it: Chinese
  headers, dates as 2019年3月5日, amounts with thousands separators, — for open cases). The figures
  are plausible in shape (rising incomes, regional gaps, skewed provinces, heavy-tailed amounts),
  calibrated loosely to the NBS national means; they are NOT estimates of anything real.

Needs numpy; xlsxwriter for the .xlsx copy (pip install xlsxwriter).
"""
import argparse
import csv
import os

import numpy as np

SEED = 20261129

# (GB/T 2260 code, name, NBS region, relative migrant employment, relative income)
PROVINCES = [
    (11, "北京市", "东部", 3.5, 1.22), (12, "天津市", "东部", 1.5, 1.06), (13, "河北省", "东部", 3.5, 0.92),
    (14, "山西省", "中部", 1.8, 0.90), (15, "内蒙古自治区", "西部", 1.3, 0.97), (21, "辽宁省", "东北", 2.0, 0.90),
    (22, "吉林省", "东北", 1.0, 0.87), (23, "黑龙江省", "东北", 1.2, 0.86), (31, "上海市", "东部", 4.0, 1.25),
    (32, "江苏省", "东部", 8.0, 1.08), (33, "浙江省", "东部", 9.0, 1.10), (34, "安徽省", "中部", 3.0, 0.93),
    (35, "福建省", "东部", 4.5, 1.00), (36, "江西省", "中部", 2.5, 0.91), (37, "山东省", "东部", 6.0, 0.97),
    (41, "河南省", "中部", 5.5, 0.89), (42, "湖北省", "中部", 3.5, 0.95), (43, "湖南省", "中部", 3.5, 0.92),
    (44, "广东省", "东部", 14.0, 1.09), (45, "广西壮族自治区", "西部", 2.5, 0.90), (46, "海南省", "东部", 0.6, 0.95),
    (50, "重庆市", "西部", 2.5, 0.96), (51, "四川省", "西部", 4.5, 0.94), (52, "贵州省", "西部", 2.0, 0.90),
    (53, "云南省", "西部", 2.5, 0.90), (54, "西藏自治区", "西部", 0.15, 1.02), (61, "陕西省", "西部", 2.5, 0.92),
    (62, "甘肃省", "西部", 1.0, 0.87), (63, "青海省", "西部", 0.3, 0.93), (64, "宁夏回族自治区", "西部", 0.4, 0.91),
    (65, "新疆维吾尔自治区", "西部", 1.3, 0.95),
]
CITIES = {
    "北京市": ["朝阳区", "海淀区"], "天津市": ["滨海新区"], "河北省": ["石家庄市", "保定市"], "山西省": ["太原市"],
    "内蒙古自治区": ["呼和浩特市"], "辽宁省": ["沈阳市", "大连市"], "吉林省": ["长春市"], "黑龙江省": ["哈尔滨市"],
    "上海市": ["浦东新区", "闵行区"], "江苏省": ["南京市", "苏州市", "无锡市"], "浙江省": ["杭州市", "宁波市", "温州市"],
    "安徽省": ["合肥市", "阜阳市"], "福建省": ["福州市", "厦门市", "泉州市"], "江西省": ["南昌市", "赣州市"],
    "山东省": ["济南市", "青岛市"], "河南省": ["郑州市", "洛阳市"], "湖北省": ["武汉市"], "湖南省": ["长沙市"],
    "广东省": ["广州市", "深圳市", "东莞市", "佛山市"], "广西壮族自治区": ["南宁市"], "海南省": ["海口市"],
    "重庆市": ["渝中区", "万州区"], "四川省": ["成都市", "绵阳市"], "贵州省": ["贵阳市"], "云南省": ["昆明市"],
    "西藏自治区": ["拉萨市"], "陕西省": ["西安市", "咸阳市"], "甘肃省": ["兰州市"], "青海省": ["西宁市"],
    "宁夏回族自治区": ["银川市"], "新疆维吾尔自治区": ["乌鲁木齐市"],
}
# industry, share among migrant workers, share of arrears cases, relative income
INDUSTRIES = [("建筑业", 0.18, 0.50, 1.12), ("制造业", 0.27, 0.20, 1.02), ("批发和零售业", 0.12, 0.07, 0.86),
              ("交通运输仓储和邮政业", 0.07, 0.05, 1.18), ("住宿和餐饮业", 0.07, 0.08, 0.82),
              ("居民服务修理和其他服务业", 0.12, 0.05, 0.84), ("其他", 0.17, 0.05, 0.95)]
# NBS national average monthly income of all migrant workers (元), 2015-2024 (nbs_migrant_workers.csv)
NBS_INCOME = {2015: 3072, 2016: 3275, 2017: 3485, 2018: 3721, 2019: 3962, 2020: 4072,
              2021: 4432, 2022: 4615, 2023: 4780, 2024: 4961}


def write_csv(path, header, rows, encoding="utf-8"):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    os.replace(tmp, path)


def read(src, name):
    with open(os.path.join(src, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------------------- real figures

def national_series(src):
    """One row per year 2008-2024: the NBS headline series (万人, 元, 岁, %)."""
    nbs = read(src, "nbs_migrant_workers.csv")
    want = [("total_migrant_workers", "农民工总量（万人）"), ("migrant_workers_outside_township", "外出农民工（万人）"),
            ("local_migrant_workers", "本地农民工（万人）"), ("monthly_income", "月均收入（元）"),
            ("monthly_income_outside_migrants", "外出农民工月均收入（元）"), ("average_age", "平均年龄（岁）"),
            ("share_aged_over_50", "50岁以上比重（%）"), ("wage_arrears_share", "被拖欠工资比重（%）")]
    by = {}
    for r in nbs:
        if r["breakdown_type"] == "national":
            by[(int(r["year"]), r["indicator_en"])] = r["value"]
    years = sorted({y for y, _ in by})
    rows = [[f"{y}年"] + [by.get((y, k), "") for k, _ in want] for y in years]
    return ["年份"] + [h for _, h in want], rows


def income_by_region(src):
    nbs = read(src, "nbs_migrant_workers.csv")
    rows = []
    for r in nbs:
        if r["breakdown_type"] != "region_of_employment":
            continue
        if r["indicator_en"] == "monthly_income":
            basis = "全部农民工"
        elif r["indicator_en"] == "monthly_income_outside_migrants":
            basis = "外出农民工"
        else:
            continue
        rows.append([int(r["year"]), r["breakdown"], basis, r["value"], r["source_url"]])
    rows.sort()
    return ["year", "region", "basis", "monthly_income", "source_url"], rows


def workers_by_region(src):
    nbs = read(src, "nbs_migrant_workers.csv")
    rows = []
    for r in nbs:
        if r["indicator_en"] in ("migrant_workers_by_destination", "migrant_workers_by_origin"):
            basis = "输入地" if r["indicator_en"].endswith("destination") else "输出地"
            rows.append([int(r["year"]), r["breakdown"], basis, r["value"], r["source_url"]])
    rows.sort()
    return ["year", "region", "basis", "migrant_workers_wan", "source_url"], rows


def enforcement(src):
    m = read(src, "mohrss_arrears.csv")
    cols = ["year", "period", "issuer", "region", "region_level", "indicator", "indicator_en", "population",
            "value", "unit", "source_url", "note"]
    return cols, [[r[c] for c in cols] for r in m]


def copy_table(src, name, cols):
    rows = read(src, name)
    return cols, [[r[c] for c in cols] for r in rows]


# ---------------------------------------------------------------------------- synthetic microdata

def survey(rng, n_target=20000):
    """Stratified two-stage sample: strata = province; PSUs = counties drawn each year
    (4 per stratum-year from a population of 40-160 counties); ~16 persons per PSU.
    weight = (N_psu / n_psu) * (persons in PSU population / persons sampled)."""
    rows = []
    pid = 0
    prov_w = np.array([p[3] for p in PROVINCES])
    per_year = n_target / len(NBS_INCOME)
    alloc = np.maximum(2, np.round(per_year * prov_w / prov_w.sum() / 16)).astype(int)  # PSUs per stratum-year
    ind_p = np.array([i[1] for i in INDUSTRIES]); ind_p /= ind_p.sum()
    for year, mean_inc in NBS_INCOME.items():
        t = year - 2015
        for (code, name, region, w, inc), n_psu in zip(PROVINCES, alloc):
            N_psu = int(40 + 30 * w)
            for k in range(n_psu):
                psu = code * 100000 + year % 100 * 1000 + k + 1
                m = int(rng.integers(10, 23))
                pop_in_psu = rng.integers(2000, 12000) * w
                base_w = (N_psu / n_psu) * (pop_in_psu / m)
                psu_effect = rng.normal(0, 0.08)
                for _ in range(m):
                    pid += 1
                    sex = "男" if rng.random() < 0.64 else "女"
                    age = int(np.clip(rng.normal(38.6 + 0.45 * t, 11), 16, 70))
                    ind = int(rng.choice(len(INDUSTRIES), p=ind_p))
                    mu = np.log(mean_inc * inc * INDUSTRIES[ind][3]) - 0.5 * 0.42 ** 2
                    income = float(np.exp(rng.normal(mu + psu_effect, 0.42)))
                    income = int(round(income / 100) * 100) if rng.random() < 0.5 else int(round(income))
                    hours = int(np.clip(rng.normal(50 - 0.3 * t, 7), 20, 84))
                    contract = int(rng.random() < 0.36 + 0.02 * t)
                    arrears = int(rng.random() < 0.015 - 0.001 * t)
                    union = int(rng.random() < 0.12 + 0.01 * t)
                    trained = int(rng.random() < 0.32 + 0.005 * t)
                    weight = round(base_w * float(np.exp(rng.normal(0, 0.05))), 2)
                    rows.append([pid, year, name, region, code, psu, N_psu, weight, sex, age, INDUSTRIES[ind][0],
                                 income, hours, contract, arrears, union, trained])
    header = ["person_id", "year", "province", "region", "stratum", "psu", "psu_population", "weight", "sex",
              "age", "industry", "monthly_income", "hours_per_week", "has_contract", "arrears", "union_member",
              "trained"]
    return header, rows


def cn_date(d):
    y, m, dd = str(d).split("-")
    return f"{int(y)}年{int(m)}月{int(dd)}日"


def money(x, rng):
    """Amounts as an office writes them: mostly '12,345.00', sometimes plain, sometimes in 万."""
    u = rng.random()
    if u < 0.03 and x >= 10000:
        return f"{x / 10000:.2f}万"
    if u < 0.5:
        return f"{x:,.2f}"
    return f"{x:.2f}"


def register(rng, n=44000):
    prov_p = np.array([p[3] for p in PROVINCES]) ** 1.2
    prov_p /= prov_p.sum()
    ind_p = np.array([i[2] for i in INDUSTRIES]); ind_p /= ind_p.sum()
    year_p = np.array([10, 10.5, 11, 10, 9, 8.5, 8, 7, 6.5, 6, 5.5, 5], dtype=float); year_p /= year_p.sum()
    years = np.arange(2013, 2025)
    rows = []
    for i in range(n):
        p = PROVINCES[int(rng.choice(len(PROVINCES), p=prov_p))]
        city = CITIES[p[1]][int(rng.integers(0, len(CITIES[p[1]])))]
        ind = INDUSTRIES[int(rng.choice(len(INDUSTRIES), p=ind_p))][0]
        y = int(rng.choice(years, p=year_p))
        doy = int(rng.normal(345, 30)) % 365 if rng.random() < 0.4 else int(rng.integers(0, 365))
        opened = np.datetime64(f"{y}-01-01") + np.timedelta64(doy, "D")
        status_u = rng.random()
        status = "处理中" if status_u < 0.03 else ("移送司法" if status_u < 0.09 else "已结案")
        closed = "—" if status == "处理中" else cn_date(opened + np.timedelta64(int(rng.exponential(40)) + 1, "D"))
        workers = int(min(3000, max(1, round(np.exp(rng.normal(1.2, 1.1)) * (3 if ind == "建筑业" else 1)))))
        migrants = int(rng.binomial(workers, 0.85 if ind == "建筑业" else 0.65))
        owed = float(np.exp(rng.normal(np.log(9000 * workers ** 0.8), 0.9)))
        owed = round(owed / 100) * 100 if rng.random() < 0.4 else round(owed, 2)
        recovered = 0.0 if rng.random() < 0.1 else round(owed * float(rng.beta(6, 1.5)), 2)
        if status == "处理中":
            recovered = 0.0
        rows.append([f"QX{y}{i + 1:06d}", p[1], city, ind, cn_date(opened), closed, workers, migrants,
                     money(owed, rng), money(recovered, rng), status])
    rows.sort(key=lambda r: r[0])
    header = ["案件编号", "省份", "城市", "行业", "立案日期", "结案日期", "涉及人数", "其中农民工",
              "欠薪金额（元）", "追回金额（元）", "处理状态"]
    return header, rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", default=os.path.join(here, "..", "..", "shared", "datasets-src"))
    ap.add_argument("--out", default=os.path.join(here, "..", "Datasets"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    out = lambda n: os.path.join(a.out, n)

    h, r = national_series(a.src)
    write_csv(out("national_migrant_workers.csv"), h, r)
    write_csv(out("national_migrant_workers.gb18030.csv"), h, r, encoding="gb18030")
    try:
        import xlsxwriter
        wb = xlsxwriter.Workbook(out("national_migrant_workers.xlsx"))
        ws = wb.add_worksheet("全国农民工")
        for j, v in enumerate(h):
            ws.write(0, j, v)
        for i, row in enumerate(r, start=1):
            for j, v in enumerate(row):
                if v == "":
                    continue
                ws.write(i, j, v if j == 0 else float(v))
        notes = wb.add_worksheet("说明")
        notes.write(0, 0, "来源：国家统计局农民工监测调查报告（见 Datasets/README.md）")
        wb.close()
    except ImportError:
        print("xlsxwriter not installed: national_migrant_workers.xlsx not rewritten")
    for name, fn in [("migrant_income_by_region.csv", income_by_region), ("migrant_workers_by_region.csv", workers_by_region),
                     ("arrears_enforcement.csv", enforcement)]:
        h, r = fn(a.src)
        write_csv(out(name), h, r)
    h, r = copy_table(a.src, "seed_figures.csv", ["doc", "issuer", "region", "region_level", "year", "indicator",
                                                  "indicator_en", "value", "unit", "population", "qualifier", "quote"])
    write_csv(out("seed_figures.csv"), h, r)
    h, r = copy_table(a.src, "acftu_migrant_union.csv", ["year", "period", "issuer", "region", "indicator",
                                                         "indicator_en", "value", "unit", "source_url", "note"])
    write_csv(out("acftu_migrant_union.csv"), h, r)

    rng = np.random.default_rng(SEED)
    h, r = survey(rng)
    write_csv(out("survey_sample.csv"), h, r)
    h, r = register(rng)
    write_csv(out("arrears_register.csv"), h, r, encoding="utf-8-sig")   # as Excel saves it: UTF-8 with BOM
    print("wrote", ", ".join(sorted(os.listdir(a.out))))


if __name__ == "__main__":
    main()

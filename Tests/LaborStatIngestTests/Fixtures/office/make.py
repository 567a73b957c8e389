#!/usr/bin/env python3
"""Makes the office-layout fixtures with the producers offices use (see README.md).

    python3 make.py        # needs openpyxl, XlsxWriter (pip) and LibreOffice (soffice) on PATH

Every file holds the same kinds of layout: a title row merged across the table, a unit line
(单位：万元、人), a two-row header (欠薪 merged over 金额, 人数), 合计/小计/注 rows, blank rows,
identifier columns. The numbers the tests expect are written out in README.md.
"""
import csv, io, os, shutil, subprocess, sys, tempfile

import openpyxl
import xlsxwriter
from openpyxl.styles import Alignment

here = os.path.dirname(os.path.abspath(__file__))

# The government-style table (统计表): rows 5-8 are data, 9 is 合计, 10-11 notes.
TITLE = "2023年部分地区农民工欠薪情况统计表"
UNIT = "单位：万元、人"
GROUPS = ["地区", "欠薪", None, "结案", None]
PARTS = [None, "金额", "人数", "金额", "人数"]
GOV_DATA = [
    ["北京", 1234.56, 120, 1000.5, 100],
    ["天津", 100.5, 20, 80, 15],
    ["河北", 200, 35, 150.25, 30],
    ["山西", 88.8, 12, 60, 10],
]
GOV_TOTAL = ["合计", 1623.86, 187, 1290.75, 155]
NOTES = ["注：本表为示例数据，不代表官方统计。", "资料来源：LaborStat 测试数据。"]


def gov_openpyxl(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "欠薪情况"
    ws["A1"] = TITLE
    ws.merge_cells("A1:E1")
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = UNIT
    for c, g in enumerate(GROUPS, 1):
        if g: ws.cell(row=3, column=c, value=g)
    for c, p in enumerate(PARTS, 1):
        if p: ws.cell(row=4, column=c, value=p)
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:C3")
    ws.merge_cells("D3:E3")
    for r, row in enumerate(GOV_DATA + [GOV_TOTAL], 5):
        for c, v in enumerate(row, 1):
            ws.cell(row=r, column=c, value=v)
    for i, n in enumerate(NOTES):
        ws.cell(row=10 + i, column=1, value=n)
    wb.save(path)


def gov_xlsxwriter(path):
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("欠薪情况")
    center = wb.add_format({"align": "center"})
    ws.merge_range("A1:E1", TITLE, center)
    ws.write("A2", UNIT)
    ws.merge_range("A3:A4", "地区", center)
    ws.merge_range("B3:C3", "欠薪", center)
    ws.merge_range("D3:E3", "结案", center)
    for c, p in enumerate(PARTS):
        if p: ws.write(3, c, p)
    for r, row in enumerate(GOV_DATA + [GOV_TOTAL], 4):
        ws.write_row(r, 0, row)
    for i, n in enumerate(NOTES):
        ws.write(9 + i, 0, n)
    wb.close()


def gov_gbk_csv(path):
    """What Excel's "CSV (逗号分隔)" writes on a Chinese Windows: GBK, CRLF, the merged title and
    unit line padded with commas, numbers as displayed with thousands separators, quoted."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([TITLE, "", "", "", ""])
    w.writerow([UNIT, "", "", "", ""])
    w.writerow([g or "" for g in GROUPS])
    w.writerow([p or "" for p in PARTS])
    for row in GOV_DATA + [GOV_TOTAL]:
        w.writerow([row[0]] + [f"{v:,.2f}" if isinstance(v, float) else f"{v:,}" for v in row[1:]])
    w.writerow(["", "", "", "", ""])
    for n in NOTES:
        w.writerow([n, "", "", "", ""])
    with open(path, "wb") as f:
        f.write(out.getvalue().encode("gbk"))


def gb11643(first17):
    """The GB 11643-1999 check character of an 18-character resident ID."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(d) * w for d, w in zip(first17, weights))
    return "10X98765432"[s % 11]


def resident_ids():
    """Twelve valid IDs; the first 17 digits chosen so that several end in X."""
    ids, n = [], 0
    bases = ["110105", "310104", "440305", "510107", "610113", "420106"]
    while len(ids) < 12:
        b = bases[len(ids) % len(bases)]
        first = f"{b}{1970 + n % 30:04d}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
        n += 1
        c = gb11643(first)
        # take every X, and some digits
        if c == "X" or len(ids) % 3 != 0:
            ids.append(first + c)
    return ids


LEDGER_HEADER = ["序号", "单位名称", "工号", "身份证号", "手机", "邮编", "欠薪金额（元）", "涉及人数"]


def ledger_rows():
    ids = resident_ids()
    rows = []
    for i in range(12):
        rows.append([str(i + 1), f"某建筑公司{i + 1}", f"{(i + 1) * 37:05d}", ids[i], f"138{i:04d}{(i * 7919) % 10000:04d}",
                     ["010010", "200001", "518000", "610041", "710065", "430000"][i % 6],
                     1000 + 250.5 * i, 1 + i % 4])
    return rows


def ledger_gbk_csv(path):
    """A 12-case ledger as Excel writes it: GBK, CRLF, "1,234.56", a ,,,, blank row, a 合计 row that
    does NOT add up (its amount is 100 too high), and a note."""
    rows = ledger_rows()
    total_amount = sum(r[6] for r in rows) + 100
    total_people = sum(r[7] for r in rows)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(LEDGER_HEADER)
    for r in rows:
        w.writerow(r[:6] + [f"{r[6]:,.2f}", r[7]])
    w.writerow([""] * 8)
    w.writerow(["合计", "", "", "", "", "", f"{total_amount:,.2f}", total_people])
    w.writerow(["注：金额单位为元，合计栏为手工填写。"] + [""] * 7)
    with open(path, "wb") as f:
        f.write(out.getvalue().encode("gbk"))


def subtotals_b3_xlsxwriter(path):
    """A ledger whose table starts at B3 (A and rows 1-2 empty), with a 小计 after each group and a
    合计 at the end; identifiers written as text, as a clerk types them."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("台账")
    header = ["地区", "工号", "欠薪金额", "涉及人数"]
    ws.write_row(2, 1, header)
    groups = [("广东", [("00101", 5000, 2), ("00102", 7500.5, 3)]),
              ("四川", [("00201", 3000, 1), ("00202", 4200, 2), ("00203", 800, 1)])]
    r = 3
    for region, cases in groups:
        for emp, amount, people in cases:
            ws.write_string(r, 1, region); ws.write_string(r, 2, emp); ws.write_number(r, 3, amount); ws.write_number(r, 4, people)
            r += 1
        ws.write_string(r, 1, "小计"); ws.write_number(r, 3, sum(c[1] for c in cases)); ws.write_number(r, 4, sum(c[2] for c in cases))
        r += 1
    ws.write_string(r, 1, "合计")
    ws.write_number(r, 3, sum(c[1] for _, cs in groups for c in cs)); ws.write_number(r, 4, sum(c[2] for _, cs in groups for c in cs))
    wb.close()


def yearbook_utf8_csv(path):
    """Yearbook layout: 全国 first, then region totals (东部地区 …) over provinces."""
    rows = [("东部地区", None), ("北京", 320), ("天津", 180), ("河北", 410), ("上海", 290), ("江苏", 600),
            ("中部地区", None), ("山西", 150), ("安徽", 380), ("江西", 260)]
    east = 320 + 180 + 410 + 290 + 600
    central = 150 + 380 + 260
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["地区", "外出农民工（万人）"])
    w.writerow(["全国", east + central])
    for name, v in rows:
        w.writerow([name, v if v is not None else (east if name == "东部地区" else central)])
    with open(path, "w", encoding="utf-8") as f:
        f.write(out.getvalue())


def tidy_long_csv(path):
    """A tidy long table: 全国 is a level like any province, once per year — all rows are data."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["地区", "年份", "农民工人数（万人）"])
    for year, (nat, bj, sh) in {2022: (29562, 300, 500), 2023: (29753, 310, 505)}.items():
        w.writerow(["全国", year, nat]); w.writerow(["北京", year, bj]); w.writerow(["上海", year, sh])
    with open(path, "w", encoding="utf-8") as f:
        f.write(out.getvalue())


def libreoffice(src, fmt, dest):
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{d}/profile", "--convert-to", fmt, "--outdir", d, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        produced = [f for f in os.listdir(d) if f != "profile"]
        shutil.move(os.path.join(d, produced[0]), dest)


def main():
    os.chdir(here)
    gov_openpyxl("gov_openpyxl.xlsx")
    gov_xlsxwriter("gov_xlsxwriter.xlsx")
    gov_gbk_csv("gov_excel.gbk.csv")
    # LibreOffice re-saves the openpyxl workbook, and writes it as GB18030 CSV (filter options:
    # comma 44, quote 34, character set 85 = GB18030; 76 would be UTF-8).
    libreoffice("gov_openpyxl.xlsx", "xlsx", "gov_libreoffice.xlsx")
    libreoffice("gov_openpyxl.xlsx", "csv:Text - txt - csv (StarCalc):44,34,85", "gov_libreoffice.gb18030.csv")
    ledger_gbk_csv("ledger_excel.gbk.csv")
    subtotals_b3_xlsxwriter("subtotals_b3_xlsxwriter.xlsx")
    yearbook_utf8_csv("yearbook.csv")
    tidy_long_csv("tidy_long.csv")
    version = subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout.strip()
    with open("VERSIONS", "w") as f:
        f.write(f"openpyxl {openpyxl.__version__}\nXlsxWriter {xlsxwriter.__version__}\n{version}\nPython {sys.version.split()[0]}\n")


if __name__ == "__main__":
    main()

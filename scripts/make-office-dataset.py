#!/usr/bin/env python3
"""Writes Datasets/migrant_workers_by_region_2023_2024.xlsx: the published NBS figures of
Datasets/migrant_workers_by_region.csv and national_migrant_workers.csv laid out as a statistical
office lays out a table (统计表): a title merged across the table, a unit line, a two-row header
(按输出地分 / 按输入地分 merged over the years), a 合计 row and notes.

    python3 scripts/make-office-dataset.py      # needs openpyxl (pip install openpyxl)

No number is made up: the region rows are the CSV's, the 合计 row is the national total of
national_migrant_workers.csv. The four regions add up to it by region of origin (输出地); by region
of work (输入地) they fall short by the workers in Hong Kong, Macao, Taiwan and abroad, which the
NBS counts in the total only (the note says so, and `laborstat` reports the gap).
"""
import csv, os
import openpyxl
from openpyxl.styles import Alignment

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(root, "Datasets")
years = [2023, 2024]
regions = ["东部地区", "中部地区", "西部地区", "东北地区"]

by = {}
with open(os.path.join(data, "migrant_workers_by_region.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        by[(int(r["year"]), r["region"], r["basis"])] = int(r["migrant_workers_wan"])
total = {}
with open(os.path.join(data, "national_migrant_workers.csv"), encoding="utf-8-sig") as f:
    for r in csv.DictReader(f):
        y = int(r["年份"].rstrip("年"))
        if y in years: total[y] = int(r["农民工总量（万人）"])

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "农民工地区分布"
ws["A1"] = "2023—2024年农民工地区分布"
ws.merge_cells("A1:E1")
ws["A1"].alignment = Alignment(horizontal="center")
ws["E2"] = "单位：万人"
ws["A3"] = "地区"; ws.merge_cells("A3:A4")
ws["B3"] = "按输出地分"; ws.merge_cells("B3:C3")
ws["D3"] = "按输入地分"; ws.merge_cells("D3:E3")
for c, y in enumerate(years + years, 2):
    ws.cell(row=4, column=c, value=f"{y}年")
for r, region in enumerate(regions, 5):
    ws.cell(row=r, column=1, value=region)
    for c, (basis, y) in enumerate([("输出地", 2023), ("输出地", 2024), ("输入地", 2023), ("输入地", 2024)], 2):
        ws.cell(row=r, column=c, value=by[(y, region, basis)])
ws.cell(row=9, column=1, value="合计")
for c, y in enumerate(years + years, 2):
    ws.cell(row=9, column=c, value=total[y])
ws["A10"] = "注：按输入地分的合计含在港澳台地区及国外务工的农民工，四个地区之和小于合计。"
ws["A11"] = "资料来源：国家统计局《农民工监测调查报告》（2023年、2024年）。"
wb.save(os.path.join(data, "migrant_workers_by_region_2023_2024.xlsx"))

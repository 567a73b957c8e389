"""P5 with openpyxl (read-only mode, the fastest it has): group by province.
Usage: p5_openpyxl.py IN.xlsx OUT.csv"""
import sys
from decimal import Decimal

import openpyxl

src, dst = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src, read_only=True, data_only=True)
rows = wb.active.iter_rows(values_only=True)
header = next(rows)
ip, iw, ia = header.index("province"), header.index("workers"), header.index("amount_owed")
acc = {}
for r in rows:
    a = acc.setdefault(r[ip], [0, 0, 0.0])
    a[0] += 1
    a[1] += int(r[iw])
    a[2] += r[ia]
with open(dst, "w", encoding="utf-8") as f:
    f.write("province,cases,workers,amount_owed\n")
    for p in sorted(acc):
        n, w, s = acc[p]
        f.write(f"{p},{n},{w},{s:.2f}\n")

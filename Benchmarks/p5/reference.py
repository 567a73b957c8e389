"""Exact P5 reference, from the arrears CSV the workbook was made from.

    python3 reference.py IN.csv OUT.csv

P5: group the rows by province; output province, cases (rows), workers (sum), amount_owed (sum,
2 decimals), provinces in code-point order; money summed in integer cents.
"""
import csv
import sys

src, dst = sys.argv[1], sys.argv[2]
acc = {}
with open(src, encoding="utf-8", newline="") as f:
    for row in csv.DictReader(f):
        a = acc.setdefault(row["province"], [0, 0, 0])
        a[0] += 1
        a[1] += int(row["workers"])
        whole, _, frac = row["amount_owed"].partition(".")
        cents = int(whole) * 100 + (int((frac + "00")[:2]) if not whole.startswith("-") else -int((frac + "00")[:2]))
        a[2] += cents
with open(dst, "w", encoding="utf-8", newline="") as f:
    f.write("province,cases,workers,amount_owed\n")
    for p in sorted(acc):
        n, w, c = acc[p]
        sign = "-" if c < 0 else ""
        f.write(f"{p},{n},{w},{sign}{abs(c) // 100}.{abs(c) % 100:02d}\n")

"""Makes the P5 workbook: an arrears CSV of ../shared/bench/gen.py as a 10-column .xlsx written by
XlsxWriter (shared strings, dates as date-formatted serials, integers and 2-decimal amounts as numbers,
empty `closed` for open cases as absent cells). `case_id` is left out (10 columns).

    python3 make_xlsx.py IN.csv OUT.xlsx
"""
import csv
import datetime
import sys

import xlsxwriter

src, dst = sys.argv[1], sys.argv[2]
book = xlsxwriter.Workbook(dst)
sheet = book.add_worksheet("arrears")
date = book.add_format({"num_format": "yyyy-mm-dd"})
with open(src, encoding="utf-8", newline="") as f:
    rows = csv.reader(f)
    header = next(rows)
    keep = [i for i, name in enumerate(header) if name != "case_id"]
    kinds = {"opened": "date", "closed": "date", "workers": "int", "migrant_workers": "int",
             "amount_owed": "num", "amount_recovered": "num"}
    plan = [(j, header[i], kinds.get(header[i], "text"), i) for j, i in enumerate(keep)]
    for j, name, _, _ in plan:
        sheet.write_string(0, j, name)
    for r, row in enumerate(rows, start=1):
        for j, name, kind, i in plan:
            v = row[i]
            if v == "":
                continue
            if kind == "text":
                sheet.write_string(r, j, v)
            elif kind == "int":
                sheet.write_number(r, j, int(v))
            elif kind == "num":
                sheet.write_number(r, j, float(v))
            else:
                sheet.write_datetime(r, j, datetime.date.fromisoformat(v), date)
book.close()

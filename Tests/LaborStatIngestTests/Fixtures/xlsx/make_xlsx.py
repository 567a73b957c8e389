#!/usr/bin/env python3
"""Makes the .xlsx fixtures for XLSXTests.swift, and for each an `.expected.json` of every cell as an
independent reader (openpyxl, data_only=True: cached formula values) sees it.

Run from this folder:  python3 make_xlsx.py     (openpyxl 3.1.5, XlsxWriter 3.3.1)

openpyxl.xlsx   written by openpyxl: inline strings only, absolute rels targets ("/xl/..."), rich
                text, a formula WITHOUT a cached value (sheet 2), a gap row, a far-right cell L9.
xlsxwriter.xlsx written by XlsxWriter: shared strings, rich strings, formulas with cached values
                (number, string t="str", error t="e"), built-in date ids 14/22 and zh-CN 31/32,
                custom date/time formats, non-date formats with quoted or bracketed letters,
                0.1*3 = 0.30000000000000004 (patched in: both writers round it to 0.3),
                serials 1, 59, 60 (the nonexistent 1900-02-29), 61, booleans, sparse cells.
date1904.xlsx   XlsxWriter with the 1904 date system (serial 0 = 1904-01-01; 1900-01-01 = -1460).
bomb-lying.xlsx bomb.xlsx with the sheet's size in the ZIP headers understated (1000 bytes).
handmade.xlsx   raw parts as other producers write them (see make_handmade).
bomb.xlsx       a valid workbook whose sheet XML is 4 MiB of blanks (compression ratio > 200:1).
"""
import datetime as dt
import json
import zipfile

import openpyxl
import xlsxwriter
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont


def make_openpyxl(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "欠薪汇总"
    ws.append(["省份", "金额", "日期", "是否", "备注"])
    ws.append(["陕西省", 12345.67, dt.date(2024, 3, 15), True, "多行\n文本"])
    ws.append(["四川省", -42.5, dt.datetime(2024, 2, 29, 14, 30), False, "  前后空格 "])
    ws.append([])  # row 4: a gap
    ws.append(["广东省", 0.1 * 3, dt.date(2013, 12, 9), None,
               CellRichText([TextBlock(InlineFont(b=True), "加粗"), "普通"])])
    ws.append([None, 1e-07, None, None, None])
    ws["C2"].number_format = "yyyy-mm-dd"
    ws["C3"].number_format = "yyyy/m/d h:mm"
    ws["C5"].number_format = 'yyyy"年"m"月"d"日"'
    ws["L9"] = "最右"
    notes = wb.create_sheet("说明")
    notes["A1"] = "说明"
    notes["A2"] = "=SUM(1,2)"  # openpyxl stores no cached value
    wb.save(path)


def make_xlsxwriter(path):
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("数据")
    bold = wb.add_format({"bold": True})
    d14 = wb.add_format({"num_format": 14})          # built-in m/d/yyyy
    d22 = wb.add_format({"num_format": 22})          # built-in m/d/yyyy h:mm
    d31 = wb.add_format({"num_format": 31})          # zh-CN built-in yyyy"年"m"月"d"日"
    t32 = wb.add_format({"num_format": 32})          # zh-CN built-in h"时"mm"分" (time only)
    iso = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    cn_month = wb.add_format({"num_format": '[$-804]yyyy"年"m"月"'})
    hm = wb.add_format({"num_format": "h:mm"})
    pct = wb.add_format({"num_format": "0.00%"})
    quoted = wb.add_format({"num_format": '"y"0.0'})
    red = wb.add_format({"num_format": "[Red]0.00;[Blue]-0.00"})
    ws.write_row(0, 0, ["名称", "数值", "日期", "公式", "文本公式", "错误", "格式"])
    ws.write_string(1, 0, "张三")
    ws.write_number(1, 1, 148148.04)
    ws.write_datetime(1, 2, dt.datetime(2024, 3, 15), d14)
    ws.write_formula(1, 3, "=B2*2", None, 296296.08)
    ws.write_formula(1, 4, '=A2&"x"', None, "张三x")
    ws.write_formula(1, 5, "=1/0", None, "#DIV/0!")
    ws.write_number(1, 6, 0.125, pct)
    ws.write_rich_string(2, 0, bold, "红色", "文字")
    ws.write_number(2, 1, 0.1 * 3)
    ws.write_datetime(2, 2, dt.datetime(2024, 2, 29, 14, 30), d22)
    ws.write_boolean(2, 3, True)
    ws.write_boolean(2, 4, False)
    ws.write_number(2, 6, 7, quoted)
    ws.write_string(3, 0, "  前后空格 ")
    ws.write_number(3, 1, -1e-7)
    ws.write_datetime(3, 2, dt.datetime(2013, 12, 9), d31)
    ws.write_number(3, 3, 0.5, t32)
    ws.write_number(3, 6, -3.5, red)
    ws.write_number(4, 1, 1, d14)       # serial 1  = 1900-01-01
    ws.write_number(4, 2, 59, d14)      # serial 59 = 1900-02-28
    ws.write_number(4, 3, 60, d14)      # serial 60 = Excel's nonexistent 1900-02-29
    ws.write_number(4, 4, 61, d14)      # serial 61 = 1900-03-01
    ws.write_datetime(5, 2, dt.datetime(2024, 3, 15, 8, 5, 30), iso)
    ws.write_datetime(5, 3, dt.datetime(2024, 3, 1), cn_month)
    ws.write_number(5, 4, 0.75, hm)
    ws.write_number(6, 1, 12345678901234567890)
    ws.write_string(6, 8, "远处")      # I7: beyond the header
    second = wb.add_worksheet("第二页")
    second.write_row(0, 0, ["a", "b"])
    second.write_row(1, 0, [1, 2])
    wb.close()


def make_1904(path):
    wb = xlsxwriter.Workbook(path, {"date_1904": True})
    ws = wb.add_worksheet("Sheet1")
    d = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_string(0, 0, "date")
    ws.write_datetime(1, 0, dt.datetime(2024, 3, 15), d)
    ws.write_datetime(2, 0, dt.datetime(1904, 1, 1), d)
    ws.write_number(3, 0, -1460, d)     # 1900-01-01 in the 1904 system
    ws.write_datetime(4, 0, dt.datetime(2024, 2, 29, 14, 30), wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}))
    wb.close()


def patch_part(path, part, old, new):
    """Rewrites one part of a ZIP in place (the writers round 0.1*3 to 0.3: both format floats
    with at most 15-16 significant digits, so the full-precision value is patched in)."""
    with zipfile.ZipFile(path) as src:
        items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in items:
            if name == part:
                assert old in data, (part, old)
                data = data.replace(old, new, 1)
            dst.writestr(name, data)


def make_bomb(path):
    tmp = path + ".src"
    wb = xlsxwriter.Workbook(tmp)
    wb.add_worksheet("S").write_string(0, 0, "x")
    wb.close()
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (4 << 20))
            dst.writestr(item.filename, data)
    import os
    os.remove(tmp)


def make_handmade(path):
    """Raw parts, as other producers write them: an `x:` namespace prefix (Open XML SDK), cells
    and rows without `r`, strict-OOXML `t="d"` dates, shared strings with `_x000D_` escapes and
    phonetic runs (`<rPh>`, as Japanese Excel writes), an error cell, a shared formula with a cached
    value, a styled empty cell, a relative `../` target, and no styles part at all."""
    ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><x:workbook {ns}><x:sheets><x:sheet name="手工" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="../xl/worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><x:sst {ns} count="3" uniqueCount="3">'
            '<x:si><x:t>第一行_x000D_\n第二行</x:t></x:si>'
            '<x:si><x:r><x:t>東京</x:t></x:r><x:rPh sb="0" eb="2"><x:t>トウキョウ</x:t></x:rPh><x:phoneticPr fontId="1"/></x:si>'
            '<x:si><x:t xml:space="preserve"> 空格 </x:t></x:si></x:sst>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet {ns}><x:sheetData>'
            '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>'
            '<x:row><x:c t="d"><x:v>2024-03-15T00:00:00Z</x:v></x:c><x:c t="d"><x:v>2024-02-29T14:30:00</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>'
            '<x:row r="5"><x:c r="B5"><x:f t="shared" si="0" ref="B5:B6">A1*2</x:f><x:v>4</x:v></x:c><x:c r="C5" s="3"/><x:c><x:f t="shared" si="0"/><x:v>6.5</x:v></x:c></x:row>'
            '</x:sheetData></x:worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


def make_lying_bomb(src_path, path):
    """bomb.xlsx with the sheet's declared uncompressed size rewritten to 1000 bytes in both the
    local header and the central directory: only counting the bytes that come out catches it."""
    data = bytearray(open(src_path, "rb").read())
    with zipfile.ZipFile(src_path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    fake = (1000).to_bytes(4, "little")
    # local header: signature PK\3\4, uncompressed size at offset 22
    lh = info.header_offset
    assert data[lh:lh + 4] == b"PK\x03\x04" and data[lh + 22:lh + 26] == real
    data[lh + 22:lh + 26] = fake
    # central directory entry: signature PK\1\2, uncompressed size at offset 24
    name = info.filename.encode()
    i = data.find(b"PK\x01\x02")
    while i >= 0:
        if data[i + 46:i + 46 + len(name)] == name:
            assert data[i + 24:i + 28] == real
            data[i + 24:i + 28] = fake
            break
        i = data.find(b"PK\x01\x02", i + 4)
    open(path, "wb").write(bytes(data))


def cell_json(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return {"b": v}
    if isinstance(v, (int, float)):
        return {"n": float(v)}
    if isinstance(v, dt.datetime):
        return {"d": v.isoformat(sep=" ")}
    if isinstance(v, dt.date):
        return {"d": v.isoformat()}
    if isinstance(v, dt.time):
        return {"t": v.isoformat()}
    return {"s": str(v)}


def expected(path):
    wb = openpyxl.load_workbook(path, data_only=True, rich_text=False)
    out = {"sheets": wb.sheetnames, "cells": {}}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    cells[c.coordinate] = cell_json(c.value)
        out["cells"][ws.title] = cells
    with open(path.replace(".xlsx", ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    make_openpyxl("openpyxl.xlsx")
    make_xlsxwriter("xlsxwriter.xlsx")
    patch_part("xlsxwriter.xlsx", "xl/worksheets/sheet1.xml", b'<c r="B3"><v>0.3</v>', b'<c r="B3"><v>0.30000000000000004</v>')
    make_1904("date1904.xlsx")
    make_bomb("bomb.xlsx")
    make_handmade("handmade.xlsx")
    make_lying_bomb("bomb.xlsx", "bomb-lying.xlsx")
    for name in ["openpyxl.xlsx", "xlsxwriter.xlsx", "date1904.xlsx"]:
        expected(name)

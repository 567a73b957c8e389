"""Makes the workbooks of this folder with real producers (see README.md for versions).

    python3 make.py            # needs openpyxl, xlsxwriter; soffice (LibreOffice) for the lo-* files

openpyxl and XlsxWriter write what their users write; LibreOffice headless converts some of them
(and CSV with formulas, which it evaluates) into LibreOffice's own .xlsx. doctype.xlsx and
far-row.xlsx are built by hand with zipfile: no producer writes a DOCTYPE or a row past 1,048,576.
"""
import os
import shutil
import subprocess
import tempfile
import zipfile

# openpyxl and xlsxwriter are imported where used: the tests import minimal_parts() from here
# to zip hand-made sheets, without needing either.

here = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(here, name)


def sheets_openpyxl():
    """Hidden first sheet, a veryHidden sheet, the active tab the fourth (not the first)."""
    import openpyxl
    wb = openpyxl.Workbook()
    a = wb.active
    a.title = "说明"
    a["A1"] = "本工作簿为测试用"
    a.sheet_state = "hidden"
    b = wb.create_sheet("数据")
    for row in [("省份", "金额"), ("广东省", 100), ("浙江省", 200)]:
        b.append(row)
    c = wb.create_sheet("内部")
    c.sheet_state = "veryHidden"
    c["A1"] = "口径"
    c["A2"] = "内部"
    d = wb.create_sheet("2024")
    for row in [("省份", "金额"), ("四川省", 300.5), ("陕西省", 400)]:
        d.append(row)
    wb.active = 3
    wb.save(path("sheets-openpyxl.xlsx"))


def hidden_first_xlsxwriter():
    """First sheet hidden; no sheet activated by hand: XlsxWriter makes the first visible one active."""
    import xlsxwriter
    wb = xlsxwriter.Workbook(path("hidden-first-xlsxwriter.xlsx"))
    hidden = wb.add_worksheet("隐藏")
    hidden.write("A1", "隐藏的表")
    visible = wb.add_worksheet("案件")
    visible.write_row(0, 0, ["省份", "人数"])
    visible.write_row(1, 0, ["广东省", 12])
    visible.activate()
    hidden.hide()
    wb.close()


def merged_xlsxwriter():
    """A title merged across the table, a two-row header (欠薪 over 金额, 人数), a key merged down."""
    import xlsxwriter
    wb = xlsxwriter.Workbook(path("merged-xlsxwriter.xlsx"))
    ws = wb.add_worksheet("统计表")
    ws.merge_range("A1:D1", "2024年欠薪统计表")
    ws.write("A2", "地区")
    ws.write("B2", "省份")
    ws.merge_range("C2:D2", "欠薪")
    ws.write("C3", "金额")
    ws.write("D3", "人数")
    ws.merge_range("A4:A5", "东部")
    ws.merge_range("A6:A7", "西部")
    for r, (p, amount, n) in enumerate([("广东省", 1200.5, 30), ("浙江省", 800, 12), ("四川省", 650.25, 9), ("陕西省", 300, 4)], start=3):
        ws.write(r, 1, p)
        ws.write(r, 2, amount)
        ws.write(r, 3, n)
    wb.close()


def errors_xlsxwriter():
    """Cached error values of formulas in a numeric column (every classic error code)."""
    import xlsxwriter
    wb = xlsxwriter.Workbook(path("errors-xlsxwriter.xlsx"))
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, ["省份", "人数", "人均"])
    rows = [("广东省", 10, "=1000/B2", 100), ("浙江省", 0, "=1000/B3", "#DIV/0!"), ("四川省", 4, "=1000/B4", 250),
            ("陕西省", 2, "=NA()", "#N/A"), ("云南省", 5, "=A6+1", "#VALUE!"), ("贵州省", 1, "=#REF!", "#REF!"),
            ("湖南省", 2, "=FOO()", "#NAME?"), ("湖北省", 3, "=SQRT(-1)", "#NUM!"), ("江西省", 4, "=A2 A3", "#NULL!"),
            ("安徽省", 8, "=1000/B11", 125)]
    for r, (p, n, f, v) in enumerate(rows, start=1):
        ws.write_string(r, 0, p)
        ws.write_number(r, 1, n)
        ws.write_formula(r, 2, f, None, v)
    wb.close()


def start_b3_openpyxl():
    """A table that starts at B3 (the used range is B3:D5)."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    for r, row in enumerate([("省份", "年份", "金额"), ("广东省", 2023, 10.5), ("浙江省", 2024, 20)], start=3):
        for c, v in enumerate(row, start=2):
            ws.cell(row=r, column=c, value=v)
    wb.save(path("start-b3-openpyxl.xlsx"))


def last_row_openpyxl():
    """A header and one cell on Excel's last row, 1,048,576."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet"
    ws["A1"] = "编号"
    ws["A1048576"] = 7
    wb.save(path("last-row-openpyxl.xlsx"))


def minimal_parts(sheet_xml, shared_xml=None):
    """The parts of a one-sheet workbook, for the hand-built files."""
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
    wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared_xml else '')
              + '</Relationships>')
    parts = {"[Content_Types].xml": ct, "_rels/.rels": rels, "xl/workbook.xml": wb,
             "xl/_rels/workbook.xml.rels": wbrels, "xl/worksheets/sheet1.xml": sheet_xml}
    if shared_xml:
        parts["xl/sharedStrings.xml"] = shared_xml
    return parts


def write_zip(name, parts):
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in parts.items():
            z.writestr(k, v)


def doctype_by_hand():
    """A DOCTYPE declaring an entity, in the shared strings: `x&a;y` must not read as `xy`."""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>')
    shared = ('<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY a "A">]>'
              '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>x&a;y</t></si></sst>')
    write_zip("doctype.xlsx", minimal_parts(sheet, shared))


def far_row_by_hand():
    """One cell at A9999999, past Excel's last row: a 1.6 KB file that must not cost 10M rows."""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c></row>'
             '<row r="9999999"><c r="A9999999"><v>1</v></c></row></sheetData></worksheet>')
    write_zip("far-row.xlsx", minimal_parts(sheet))


def libreoffice():
    """LibreOffice's own .xlsx: the merged and the sheets workbooks resaved, and CSV formulas evaluated."""
    soffice = shutil.which("soffice")
    if not soffice:
        print("soffice not found: lo-* files not remade")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for src, dst in [("merged-xlsxwriter.xlsx", "lo-merged.xlsx"), ("sheets-openpyxl.xlsx", "lo-sheets.xlsx")]:
            shutil.copy(path(src), os.path.join(tmp, dst))
        with open(os.path.join(tmp, "lo-errors.csv"), "w", encoding="utf-8") as f:
            f.write("省份,人数,人均\n广东省,10,=1000/B2\n浙江省,0,=1000/B3\n四川省,4,=1000/B4\n陕西省,2,=NA()\n安徽省,8,=1000/B6\n")
        out = os.path.join(tmp, "out")
        for name in ["lo-merged.xlsx", "lo-sheets.xlsx", "lo-errors.csv"]:
            args = [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to"]
            args += ["xlsx:Calc MS Excel 2007 XML", "--outdir", out]
            if name.endswith(".csv"):
                args += ["--infilter=CSV:44,34,76,1"]
            subprocess.run(args + [os.path.join(tmp, name)], check=True, capture_output=True)
        for name in ["lo-merged.xlsx", "lo-sheets.xlsx", "lo-errors.xlsx"]:
            shutil.copy(os.path.join(out, name), path(name))


if __name__ == "__main__":
    sheets_openpyxl()
    hidden_first_xlsxwriter()
    merged_xlsxwriter()
    errors_xlsxwriter()
    start_b3_openpyxl()
    last_row_openpyxl()
    doctype_by_hand()
    far_row_by_hand()
    libreoffice()

#!/usr/bin/env python3
"""Writes the byte-exact fixtures of LaborStatIngestTests (run from anywhere; idempotent).

encodings/  one small table in every encoding the reader detects, written with Python's codecs
            (independent of the Swift decoder under test):
              gb18030.csv     GB18030, including 4-byte sequences (U+20000 𠀀, U+1F600 😀)
              cp936_euro.csv  GBK/CP936 with the single byte 0x80 (Windows' €)
              utf8_bom.csv    UTF-8 with a BOM
              utf16le_bom.csv / utf16be_bom.csv   UTF-16 with a BOM
              utf8_crlf.csv   UTF-8, CRLF line ends, a quoted field holding CRLF
            expected.json holds the rows every one of them must read to.
csv/        syntax cases (ragged rows, an unterminated quote, delimiters).
spectrum/, papaparse/  copies of ../shared/reference/csv (csv-spectrum 2.0.0, PapaParse cases).
generated/  python3 ../shared/bench/gen.py {arrears,survey} --rows 3000 --dirty, and the clean
            arrears file of the same seed (the reference values for the dirty one).
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared")
REF = os.path.join(SHARED, "reference", "csv")
GEN = os.path.join(SHARED, "bench", "gen.py")


def write(rel, data):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


ROWS = [
    ["省份", "年份", "欠薪金额", "备注"],
    ["广东省", "2019", "2.84万", "含𠀀字"],
    ["河南省", "2020", "4,599.30", "笑😀"],
    ["四川省", "2021", "—", "逗号,在内"],
    ["陕西省", "2022", "１２３", "普通"],
]


def csv_text(rows, newline="\n"):
    def q(s):
        return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\r\n') else s
    return newline.join(",".join(q(c) for c in r) for r in rows) + newline


def encodings():
    text = csv_text(ROWS)
    write("encodings/gb18030.csv", text.encode("gb18030"))
    write("encodings/utf8_bom.csv", "\ufeff".encode() + text.encode("utf-8"))
    write("encodings/utf16le_bom.csv", text.encode("utf-16-le").join([b"\xff\xfe", b""]))
    write("encodings/utf16be_bom.csv", text.encode("utf-16-be").join([b"\xfe\xff", b""]))
    crlf_rows = ROWS[:3] + [["四川省", "2021", "—", "两行\r\n备注"]]
    write("encodings/utf8_crlf.csv", csv_text(crlf_rows, "\r\n").encode("utf-8"))
    # CP936 (GBK) with 0x80 = €: no 4-byte characters (GBK has none).
    gbk_rows = [["省份", "金额", "备注"], ["广东省", "100", "价格€5"], ["河南省", "200", "普通"]]
    # Python's gbk codec has no 0x80; Windows' CP936 maps it to €. Encode the rest with gbk.
    data = b"\x80".join(part.encode("gbk") for part in csv_text(gbk_rows).split("€"))
    assert b"\x80" in data
    write("encodings/cp936_euro.csv", data)
    expected = {
        "rows": ROWS,
        "crlf_rows": crlf_rows,
        "gbk_rows": gbk_rows,
    }
    write("encodings/expected.json", json.dumps(expected, ensure_ascii=False, indent=1).encode())


def syntax():
    write("csv/ragged.csv", "姓名,金额,省份\n张三,100,广东省\n李四,200\n王五,300,河南省\n".encode())
    write("csv/unterminated.csv", 'a,b\n1,"open\n2,3\n'.encode())
    write("csv/semicolon.csv", 'a;b;c\n1;"x;y";3\n4;5;6\n'.encode())
    write("csv/tab.tsv", "省份\t金额\n广东省\t1,200\n河南省\t300\n".encode())
    write("csv/pipe.txt", "a|b\n1|2\n3|4\n".encode())


def references():
    for sub in ("csvs", "expected_rows"):
        src = os.path.join(REF, "spectrum", sub)
        os.makedirs(os.path.join(HERE, "spectrum", sub), exist_ok=True)
        for name in sorted(os.listdir(src)):
            shutil.copyfile(os.path.join(src, name), os.path.join(HERE, "spectrum", sub, name))
    shutil.copyfile(os.path.join(REF, "spectrum", "manifest.json"), os.path.join(HERE, "spectrum", "manifest.json"))
    cases = json.load(open(os.path.join(REF, "papaparse", "cases.json"), encoding="utf-8"))
    agreed = [{"id": c["id"], "description": c["description"], "input": c["input"], "expected_rows": c["expected_rows"]}
              for c in cases if c["category"] == "agreed"]
    assert len(agreed) == 54, len(agreed)
    write("papaparse/agreed.json", json.dumps(agreed, ensure_ascii=False, indent=1).encode())


def generated():
    for kind in ("arrears", "survey"):
        out = os.path.join(HERE, "generated", f"{kind}_dirty_3000.csv")
        subprocess.run([sys.executable, GEN, kind, "--rows", "3000", "--dirty", "--out", out], check=True)
    # The same rows without the mess (same seed): the values the dirty file must read back to.
    out = os.path.join(HERE, "generated", "arrears_clean_3000.csv")
    subprocess.run([sys.executable, GEN, "arrears", "--rows", "3000", "--out", out], check=True)


if __name__ == "__main__":
    encodings()
    syntax()
    references()
    generated()

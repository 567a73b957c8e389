#!/bin/sh
# P5 with laborstat: read a 10-column .xlsx (XlsxWriter), group by province. Usage: p5_laborstat.sh IN.xlsx OUT.csv
exec "${LABORSTAT:-laborstat}" aggregate "$1" --by province --count --sum workers,amount_owed \
  --plain-names --rename count=cases -o "$2"

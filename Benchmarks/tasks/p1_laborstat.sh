#!/bin/sh
# P1 (TASKS.md) with laborstat: arrears group-by. Usage: p1_laborstat.sh IN.csv OUT.csv
# The contract names the columns count, sum_workers, …; TASKS.md wants cases, workers, …:
# --plain-names keeps each input column's name (one statistic each), --rename names the count.
exec "${LABORSTAT:-laborstat}" aggregate "$1" --by province,opened:year --count \
  --sum workers,migrant_workers,amount_owed,amount_recovered --plain-names --rename count=cases -o "$2"

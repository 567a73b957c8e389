#!/bin/sh
# P2 (TASKS.md) with laborstat: weighted distribution per region and year. Usage: p2_laborstat.sh IN.csv OUT.csv
# Weighted point estimates only (no standard error is computed); quantile rule "math" (the default
# with --weight). TASKS.md's header: no `column` column, weight_sum and mean_income.
exec "${LABORSTAT:-laborstat}" describe "$1" --columns monthly_income --by region,year --weight weight \
  --stats n,sum_weight,mean,p10,p50,p90 --drop column --rename sum_weight=weight_sum,mean=mean_income -o "$2"

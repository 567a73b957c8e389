"""P5 with polars: read the .xlsx (calamine engine, via fastexcel), group by province.
Usage: p5_polars.py IN.xlsx OUT.csv"""
import sys
import polars as pl

src, dst = sys.argv[1], sys.argv[2]
(pl.read_excel(src, engine="calamine")
   .group_by("province")
   .agg(pl.len().alias("cases"), pl.col("workers").sum(), pl.col("amount_owed").sum())
   .sort("province")
   .write_csv(dst, float_precision=2))

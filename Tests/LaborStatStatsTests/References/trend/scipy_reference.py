"""scipy / pymannkendall reference values for series.csv.

theilslopes(y, x, alpha=0.95) (slope, low_slope, high_slope: Sen 1968 CI), kendalltau(x, y)
(tau-b), pymannkendall.original_test(y) (Mann-Kendall z with tie correction and continuity
correction, two-sided p; the series are in time order). Versions are written to the output.
Run: python3 scipy_reference.py > scipy_reference.csv
"""
import csv
import sys
from collections import defaultdict

import numpy as np
import scipy
import pymannkendall as mk
from scipy import stats

data = defaultdict(lambda: ([], []))
for r in csv.DictReader(open("series.csv")):
    data[r["id"]][0].append(float(r["x"]))
    data[r["id"]][1].append(float(r["y"]))
print(f"# scipy {scipy.__version__}, numpy {np.__version__}, pymannkendall {mk.__version__ if hasattr(mk, '__version__') else '?'}")
print("id,level,theil_sen_slope,theil_sen_ci_low,theil_sen_ci_high,kendall_tau,mk_s,mk_z,mk_p_value")
for k, (x, y) in data.items():
    for level in (0.95, 0.9):
        ts = stats.theilslopes(y, x, alpha=level)
        tau = stats.kendalltau(x, y).statistic
        m = mk.original_test(np.array(y), alpha=1 - level)
        print(f"{k},{level},{float(ts.slope)!r},{float(ts.low_slope)!r},{float(ts.high_slope)!r},{float(tau)!r},{float(m.s)!r},{float(m.z)!r},{float(m.p)!r}")

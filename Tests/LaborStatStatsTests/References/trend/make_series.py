"""Writes series.csv: the test series for the trend statistics (id, x in period steps, y).

Real series: NBS 农民工监测调查报告, total and local migrant workers (万人), 2008-2024
(../../../../../shared/datasets-src/nbs_migrant_workers.csv at project start, copied here as
numbers). Synthetic ones (numpy seed 7) cover gaps, ties in y, a decline, a short series,
monthly steps and negative values. Run: python3 make_series.py > series.csv
"""
import numpy as np

series = {
    "nbs_total": (list(range(2008, 2025)),
                  [22542, 22978, 24223, 25278, 26261, 26894, 27395, 27747, 28171, 28652, 28836, 29077,
                   28560, 29251, 29562, 29753, 29973]),
    "nbs_local": (list(range(2008, 2014)), [8501, 8445, 8888, 9415, 9925, 10284]),
    "gaps": ([2001, 2002, 2004, 2007, 2008, 2010, 2015], [3.5, 4.25, 4.0, 6.5, 6.0, 8.75, 11.0]),
    "ties": (list(range(2000, 2012)), [3, 5, 5, 2, 5, 7, 7, 1, 9, 9, 9, 4]),
    "short3": ([2019, 2020, 2021], [10.0, 12.5, 11.0]),
}
rng = np.random.default_rng(7)
x = np.arange(1990, 2020)
series["decline"] = (list(x), list(np.round(500 - 4.2 * (x - 1990) + rng.normal(0, 15, x.size), 2)))
m = np.arange(2015 * 12, 2015 * 12 + 60)  # monthly: index = year*12 + month - 1
series["monthly"] = (list(m), list(np.round(100 + 0.35 * (m - m[0]) + np.cumsum(rng.normal(0, 1.2, m.size)), 3)))
q = np.array([8050, 8051, 8052, 8054, 8055, 8056, 8057, 8060, 8061])  # quarters with gaps
series["negative"] = (list(q), list(np.round(-20 + 1.5 * (q - q[0]) + rng.normal(0, 3, q.size), 2)))

print("id,x,y")
for k, (xs, ys) in series.items():
    for a, b in zip(xs, ys):
        print(f"{k},{int(a)},{float(b)!r}")

"""scipy reference values for SamplingDistribution (normal, Student t, F).
Run: python3 distributions.py > distributions.csv"""
import scipy
from scipy import stats

print(f"# scipy {scipy.__version__}")
print("function,a,b,c,value")
for z in [-8.5, -3.2, -1.0, 0.0, 0.3, 1.96, 5.0, 9.9]:
    print(f"norm_sf,{z!r},,,{float(stats.norm.sf(z))!r}")
for p in [1e-12, 1e-6, 0.001, 0.025, 0.3, 0.5, 0.77, 0.975, 0.999999]:
    print(f"norm_ppf,{p!r},,,{float(stats.norm.ppf(p))!r}")
for df in [1, 2, 3, 4.5, 7, 15, 30, 98, 1000, 250000, 2000000]:
    for t in [0.1, 1.0, 2.2, 4.7, 12.0, 40.0]:
        print(f"t_sf,{t!r},{float(df)!r},,{float(stats.t.sf(t, df))!r}")
    for p in [0.6, 0.95, 0.975, 0.995, 0.9999]:
        print(f"t_ppf,{p!r},{float(df)!r},,{float(stats.t.ppf(p, df))!r}")
for d1, d2 in [(1, 1), (2, 5), (5, 15), (10, 71), (3, 1000), (6, 250000)]:
    for f in [0.2, 1.0, 3.3, 15.0, 2162.4]:
        print(f"f_sf,{f!r},{float(d1)!r},{float(d2)!r},{float(stats.f.sf(f, d1, d2))!r}")

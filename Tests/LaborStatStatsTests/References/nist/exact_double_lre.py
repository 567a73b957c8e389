"""The best any double-precision program can do on the NIST StRD regression sets.

The data files hold decimal numbers (Wampler2's 1.11111, Longley's 83.0 ...) that a program reads
as the nearest doubles, and x**k (k >= 2) as the double pow(x, k). This script solves the least
squares problem for exactly those doubles in 60-digit arithmetic (mpmath) and prints, for every
certified quantity, the LRE of that exact solution against the certified value. Where R's lm
reaches a higher LRE than this bound, R was lucky (rounding errors cancelled); the test then
requires the bound instead of R's figure.

Run from this folder: python3 exact_double_lre.py > exact_double_lre.csv   (mpmath 1.x)
"""
import csv
import math
import mpmath

mpmath.mp.dps = 60


def lre(x, c):
    c = mpmath.mpf(c)
    if x == c:
        return 15.0
    v = -mpmath.log10(abs(x)) if c == 0 else -mpmath.log10(abs(x - c) / abs(c))
    return min(15.0, round(float(v), 1))


cert = {r["dataset"]: r for r in csv.DictReader(open("regression_certified.csv"))}
coefs = list(csv.DictReader(open("regression_coefficients.csv")))
print("dataset,quantity,certified,exact_double_lre")
for name, c in cert.items():
    params = [r for r in coefs if r["dataset"] == name]
    rows = list(csv.DictReader(open(c["data_file"])))
    intercept = c["intercept"] == "yes"
    y = [mpmath.mpf(float(r["y"])) for r in rows]
    if name == "Longley":
        X = [[1.0] + [float(r[f"x{k}"]) for k in range(1, 7)] for r in rows]
    else:
        deg = len(params) - (1 if intercept else 0)
        X = [([1.0] if intercept else []) + [math.pow(float(r["x"]), k) for k in range(1, deg + 1)] for r in rows]
    A = mpmath.matrix([[mpmath.mpf(v) for v in row] for row in X])
    Y = mpmath.matrix(y)
    G = A.T * A
    Ginv = mpmath.inverse(G)
    b = Ginv * (A.T * Y)
    res = Y - A * b
    n, p = A.rows, A.cols
    rss = sum(e * e for e in res)
    sigma = mpmath.sqrt(rss / (n - p)) if n > p else mpmath.mpf(0)
    fitted = A * b
    if intercept:
        m = sum(fitted) / n
        mss = sum((f - m) ** 2 for f in fitted)
    else:
        mss = sum(f * f for f in fitted)
    r2 = mss / (mss + rss)
    for k, prm in enumerate(params):
        print(f'{name},{prm["parameter"]}_estimate,{prm["certified_estimate"]},{lre(b[k], prm["certified_estimate"])}')
        print(f'{name},{prm["parameter"]}_sd,{prm["certified_std_dev"]},{lre(sigma * mpmath.sqrt(Ginv[k, k]), prm["certified_std_dev"])}')
    print(f'{name},residual_sd,{c["certified_residual_sd"]},{lre(sigma, c["certified_residual_sd"])}')
    print(f'{name},r_squared,{c["certified_r_squared"]},{lre(r2, c["certified_r_squared"])}')

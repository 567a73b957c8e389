"""Fixtures for LaborStatStatsTests made with numpy/scipy (numpy 2.4.6, scipy 1.17.1).

Run from this folder:  python3 make_py_fixtures.py
Writes moments_scipy.json, gini_numpy.json, histogram_numpy.json, chisquare_scipy.json,
special_scipy.json. Every value is computed by numpy/scipy or by a textbook formula written
independently of the Swift code (Gini: mean absolute difference over all pairs).
"""
import json
import numpy as np
from scipy import stats, special

rng = np.random.default_rng(20240501)
out = lambda name, obj: json.dump(obj, open(name, "w"), indent=0)

# Moments: var/sd (ddof=1), sample-adjusted skewness G1 and excess kurtosis G2 (bias=False).
sets = {
    "small": [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5],
    "lognormal": np.round(rng.lognormal(8, 0.8, 500), 2).tolist(),
    "shifted": (1e9 + rng.normal(0, 1, 300)).tolist(),
    "negative_skew": (-rng.exponential(3, 120)).tolist(),
}
def exact_moments(x):
    """var, G1, G2 in exact rational arithmetic (fractions), rounded once at the end."""
    from fractions import Fraction
    import math
    q = [Fraction(v) for v in x]; n = len(q); mu = sum(q) / n
    m2, m3, m4 = (sum((v - mu) ** k for v in q) / n for k in (2, 3, 4))
    g1 = float(m3) / float(m2) ** 1.5
    g2 = float(m4 / m2 ** 2 - 3)
    return dict(exact_var=float(m2 * n / (n - 1)), exact_skewness=g1 * math.sqrt(n * (n - 1)) / (n - 2),
                exact_kurtosis=((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3)))

m = []
for name, x in sets.items():
    a = np.array(x)
    m.append(dict(name=name, x=x, mean=float(a.mean()), var=float(a.var(ddof=1)), sd=float(a.std(ddof=1)),
                  skewness=float(stats.skew(a, bias=False)), kurtosis=float(stats.kurtosis(a, fisher=True, bias=False)),
                  **(exact_moments(x) if name == "shifted" else {})))
# Weighted: population-moment g1, g2 with weights (m_k = Σw(x−mean)^k / Σw).
x = np.round(rng.lognormal(7, 0.5, 200), 0); w = np.round(rng.uniform(0.5, 4, 200), 4)
mu = np.sum(w * x) / np.sum(w)
mk = lambda k: np.sum(w * (x - mu) ** k) / np.sum(w)
m.append(dict(name="weighted", x=x.tolist(), w=w.tolist(), mean=float(mu),
              skewness=float(mk(3) / mk(2) ** 1.5), kurtosis=float(mk(4) / mk(2) ** 2 - 3)))
out("moments_scipy.json", m)

# Gini: mean absolute difference / (2 mean); weighted: Σ_i Σ_j w_i w_j |x_i − x_j| / (2 W² mean_w).
g = []
for name, x, w in [("equal", [1, 1, 1, 1], None), ("one_has_all", [0, 0, 0, 10], None),
                   ("incomes", np.round(rng.lognormal(8, 0.7, 300)).tolist(), None),
                   ("ties", [1, 2, 2, 3, 3, 3, 10, 10], None),
                   ("weighted", np.round(rng.lognormal(8, 0.7, 150)).tolist(), np.round(rng.uniform(0.1, 5, 150), 4).tolist())]:
    a = np.array(x, dtype=float); wt = np.ones_like(a) if w is None else np.array(w)
    W = wt.sum(); mu = (wt * a).sum() / W
    mad = (np.outer(wt, wt) * np.abs(a[:, None] - a[None, :])).sum() / W ** 2
    g.append(dict(name=name, x=x, w=w, gini=float(mad / (2 * mu))))
out("gini_numpy.json", g)

# Histogram: numpy.histogram with the named bin rules (edges and counts), weighted counts.
data = np.round(rng.lognormal(9, 1.0, 300), 2)
wts = np.round(rng.uniform(0.5, 2, 300), 4)
cases = []
for rule in ["sturges", "fd", "scott", 7]:
    c, e = np.histogram(data, bins=rule)
    cases.append(dict(rule=str(rule), edges=e.tolist(), counts=c.tolist()))
c, e = np.histogram(data, bins=10, range=(1000, 20000))
cases.append(dict(rule="10", range=[1000, 20000], edges=e.tolist(), counts=c.tolist()))
c, e = np.histogram(data, bins="sturges", range=(1000, 20000))
cases.append(dict(rule="sturges", range=[1000, 20000], edges=e.tolist(), counts=c.tolist()))
# numpy has no automatic rule for weighted data: the rule's edges come from the values alone.
c, e = np.histogram(data, bins=np.histogram_bin_edges(data, bins="fd"), weights=wts)
cases.append(dict(rule="fd", weighted=True, edges=e.tolist(), counts=c.tolist()))
# log bins: the rule applied to log10(x), edges 10**e.
c, e = np.histogram(np.log10(data), bins="sturges")
cases.append(dict(rule="sturges", log=True, edges=(10 ** e).tolist(), counts=c.tolist()))
out("histogram_numpy.json", dict(x=data.tolist(), w=wts.tolist(), cases=cases))

# Chi-square: scipy chi2_contingency(correction=False).
cs = []
for t in [[[10, 20], [30, 40]], [[12, 5, 7], [3, 9, 14], [6, 6, 6]], [[1000, 1010], [990, 1040]],
          [[50, 0, 3], [2, 40, 1]]]:
    chi2, p, dof, _ = stats.chi2_contingency(np.array(t), correction=False)
    cs.append(dict(table=t, statistic=float(chi2), p_value=float(p), df=int(dof)))
out("chisquare_scipy.json", cs)

# Correlation matrix: numpy.corrcoef of three columns; weighted: numpy.cov(aweights=w) scaled.
a = rng.normal(size=(3, 60)); a[1] += 0.8 * a[0]; a[2] = 1e6 + a[2] - 0.3 * a[0]
wc = np.round(rng.uniform(0.5, 3, 60), 4)
cw = np.cov(a, aweights=wc); dw = np.sqrt(np.diag(cw))
out("correlation_numpy.json", dict(columns=a.tolist(), w=wc.tolist(), corr=np.corrcoef(a).tolist(),
                                   weighted_corr=(cw / np.outer(dw, dw)).tolist()))

# Special functions: regularized upper incomplete gamma Q(a, x) and the normal quantile.
sp = dict(gammaincc=[dict(a=a, x=x, q=float(special.gammaincc(a, x))) for a in [0.5, 1, 2.5, 10, 50] for x in [0.01, 0.5, 1, 3, 10, 60, 200]],
          ppf=[dict(p=p, z=float(stats.norm.ppf(p))) for p in [1e-10, 0.001, 0.025, 0.1, 0.3, 0.5, 0.8, 0.95, 0.975, 0.995, 1 - 1e-9]])
out("special_scipy.json", sp)
print("ok")

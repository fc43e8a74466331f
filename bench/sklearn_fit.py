"""scikit-learn's side of `npm run bench`: fits and predict_proba on a cached dense set.

Usage: python3 bench/sklearn_fit.py X.f64 y.f64 rows cols repeats
Prints one JSON line: {"version", "fits": {solver: {...}}, "predictRowsPerSecond", "peakRssBytes"}.
Same objective as logreg: mean log loss + ||w||^2 / (2 C m), C = 1, tol = 1e-6.
"""
import json
import resource
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

x_file, y_file, rows, cols, repeats = sys.argv[1:6]
rows, cols, repeats = int(rows), int(cols), int(repeats)
X = np.fromfile(x_file, dtype=np.float64).reshape(rows, cols)
y = np.fromfile(y_file, dtype=np.float64)
fits = {}
model = None
for solver in ["lbfgs", "liblinear"]:
    best = float("inf")
    for _ in range(repeats):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0 = time.perf_counter()
            m = LogisticRegression(C=1.0, tol=1e-6, solver=solver, max_iter=1000).fit(X, y)
            best = min(best, time.perf_counter() - t0)
    fits[solver] = {
        "seconds": best,
        "iterations": int(np.max(m.n_iter_)),
        "coefficients": m.coef_[0].tolist(),
        "intercept": float(m.intercept_[0]),
    }
    if solver == "lbfgs":
        model = m
best = float("inf")
for _ in range(max(repeats, 3)):
    t0 = time.perf_counter()
    model.predict_proba(X)
    best = min(best, time.perf_counter() - t0)
print(
    json.dumps(
        {
            "version": sklearn.__version__,
            "fits": fits,
            "predictRowsPerSecond": rows / best,
            "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        }
    )
)

"""scikit-learn's side of the sparse case of `npm run bench`: a LIBSVM file read as CSR.

Usage: python3 bench/sklearn_sparse_fit.py file.svm cols repeats [solver ...]
Prints one JSON line: {"version", "ingestSeconds", "fits": {solver: {...}}, "peakRssBytes"}.
scipy's load_svmlight_file gives a CSR matrix; the fits are L2, C = 1, tol = 1e-6, as logreg's.
"""
import json
import resource
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression

path, cols, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
solvers = sys.argv[4:] or ["lbfgs", "liblinear"]
t0 = time.perf_counter()
X, y = load_svmlight_file(path, n_features=cols)
ingest = time.perf_counter() - t0
fits = {}
for solver in solvers:
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
print(
    json.dumps(
        {
            "version": sklearn.__version__,
            "ingestSeconds": ingest,
            "fits": fits,
            "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        }
    )
)

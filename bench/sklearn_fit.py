"""scikit-learn's side of `npm run bench`: fits and predict_proba on a cached dense set.

Usage: python3 bench/sklearn_fit.py X.f64 y.f64 rows cols repeats
Prints one JSON line: {"version", "blas", "fits": {solver: {...}}, "predictRowsPerSecond",
"peakRssBytes"}. Same objective as logreg: mean log loss + ||w||^2 / (2 C m), C = 1, tol = 1e-6.
"""
import json
import resource
import sys
import time

import numpy as np
import sklearn

from sklearn_common import blas_info, fit_solvers

x_file, y_file, rows, cols, repeats = sys.argv[1:6]
rows, cols, repeats = int(rows), int(cols), int(repeats)
X = np.fromfile(x_file, dtype=np.float64).reshape(rows, cols)
y = np.fromfile(y_file, dtype=np.float64)
fits, model = fit_solvers(X, y, ["lbfgs", "liblinear"], repeats)
best = float("inf")
for _ in range(max(repeats, 3)):
    t0 = time.perf_counter()
    model.predict_proba(X)
    best = min(best, time.perf_counter() - t0)
print(
    json.dumps(
        {
            "version": sklearn.__version__,
            "blas": blas_info(),
            "fits": fits,
            "predictRowsPerSecond": rows / best,
            "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        }
    )
)

"""scikit-learn's side of the sparse case of `npm run bench`: a LIBSVM file read as CSR.

Usage: python3 bench/sklearn_sparse_fit.py file.svm cols repeats [solver ...]
Prints one JSON line: {"version", "blas", "ingestSeconds", "fits": {solver: {...}}, "peakRssBytes"}.
scipy's load_svmlight_file gives a CSR matrix; the fits are L2, C = 1, tol = 1e-6, as logreg's.
"""
import json
import resource
import sys
import time

import sklearn
from sklearn.datasets import load_svmlight_file

from sklearn_common import blas_info, fit_solvers

path, cols, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
solvers = sys.argv[4:] or ["lbfgs", "liblinear"]
t0 = time.perf_counter()
X, y = load_svmlight_file(path, n_features=cols)
ingest = time.perf_counter() - t0
fits, _ = fit_solvers(X, y, solvers, repeats)
print(
    json.dumps(
        {
            "version": sklearn.__version__,
            "blas": blas_info(),
            "ingestSeconds": ingest,
            "fits": fits,
            "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        }
    )
)

"""What bench/sklearn_fit.py and bench/sklearn_sparse_fit.py share: the timed fits and the BLAS
that numpy and scikit-learn run on (threadpoolctl), recorded with every result.

The bench starts these scripts with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from their
environment (bench/pythonPeer.ts), so OpenBLAS picks its own kernel for this CPU: the peer at its best.
"""
import time
import warnings

import numpy as np
from sklearn.linear_model import LogisticRegression


def blas_info():
    """The BLAS libraries loaded: kernel (architecture), library, version and thread count."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return [{"note": "threadpoolctl not installed"}]
    return [
        {
            "library": info.get("internal_api"),
            "version": info.get("version"),
            "kernel": info.get("architecture"),
            "threads": info.get("num_threads"),
            "threadingLayer": info.get("threading_layer"),
            "file": info.get("filepath"),
        }
        for info in threadpool_info()
        if info.get("user_api") == "blas"
    ]


def fit_solvers(X, y, solvers, repeats):
    """Best wall time of `repeats` fits per solver: L2, C = 1, tol = 1e-6 (logreg's settings).

    Returns ({solver: {seconds, iterations, coefficients, intercept}}, the last lbfgs model or None).
    """
    fits = {}
    lbfgs = None
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
        if solver == "lbfgs":
            lbfgs = m
    return fits, lbfgs

"""scikit-learn's side of bench/endToEnd.ts: the same work as the logreg CLI, from the CSV file.

Usage:
  python3 bench/sklearn_e2e.py train data.csv target
      pandas.read_csv, then LogisticRegression(C=1, tol=1e-6, lbfgs) on every other column: the
      objective logreg minimizes (mean log loss + ||w||^2 / (2 C m)), logreg's default tolerance.
  python3 bench/sklearn_e2e.py predict data.csv model.json chunk_rows
      pandas.read_csv in chunks of chunk_rows rows, predict_proba of each chunk with the
      coefficients of a logreg model file (binary), no output written.
Prints one JSON line: seconds (read + work, timed inside Python after the imports) and the CPU
seconds of that span (user + system, all threads), the parts,
rows, peak RSS, versions and the BLAS (threadpoolctl).
"""
import json
import resource
import sys
import time
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression

from sklearn_common import blas_info


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def train(path, target):
    c0 = cpu_seconds()
    t0 = time.perf_counter()
    frame = pd.read_csv(path, dtype=np.float64)
    y = frame.pop(target).to_numpy()
    X = frame.to_numpy()
    t1 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = LogisticRegression(C=1.0, tol=1e-6, solver="lbfgs", max_iter=1000).fit(X, y)
    t2 = time.perf_counter()
    cpu = cpu_seconds() - c0
    z = X @ m.coef_[0] + m.intercept_[0]
    loss = np.mean(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - y * z)
    objective = loss + float(m.coef_[0] @ m.coef_[0]) / (2 * len(y))
    return {
        "seconds": t2 - t0,
        "cpuSeconds": cpu,
        "readSeconds": t1 - t0,
        "fitSeconds": t2 - t1,
        "iterations": int(np.max(m.n_iter_)),
        "objective": float(objective),
        "rows": len(y),
    }


def predict(path, model_path, chunk_rows):
    with open(model_path) as f:
        model_file = json.load(f)
    names = [feature["column"] for feature in model_file["features"]]
    coefficients, intercept = model_coefficients(model_file)
    model = LogisticRegression()
    model.coef_ = np.asarray(coefficients, dtype=np.float64).reshape(1, -1)
    model.intercept_ = np.array([intercept], dtype=np.float64)
    model.classes_ = np.array([0, 1])
    c0 = cpu_seconds()
    t0 = time.perf_counter()
    rows = 0
    checksum = 0.0
    for chunk in pd.read_csv(path, chunksize=chunk_rows, dtype=np.float64):
        p = model.predict_proba(chunk[names].to_numpy())
        rows += len(p)
        checksum += float(p[:, 1].sum())
    return {
        "seconds": time.perf_counter() - t0,
        "cpuSeconds": cpu_seconds() - c0,
        "rows": rows,
        "checksum": checksum,
        "chunkRows": chunk_rows,
    }


def model_coefficients(model_file):
    """(w, b) of a binary logreg model file, whatever nesting its version uses."""
    model = model_file.get("model", model_file)
    return model["coefficients"], float(model["intercept"])


if __name__ == "__main__":
    if sys.argv[1] == "train":
        result = train(sys.argv[2], sys.argv[3])
    else:
        result = predict(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    result.update(
        {
            "peakRssBytes": peak_rss(),
            "sklearn": sklearn.__version__,
            "pandas": pd.__version__,
            "blas": blas_info(),
        }
    )
    print(json.dumps(result))

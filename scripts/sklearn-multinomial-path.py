"""Regenerates the multinomial L2 path and C-choice fixture (issue 11, item 7) with scikit-learn:
    /usr/bin/python3 scripts/sklearn-multinomial-path.py
Needs Debian python3-sklearn (1.2.1). Reads test/fixtures/path_fgl.csv (MASS::fgl, written by
scripts/r-multinomial-path.R; 6 glass types in column `type`, sorted as numpy sorts them) and writes
test/fixtures/sklearn_multinomial_path.json:
- `path`: LogisticRegression(multi_class='multinomial', C, solver='newton-cg', tol=1e-13) on the raw
  features at each C of the grid (coefficients K × p in sorted class order, intercepts centred over
  the classes; the L2 optimum's coefficients are centred already), with the largest gradient entry
  of scikit-learn's objective / (C·n) at the solution;
- `cv`: the LogisticRegressionCV-style choice of C by 5-fold StratifiedKFold(shuffle=False)
  multinomial log loss (each fold fitted as above at each C, log_loss on its test rows), the mean
  per C, the chosen C (smallest mean), and per-fold losses.
Not run by the tests: its output is committed.
"""
import json
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold

FX = "test/fixtures/"
warnings.filterwarnings("ignore")  # newton-cg at tol 1e-13 ends on line-search warnings at the rounding floor
raw = np.genfromtxt(FX + "path_fgl.csv", delimiter=",", names=True, dtype=None, encoding="utf-8")
names = list(raw.dtype.names)
features = names[:-1]
X = np.column_stack([raw[f].astype(float) for f in features])
y = raw["type"].astype(str)
classes = np.unique(y)


def fit(Xa, ya, C):
    return LogisticRegression(
        multi_class="multinomial", C=C, solver="newton-cg", tol=1e-13, max_iter=10000
    ).fit(Xa, ya)


def gradient_norm(model, C):
    """max |∇| of the objective divided by C·n: (1/n)·Σ(P − Y)x + w/(C·n)."""
    n = X.shape[0]
    P = model.predict_proba(X)
    Y = (y[:, None] == model.classes_[None, :]).astype(float)
    G = (P - Y).T @ X / n + model.coef_ / (C * n)
    g0 = (P - Y).sum(axis=0) / n
    return float(max(np.abs(G).max(), np.abs(g0).max()))


Cs = [0.01, 0.1, 1.0, 10.0, 100.0]
path = []
for C in Cs:
    m = fit(X, y, C)
    b = m.intercept_ - m.intercept_.mean()
    path.append({
        "C": C,
        "coefficients": m.coef_.tolist(),
        "intercepts": b.tolist(),
        "gradientNorm": gradient_norm(m, C),
    })

cvCs = [0.01, 0.1, 1.0, 10.0]
per_fold = []
for train, test in StratifiedKFold(5, shuffle=False).split(X, y):
    losses = []
    for C in cvCs:
        m = fit(X[train], y[train], C)
        losses.append(log_loss(y[test], m.predict_proba(X[test]), labels=classes))
    per_fold.append(losses)
mean = np.mean(per_fold, axis=0)
out = {
    "source": "scikit-learn " + sklearn.__version__ + "; numpy " + np.__version__,
    "classes": classes.tolist(),
    "features": features,
    "path": path,
    "cv": {
        "Cs": cvCs,
        "perFold": per_fold,
        "mean": mean.tolist(),
        "bestC": cvCs[int(np.argmin(mean))],
    },
}
with open(FX + "sklearn_multinomial_path.json", "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")

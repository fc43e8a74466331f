"""Regenerates the multiclass cross-validation fixture (issue 11, item 7) with scikit-learn:
    /usr/bin/python3 scripts/sklearn-cv-multiclass.py
Needs Debian python3-sklearn (1.2.1). Writes test/fixtures/cv_wine.csv (scikit-learn's bundled wine
data: 178 rows, 13 features, 3 classes; column y the class) and test/fixtures/sklearn_cv_wine.json:
per fold of StratifiedKFold(5, shuffle=False), StandardScaler + LogisticRegression(C=1,
multi_class='multinomial', tol=1e-12) fitted on the training rows, scored on the test rows by
accuracy_score, log_loss, f1_score (macro, weighted) and roc_auc_score (multi_class='ovr', macro
and weighted). Not run by the tests: its output is committed. The data set was not used by the
tests before.
"""
import json

import numpy as np
import sklearn
from sklearn.datasets import load_wine
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, log_loss, roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FX = "test/fixtures/"
X, y = load_wine(return_X_y=True)
with open(FX + "cv_wine.csv", "w") as f:
    f.write(",".join([f"x{j}" for j in range(X.shape[1])] + ["y"]) + "\n")
    for row, label in zip(X, y):
        f.write(",".join(repr(float(v)) for v in row) + f",{int(label)}\n")

folds = []
for train, test in StratifiedKFold(5, shuffle=False).split(X, y):
    model = make_pipeline(
        StandardScaler(),
        LogisticRegression(C=1.0, multi_class="multinomial", tol=1e-12, max_iter=100000),
    ).fit(X[train], y[train])
    P = model.predict_proba(X[test])
    pred = P.argmax(axis=1)
    folds.append({
        "accuracy": accuracy_score(y[test], pred),
        "logLoss": log_loss(y[test], P, eps=1e-15, labels=[0, 1, 2]),
        "macroF1": f1_score(y[test], pred, average="macro"),
        "weightedF1": f1_score(y[test], pred, average="weighted"),
        "macroRocAuc": roc_auc_score(y[test], P, multi_class="ovr", average="macro"),
        "weightedRocAuc": roc_auc_score(y[test], P, multi_class="ovr", average="weighted"),
    })
out = {"source": "scikit-learn " + sklearn.__version__ + "; numpy " + np.__version__, "folds": folds}
with open(FX + "sklearn_cv_wine.json", "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")

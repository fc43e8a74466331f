"""Regenerates the multinomial inference fixture (issue 11, item 7) with statsmodels:
    /usr/bin/python3 scripts/statsmodels-mnlogit.py
Needs Debian python3-statsmodels. Writes test/fixtures/mnlogit_anes96.csv (statsmodels' anes96:
party identification PID, 7 classes, with logpopul, selfLR, age, educ, income, statsmodels' own
MNLogit example) and test/fixtures/statsmodels_mnlogit.json: MNLogit(...).fit(method='newton')
estimates against the first class, standard errors (inverse Hessian), z, p, 95 % intervals,
log-likelihoods and the likelihood-ratio test. Not run by the tests: its output is committed. The
data set was not used by the tests before.
"""
import json

import numpy as np
import statsmodels
import statsmodels.api as sm

FX = "test/fixtures/"
data = sm.datasets.anes96.load_pandas().data
features = ["logpopul", "selfLR", "age", "educ", "income"]
frame = data[["PID"] + features].copy()
frame["PID"] = frame["PID"].astype(int)
frame.to_csv(FX + "mnlogit_anes96.csv", index=False, float_format="%.17g")

X = sm.add_constant(frame[features])
result = sm.MNLogit(frame["PID"], X).fit(method="newton", disp=0, tol=1e-14, maxiter=100)
assert result.mle_retvals["converged"]
ci = result.conf_int(alpha=0.05)


def columns(table):
    """Per class (columns of the d × (K − 1) table), the values with the constant first."""
    return [list(map(float, np.asarray(table)[:, k])) for k in range(np.asarray(table).shape[1])]


lower = np.asarray(ci).reshape(-1, 2)  # rows: class-major blocks of d parameters
d = len(X.columns)
out = {
    "source": "statsmodels " + statsmodels.__version__ + "; numpy " + np.__version__,
    "names": list(X.columns),
    "classes": [int(c) for c in sorted(frame["PID"].unique())],
    "coefficients": columns(result.params),
    "std_errors": columns(result.bse),
    "z": columns(result.tvalues),
    "p": columns(result.pvalues),
    "lower": [list(map(float, lower[k * d:(k + 1) * d, 0])) for k in range(result.params.shape[1])],
    "upper": [list(map(float, lower[k * d:(k + 1) * d, 1])) for k in range(result.params.shape[1])],
    "loglik": float(result.llf),
    "null_loglik": float(result.llnull),
    "lr_statistic": float(result.llr),
    "lr_df": float(result.df_model),
    "aic": float(result.aic),
    "bic": float(result.bic),
}
with open(FX + "statsmodels_mnlogit.json", "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")

"""Regenerates the average-marginal-effect fixtures (issue 11, item 6) with statsmodels:
    /usr/bin/python3 scripts/statsmodels-margins.py
Needs Debian python3-statsmodels. Writes test/fixtures/margins_fair.csv (statsmodels' `fair`
data: y = affairs > 0 and the eight other columns), test/fixtures/margins_spector.csv (Spector &
Mazzeo's GRADE ~ GPA + TUCE + PSI, PSI a 0/1 dummy) and test/fixtures/statsmodels_margins.json:
Logit(...).get_margeff(at='overall') (dy/dx, delta-method standard errors with statsmodels'
complex-step Jacobian, z, p, 95 % intervals), also with dummy=True on spector (PSI as a discrete
change). Not run by the tests: its output is committed. Neither data set was used by the tests
before.
"""
import json

import numpy as np
import statsmodels
import statsmodels.api as sm

FX = "test/fixtures/"


def write_csv(name, frame):
    frame.to_csv(FX + name, index=False, float_format="%.17g")


def effects(result, **kwargs):
    m = result.get_margeff(at="overall", **kwargs)
    frame = m.summary_frame(alpha=0.05)
    return {
        "names": list(frame.index),
        "effect": list(map(float, m.margeff)),
        "std_error": list(map(float, m.margeff_se)),
        "z": list(map(float, m.tvalues)),
        "p": list(map(float, m.pvalues)),
        "lower": list(map(float, frame.iloc[:, 4])),
        "upper": list(map(float, frame.iloc[:, 5])),
    }


def fit(y, X):
    result = sm.Logit(y, sm.add_constant(X)).fit(disp=0, method="newton", tol=1e-14, maxiter=100)
    assert result.mle_retvals["converged"]
    return result


out = {"source": "statsmodels " + statsmodels.__version__ + "; numpy " + np.__version__}

fair = sm.datasets.fair.load_pandas().data
y = (fair["affairs"] > 0).astype(float)
X = fair.drop(columns=["affairs"])
data = X.copy()
data.insert(0, "y", y)
write_csv("margins_fair.csv", data)
result = fit(y, X)
out["fair"] = {"coefficients": list(map(float, result.params)), "overall": effects(result)}

spector = sm.datasets.spector.load_pandas().data
y = spector["GRADE"].astype(float)
X = spector[["GPA", "TUCE", "PSI"]]
data = X.copy()
data.insert(0, "y", y)
write_csv("margins_spector.csv", data)
result = fit(y, X)
out["spector"] = {
    "coefficients": list(map(float, result.params)),
    "overall": effects(result),
    "dummy": effects(result, dummy=True),
}

with open(FX + "statsmodels_margins.json", "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")

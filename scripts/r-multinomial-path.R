# Regenerates the multinomial path fixtures (issue 11, item 7) with R:
#   Rscript scripts/r-multinomial-path.R
# Needs Debian r-base-core, r-cran-mass and r-cran-glmnet. Writes test/fixtures/path_fgl.csv
# (MASS::fgl, the forensic glass data: 214 rows, the 9 measurements RI … Fe, and the glass type in
# 6 classes as column `type`) and test/fixtures/r_glmnet_multinomial.json: glmnet 4.1
# `family = "multinomial"` elastic-net (alpha 0.5) fits on fgl (standardize = FALSE, intercepts
# unpenalized, thresh 1e-14) at lambda = 1/(C·n) for each C of the grid, i.e. scikit-learn's
# C·Σ logloss + 0.5·‖w‖₁ + 0.25·‖w‖² divided by C·n; coefficients per class in sorted class order.
# The L2 path reference is scikit-learn's (scripts/sklearn-multinomial-path.py, which reads the
# CSV written here). Not run by the tests: the output is committed. fgl was not used by the tests
# before.
suppressMessages({ library(MASS); library(glmnet) })
source("scripts/json.R")
fx <- "test/fixtures"
d <- MASS::fgl
write.csv(d, file.path(fx, "path_fgl.csv"), row.names = FALSE, quote = FALSE)

X <- as.matrix(d[, 1:9])
y <- factor(as.character(d$type), levels = sort(unique(as.character(d$type))))
n <- nrow(X)
Cs <- c(0.01, 0.1, 1, 10)
alpha <- 0.5
fit <- glmnet(X, y, family = "multinomial", alpha = alpha, lambda = rev(1 / (Cs * n)),
              standardize = FALSE, thresh = 1e-14, maxit = 1e7)
fits <- lapply(seq_along(Cs), function(i) {
  s <- 1 / (Cs[i] * n)
  cf <- coef(fit, s = s, exact = FALSE)
  W <- t(sapply(cf, function(m) as.vector(m)[-1]))
  b <- sapply(cf, function(m) as.vector(m)[1])
  Z <- sweep(X %*% t(W), 2, b, "+")
  lse <- apply(Z, 1, function(z) max(z) + log(sum(exp(z - max(z)))))
  loss <- mean(lse - Z[cbind(1:n, as.integer(y))])
  list(C = Cs[i], coefficients = lapply(seq_len(nrow(W)), function(k) W[k, ]),
       intercepts = b - mean(b),
       objective = loss + s * (alpha * sum(abs(W)) + (1 - alpha) / 2 * sum(W^2)))
})
out <- list(source = paste0(R.version.string, "; glmnet ", packageVersion("glmnet")),
            classes = levels(y), l1Ratio = alpha, fits = fits)
writeLines(to_json(out), file.path(fx, "r_glmnet_multinomial.json"))

# Regenerates the maximum-likelihood and Firth parity fixtures (issue 10) with R:
#   Rscript scripts/r-glm-parity.R
# Needs Debian r-base-core, r-cran-mass, r-cran-brglm2 and r-cran-mlbench (for Sonar).
# Writes test/fixtures/parity_*.csv (parity_biopsy_raw.csv: MASS::biopsy as is; the others
# numeric design matrices, label `y`, weights `w` where used, the R dummy columns of factors
# already expanded by model.matrix) and test/fixtures/r_glm_parity.json.
# Not run by the tests: its output is committed. None of these data sets was used by the tests
# before; the decrement tolerance 1e-12 was chosen on them (at 1e-10, esoph ended 3.5e-9 off), so
# test/inference/rHeldOut.test.ts checks the defaults on the older R fixtures as held-out data.
suppressMessages({ library(MASS); library(brglm2); library(mlbench) })
fx <- "test/fixtures"
num <- function(x) unname(as.list(x))
tight <- glm.control(epsilon = 1e-14, maxit = 100)

# Writes the design (model.matrix without the intercept column) with the label and weights.
write_design <- function(name, formula, data, weights = NULL) {
  mm <- model.matrix(formula, data)
  mm <- mm[, colnames(mm) != "(Intercept)", drop = FALSE]
  out <- data.frame(mm, check.names = FALSE)
  out$y <- as.numeric(model.response(model.frame(formula, data)))
  if (!is.null(weights)) out$w <- weights
  write.csv(out, file.path(fx, paste0("parity_", name, ".csv")), row.names = FALSE, quote = FALSE)
  data.frame(mm, y = out$y, check.names = TRUE)
}

# Newton with step halving for the constrained fit (IRLS without halving, glm.fit's, can diverge
# far from the estimate), polished by glm.fit from its solution.
constrained_deviance <- function(X, y, w, offset, start) {
  dev <- function(b) {
    eta <- as.vector(offset + X %*% b)
    -2 * sum(w * (y * plogis(eta, log.p = TRUE) + (1 - y) * plogis(-eta, log.p = TRUE)))
  }
  b <- start
  d0 <- dev(b)
  for (it in 1:200) {
    mu <- as.vector(plogis(offset + X %*% b))
    H <- crossprod(X, X * (w * mu * (1 - mu)))
    step <- solve(H + diag(1e-12 * max(diag(H)), ncol(X)), crossprod(X, w * (y - mu)))
    t <- 1
    while (!is.finite(d1 <- dev(b + t * step)) || d1 > d0) { t <- t / 2; if (t < 1e-12) break }
    b <- b + t * step
    if (abs(d0 - d1) <= 1e-15 * (abs(d1) + 0.1)) break
    d0 <- d1
  }
  glm.fit(X, y, weights = w, offset = offset, start = as.vector(b), family = binomial(),
          control = tight)$deviance
}

# The profile-likelihood interval of coefficient j by root finding on constrained fits (offset),
# exact to ~1e-11 (MASS's confint interpolates a spline through a grid: only ~1e-4).
profile_bounds <- function(fit, level = 0.95) {
  X <- model.matrix(fit)
  y <- fit$y
  w <- fit$prior.weights
  crit <- qchisq(level, 1)
  b <- coef(fit)
  se <- sqrt(diag(vcov(fit)))
  dev0 <- fit$deviance
  lower <- upper <- numeric(length(b))
  for (j in seq_along(b)) {
    g <- function(v) constrained_deviance(X[, -j, drop = FALSE], y, w, v * X[, j], b[-j]) - dev0 - crit
    far <- function(sign) { k <- 2; while (g(b[j] + sign * k * se[j]) < 0) k <- k * 1.5; b[j] + sign * k * se[j] }
    lower[j] <- uniroot(g, c(far(-1), b[j]), tol = 1e-13)$root
    upper[j] <- uniroot(g, c(b[j], far(1)), tol = 1e-13)$root
    stopifnot(abs(g(lower[j])) < 1e-8, abs(g(upper[j])) < 1e-8)
  }
  list(profile_lower = num(lower), profile_upper = num(upper))
}

summ <- function(fit, profile = FALSE) {
  # glm's standard errors come from the weights of its last iteration's start; one more iteration
  # from the converged estimate puts them at the estimate itself (a change of ~1e-8 relative).
  if (identical(fit$method, "glm.fit")) fit <- update(fit, start = coef(fit))
  cf <- coef(fit)
  s <- summary(fit)$coefficients
  full <- function(col) { v <- rep(NA_real_, length(cf)); v[!is.na(cf)] <- s[, col]; num(v) }
  wald <- confint.default(fit)
  out <- list(coef_names = names(cf), coefficients = num(cf), std_errors = full(2),
              z_values = full(3), p_values = full(4),
              wald_lower = num(wald[, 1]), wald_upper = num(wald[, 2]),
              aliased = unname(as.list(is.na(cf))), rank = fit$rank,
              deviance = fit$deviance, null_deviance = fit$null.deviance,
              aic = fit$aic, bic = BIC(fit), loglik = as.numeric(logLik(fit)),
              lr_df = fit$df.null - fit$df.residual, nobs = nobs(fit),
              converged = fit$converged, iterations = fit$iter)
  if (profile) out <- c(out, profile_bounds(fit))
  out
}

res <- list(source = paste(R.version.string, "; MASS", packageVersion("MASS"), "; brglm2",
                           packageVersion("brglm2"), "; mlbench", packageVersion("mlbench")))

# MASS::birthwt, low birth weight, with race as a 3-level factor.
bw <- MASS::birthwt
bw$race <- factor(bw$race, labels = c("white", "black", "other"))
f_bw <- low ~ age + lwt + race + smoke + ptl + ht + ui + ftv
d <- write_design("birthwt", f_bw, bw)
res$birthwt <- summ(glm(y ~ ., binomial, d, control = tight), profile = TRUE)
res$birthwt_firth <- summ(glm(y ~ ., binomial, d, method = "brglmFit", type = "AS_mean",
                              control = brglmControl(epsilon = 1e-14, maxit = 500)))

# datasets::infert, case-control, education as a factor.
f_inf <- case ~ age + parity + education + spontaneous + induced
d <- write_design("infert", f_inf, infert)
res$infert <- summ(glm(y ~ ., binomial, d, control = tight), profile = TRUE)

# MASS::biopsy with its 16 rows of missing V6 dropped (R's default na.omit).
# The raw table too, NA cells and the text class, for the command line's --drop-missing.
write.csv(MASS::biopsy[, -1], file.path(fx, "parity_biopsy_raw.csv"), row.names = FALSE,
          quote = FALSE, na = "NA")
bp <- na.omit(MASS::biopsy[, -1])
bp$malignant <- as.numeric(bp$class == "malignant")
d <- write_design("biopsy", malignant ~ V1 + V2 + V3 + V4 + V5 + V6 + V7 + V8 + V9, bp)
res$biopsy <- summ(glm(y ~ ., binomial, d, control = tight))

# datasets::esoph as weighted binary rows (ncases at y = 1, ncontrols at y = 0), unordered factors
# with treatment contrasts. Rows of weight 0 are kept (R drops them from nobs).
es <- esoph
for (v in c("agegp", "alcgp", "tobgp")) es[[v]] <- factor(es[[v]], ordered = FALSE)
long <- rbind(transform(es, case = 1, w = ncases), transform(es, case = 0, w = ncontrols))
d <- write_design("esoph_weighted", case ~ agegp + alcgp + tobgp, long, weights = long$w)
res$esoph_weighted <- summ(glm(y ~ ., binomial, d, weights = long$w, control = tight))

# datasets::mtcars, transmission.
d <- write_design("mtcars", am ~ hp + wt, mtcars)
res$mtcars <- summ(glm(y ~ ., binomial, d, control = tight), profile = TRUE)

# mlbench::Sonar (208 x 60, ill-conditioned): Firth, as brglm2 computes it.
data(Sonar, package = "mlbench")
d <- write_design("sonar", I(Class == "R") ~ ., Sonar)
# (brglm2 stops on its step size; at epsilon 1e-13 it cycles at the rounding level.)
fs <- glm(y ~ ., binomial, d, method = "brglmFit", type = "AS_mean",
          control = brglmControl(epsilon = 1e-12, maxit = 1000))
res$sonar_firth <- summ(fs)
res$sonar_firth$score_norm <- max(abs(fs$grad), na.rm = TRUE)

# glm's default control (QR tolerance 1e-11) finds the aliased columns (at epsilon 1e-14 the
# tolerance is 1e-17 and it does not); the estimable part is then refitted tightly, and R's NA
# rows put back.
summ_aliased <- function(d) {
  f0 <- glm(y ~ ., binomial, d)
  al <- is.na(coef(f0))[-1]
  features <- setdiff(names(d), "y")
  reduced <<- d[, c(features[!al], "y")]  # global: summ's update() looks it up there
  out <- summ(glm(y ~ ., binomial, reduced, control = tight))
  full <- c(1, 1 + which(!al))
  for (k in c("coefficients", "std_errors", "z_values", "p_values", "wald_lower", "wald_upper")) {
    v <- rep(NA_real_, length(al) + 1)
    v[full] <- unlist(out[[k]])
    out[[k]] <- num(v)
  }
  out$coef_names <- names(coef(f0))
  out$aliased <- unname(as.list(is.na(coef(f0))))
  out$default_control_aic <- f0$aic
  out
}

# Aliased columns. infert with a duplicated column (age twice, the copy named age_copy), and
# with a linear combination (total = spontaneous + induced).
ia <- infert
ia$age_copy <- ia$age
d <- write_design("aliased_duplicate", case ~ age + parity + age_copy + spontaneous + induced, ia)
res$aliased_duplicate <- summ_aliased(d)
ia$total <- ia$spontaneous + 2 * ia$induced - 0.5 * ia$parity
d <- write_design("aliased_combination", case ~ age + parity + spontaneous + induced + total, ia)
res$aliased_combination <- summ_aliased(d)
# birthwt with race coded twice (a second factor whose levels map 1:1 onto race's).
bw$race_code <- factor(c(white = "W", black = "B", other = "O")[as.character(bw$race)],
                       levels = c("W", "B", "O"))
d <- write_design("aliased_categorical", low ~ age + lwt + race + race_code + smoke + ht, bw)
res$aliased_categorical <- summ_aliased(d)

source("scripts/json.R")
writeLines(to_json(res), file.path(fx, "r_glm_parity.json"))

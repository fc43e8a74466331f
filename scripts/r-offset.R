# Regenerates the offset fixtures (issue 11, item 5) with R:
#   Rscript scripts/r-offset.R
# Needs Debian r-base-core, r-cran-mass and r-cran-sandwich. Writes test/fixtures/offset_aids2.csv
# (MASS::Aids2: y = died, the design of state, sex, age, T.categ as model.matrix codes it, and the
# offset logdays = log of the days followed), test/fixtures/offset_aids2_raw.csv (the same columns
# as they are, for the CLI), test/fixtures/offset_insurance.csv (MASS::Insurance as weighted
# binary rows: Claims at y = 1, Holders − Claims at y = 0, weights w; District as a factor, Group
# and Age as their codes 1-4; offset o = log(Holders) / 4, a known term) and
# test/fixtures/r_offset.json: glm(offset = ) estimates, standard errors, deviances, AIC, BIC, the
# likelihood-ratio test against R's null model (intercept and offset), profile bounds, sandwich
# HC1, predict.glm(se.fit = TRUE) on rows with a changed offset, drop1 and a fit without intercept.
# Not run by the tests: its output is committed. Neither data set was used by the tests before.
suppressMessages({ library(MASS); library(sandwich) })
fx <- "test/fixtures"
num <- function(x) unname(as.list(x))
tight <- glm.control(epsilon = 1e-14, maxit = 100)

# Newton with step halving for the constrained fit of profile_bounds, polished by glm.fit.
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

# Profile-likelihood bounds by root finding on constrained fits, the model's offset kept.
profile_bounds <- function(fit, level = 0.95) {
  X <- model.matrix(fit)
  y <- fit$y
  w <- fit$prior.weights
  o <- fit$offset
  crit <- qchisq(level, 1)
  b <- coef(fit)
  se <- sqrt(diag(vcov(fit)))
  dev0 <- fit$deviance
  lower <- upper <- numeric(length(b))
  for (j in seq_along(b)) {
    g <- function(v) constrained_deviance(X[, -j, drop = FALSE], y, w, o + v * X[, j], b[-j]) - dev0 - crit
    far <- function(sign) { k <- 2; while (g(b[j] + sign * k * se[j]) < 0) k <- k * 1.5; b[j] + sign * k * se[j] }
    lower[j] <- uniroot(g, c(far(-1), b[j]), tol = 1e-13)$root
    upper[j] <- uniroot(g, c(b[j], far(1)), tol = 1e-13)$root
    stopifnot(abs(g(lower[j])) < 1e-8, abs(g(upper[j])) < 1e-8)
  }
  list(profile_lower = num(lower), profile_upper = num(upper))
}

# Covariances in logreg's order (the coefficients, then the intercept), row-major.
ours <- function(fit, V) {
  order <- if ("(Intercept)" %in% names(coef(fit))) c(setdiff(seq_along(coef(fit)), 1), 1) else seq_along(coef(fit))
  num(t(V[order, order]))
}

summ <- function(fit, profile = TRUE) {
  # One more iteration from the estimate puts the covariance at the estimate (as logreg).
  fit <- update(fit, start = coef(fit))
  stopifnot(fit$converged)
  s <- summary(fit)$coefficients
  out <- list(coef_names = names(coef(fit)), coefficients = num(coef(fit)), std_errors = num(s[, 2]),
              z_values = num(s[, 3]), p_values = num(s[, 4]),
              deviance = fit$deviance, null_deviance = fit$null.deviance,
              aic = fit$aic, bic = BIC(fit), loglik = as.numeric(logLik(fit)),
              lr_df = fit$df.null - fit$df.residual, nobs = nobs(fit),
              model = ours(fit, vcov(fit)), hc1 = ours(fit, vcovHC(fit, type = "HC1")))
  if (profile) out <- c(out, profile_bounds(fit))
  list(fit = fit, out = out)
}

# predict.glm on the given rows, whose offset column has been changed (so that a prediction that
# ignored the new offset, or reused the training one, would not match).
predictions <- function(fit, newdata) {
  link <- predict(fit, newdata, type = "link", se.fit = TRUE)
  resp <- predict(fit, newdata, type = "response", se.fit = TRUE)
  list(rows = nrow(newdata), offset = num(newdata[[ncol(newdata)]]), link = num(link$fit),
       link_se = num(link$se.fit), probability = num(resp$fit), probability_se = num(resp$se.fit))
}

res <- list(source = paste(R.version.string, "; MASS", packageVersion("MASS"), "; sandwich",
                           packageVersion("sandwich")))

# MASS::Aids2: did the patient die during follow-up, with log(days followed) as the offset.
a <- Aids2
a$died <- as.integer(a$status == "D")
a$logdays <- log(a$death - a$diag + 1)
raw <- a[, c("died", "state", "sex", "age", "T.categ", "logdays")]
names(raw)[5] <- "Tcateg"
write.csv(raw, file.path(fx, "offset_aids2_raw.csv"), row.names = FALSE, quote = FALSE)
mm <- model.matrix(~ state + sex + age + Tcateg, raw)[, -1]
design <- data.frame(mm, check.names = FALSE)
design$y <- raw$died
design$logdays <- raw$logdays
write.csv(design, file.path(fx, "offset_aids2.csv"), row.names = FALSE, quote = FALSE)
f <- died ~ state + sex + age + Tcateg
s <- summ(glm(f, binomial, raw, offset = logdays, control = tight))
res$aids2 <- s$out
newdata <- raw[seq(1, nrow(raw), by = 97), ]
newdata$logdays <- newdata$logdays + 0.5
res$aids2$predict <- predictions(s$fit, newdata)
res$aids2$predict$row_index <- num(seq(1, nrow(raw), by = 97) - 1)
d1 <- drop1(s$fit, test = "LRT")
res$aids2$drop1 <- list(terms = rownames(d1)[-1], df = num(d1$Df[-1]), deviance = num(d1$Deviance),
                        aic = num(d1$AIC), lrt = num(d1$LRT[-1]), p = num(d1[-1, "Pr(>Chi)"]))
# A fit without the intercept: R's null model is then the offset alone.
raw$sexM <- as.integer(raw$sex == "M")
s0 <- summ(glm(died ~ 0 + age + sexM, binomial, raw, offset = logdays, control = tight), profile = FALSE)
res$aids2_no_intercept <- s0$out

# MASS::Insurance as weighted binary rows, with a known term o = log(Holders) / 4.
ins <- Insurance
rows <- data.frame(District = factor(c(ins$District, ins$District)),
                   Group = as.integer(c(ins$Group, ins$Group)), Age = as.integer(c(ins$Age, ins$Age)),
                   y = rep(c(1, 0), each = nrow(ins)), w = c(ins$Claims, ins$Holders - ins$Claims),
                   o = log(c(ins$Holders, ins$Holders)) / 4)
rows <- rows[rows$w > 0, ]
mm <- model.matrix(~ District + Group + Age, rows)[, -1]
design <- data.frame(mm, check.names = FALSE)
design$y <- rows$y
design$w <- rows$w
design$o <- rows$o
write.csv(design, file.path(fx, "offset_insurance.csv"), row.names = FALSE, quote = FALSE)
s <- summ(glm(y ~ District + Group + Age, binomial, rows, weights = w, offset = o, control = tight))
res$insurance <- s$out

source("scripts/json.R")
writeLines(to_json(res), file.path(fx, "r_offset.json"))

# Regenerates test/fixtures/r_inference.json with R (Debian r-base-core, r-cran-brglm2):
#   Rscript scripts/r-references.R
# Not run by the tests: its output is committed.
suppressMessages({ library(brglm2); library(MASS) })
fx <- "test/fixtures"
num <- function(x) unname(as.list(x))
pima <- read.csv(file.path(fx, "pima.csv"))
bc <- read.csv(file.path(fx, "breast_cancer.csv"))
cat_data <- read.csv(file.path(fx, "pima_categorical.csv"), stringsAsFactors = TRUE)
summ <- function(fit, ci = NULL) {
  s <- summary(fit)$coefficients
  out <- list(coef_names = rownames(s), coefficients = num(s[, 1]), std_errors = num(s[, 2]),
              z_values = num(s[, 3]), p_values = num(s[, 4]),
              deviance = fit$deviance, null_deviance = fit$null.deviance, aic = fit$aic,
              loglik = as.numeric(logLik(fit)), converged = fit$converged, iterations = fit$iter)
  if (!is.null(ci)) { out$profile_lower <- num(ci[, 1]); out$profile_upper <- num(ci[, 2]) }
  out
}
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
res <- list(source = paste(R.version.string, "; brglm2", packageVersion("brglm2"), "; MASS", packageVersion("MASS")))
f1 <- glm(y ~ ., family = binomial, data = pima, control = ctl)
res$pima_profile <- summ(f1, suppressMessages(confint(f1, level = 0.95)))
f2 <- glm(y ~ pregnant + glucose + mass + pedigree + age_group, family = binomial,
          data = cat_data, weights = w, control = ctl)
res$pima_categorical_weighted <- summ(f2)
f3 <- glm(y ~ ., family = binomial, data = pima, method = "brglmFit", type = "AS_mean",
          control = brglmControl(epsilon = 1e-12, maxit = 500))
res$pima_firth <- summ(f3)
bc5 <- bc[, c("mean_radius", "mean_texture", "worst_area", "worst_smoothness", "worst_concave_points", "y")]
f4 <- glm(y ~ ., family = binomial, data = bc5, method = "brglmFit", type = "AS_mean",
          control = brglmControl(epsilon = 1e-12, maxit = 500))
res$breast_cancer5_firth <- summ(f4)
res$breast_cancer5_firth$features <- setdiff(names(bc5), "y")
source("scripts/json.R")
writeLines(to_json(res), file.path(fx, "r_inference.json"))

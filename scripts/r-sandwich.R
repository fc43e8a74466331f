# Regenerates the robust-covariance fixtures (issue 11, item 2) with R:
#   Rscript scripts/r-sandwich.R
# Needs Debian r-base-core, r-cran-mass, r-cran-sandwich and r-cran-lmtest.
# Writes test/fixtures/sandwich_*.csv (design matrices as model.matrix makes them, without the
# intercept column; label `y`, weights `w` and the cluster `cluster` where used),
# test/fixtures/sandwich_bacteria_raw.csv (MASS::bacteria's columns as they are, for the CLI) and
# test/fixtures/r_sandwich.json. Not run by the tests: its output is committed. None of these data
# sets (MASS bacteria, datasets Titanic) was used by the tests before.
suppressMessages({ library(MASS); library(sandwich); library(lmtest) })
fx <- "test/fixtures"
num <- function(x) unname(as.list(x))
tight <- glm.control(epsilon = 1e-14, maxit = 100)

write_design <- function(name, formula, data, weights = NULL, cluster = NULL) {
  mm <- model.matrix(formula, data)
  mm <- mm[, colnames(mm) != "(Intercept)", drop = FALSE]
  out <- data.frame(mm, check.names = FALSE)
  resp <- model.response(model.frame(formula, data))
  out$y <- if (is.factor(resp)) as.numeric(resp == levels(resp)[2]) else as.numeric(resp)
  if (!is.null(weights)) out$w <- weights
  if (!is.null(cluster)) out$cluster <- cluster
  write.csv(out, file.path(fx, paste0("sandwich_", name, ".csv")), row.names = FALSE, quote = FALSE)
}

# Covariances in logreg's parameter order: the coefficients, then the intercept, row-major;
# aliased (NA) coefficients get zero rows and columns, as the model stores them.
ours <- function(fit, V) {
  b <- coef(fit)
  ok <- !is.na(b)
  full <- matrix(0, length(b), length(b), dimnames = list(names(b), names(b)))
  full[ok, ok] <- V
  order <- c(setdiff(seq_along(b), 1), 1)
  num(t(full[order, order]))
}
entry <- function(fit, cluster = NULL) {
  # glm's covariance comes from the weights at its last iteration's start; one more iteration from
  # the estimate puts it (and sandwich's bread) at the estimate, where logreg computes it.
  start <- coef(fit); start[is.na(start)] <- 0
  fit <- update(fit, start = start)
  stopifnot(fit$converged)
  out <- list(coef_names = names(coef(fit)), coefficients = num(coef(fit)),
              aliased = num(is.na(coef(fit))), model = ours(fit, vcov(fit, complete = FALSE)))
  for (type in c("HC0", "HC1", "HC2", "HC3")) out[[tolower(type)]] <- ours(fit, vcovHC(fit, type = type))
  if (!is.null(cluster)) {
    out$cr0 <- ours(fit, vcovCL(fit, cluster = cluster, type = "HC0"))
    out$cr1 <- ours(fit, vcovCL(fit, cluster = cluster, type = "HC1"))
    out$clusters <- length(unique(cluster))
    ct <- coeftest(fit, vcov. = vcovCL(fit, cluster = cluster, type = "HC1"))
    out$cr1_z <- num(ct[, 3]); out$cr1_p <- num(ct[, 4])
    out$cluster <- num(as.integer(factor(cluster)))
  }
  ct <- coeftest(fit, vcov. = vcovHC(fit, type = "HC1"))
  out$hc1_se <- num(ct[, 2]); out$hc1_z <- num(ct[, 3]); out$hc1_p <- num(ct[, 4])
  out
}

res <- list(source = paste(R.version.string, "; sandwich", packageVersion("sandwich"),
                           "; lmtest", packageVersion("lmtest"), "; MASS", packageVersion("MASS")))

# MASS::bacteria: 220 visits of 50 children (ID), treatment a 3-level factor.
b <- bacteria
f <- y ~ trt + week + hilo
write_design("bacteria", f, b, cluster = as.integer(b$ID))
fit <- glm(f, family = binomial, data = b, control = tight)
res$bacteria <- entry(fit, b$ID)

# The same with row weights 1, 2, 3 by week (a weighted fit, clustered too).
bw <- b; bw$w <- (bw$week %% 3) + 1
write_design("bacteria_weighted", f, bw, weights = bw$w, cluster = as.integer(bw$ID))
fit <- glm(f, family = binomial, data = bw, weights = w, control = tight)
res$bacteria_weighted <- entry(fit, bw$ID)

# Aliased: a column equal to 2·week + 1 (R's NA row).
ba <- b; ba$week2 <- 2 * ba$week + 1
fa <- y ~ trt + week + week2 + hilo
write_design("bacteria_aliased", fa, ba, cluster = as.integer(ba$ID))
fit <- suppressWarnings(glm(fa, family = binomial, data = ba, control = glm.control(maxit = 100)))
fit <- update(fit, control = glm.control(epsilon = 1e-12, maxit = 100))  # 1e-14: deviance stalls at rounding
res$bacteria_aliased <- entry(fit, ba$ID)

# datasets::Titanic as counts: one row per non-empty cell, weight Freq.
ti <- as.data.frame(Titanic); ti <- ti[ti$Freq > 0, ]
ft <- Survived ~ Class + Sex + Age
write_design("titanic_weighted", ft, ti, weights = ti$Freq)
fit <- glm(ft, family = binomial, data = ti, weights = Freq, control = tight)
res$titanic_weighted <- entry(fit)

# For the CLI: bacteria as is; the model week + ap + hilo, whose factor levels sort as R orders them.
write.csv(b[, c("y", "week", "ap", "hilo", "ID", "trt")], file.path(fx, "sandwich_bacteria_raw.csv"),
          row.names = FALSE, quote = FALSE)
fit <- glm(y ~ week + ap + hilo, family = binomial, data = b, control = tight)
res$bacteria_cli <- entry(fit, b$ID)

source("scripts/json.R")
writeLines(to_json(res), file.path(fx, "r_sandwich.json"))

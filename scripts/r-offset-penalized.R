# Regenerates the fixtures of offsets in penalized fits (issue 11, item 5) with R:
#   Rscript scripts/r-offset-penalized.R
# Needs Debian r-base-core, r-cran-mass and r-cran-brglm2. Writes
# test/fixtures/offset_crabs.csv (MASS::crabs: y = 1 for the orange species, the measurements FL,
# RW, CL, CW and the offset o = log(BD), a known term) and test/fixtures/r_offset_penalized.json:
# - firth: brglm2 `glm(y ~ FL + RW + CW, offset = o, method = "brglmFit", type = "AS_mean",
#   epsilon = 1e-14)` estimates (intercept last, logreg's order) and standard errors.
# (glmnet(offset = ) on these raw features did not finish in minutes at thresh 1e-10, so the L1 fit
# with an offset is checked by its optimality conditions in test/model/offsetPenalized.test.ts.)
# Not run by the tests: its output is committed. crabs was not used by the tests before.
suppressMessages({ library(MASS); library(brglm2) })
source("scripts/json.R")
fx <- "test/fixtures"
d <- data.frame(FL = crabs$FL, RW = crabs$RW, CL = crabs$CL, CW = crabs$CW,
                o = log(crabs$BD), y = as.integer(crabs$sp == "O"))
write.csv(d, file.path(fx, "offset_crabs.csv"), row.names = FALSE, quote = FALSE)

firth <- glm(y ~ FL + RW + CW, offset = o, family = binomial, data = d, method = "brglmFit",
             type = "AS_mean", epsilon = 1e-14, maxit = 1000)
est <- coef(firth)
se <- sqrt(diag(vcov(firth)))
order <- c(2:length(est), 1)

out <- list(
  source = paste0(R.version.string, "; brglm2 ", packageVersion("brglm2")),
  firth = list(features = names(est)[order], estimates = unname(est[order]),
               standardErrors = unname(se[order]), converged = firth$converged))
writeLines(to_json(out), file.path(fx, "r_offset_penalized.json"))

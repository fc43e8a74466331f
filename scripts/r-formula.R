# Regenerates the model-formula fixtures (issue 11, item 1) with R:
#   Rscript scripts/r-formula.R
# Needs Debian r-base-core only. Writes test/fixtures/formula_sim.csv (a seeded simulated set of
# 200 rows, not used by any other test: numbers x1, x2 > 0, dose in 1..3, flag 0/1, text columns
# grp (a, b, c) and sex (f, m), binary y; a few NA cells in x1 and grp), formula_sim_new.csv (40
# new rows for prediction) and test/fixtures/r_formula.json: per formula, R's model.matrix of the
# glm fit (column names and values, row-major, rows with NA dropped by na.omit), glm(family =
# binomial, epsilon = 1e-14) coefficients, predict(type = "response") on the new rows and
# drop1(test = "LRT"); and terms() of formulas on bare names.
# Not run by the tests: its output is committed.
source("scripts/json.R")
fx <- "test/fixtures"
set.seed(20261207)
simulate <- function(n) {
  d <- data.frame(
    x1 = round(rnorm(n), 4),
    x2 = round(runif(n, 0.5, 3), 4),
    dose = sample(1:3, n, replace = TRUE),
    grp = sample(c("a", "b", "c"), n, replace = TRUE),
    sex = sample(c("f", "m"), n, replace = TRUE),
    flag = rbinom(n, 1, 0.4),
    stringsAsFactors = FALSE
  )
  eta <- -0.3 + 0.8 * d$x1 - 0.5 * log(d$x2) + 0.4 * (d$grp == "b") - 0.6 * (d$grp == "c") +
    0.5 * d$flag * (d$grp == "c") + 0.3 * d$dose - 0.2 * d$x1^2 + 0.4 * (d$sex == "m") * d$x1
  d$y <- rbinom(n, 1, plogis(eta))
  d[, c("y", "x1", "x2", "dose", "grp", "sex", "flag")]
}
train <- simulate(200)
train$x1[c(7, 51, 122)] <- NA
train$grp[c(19, 160)] <- NA
fresh <- simulate(40)
write.csv(train, file.path(fx, "formula_sim.csv"), row.names = FALSE, quote = FALSE)
write.csv(fresh, file.path(fx, "formula_sim_new.csv"), row.names = FALSE, quote = FALSE)

formulas <- c(
  "y ~ x1 + x2 + grp * flag + I(x1^2)",
  "y ~ log(x2) + sqrt(x2) + exp(x1/4) + abs(x1) + factor(dose) + I(-x1 * 2 + 1)",
  "y ~ poly(x2, 3, raw = TRUE) + grp:x1 + sex",
  "y ~ (x1 + grp + sex)^2 - grp:sex",
  "y ~ . - dose + factor(dose)",
  "y ~ 0 + grp + x1:sex + I(x2 / 2)",
  "y ~ x1 * factor(dose) - 1",
  "y ~ grp/x1 + x2 + sex:flag",
  "y ~ poly(x2, 2) + grp + x1",
  "y ~ poly(x2, 3):sex + poly(dose, 2)",
  "y ~ x2 + I(x1 > 0) + I(dose >= 2):x2 + I((x1 < 0) * x1) + (flag != 1)"
)
cases <- lapply(formulas, function(f) {
  fit <- glm(as.formula(f), family = binomial, data = train,
             control = glm.control(epsilon = 1e-14, maxit = 100))
  X <- model.matrix(fit)
  list(
    formula = f,
    rows = nrow(X),
    names = colnames(X),
    matrix = as.list(as.vector(t(X))),
    coefficients = as.list(unname(coef(fit))),
    deviance = fit$deviance,
    predicted = as.list(unname(predict(fit, newdata = fresh, type = "response"))),
    drop1 = list(terms = as.list(rownames(d1 <- drop1(fit, test = "LRT"))[-1]),
                 df = as.list(d1$Df[-1]), deviance = as.list(d1$Deviance[-1]),
                 lrt = as.list(d1$LRT[-1]), p = as.list(d1[["Pr(>Chi)"]][-1]))
  )
})
# terms(): the term labels (in R's order) and the intercept of formulas on bare names.
term_formulas <- c(
  "y ~ b:a + a", "y ~ a*b - a", "y ~ (a + b + c)^2 - a:c", "y ~ a/b", "y ~ a*b*c",
  "y ~ (a + b)^3", "y ~ a + b - 1", "y ~ 0 + a", "y ~ -1 + a + 1", "y ~ a:b:c + c + b:a",
  "y ~ (a + b) * (c + d)", "y ~ a - 0"
)
term_cases <- lapply(term_formulas, function(f) {
  t <- terms(as.formula(f))
  list(formula = f, labels = as.list(attr(t, "term.labels")), intercept = attr(t, "intercept") == 1)
})
# The README's and examples/formula.ts's formula on examples/data/pima.csv.
pima <- read.csv("examples/data/pima.csv")
example <- glm(y ~ glucose + mass + log(pedigree) + poly(age, 2) + I(pregnant > 0), binomial, pima,
               control = glm.control(epsilon = 1e-14, maxit = 100))
out <- list(
  example = list(names = as.list(names(coef(example))), coefficients = as.list(unname(coef(example)))),
  terms = term_cases,
  source = paste("R", paste(R.version$major, R.version$minor, sep = "."),
                 "glm(family = binomial, control = glm.control(epsilon = 1e-14)); scripts/r-formula.R"),
  cases = cases
)
writeLines(to_json(out), file.path(fx, "r_formula.json"))

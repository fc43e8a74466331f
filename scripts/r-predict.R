# Regenerates the prediction-interval fixtures (issue 11, item 4) with R:
#   Rscript scripts/r-predict.R
# Needs Debian r-base-core and r-cran-mass. Writes test/fixtures/predict_cars93_raw.csv (MASS
# Cars93: Origin, Price, Horsepower, Weight, AirBags as they are, for the CLI),
# test/fixtures/predict_cars93.csv (its design: model.matrix without the intercept column, label y
# = Origin is non-USA, plus an aliased column Weight2 = Weight / 1000), test/fixtures/
# predict_menarche.csv (MASS menarche as weighted binary rows: Menarche at y = 1, Total − Menarche
# at y = 0, weights w) and test/fixtures/r_predict.json: predict.glm(se.fit = TRUE) on the link and
# response scales. Not run by the tests: its output is committed. Neither data set was used by the
# tests before.
suppressMessages(library(MASS))
fx <- "test/fixtures"
num <- function(x) unname(as.list(x))
tight <- glm.control(epsilon = 1e-14, maxit = 100)

# One more iteration from the estimate puts vcov at the estimate (glm takes it at the last start).
refit <- function(fit) { b <- coef(fit); b[is.na(b)] <- 0; update(fit, start = b) }
entry <- function(fit, newdata) {
  link <- suppressWarnings(predict(fit, newdata, type = "link", se.fit = TRUE))
  resp <- suppressWarnings(predict(fit, newdata, type = "response", se.fit = TRUE))
  list(coefficients = num(coef(fit)), link = num(link$fit), link_se = num(link$se.fit),
       probability = num(resp$fit), probability_se = num(resp$se.fit))
}

cars <- Cars93[, c("Origin", "Price", "Horsepower", "Weight", "AirBags")]
write.csv(cars, file.path(fx, "predict_cars93_raw.csv"), row.names = FALSE, quote = FALSE)
cars$Weight2 <- cars$Weight / 1000
f <- Origin ~ Price + Horsepower + Weight + AirBags
fa <- Origin ~ Price + Horsepower + Weight + Weight2 + AirBags
mm <- model.matrix(fa, cars)[, -1]
design <- data.frame(mm, check.names = FALSE)
design$y <- as.integer(cars$Origin == "non-USA")
write.csv(design, file.path(fx, "predict_cars93.csv"), row.names = FALSE, quote = FALSE)

res <- list(source = paste(R.version.string, "; MASS", packageVersion("MASS")))
fit <- refit(glm(f, binomial, cars, control = tight))
res$cars93 <- entry(fit, cars)
fit <- refit(glm(fa, binomial, cars, control = glm.control(epsilon = 1e-12, maxit = 100)))
res$cars93_aliased <- entry(fit, cars)
res$cars93_aliased$aliased <- num(is.na(coef(fit)))

m <- menarche
rows <- data.frame(Age = c(m$Age, m$Age), y = rep(c(1, 0), each = nrow(m)),
                   w = c(m$Menarche, m$Total - m$Menarche))
rows <- rows[rows$w > 0, ]
write.csv(rows, file.path(fx, "predict_menarche.csv"), row.names = FALSE, quote = FALSE)
fit <- refit(glm(y ~ Age, binomial, rows, weights = w, control = tight))
res$menarche <- entry(fit, rows)

source("scripts/json.R")
writeLines(to_json(res), file.path(fx, "r_predict.json"))

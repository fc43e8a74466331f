# Regenerates the model-comparison fixtures (issue 11, item 3) with R:
#   Rscript scripts/r-anova.R
# Needs Debian r-base-core and r-cran-mass. Writes test/fixtures/anova_melanoma.csv (MASS
# Melanoma: died = status 1, "died from melanoma"), test/fixtures/anova_cats_weighted.csv (MASS
# cats with row weights w = 1 + row mod 3) and test/fixtures/r_anova.json: anova(small, big,
# test = "LRT"), AIC and BIC of nested glm pairs. Not run by the tests: its output is committed.
# Neither data set was used by the tests before.
suppressMessages(library(MASS))
fx <- "test/fixtures"
num <- function(x) unname(as.list(x))
tight <- glm.control(epsilon = 1e-14, maxit = 100)

mel <- Melanoma
mel <- data.frame(died = as.integer(mel$status == 1), thickness = mel$thickness,
                  ulcer = mel$ulcer, age = mel$age, sex = mel$sex, year = mel$year)
write.csv(mel, file.path(fx, "anova_melanoma.csv"), row.names = FALSE, quote = FALSE)
ct <- cats; ct$w <- 1 + seq_len(nrow(ct)) %% 3
write.csv(ct, file.path(fx, "anova_cats_weighted.csv"), row.names = FALSE, quote = FALSE)

entry <- function(small, big, features_small, features_big) {
  a <- anova(small, big, test = "LRT")
  list(features_small = as.list(features_small), features_big = as.list(features_big),
       resid_df = num(a[["Resid. Df"]]), resid_dev = num(a[["Resid. Dev"]]),
       df = a[["Df"]][2], deviance = a[["Deviance"]][2], p_value = a[["Pr(>Chi)"]][2],
       aic = num(c(AIC(small), AIC(big))), bic = num(c(BIC(small), BIC(big))))
}
res <- list(source = paste(R.version.string, "; MASS", packageVersion("MASS")))
s <- glm(died ~ thickness + ulcer, binomial, mel, control = tight)
b <- glm(died ~ thickness + ulcer + age + sex + year, binomial, mel, control = tight)
res$melanoma <- entry(s, b, c("thickness", "ulcer"), c("thickness", "ulcer", "age", "sex", "year"))
s <- glm(Sex ~ Bwt, binomial, ct, weights = w, control = tight)
b <- glm(Sex ~ Bwt + Hwt, binomial, ct, weights = w, control = tight)
res$cats_weighted <- entry(s, b, c("Bwt"), c("Bwt", "Hwt"))

source("scripts/json.R")
writeLines(to_json(res), file.path(fx, "r_anova.json"))

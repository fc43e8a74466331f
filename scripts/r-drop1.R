# Regenerates the drop1 fixture (issue 11, item 3) with R:
#   Rscript scripts/r-drop1.R
# Needs Debian r-base-core and r-cran-mass. Writes test/fixtures/drop1_survey.csv (MASS survey:
# Sex, Height, Pulse, Exer, Smoke, rows with NA dropped) and test/fixtures/r_drop1.json:
# drop1(glm(Sex ~ Height + Pulse + Exer + Smoke), test = "LRT"). Not run by the tests: its output
# is committed. The data set was not used by the tests before.
suppressMessages(library(MASS))
fx <- "test/fixtures"
num <- function(x) unname(as.list(x))
s <- na.omit(survey[, c("Sex", "Height", "Pulse", "Exer", "Smoke")])
write.csv(s, file.path(fx, "drop1_survey.csv"), row.names = FALSE, quote = FALSE)
fit <- glm(Sex ~ Height + Pulse + Exer + Smoke, binomial, s, control = glm.control(epsilon = 1e-14, maxit = 100))
d <- drop1(fit, test = "LRT")
res <- list(source = paste(R.version.string, "; MASS", packageVersion("MASS")),
            terms = num(rownames(d)), df = num(d$Df), deviance = num(d$Deviance), aic = num(d$AIC),
            lrt = num(d$LRT), p_value = num(d[["Pr(>Chi)"]]))
source("scripts/json.R")
writeLines(to_json(res), file.path(fx, "r_drop1.json"))

# Shared by the fixture scripts (run from the repository root: Rscript scripts/<name>.R).
# A minimal JSON writer (jsonlite is not in Debian's base R): doubles with 17 significant digits.
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.list(x) && !is.null(names(x))) {
    items <- mapply(function(k, v) paste0(inner, '"', k, '": ', to_json(v, inner)), names(x), x)
    return(paste0("{\n", paste(items, collapse = ",\n"), "\n", indent, "}"))
  }
  if (is.list(x)) return(paste0("[", paste(sapply(x, to_json, indent = inner), collapse = ", "), "]"))
  if (is.character(x) || is.factor(x)) {
    v <- paste0('"', as.character(x), '"')
    return(if (length(x) == 1) v else paste0("[", paste(v, collapse = ", "), "]"))
  }
  if (is.logical(x)) return(if (is.na(x)) "null" else if (x) "true" else "false")
  v <- ifelse(is.finite(x), sprintf("%.17g", x), "null")
  if (length(x) == 1) v else paste0("[", paste(v, collapse = ", "), "]")
}

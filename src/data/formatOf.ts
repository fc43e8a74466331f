/** The formats a data file can be in. `tsv` is CSV with a tab as the separator. */
export type DataFormat = 'csv' | 'tsv' | 'libsvm' | 'parquet';

/**
 * The format of a file by its extension: `.parquet`, `.parq` → Parquet; after removing a `.gz`:
 * `.svm`, `.libsvm`, `.svmlight` → LIBSVM; `.tsv`, `.tab` → TSV; anything else → CSV.
 */
export function formatOf(file: string): DataFormat {
  if (/\.(parquet|parq)$/i.test(file)) return 'parquet';
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (/\.(svm|libsvm|svmlight)$/.test(name)) return 'libsvm';
  if (/\.(tsv|tab)$/.test(name)) return 'tsv';
  return 'csv';
}

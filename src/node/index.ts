/**
 * logreg's Node.js entry (`import … from 'logreg/node'`): file readers, atomic writes and worker
 * threads. The main entry (`'logreg'`) stays free of Node built-ins so that it runs in browsers.
 */
export { createThreadPool } from './threads/createThreadPool.js';
export type { NodeThreadPool } from './threads/createThreadPool.js';
export { readNumericCsv } from './fastNumericCsv.js';
export type { NumericCsv, NumericCsvOptions } from './fastNumericCsv.js';
export { readLibsvmSparse } from './readLibsvm.js';
export type { LibsvmData } from '../data/libsvmData.js';
export type { LibsvmReadOptions } from './readLibsvm.js';
export { readLibsvmBatches } from './readLibsvmBatches.js';
export type { LibsvmBatchOptions } from './readLibsvmBatches.js';
export { readTable, formatOf } from './readTable.js';
export { readParquet, readParquetBatches } from './readParquet.js';
export type { ParquetReadOptions } from './readParquet.js';
export { readArrow, readArrowBatches } from './readArrow.js';
export type { ArrowReadOptions } from './readArrow.js';
export type { DataFormat, ReadTableOptions } from './readTable.js';
export type { Column, Table } from '../data/column.js';
export type { ReadProgress } from '../data/readLimits.js';
export { trainSql } from './sql/trainSql.js';
export { openSql } from './sql/openSql.js';
export type { SqlConnection } from './sql/openSql.js';
export { SqlEngineError } from '../sql/sqlEngineError.js';
export type { SqlFit, SqlFitOptions, SqlTrainSpec } from '../sql/fitSql.js';
export type { SqlStatement, SqlValue } from '../sql/sqlStatement.js';

export { csvCacheSource } from './csvCacheSource.js';
export type { CsvCacheOptions, CsvCacheSource } from './csvCacheSource.js';
export type { CacheColumns } from './csvCacheWriter.js';

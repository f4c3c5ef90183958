export { checkDates, importCsvBatch, isIsoDate, lineErrors, NON_NEGATIVE, POSITIVE, shanghaiDate, type CsvBatchSpec } from './csv-batch.ts';
export { listSettlementImports, listUploadedBatches, settlementImportJob, storeUploadedBatch, submitSettlementFile, uploadedBatchJob, type UploadedBatch } from './import-jobs.ts';
export { importSettlementBatch, settlementColumns, type ImportProgress, type ImportResult } from './settlement-import.ts';

export { checkDates, importCsvBatch, lineErrors, NON_NEGATIVE, POSITIVE, type CsvBatchSpec } from './csv-batch.ts';
export { listSettlementImports, listUploadedBatches, settlementImportJob, storeUploadedBatch, submitSettlementFile, uploadedBatchJob, type UploadedBatch } from './import-jobs.ts';
export { importSettlementBatch, settlementColumns, type ImportProgress, type ImportResult } from './settlement-import.ts';

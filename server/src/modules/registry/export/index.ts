export { listRegisterExports, registerExportFile, registerExportJob, registerExportQuery, registerSize, requestRegisterExport, writeRegisterFile, type ExportFormat } from './register-export.ts';

export { type Io, main } from './main.js';
export { jsonFinding, jsonReport, SCHEMA_VERSION } from './report/json.js';
export { checkFile, type FileReport, hasProblems, type SheetReport } from './run-check.js';

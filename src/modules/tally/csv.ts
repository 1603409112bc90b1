// The CSV writer moved to src/common/csv.ts (the nominations export uses it too); kept here for tally's imports.
export { type CsvCell, csvCell, toCsv } from '../../common/csv.js';

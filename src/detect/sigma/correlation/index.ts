/** Sigma correlation rules: each anchored window's measure in SQL (`window.ts`), the matches picked from them (`evaluate.ts`, pure). */
export { pickMatches, compareCount, type CorrMatch } from './evaluate.js';
export { windowSql, toAnchorRows, CORR_TABLE_COLUMNS, type AnchorRow } from './window.js';

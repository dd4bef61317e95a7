/** Sigma correlation rules: sliding-window evaluation (pure) and the SQL that gathers their input rows from the case. */
export { evaluateCorrelation, compareCount, type CorrEvent, type CorrMatch } from './evaluate.js';

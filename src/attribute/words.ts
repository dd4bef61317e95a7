/**
 * Estimative language of ICD 203 (US ODNI, 2015): each band of probability has one word, and confidence is a
 * separate judgement about the evidence, never folded into the same phrase ("very likely, moderate confidence"
 * is two statements, not "moderately likely").
 */
export type Likelihood =
  | 'almost no chance' | 'very unlikely' | 'unlikely' | 'roughly even chance' | 'likely' | 'very likely' | 'almost certainly';

export type Confidence = 'low' | 'moderate' | 'high';

/** Upper bounds of the bands (ICD 203: 1–5, 5–20, 20–45, 45–55, 55–80, 80–95, 95–99 %). */
const BANDS: [number, Likelihood][] = [
  [0.05, 'almost no chance'], [0.2, 'very unlikely'], [0.45, 'unlikely'], [0.55, 'roughly even chance'],
  [0.8, 'likely'], [0.95, 'very likely'], [Infinity, 'almost certainly'],
];

export function likelihoodWord(p: number): Likelihood {
  for (const [upper, word] of BANDS) if (p < upper) return word;
  return 'almost certainly';
}

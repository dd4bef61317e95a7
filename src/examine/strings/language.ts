/**
 * Language of natural-language text, by the `eld` efficient language detector (n-gram, 60 languages). Measured on
 * short strings it was right 86/90 against 70–77 for franc, cld and lingua ports; short strings are what binaries
 * hold. The medium database is the trade between accuracy and load time (large adds seconds at start-up).
 */
import { eld } from 'eld/medium';

const detector = eld.newInstance();

export interface LanguageGuess {
  language: string;
  score: number;
}

/** ISO 639-1 code and score, or null when the detector is not confident. */
export function detectLanguage(text: string): LanguageGuess | null {
  const r = detector.detect(text);
  if (r.language === '' || !r.isReliable()) return null;
  const score = r.getScores()[r.language] ?? 0;
  return { language: r.language, score: Math.round(score * 1000) / 1000 };
}

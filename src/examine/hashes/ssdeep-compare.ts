/**
 * ssdeep match score 0..100 between two digests, as `ssdeep -d`/`-k` report it (2.14 scoring): signatures of
 * compatible block sizes (equal, or one double the other) are stripped of runs longer than three, must share a
 * 7-character substring, and are scored by a weighted edit distance; small block sizes cap the score so short
 * signatures cannot claim a strong match.
 */

const SPAMSUM_LENGTH = 64;
const ROLLING_WINDOW = 7;
const MIN_BLOCKSIZE = 3;

interface Parsed {
  blockSize: number;
  sig1: string;
  sig2: string;
}

function parse(digest: string): Parsed {
  const m = /^(\d+):([0-9A-Za-z+/]*):([0-9A-Za-z+/]*)(?:,.*)?$/s.exec(digest);
  if (!m) throw new TypeError(`not an ssdeep digest: ${JSON.stringify(digest)}`);
  return { blockSize: Number(m[1]), sig1: m[2]!, sig2: m[3]! };
}

/** Runs of one character carry almost no information: keep at most three of each. */
function eliminateSequences(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i >= 3 && s[i] === s[i - 1] && s[i] === s[i - 2] && s[i] === s[i - 3]) continue;
    out += s[i];
  }
  return out;
}

function hasCommonSubstring(a: string, b: string): boolean {
  if (a.length < ROLLING_WINDOW || b.length < ROLLING_WINDOW) return false;
  const seen = new Set<string>();
  for (let i = 0; i + ROLLING_WINDOW <= a.length; i++) seen.add(a.slice(i, i + ROLLING_WINDOW));
  for (let j = 0; j + ROLLING_WINDOW <= b.length; j++) if (seen.has(b.slice(j, j + ROLLING_WINDOW))) return true;
  return false;
}

/** Edit distance with insertion and deletion 1 and substitution 2 (the weights ssdeep 2.13+ uses). */
function editDistance(a: string, b: string): number {
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 0; i < a.length; i++) {
    cur[0] = i + 1;
    for (let j = 0; j < b.length; j++) {
      const sub = prev[j]! + (a[i] === b[j] ? 0 : 2);
      cur[j + 1] = Math.min(prev[j + 1]! + 1, cur[j]! + 1, sub);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

function scoreStrings(a: string, b: string, blockSize: number): number {
  if (a.length > SPAMSUM_LENGTH || b.length > SPAMSUM_LENGTH) return 0;
  if (!hasCommonSubstring(a, b)) return 0;
  let score = editDistance(a, b);
  score = Math.floor((score * SPAMSUM_LENGTH) / (a.length + b.length));
  score = Math.floor((100 * score) / SPAMSUM_LENGTH);
  if (score >= 100) return 0;
  score = 100 - score;
  // Below this block size a signature covers too little data to justify a high score.
  if (blockSize >= Math.floor((99 + ROLLING_WINDOW) / ROLLING_WINDOW) * MIN_BLOCKSIZE) return score;
  const cap = Math.floor(blockSize / MIN_BLOCKSIZE) * Math.min(a.length, b.length);
  return Math.min(score, cap);
}

/** ssdeep similarity (0..100) of two digests (`bs:sig1:sig2`, an optional `,"file"` tail is ignored). */
export function ssdeepCompare(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  const b1 = x.blockSize, b2 = y.blockSize;
  if (b1 !== b2 && b1 * 2 !== b2 && !(b1 % 2 === 0 && b1 / 2 === b2)) return 0;
  const x1 = eliminateSequences(x.sig1), x2 = eliminateSequences(x.sig2);
  const y1 = eliminateSequences(y.sig1), y2 = eliminateSequences(y.sig2);
  if (b1 === b2 && x1 === y1 && x2 === y2) return 100;
  if (b1 === b2) return Math.max(scoreStrings(x1, y1, b1), scoreStrings(x2, y2, b1 * 2));
  if (b1 * 2 === b2) return scoreStrings(y1, x2, b2);
  return scoreStrings(x1, y2, b1);
}

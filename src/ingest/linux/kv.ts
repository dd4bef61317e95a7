/**
 * `key=value` lists as the audit subsystem and PAM write them: values bare, "double-quoted" or 'single-quoted'
 * (auditd's user-space `msg='…'` carries a nested list). Bare words between pairs are kept only where they
 * qualify the next key (`old auid=700 new auid=700` → `old-auid`, `new-auid`, as Sigma's auditd fields name them).
 */
export interface KvPair {
  key: string;
  value: string;
  quoted: boolean;
}

const QUALIFIERS = new Set(['old', 'new']);

export function parseKv(text: string): KvPair[] {
  const out: KvPair[] = [];
  const n = text.length;
  let i = 0;
  let qualifier = '';
  while (i < n) {
    while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 61 || c === 32 || c === 9) break;
      i++;
    }
    const word = text.slice(start, i);
    if (i >= n || text.charCodeAt(i) !== 61) {
      qualifier = QUALIFIERS.has(word) ? word : '';
      continue;
    }
    i++; // past '='
    const key = qualifier ? `${qualifier}-${word}` : word;
    qualifier = '';
    const q = text.charCodeAt(i);
    if (q === 34 || q === 39) {
      const end = text.indexOf(q === 34 ? '"' : "'", i + 1);
      const stop = end < 0 ? n : end;
      out.push({ key, value: text.slice(i + 1, stop), quoted: true });
      i = stop + 1;
    } else {
      const vs = i;
      while (i < n && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) i++;
      // auditd leaves some values with spaces unquoted (`op=adding group to /etc/group id=1004`): the value runs
      // on over words without '=' up to the next key, unless such a word qualifies that key (`old auid=`).
      let ve = i;
      for (;;) {
        let j = ve;
        while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
        if (j >= n) break;
        let k = j;
        while (k < n && text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9 && text.charCodeAt(k) !== 61) k++;
        if (k < n && text.charCodeAt(k) === 61) break;
        if (QUALIFIERS.has(text.slice(j, k))) break;
        ve = k;
      }
      out.push({ key, value: text.slice(vs, ve), quoted: false });
      i = ve;
    }
  }
  return out;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractStrings, type ExtractedString } from '../../src/examine/strings/index.js';

function lcg(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const ZH = '无法连接到服务器，请稍后再试。配置文件已损坏。';
const RU = 'Не удалось открыть файл конфигурации, обратитесь к администратору';
const EN = 'The operation could not be completed because the file is locked';
const DE = 'Die Datei konnte nicht gelesen werden';
const RU8 = 'Ошибка чтения файла конфигурации';
const JA_BE = 'サーバーに接続できません。管理者に連絡してください';
const NOT_PROSE = [
  'GetProcAddress', 'VirtualAllocEx', 'm_pszUserName', 'kernel32.dll', 'C:\\Users\\ivan\\Documents\\payload.exe',
  'https://update.example.net/api/v1/check?id=7', 'SGVsbG8gV29ybGQgdGhpcyBpcyBiYXNlNjQ=', '%s\\%s.tmp',
  '0123456789abcdef0123456789abcdef', 'get_user_name', 'std::vector<int>', 'CreateRemoteThread',
];

/** A sample-like buffer: random filler between NUL-terminated strings, with each planted string's offset kept. */
function planted(): { buf: Buffer; at: Map<string, number> } {
  const parts: Buffer[] = [];
  const at = new Map<string, number>();
  let off = 0;
  const put = (b: Buffer, key?: string): void => {
    if (key !== undefined) at.set(key, off);
    parts.push(b);
    off += b.length;
  };
  let seed = 1;
  const filler = (): void => put(lcg(97, seed++));
  filler();
  put(Buffer.from([0, 0]));
  put(Buffer.from(ZH, 'utf16le'), ZH);
  put(Buffer.from([0, 0]));
  filler();
  put(Buffer.from([0, 0, 0]));
  put(Buffer.from(RU, 'utf16le'), RU);
  put(Buffer.from([0, 0]));
  filler();
  put(Buffer.from([0, 0]));
  put(Buffer.from(EN, 'utf16le'), EN);
  put(Buffer.from([0, 0]));
  filler();
  put(Buffer.from([0, 0]));
  put(Buffer.from(JA_BE, 'utf16le').swap16(), JA_BE);
  put(Buffer.from([0, 0]));
  filler();
  for (const s of [DE, ...NOT_PROSE]) {
    put(Buffer.from([0]));
    put(Buffer.from(s, 'latin1'), s);
  }
  put(Buffer.from([0]));
  put(Buffer.from(RU8, 'utf8'), RU8);
  put(Buffer.from([0]));
  filler();
  return { buf: Buffer.concat(parts), at };
}

const find = (list: ExtractedString[], value: string): ExtractedString => {
  const s = list.find((x) => x.value === value);
  assert.ok(s, `string ${JSON.stringify(value)} found among ${list.length}`);
  return s;
};

test('planted strings come back with offset, encoding, script and language', () => {
  const { buf, at } = planted();
  const { strings, summary } = extractStrings(buf);
  const expect: [string, string, string, string][] = [
    [ZH, 'utf-16le', 'Han', 'zh'], [RU, 'utf-16le', 'Cyrillic', 'ru'], [EN, 'utf-16le', 'Latin', 'en'],
    [JA_BE, 'utf-16be', 'Katakana', 'ja'], [DE, 'ascii', 'Latin', 'de'], [RU8, 'utf-8', 'Cyrillic', 'ru'],
  ];
  for (const [value, encoding, script, language] of expect) {
    const s = find(strings, value);
    assert.equal(s.offset, at.get(value));
    assert.equal(s.encoding, encoding);
    // Japanese mixes kana and kanji; either may dominate a short message.
    assert.ok(s.script === script || (script === 'Katakana' && ['Han', 'Hiragana', 'Katakana'].includes(s.script)));
    assert.equal(s.language, language, value);
    assert.ok(s.languageScore! > 0 && s.languageScore! <= 1);
  }
  for (const value of NOT_PROSE) {
    const s = find(strings, value);
    assert.equal(s.offset, at.get(value));
    assert.equal(s.language, undefined, `${value} is not prose`);
  }
  for (const lang of ['zh', 'ru', 'en', 'de', 'ja']) assert.ok(summary.byLanguage[lang]! > 0, lang);
  assert.ok(summary.byScript['Han']! > 0 && summary.byScript['Cyrillic']! > 0 && summary.byScript['Latin']! > 0);
  const total = Object.values(summary.byScript).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 1) < 0.001);
});

test('section names come from the caller’s section map; minimum lengths are honoured', () => {
  const buf = Buffer.concat([Buffer.from('\0abc\0abcd\0'), Buffer.alloc(100), Buffer.from('\0outside section\0')]);
  const { strings } = extractStrings(buf, { sections: [{ name: '.rdata', rawOffset: 0, rawSize: 50 }] });
  assert.deepEqual(strings.map((s) => [s.value, s.offset, s.section]), [['abcd', 5, '.rdata'], ['outside section', 111, undefined]]);
  const longer = extractStrings(buf, { minLength: 5, languages: false }).strings.map((s) => s.value);
  assert.deepEqual(longer, ['outside section']);
  const wide = Buffer.concat([Buffer.from([0, 0]), Buffer.from('short', 'utf16le'), Buffer.from([0, 0]), Buffer.from('longer!', 'utf16le'), Buffer.from([0, 0])]);
  assert.deepEqual(extractStrings(wide).strings.map((s) => s.value), ['longer!']);
  assert.deepEqual(extractStrings(wide, { minLength16: 5 }).strings.map((s) => s.value), ['short', 'longer!']);
});

test('output is deterministic and sorted by offset', () => {
  const { buf } = planted();
  const a = extractStrings(buf);
  assert.deepEqual(extractStrings(buf), a);
  for (let i = 1; i < a.strings.length; i++) assert.ok(a.strings[i - 1]!.offset <= a.strings[i]!.offset);
});

test('random bytes: no crash, few strings, no invented languages', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const buf = lcg(1 + seed * 1733, seed);
    const { strings, summary } = extractStrings(buf);
    for (const s of strings) {
      assert.ok(s.offset >= 0 && s.offset < buf.length);
      assert.ok(s.value.length >= 4);
    }
    assert.deepEqual(summary.byLanguage, {}, `seed ${seed}`);
    assert.ok(strings.filter((s) => s.encoding.startsWith('utf-16')).length <= 2, `seed ${seed}: UTF-16 noise`);
  }
  assert.deepEqual(extractStrings(Buffer.alloc(0)), { strings: [], summary: { byScript: {}, byLanguage: {} } });
  assert.equal(extractStrings(Buffer.from([0x41])).strings.length, 0);
});

/**
 * MSVC linker versions (optional header MajorLinkerVersion.MinorLinkerVersion) and the date each first shipped,
 * from Microsoft's Visual Studio release notes and "Visual Studio product lifecycle" pages (GA dates; for VS2017+
 * the dates of the minor release that introduced the toolset). A binary claiming to be linked before its linker
 * existed carries a rewritten timestamp (or a rewritten linker version).
 */
export const MSVC_LINKERS: readonly [major: number, minor: number, release: string, product: string][] = [
  [5, 0, '1997-03-19', 'Visual C++ 5.0 (VS97)'], [6, 0, '1998-06-29', 'Visual C++ 6.0 (VS98)'],
  [7, 0, '2002-02-13', 'VS.NET 2002'], [7, 10, '2003-04-24', 'VS.NET 2003'], [8, 0, '2005-11-07', 'VS2005'],
  [9, 0, '2007-11-19', 'VS2008'], [10, 0, '2010-04-12', 'VS2010'], [11, 0, '2012-09-12', 'VS2012'],
  [12, 0, '2013-10-17', 'VS2013'], [14, 0, '2015-07-20', 'VS2015'], [14, 10, '2017-03-07', 'VS2017 15.0'],
  [14, 11, '2017-08-14', 'VS2017 15.3'], [14, 12, '2017-12-04', 'VS2017 15.5'], [14, 13, '2018-03-05', 'VS2017 15.6'],
  [14, 14, '2018-05-07', 'VS2017 15.7'], [14, 15, '2018-08-14', 'VS2017 15.8'], [14, 16, '2018-11-13', 'VS2017 15.9'],
  [14, 20, '2019-04-02', 'VS2019 16.0'], [14, 21, '2019-05-21', 'VS2019 16.1'], [14, 22, '2019-07-24', 'VS2019 16.2'],
  [14, 23, '2019-09-23', 'VS2019 16.3'], [14, 24, '2019-12-03', 'VS2019 16.4'], [14, 25, '2020-03-16', 'VS2019 16.5'],
  [14, 26, '2020-05-19', 'VS2019 16.6'], [14, 27, '2020-08-05', 'VS2019 16.7'], [14, 28, '2020-11-10', 'VS2019 16.8'],
  [14, 29, '2021-05-25', 'VS2019 16.10'], [14, 30, '2021-11-08', 'VS2022 17.0'], [14, 31, '2022-02-15', 'VS2022 17.1'],
  [14, 32, '2022-05-10', 'VS2022 17.2'], [14, 33, '2022-08-09', 'VS2022 17.3'], [14, 34, '2022-11-08', 'VS2022 17.4'],
  [14, 35, '2023-02-21', 'VS2022 17.5'], [14, 36, '2023-05-16', 'VS2022 17.6'], [14, 37, '2023-08-08', 'VS2022 17.7'],
  [14, 38, '2023-11-14', 'VS2022 17.8'], [14, 39, '2024-02-13', 'VS2022 17.9'], [14, 40, '2024-05-21', 'VS2022 17.10'],
  [14, 41, '2024-08-13', 'VS2022 17.11'], [14, 42, '2024-11-12', 'VS2022 17.12'], [14, 43, '2025-02-11', 'VS2022 17.13'],
  [14, 44, '2025-05-13', 'VS2022 17.14'],
];

export const MSVC_LINKER_MAJORS: ReadonlySet<number> = new Set(MSVC_LINKERS.map((r) => r[0]));

export function msvcLinker(major: number, minor: number): { release: string; product: string } | undefined {
  const row = MSVC_LINKERS.find((r) => r[0] === major && r[1] === minor);
  return row ? { release: row[2], product: row[3] } : undefined;
}

/** LANGID primary language (low 10 bits) → ISO 639-1, for comparing resource languages with strings' language. */
export const LANGID_PRIMARY: ReadonlyMap<number, string> = new Map([
  [0x01, 'ar'], [0x02, 'bg'], [0x03, 'ca'], [0x04, 'zh'], [0x05, 'cs'], [0x06, 'da'], [0x07, 'de'], [0x08, 'el'],
  [0x09, 'en'], [0x0a, 'es'], [0x0b, 'fi'], [0x0c, 'fr'], [0x0d, 'he'], [0x0e, 'hu'], [0x0f, 'is'], [0x10, 'it'],
  [0x11, 'ja'], [0x12, 'ko'], [0x13, 'nl'], [0x14, 'no'], [0x15, 'pl'], [0x16, 'pt'], [0x18, 'ro'], [0x19, 'ru'],
  [0x1a, 'hr'], [0x1b, 'sk'], [0x1c, 'sq'], [0x1d, 'sv'], [0x1e, 'th'], [0x1f, 'tr'], [0x20, 'ur'], [0x21, 'id'],
  [0x22, 'uk'], [0x23, 'be'], [0x24, 'sl'], [0x25, 'et'], [0x26, 'lv'], [0x27, 'lt'], [0x29, 'fa'], [0x2a, 'vi'],
  [0x2b, 'hy'], [0x2c, 'az'], [0x2d, 'eu'], [0x2f, 'mk'], [0x36, 'af'], [0x37, 'ka'], [0x39, 'hi'], [0x3e, 'ms'],
  [0x3f, 'kk'], [0x41, 'sw'], [0x43, 'uz'], [0x45, 'bn'], [0x50, 'mn'],
]);

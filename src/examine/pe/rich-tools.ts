/**
 * Rich header comp ids → tool names and Visual Studio releases.
 *
 * Product ids follow Microsoft's `prodid` enumeration as reconstructed from link.exe by Daniel Pistelli
 * ("Microsoft's Rich Signature (undocumented)", ntcore.com, 2008) and kept current in dishather/richprint
 * (`comp_id.txt`) and kirschju/richheader (`prodids.py`). From 0x98 on, ids come in families of the same shape
 * (AliasObj, Cvtpgd, Cvtres, Export, Implib, Linker, Masm, then 11 compiler variants), generated below.
 * Since VS2015 every release shares the 14.x ids (0xfd–0x10e); only the build number tells them apart: the
 * build ranges are those of the MSVC toolsets in Microsoft's Visual Studio release notes (14.xx.BBBBB).
 */

const EARLY: readonly string[] = [
  'Unknown', 'Import0', 'Linker510', 'Cvtomf510', 'Linker600', 'Cvtomf600', 'Cvtres500', 'Utc11_Basic', 'Utc11_C',
  'Utc12_Basic', 'Utc12_C', 'Utc12_CPP', 'AliasObj60', 'VisualBasic60', 'Masm613', 'Masm710', 'Linker511',
  'Cvtomf511', 'Masm614', 'Linker512', 'Cvtomf512', 'Utc12_C_Std', 'Utc12_CPP_Std', 'Utc12_C_Book',
  'Utc12_CPP_Book', 'Implib700', 'Cvtomf700', 'Utc13_Basic', 'Utc13_C', 'Utc13_CPP', 'Linker610', 'Cvtomf610',
  'Linker601', 'Cvtomf601', 'Utc12_1_Basic', 'Utc12_1_C', 'Utc12_1_CPP', 'Linker620', 'Cvtomf620', 'AliasObj70',
  'Linker621', 'Cvtomf621', 'Masm615', 'Utc13_LTCG_C', 'Utc13_LTCG_CPP', 'Masm620', 'ILAsm100', 'Utc12_2_Basic',
  'Utc12_2_C', 'Utc12_2_CPP', 'Utc12_2_C_Std', 'Utc12_2_CPP_Std', 'Utc12_2_C_Book', 'Utc12_2_CPP_Book',
  'Implib622', 'Cvtomf622', 'Cvtres501', 'Utc13_C_Std', 'Utc13_CPP_Std', 'Cvtpgd1300', 'Linker622', 'Linker700',
  'Export622', 'Export700', 'Masm700', 'Utc13_POGO_I_C', 'Utc13_POGO_I_CPP', 'Utc13_POGO_O_C', 'Utc13_POGO_O_CPP',
  'Cvtres700', 'Cvtres710p', 'Linker710p', 'Cvtomf710p', 'Export710p', 'Implib710p', 'Masm710p', 'Utc1310p_C',
  'Utc1310p_CPP', 'Utc1310p_C_Std', 'Utc1310p_CPP_Std', 'Utc1310p_LTCG_C', 'Utc1310p_LTCG_CPP',
  'Utc1310p_POGO_I_C', 'Utc1310p_POGO_I_CPP', 'Utc1310p_POGO_O_C', 'Utc1310p_POGO_O_CPP', 'Linker624',
  'Cvtomf624', 'Export624', 'Implib624', 'Linker710', 'Cvtomf710', 'Export710', 'Implib710', 'Cvtres710',
  'Utc1310_C', 'Utc1310_CPP', 'Utc1310_C_Std', 'Utc1310_CPP_Std', 'Utc1310_LTCG_C', 'Utc1310_LTCG_CPP',
  'Utc1310_POGO_I_C', 'Utc1310_POGO_I_CPP', 'Utc1310_POGO_O_C', 'Utc1310_POGO_O_CPP', 'AliasObj710',
  'AliasObj710p', 'Cvtpgd1310', 'Cvtpgd1310p', 'Utc1400_C', 'Utc1400_CPP', 'Utc1400_C_Std', 'Utc1400_CPP_Std',
  'Utc1400_LTCG_C', 'Utc1400_LTCG_CPP', 'Utc1400_POGO_I_C', 'Utc1400_POGO_I_CPP', 'Utc1400_POGO_O_C',
  'Utc1400_POGO_O_CPP', 'Cvtpgd1400', 'Linker800', 'Cvtomf800', 'Export800', 'Implib800', 'Cvtres800', 'Masm800',
  'AliasObj800', 'PhoenixPrerelease', 'Utc1400_CVTCIL_C', 'Utc1400_CVTCIL_CPP', 'Utc1400_LTCG_MSIL', 'Utc1500_C',
  'Utc1500_CPP', 'Utc1500_C_Std', 'Utc1500_CPP_Std', 'Utc1500_CVTCIL_C', 'Utc1500_CVTCIL_CPP', 'Utc1500_LTCG_C',
  'Utc1500_LTCG_CPP', 'Utc1500_LTCG_MSIL', 'Utc1500_POGO_I_C', 'Utc1500_POGO_I_CPP', 'Utc1500_POGO_O_C',
  'Utc1500_POGO_O_CPP', 'Cvtpgd1500', 'Linker900', 'Export900', 'Implib900', 'Cvtres900', 'Masm900', 'AliasObj900',
  'Resource',
];

const VARIANTS = ['C', 'CPP', 'CVTCIL_C', 'CVTCIL_CPP', 'LTCG_C', 'LTCG_CPP', 'LTCG_MSIL', 'POGO_I_C', 'POGO_I_CPP',
  'POGO_O_C', 'POGO_O_CPP'];

/** [tools version, compiler version] of each 18-id family from 0xb5; 0x98–0xb4 (VS2010) is laid out by hand below. */
const FAMILIES: readonly [string, string][] = [['1010', '1610'], ['1100', '1700'], ['1200', '1800'], ['1210', '1810'], ['1400', '1900']];

function buildNames(): string[] {
  const names = [...EARLY];
  names.push('AliasObj1000', 'Cvtpgd1600', 'Cvtres1000', 'Export1000', 'Implib1000', 'Linker1000', 'Masm1000');
  for (const v of VARIANTS) names.push(`Phx1600_${v}`);
  for (const v of VARIANTS) names.push(`Utc1600_${v}`);
  for (const [tools, utc] of FAMILIES) {
    names.push(`AliasObj${tools}`, `Cvtpgd${utc}`, `Cvtres${tools}`, `Export${tools}`, `Implib${tools}`, `Linker${tools}`, `Masm${tools}`);
    for (const v of VARIANTS) names.push(`Utc${utc}_${v}`);
  }
  return names;
}

export const PRODUCT_NAMES: readonly string[] = buildNames();

/** Tool version suffix (Linker/Masm/Cvtres numbering, or Utc numbering) → Visual Studio release. */
const SUFFIX_VS: ReadonlyMap<string, string> = new Map([
  ['510', 'VS97 (5.0)'], ['511', 'VS97 (5.0)'], ['512', 'VS97 (5.0)'], ['600', 'VS98 (6.0)'], ['601', 'VS98 (6.0)'],
  ['610', 'VS98 (6.0)'], ['620', 'VS98 (6.0)'], ['621', 'VS98 (6.0)'], ['622', 'VS98 (6.0)'], ['624', 'VS98 (6.0)'],
  ['12', 'VS98 (6.0)'], ['12_1', 'VS98 (6.0)'], ['12_2', 'VS98 (6.0)'], ['613', 'VS98 (6.0)'], ['614', 'VS98 (6.0)'],
  ['615', 'VS98 (6.0)'], ['60', 'VS98 (6.0)'],
  ['700', 'VS2002 (7.0)'], ['13', 'VS2002 (7.0)'], ['1300', 'VS2002 (7.0)'], ['70', 'VS2002 (7.0)'],
  ['710', 'VS2003 (7.1)'], ['710p', 'VS2003 (7.1)'], ['1310', 'VS2003 (7.1)'], ['1310p', 'VS2003 (7.1)'],
  ['800', 'VS2005 (8.0)'], ['1400', 'VS2005 (8.0)'], ['900', 'VS2008 (9.0)'], ['1500', 'VS2008 (9.0)'],
  ['1000', 'VS2010 (10.0)'], ['1600', 'VS2010 (10.0)'], ['1010', 'VS2010 (10.10)'], ['1610', 'VS2010 (10.10)'],
  ['1100', 'VS2012 (11.0)'], ['1700', 'VS2012 (11.0)'], ['1200', 'VS2013 (12.0)'], ['1800', 'VS2013 (12.0)'],
  ['1210', 'VS2013 (12.10)'], ['1810', 'VS2013 (12.10)'],
]);

/** First build of each MSVC 14.x toolset → [linker minor version, Visual Studio release]. Sorted by build. */
export const MSVC14_BUILDS: readonly [number, number, string][] = [
  [23026, 0, 'VS2015 (14.0)'], [25017, 10, 'VS2017 15.0'], [25503, 11, 'VS2017 15.3'], [25830, 12, 'VS2017 15.5'],
  [26128, 13, 'VS2017 15.6'], [26428, 14, 'VS2017 15.7'], [26726, 15, 'VS2017 15.8'], [27023, 16, 'VS2017 15.9'],
  [27508, 20, 'VS2019 16.0'], [27702, 21, 'VS2019 16.1'], [27905, 22, 'VS2019 16.2'], [28105, 23, 'VS2019 16.3'],
  [28314, 24, 'VS2019 16.4'], [28610, 25, 'VS2019 16.5'], [28801, 26, 'VS2019 16.6'], [29110, 27, 'VS2019 16.7'],
  [29333, 28, 'VS2019 16.8'], [29910, 28, 'VS2019 16.9'], [30037, 29, 'VS2019 16.10'], [30133, 29, 'VS2019 16.11'],
  [30705, 30, 'VS2022 17.0'], [31104, 31, 'VS2022 17.1'], [31326, 32, 'VS2022 17.2'], [31629, 33, 'VS2022 17.3'],
  [31933, 34, 'VS2022 17.4'], [32215, 35, 'VS2022 17.5'], [32532, 36, 'VS2022 17.6'], [32822, 37, 'VS2022 17.7'],
  [33130, 38, 'VS2022 17.8'], [33519, 39, 'VS2022 17.9'], [33808, 40, 'VS2022 17.10'], [34120, 41, 'VS2022 17.11'],
  [34433, 42, 'VS2022 17.12'], [34808, 43, 'VS2022 17.13'], [35207, 44, 'VS2022 17.14'],
];

/** The MSVC 14.x toolset a build number belongs to (undefined before VS2015 RTM or for odd builds). */
export function msvc14Toolset(build: number): { linkerMinor: number; visualStudio: string } | undefined {
  let hit: [number, number, string] | undefined;
  for (const row of MSVC14_BUILDS) if (build >= row[0]) hit = row;
  return hit ? { linkerMinor: hit[1], visualStudio: hit[2] } : undefined;
}

export function toolName(productId: number): string {
  return PRODUCT_NAMES[productId] ?? 'unknown';
}

/** Linker version (major, minor) that a `Linker*` tool name stands for; for 14.x the build decides the minor. */
export function linkerVersionOf(tool: string, build: number): { major: number; minor: number } | undefined {
  const m = /^Linker(\d+?)(\d\d)p?$/.exec(tool);
  if (!m) return undefined;
  const major = Number(m[1]);
  if (major === 14) return { major, minor: msvc14Toolset(build)?.linkerMinor ?? 0 };
  return { major, minor: Number(m[2]) };
}

export function visualStudioOf(productId: number, build: number): string | undefined {
  const name = toolName(productId);
  if (productId >= 0xfd && productId <= 0x10e) return msvc14Toolset(build)?.visualStudio ?? 'VS2015+ (14.x)';
  const m = /^(?:Utc|Linker|Cvtomf|Cvtres|Cvtpgd|Export|Implib|Masm|AliasObj|Phx)(\d+(?:_\d)?p?)/.exec(name);
  if (!m) return undefined;
  return SUFFIX_VS.get(m[1]!);
}

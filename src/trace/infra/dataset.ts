/**
 * The offline enrichment dataset: ip-location-db's `asn` (RouteViews + RIR + DB-IP ASN Lite, CC BY 4.0: attribution
 * "IP to ASN data by DB-IP" and RouteViews) and `asn-country` (RIR delegation country, CC0), installed as npm packages.
 * Country is where the address block is registered, never where a person is or what nationality they have.
 * Hosting and anonymiser flags come from the provider name (a short curated list below), not from a reputation feed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VeritraceError } from '../../model/index.js';
import { RangeTable } from './ranges.js';

export interface Enrichment {
  asn: number | null;
  org: string | null;
  country: string | null;
  hosting: boolean;
  anonymiser: boolean;
  dataset: string;
  datasetDate: string;
}

/** Providers whose address space is mostly rented servers (VPS, cloud, dedicated hosting). */
export const HOSTING = /\b(vultr|choopa|the constant company|akamai technologies|digitalocean|linode|akamai connected cloud|hetzner|ovh|amazon|aws|google cloud|google llc|microsoft|azure|alibaba|tencent|oracle|contabo|leaseweb|hostinger|ionos|scaleway|online s\.a\.s|netcup|servers\.com|hostwinds|psychz|quadranet|colocrossing|buyvm|frantech|m247|datacamp|cdn77|g-core|gcore|kamatera|ramnode|upcloud|time4vps|serverius|worldstream|selectel|timeweb|aeza|stark industries|pq hosting|cloudflare|fastly)\b/i;
/** Providers known chiefly for VPN or anonymity services (a weak hint; many also sell plain servers). */
export const ANONYMISER = /\b(m247|datacamp|mullvad|31173 services|privado|proton|nord|tefincom|packethub|ipxo|tor exit|foundation for applied privacy|emerald onion)\b/i;

function pkgDir(name: string): string {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch (e) {
    throw new VeritraceError(`the offline enrichment dataset ${name} is not installed (npm ci installs it with veritrace)`, { cause: e });
  }
}

/** The dataset's package version carries its build date (2.3.YYYYMMDDHH). */
function versionOf(dir: string): { version: string; date: string } {
  const version = String((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version);
  const m = version.match(/\.(\d{4})(\d{2})(\d{2})\d{0,2}$/);
  return { version, date: m ? `${m[1]}-${m[2]}-${m[3]}` : 'unknown' };
}

export interface DatasetFiles {
  name: string;
  date: string;
  asnV4: string;
  asnV6: string;
  countryV4: string;
  countryV6: string;
}

/** Where the dataset's files are and what it is called, without loading it. */
export function datasetFiles(): DatasetFiles {
  const a = pkgDir('@ip-location-db/asn');
  const c = pkgDir('@ip-location-db/asn-country');
  const av = versionOf(a);
  const cv = versionOf(c);
  return {
    name: `@ip-location-db/asn@${av.version} + @ip-location-db/asn-country@${cv.version}`, date: av.date,
    asnV4: join(a, 'asn-ipv4-num.csv'), asnV6: join(a, 'asn-ipv6-num.csv'),
    countryV4: join(c, 'asn-country-ipv4-num.csv'), countryV6: join(c, 'asn-country-ipv6-num.csv'),
  };
}

export class AddressDataset {
  private static loaded: AddressDataset | null = null;
  readonly name: string;
  readonly date: string;
  private constructor(private readonly asn: RangeTable<{ asn: number; org: string }>, private readonly cc: RangeTable<string>, name: string, date: string) {
    this.name = name;
    this.date = date;
  }

  /** Load once per process (about a second: 720,000 ranges). */
  static get(): AddressDataset {
    if (AddressDataset.loaded) return AddressDataset.loaded;
    const f = datasetFiles();
    const asn = RangeTable.load(f.asnV4, f.asnV6, (x) => ({ asn: Number(x[0]), org: x[1] ?? '' }));
    const cc = RangeTable.load(f.countryV4, f.countryV6, (x) => x[0] ?? '');
    AddressDataset.loaded = new AddressDataset(asn, cc, f.name, f.date);
    return AddressDataset.loaded;
  }

  private flags = new Map<string, { hosting: boolean; anonymiser: boolean }>();

  enrich(address: string): Enrichment {
    const a = this.asn.lookup(address);
    const org = a?.org || null;
    let f = org === null ? undefined : this.flags.get(org);
    if (org !== null && f === undefined) {
      f = { hosting: HOSTING.test(org), anonymiser: ANONYMISER.test(org) };
      this.flags.set(org, f);
    }
    return {
      asn: a?.asn ?? null, org, country: this.cc.lookup(address) || null,
      hosting: f?.hosting ?? false, anonymiser: f?.anonymiser ?? false,
      dataset: this.name, datasetDate: this.date,
    };
  }
}

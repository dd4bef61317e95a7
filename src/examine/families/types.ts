/** Families of samples: plain data, serialisable as JSON. */

export interface FamilySample {
  sha256: string;
  /** TLSH digest (either form); null or absent when TLSH is undefined for the sample. */
  tlsh?: string | null;
  /** pefile-style imphash; absent for non-PE samples or PEs without imports. */
  imphash?: string | null;
  /** Rich header hash; absent when the PE has no Rich header. */
  richHash?: string | null;
}

export interface FamilyOptions {
  /** Largest TLSH distance that links two samples; default 100 (a common "likely related" cut-off). */
  tlshThreshold?: number;
}

/** Two members whose TLSH digests are within the threshold. */
export interface TlshLink {
  a: string;
  b: string;
  distance: number;
}

/** Members sharing one exact imphash or rich hash. */
export interface SharedValue {
  value: string;
  members: string[];
}

export interface Family {
  /** `fam-` and the first 16 hex digits of SHA-256 over the sorted member hashes: stable across runs and input order. */
  id: string;
  /** Member SHA-256s, sorted. */
  members: string[];
  /** Every pair of members within the TLSH threshold, with its distance (sorted by a, then b). */
  tlshLinks: TlshLink[];
  /** Imphash values shared by two or more members. */
  sharedImphash: SharedValue[];
  /** Rich hash values shared by two or more members. */
  sharedRichHash: SharedValue[];
}

/**
 * The rule that tells a person at a keyboard from a machine, as a pure function so scenario generators (attribution's
 * working-hours tests) can apply exactly the rule the trace applies. Order matters: a periodic pattern beats an
 * interactive logon (scripts log in over SSH too), and a service account without an interactive logon is a machine.
 */
export type SessionClass = 'human' | 'automated';

export interface SessionFeatures {
  /** How the session began: 'ssh', 'rdp', 'console', 'cached' (interactive), another logon kind, or null (no logon seen). */
  logonKind: string | null;
  user: string | null;
  /** Seconds between consecutive events of the session. */
  gapsS: readonly number[];
  /** Command lines run in the session, in order. */
  commands: readonly string[];
  /** Seconds between the starts of this account's sessions from the same source on the same host (all of them). */
  siblingStartGapsS?: readonly number[];
}

export interface Classification {
  class: SessionClass;
  reason: string;
}

const INTERACTIVE = new Set(['ssh', 'rdp', 'console', 'cached', 'unlock']);
const SERVICE_USERS = /^(system|local service|network service|nt authority\\.*|root|daemon|nobody|chrony|ntp|systemd-.*|_.*|uid:\d{1,3})$|\$$/i;

/** Coefficient of variation; Infinity when undefined (fewer than two values or zero mean). */
export function coefficientOfVariation(xs: readonly number[]): number {
  if (xs.length < 2) return Infinity;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (mean <= 0) return Infinity;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  return sd / mean;
}

export function classifySession(f: SessionFeatures): Classification {
  const interactive = f.logonKind !== null && INTERACTIVE.has(f.logonKind);
  const sib = f.siblingStartGapsS ?? [];
  if (sib.length >= 3 && coefficientOfVariation(sib) < 0.1) {
    return { class: 'automated', reason: `scheduled: sessions start every ${Math.round(sib.reduce((a, b) => a + b, 0) / sib.length)} s` };
  }
  if (f.gapsS.length >= 3 && coefficientOfVariation(f.gapsS) < 0.1) {
    return { class: 'automated', reason: `periodic activity (gap CV ${coefficientOfVariation(f.gapsS).toFixed(2)})` };
  }
  if (!interactive && f.user !== null && SERVICE_USERS.test(f.user)) return { class: 'automated', reason: `service account ${f.user}` };
  if (interactive) return { class: 'human', reason: `interactive logon (${f.logonKind})` };
  const distinct = new Set(f.commands).size;
  if (f.commands.length >= 2 && distinct >= 2 && coefficientOfVariation(f.gapsS) >= 0.3) {
    return { class: 'human', reason: `irregular sequence of ${distinct} different commands` };
  }
  return { class: 'automated', reason: 'no interactive logon and no irregular command sequence' };
}

/**
 * ATT&CK mapping of the event kinds the timeline shows. Findings bring their own tactics in Sigma tags
 * (`attack.<tactic>`, `attack.t<number>`); everything else is mapped here, by image name for process creation.
 * A mapping names a tactic only when the event kind implies it; a bare connection to an unknown address is not C2.
 */
export interface AttackMapping {
  tactic: string;
  technique: string | null;
  label: string;
}

/** Process images (file name, lower case, without `.exe`) and what running them usually means. */
export const IMAGE_TACTICS: Readonly<Record<string, AttackMapping>> = {
  whoami: { tactic: 'discovery', technique: 'T1033', label: 'account discovery' },
  net: { tactic: 'discovery', technique: 'T1087', label: 'account/group discovery' },
  net1: { tactic: 'discovery', technique: 'T1087', label: 'account/group discovery' },
  nltest: { tactic: 'discovery', technique: 'T1482', label: 'domain trust discovery' },
  tasklist: { tactic: 'discovery', technique: 'T1057', label: 'process discovery' },
  ipconfig: { tactic: 'discovery', technique: 'T1016', label: 'network configuration discovery' },
  systeminfo: { tactic: 'discovery', technique: 'T1082', label: 'system information discovery' },
  quser: { tactic: 'discovery', technique: 'T1033', label: 'session discovery' },
  nslookup: { tactic: 'discovery', technique: 'T1018', label: 'remote system discovery' },
  certutil: { tactic: 'command-and-control', technique: 'T1105', label: 'ingress tool transfer' },
  bitsadmin: { tactic: 'command-and-control', technique: 'T1105', label: 'ingress tool transfer' },
  schtasks: { tactic: 'persistence', technique: 'T1053.005', label: 'scheduled task' },
  at: { tactic: 'persistence', technique: 'T1053.002', label: 'at job' },
  sc: { tactic: 'persistence', technique: 'T1543.003', label: 'service' },
  rundll32: { tactic: 'defense-evasion', technique: 'T1218.011', label: 'rundll32 proxy execution' },
  regsvr32: { tactic: 'defense-evasion', technique: 'T1218.010', label: 'regsvr32 proxy execution' },
  mshta: { tactic: 'defense-evasion', technique: 'T1218.005', label: 'mshta proxy execution' },
  powershell: { tactic: 'execution', technique: 'T1059.001', label: 'PowerShell' },
  pwsh: { tactic: 'execution', technique: 'T1059.001', label: 'PowerShell' },
  wmic: { tactic: 'execution', technique: 'T1047', label: 'WMI' },
  psexec: { tactic: 'lateral-movement', technique: 'T1569.002', label: 'service execution' },
  psexesvc: { tactic: 'lateral-movement', technique: 'T1569.002', label: 'service execution' },
  vssadmin: { tactic: 'impact', technique: 'T1490', label: 'inhibit system recovery' },
  wevtutil: { tactic: 'defense-evasion', technique: 'T1070.001', label: 'clear event logs' },
  procdump: { tactic: 'credential-access', technique: 'T1003.001', label: 'LSASS memory' },
  mimikatz: { tactic: 'credential-access', technique: 'T1003', label: 'credential dumping' },
  reg: { tactic: 'defense-evasion', technique: 'T1112', label: 'modify registry' },
  netsh: { tactic: 'defense-evasion', technique: 'T1562.004', label: 'firewall change' },
  chronyc: { tactic: 'impact', technique: null, label: 'time-service control' },
  timedatectl: { tactic: 'impact', technique: null, label: 'system time change' },
  ntpdate: { tactic: 'impact', technique: null, label: 'system time change' },
};

export const LOGON_TACTICS: Readonly<Record<string, AttackMapping>> = {
  external_success: { tactic: 'initial-access', technique: 'T1133', label: 'logon from an external address (external remote service, valid account T1078)' },
  external_failure: { tactic: 'credential-access', technique: 'T1110', label: 'failed logon from an external address' },
  rdp: { tactic: 'lateral-movement', technique: 'T1021.001', label: 'RDP logon from another host' },
  ssh: { tactic: 'lateral-movement', technique: 'T1021.004', label: 'SSH logon from another host' },
  network: { tactic: 'lateral-movement', technique: 'T1021.002', label: 'network logon from another host' },
  service: { tactic: 'lateral-movement', technique: 'T1569.002', label: 'service installed from another host' },
};

/** Tactic names from Sigma tags: `attack.lateral_movement` → `lateral-movement`; technique tags are not tactics. */
export function tacticsFromTags(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    const m = t.toLowerCase().match(/^attack\.([a-z_-]+)$/);
    if (m && !/^(t\d|g\d|s\d)/.test(m[1]!)) out.add(m[1]!.replace(/_/g, '-'));
  }
  return [...out].sort();
}

/** The image table as SQL VALUES, for joining in the engine. */
export function imageTacticsValues(str: (s: string) => string): string {
  return Object.entries(IMAGE_TACTICS)
    .map(([k, v]) => `(${str(k)}, ${str(v.tactic)}, ${v.technique === null ? 'NULL' : str(v.technique)}, ${str(v.label)})`).join(', ');
}

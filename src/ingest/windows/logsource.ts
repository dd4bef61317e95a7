/**
 * Channel / provider / EventID → Sigma logsource (`product: windows`, `service`, `category`), after the Sigma
 * taxonomy appendix (v2.1) and SigmaHQ's `tests/logsource.json`. One function, used by the EVTX and JSON readers,
 * so a rule sees the same logsource whichever way the event arrived.
 */

export interface WinLogsource {
  product: 'windows';
  service?: string;
  category?: string;
}

/** Channel (lower case) → Sigma service, as the taxonomy's "Service" table lists them. */
const SERVICE_BY_CHANNEL: ReadonlyMap<string, string> = new Map(Object.entries({
  'security': 'security',
  'system': 'system',
  'application': 'application',
  'microsoft-windows-sysmon/operational': 'sysmon',
  'microsoft-windows-powershell/operational': 'powershell',
  'powershellcore/operational': 'powershell',
  'windows powershell': 'powershell-classic',
  'microsoft-windows-taskscheduler/operational': 'taskscheduler',
  'microsoft-windows-wmi-activity/operational': 'wmi',
  'microsoft-windows-windows defender/operational': 'windefend',
  'microsoft-windows-application-experience/program-telemetry': 'application-experience',
  'microsoft-windows-application-experience/program-compatibility-assistant': 'application-experience',
  'microsoft-windows-applocker/msi and script': 'applocker',
  'microsoft-windows-applocker/exe and dll': 'applocker',
  'microsoft-windows-applocker/packaged app-deployment': 'applocker',
  'microsoft-windows-applocker/packaged app-execution': 'applocker',
  'microsoft-windows-appmodel-runtime/admin': 'appmodel-runtime',
  'microsoft-windows-appxdeploymentserver/operational': 'appxdeployment-server',
  'microsoft-windows-appxpackaging/operational': 'appxpackaging-om',
  'microsoft-windows-bitlocker/bitlocker management': 'bitlocker',
  'microsoft-windows-bits-client/operational': 'bits-client',
  'microsoft-windows-capi2/operational': 'capi2',
  'microsoft-windows-certificateservicesclient-lifecycle-system/operational': 'certificateservicesclient-lifecycle-system',
  'microsoft-windows-codeintegrity/operational': 'codeintegrity-operational',
  'microsoft-windows-dhcp-server/operational': 'dhcp',
  'microsoft-windows-diagnosis-scripted/operational': 'diagnosis-scripted',
  'microsoft-windows-dns client events/operational': 'dns-client',
  'dns server': 'dns-server',
  'microsoft-windows-dns-server/analytical': 'dns-server-analytic',
  'microsoft-windows-dns-server/audit': 'dns-server-audit',
  'microsoft-windows-driverframeworks-usermode/operational': 'driver-framework',
  'microsoft-windows-windows firewall with advanced security/firewall': 'firewall-as',
  'microsoft-windows-hyper-v-worker': 'hyper-v-worker',
  'microsoft-iis-configuration/operational': 'iis-configuration',
  'microsoft-windows-kernel-eventtracing': 'kernel-event-tracing',
  'microsoft-windows-kernel-shimengine/operational': 'kernel-shimengine',
  'microsoft-windows-kernel-shimengine/diagnostic': 'kernel-shimengine',
  'microsoft-windows-ldap-client/debug': 'ldap',
  'microsoft-windows-lsa/operational': 'lsa-server',
  'msexchange management': 'msexchange-management',
  'microsoft-windows-ntfs/operational': 'ntfs',
  'microsoft-windows-ntlm/operational': 'ntlm',
  'openssh/operational': 'openssh',
  'microsoft-windows-printservice/admin': 'printservice-admin',
  'microsoft-windows-printservice/operational': 'printservice-operational',
  'microsoft-windows-security-mitigations/kernel mode': 'security-mitigations',
  'microsoft-windows-security-mitigations/user mode': 'security-mitigations',
  'microsoft-windows-sense/operational': 'sense',
  'microsoft-servicebus-client/operational': 'servicebus-client',
  'microsoft-servicebus-client/admin': 'servicebus-client',
  'microsoft-windows-shell-core/operational': 'shell-core',
  'microsoft-windows-smbclient/security': 'smbclient-security',
  'microsoft-windows-smbclient/connectivity': 'smbclient-connectivity',
  'microsoft-windows-smbserver/connectivity': 'smbserver-connectivity',
  'microsoft-windows-terminalservices-localsessionmanager/operational': 'terminalservices-localsessionmanager',
  'microsoft-windows-vhdmp/operational': 'vhdmp',
}));

/** Sysmon event id → category (taxonomy "Category" table). 12 is decided by EventType, see below. */
const SYSMON_CATEGORY: Record<number, string> = {
  1: 'process_creation', 2: 'file_change', 3: 'network_connection', 4: 'sysmon_status', 5: 'process_termination',
  6: 'driver_load', 7: 'image_load', 8: 'create_remote_thread', 9: 'raw_access_thread', 10: 'process_access',
  11: 'file_event', 13: 'registry_set', 14: 'registry_rename', 15: 'create_stream_hash', 16: 'sysmon_status',
  17: 'pipe_created', 18: 'pipe_created', 19: 'wmi_event', 20: 'wmi_event', 21: 'wmi_event', 22: 'dns_query',
  23: 'file_delete', 24: 'clipboard_capture', 25: 'process_tampering', 26: 'file_delete_detected',
  27: 'file_block_executable', 28: 'file_block_shredding', 29: 'file_executable_detected', 255: 'sysmon_error',
};

/** Sysmon's provider name, for exports that lost the channel but kept the provider. */
const SYSMON_PROVIDER = 'microsoft-windows-sysmon';

/**
 * The logsource of one Windows event. `eventType` is Sysmon's EventType (12 is `CreateKey` or `DeleteKey`/
 * `DeleteValue`). Sysmon 12/13/14 get the specific registry_* category; a rule on `registry_event` covers all three,
 * which is the detection stage's business (the taxonomy lists 12, 13 and 14 under registry_event).
 */
export function windowsLogsource(channel: string | undefined, provider: string | undefined,
  eventId: number | undefined, eventType?: string): WinLogsource {
  const ch = (channel ?? '').trim().toLowerCase();
  let service = SERVICE_BY_CHANNEL.get(ch);
  if (service === undefined && (provider ?? '').toLowerCase() === SYSMON_PROVIDER) service = 'sysmon';
  const out: WinLogsource = { product: 'windows' };
  if (service !== undefined) out.service = service;
  const category = categoryOf(service, eventId, eventType);
  if (category !== undefined) out.category = category;
  return out;
}

function categoryOf(service: string | undefined, id: number | undefined, eventType: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  switch (service) {
    case 'sysmon':
      if (id === 12) return /^Delete/i.test(eventType ?? '') ? 'registry_delete' : 'registry_add';
      return SYSMON_CATEGORY[id];
    case 'security':
      // The Windows audit equivalents that pySigma's windows-audit pipeline maps these categories to.
      if (id === 4688) return 'process_creation';
      if (id === 5156) return 'network_connection';
      return undefined;
    case 'powershell':
      if (id === 4104) return 'ps_script';
      if (id === 4103) return 'ps_module';
      return undefined;
    case 'powershell-classic':
      if (id === 400) return 'ps_classic_start';
      if (id === 600) return 'ps_classic_provider_start';
      if (id === 800) return 'ps_classic_script';
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Windows logsources as SigmaHQ's rules assume them (the mappings of pySigma's Sysmon and Windows-audit pipelines):
 * each `category` is a set of (channel, event ids) with, for Security 4688/4689, the renames that make Sysmon field
 * names work; each `service` is one or more event-log channels.
 */
import type { Variant } from './types.js';

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

/** Sigma `service` → channel(s). */
export const WINDOWS_CHANNELS: Record<string, string[]> = {
  security: ['Security'],
  system: ['System'],
  application: ['Application'],
  sysmon: [SYSMON],
  powershell: ['Microsoft-Windows-PowerShell/Operational'],
  'powershell-classic': ['Windows PowerShell'],
  taskscheduler: ['Microsoft-Windows-TaskScheduler/Operational'],
  wmi: ['Microsoft-Windows-WMI-Activity/Operational'],
  'dns-server': ['DNS Server'],
  'dns-server-analytic': ['Microsoft-Windows-DNS-Server/Analytical'],
  'dns-client': ['Microsoft-Windows-DNS Client Events/Operational'],
  'driver-framework': ['Microsoft-Windows-DriverFrameworks-UserMode/Operational'],
  ntlm: ['Microsoft-Windows-NTLM/Operational'],
  dhcp: ['Microsoft-Windows-DHCP-Server/Operational'],
  'msexchange-management': ['MSExchange Management'],
  applocker: [
    'Microsoft-Windows-AppLocker/MSI and Script', 'Microsoft-Windows-AppLocker/EXE and DLL',
    'Microsoft-Windows-AppLocker/Packaged app-Deployment', 'Microsoft-Windows-AppLocker/Packaged app-Execution',
  ],
  'printservice-admin': ['Microsoft-Windows-PrintService/Admin'],
  'printservice-operational': ['Microsoft-Windows-PrintService/Operational'],
  'codeintegrity-operational': ['Microsoft-Windows-CodeIntegrity/Operational'],
  'smbclient-security': ['Microsoft-Windows-SmbClient/Security'],
  'smbclient-connectivity': ['Microsoft-Windows-SmbClient/Connectivity'],
  'smbserver-connectivity': ['Microsoft-Windows-SMBServer/Connectivity'],
  'firewall-as': ['Microsoft-Windows-Windows Firewall With Advanced Security/Firewall'],
  'bits-client': ['Microsoft-Windows-Bits-Client/Operational'],
  windefend: ['Microsoft-Windows-Windows Defender/Operational'],
  'terminalservices-localsessionmanager': ['Microsoft-Windows-TerminalServices-LocalSessionManager/Operational'],
  'microsoft-servicebus-client': ['Microsoft-ServiceBus-Client'],
  ldap: ['Microsoft-Windows-LDAP-Client/Debug'],
  'appmodel-runtime': ['Microsoft-Windows-AppModel-Runtime/Admin'],
  'appxpackaging-om': ['Microsoft-Windows-AppxPackaging/Operational'],
  'appxdeployment-server': ['Microsoft-Windows-AppXDeploymentServer/Operational'],
  'lsa-server': ['Microsoft-Windows-LSA/Operational'],
  'security-mitigations': ['Microsoft-Windows-Security-Mitigations/Kernel Mode', 'Microsoft-Windows-Security-Mitigations/User Mode'],
  'diagnosis-scripted': ['Microsoft-Windows-Diagnosis-Scripted/Operational'],
  'shell-core': ['Microsoft-Windows-Shell-Core/Operational'],
  openssh: ['OpenSSH/Operational'],
  capi2: ['Microsoft-Windows-CAPI2/Operational'],
  'certificateservicesclient-lifecycle-system': ['Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational'],
  'iis-configuration': ['Microsoft-IIS-Configuration/Operational'],
  vhdmp: ['Microsoft-Windows-VHDMP/Operational'],
  'kernel-shimengine': ['Microsoft-Windows-Kernel-ShimEngine/Operational'],
  'hyper-v-worker': ['Microsoft-Windows-Hyper-V-Worker'],
};

const sysmon = (name: string, ids: number[]): Variant => ({ name: `windows-sysmon-${name}`, product: 'windows', channels: [SYSMON], eventIds: ids, renames: {} });

/** Sigma `category` → where the events come from. */
export const WINDOWS_CATEGORIES: Record<string, Variant[]> = {
  process_creation: [
    sysmon('process_creation', [1]),
    {
      name: 'windows-security-4688-process_creation', product: 'windows', channels: ['Security'], eventIds: [4688],
      renames: { Image: 'NewProcessName', ParentImage: 'ParentProcessName', LogonId: 'SubjectLogonId' },
    },
  ],
  file_change: [sysmon('file_change', [2])],
  network_connection: [sysmon('network_connection', [3])],
  sysmon_status: [sysmon('sysmon_status', [4, 16])],
  process_termination: [
    sysmon('process_termination', [5]),
    { name: 'windows-security-4689-process_termination', product: 'windows', channels: ['Security'], eventIds: [4689], renames: { Image: 'ProcessName' } },
  ],
  driver_load: [sysmon('driver_load', [6])],
  image_load: [sysmon('image_load', [7])],
  create_remote_thread: [sysmon('create_remote_thread', [8])],
  raw_access_thread: [sysmon('raw_access_thread', [9])],
  process_access: [sysmon('process_access', [10])],
  file_event: [sysmon('file_event', [11])],
  registry_add: [sysmon('registry_add', [12])],
  registry_delete: [sysmon('registry_delete', [12])],
  registry_set: [sysmon('registry_set', [13])],
  registry_rename: [sysmon('registry_rename', [14])],
  registry_event: [sysmon('registry_event', [12, 13, 14])],
  create_stream_hash: [sysmon('create_stream_hash', [15])],
  pipe_created: [sysmon('pipe_created', [17, 18])],
  wmi_event: [sysmon('wmi_event', [19, 20, 21])],
  dns_query: [sysmon('dns_query', [22])],
  file_delete: [sysmon('file_delete', [23, 26])],
  clipboard_change: [sysmon('clipboard_change', [24])],
  process_tampering: [sysmon('process_tampering', [25])],
  file_delete_detected: [sysmon('file_delete_detected', [26])],
  file_block_executable: [sysmon('file_block_executable', [27])],
  file_block_shredding: [sysmon('file_block_shredding', [28])],
  file_executable_detected: [sysmon('file_executable_detected', [29])],
  sysmon_error: [sysmon('sysmon_error', [255])],
  ps_module: [{ name: 'windows-powershell-4103-ps_module', product: 'windows', channels: ['Microsoft-Windows-PowerShell/Operational'], eventIds: [4103], renames: {} }],
  ps_script: [{ name: 'windows-powershell-4104-ps_script', product: 'windows', channels: ['Microsoft-Windows-PowerShell/Operational'], eventIds: [4104], renames: {} }],
  ps_classic_start: [{ name: 'windows-powershell-classic-400', product: 'windows', channels: ['Windows PowerShell'], eventIds: [400], renames: {} }],
  ps_classic_provider_start: [{ name: 'windows-powershell-classic-600', product: 'windows', channels: ['Windows PowerShell'], eventIds: [600], renames: {} }],
  ps_classic_script: [{ name: 'windows-powershell-classic-800', product: 'windows', channels: ['Windows PowerShell'], eventIds: [800], renames: {} }],
};

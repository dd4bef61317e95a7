/**
 * Which Zeek log a record belongs to (`conn`, `dns`, `ssl`, …) and the Sigma logsource that follows from it.
 * SigmaHQ's Zeek rules select `product: zeek` and `service: <log type>`; its generic DNS rules select
 * `category: dns` and use Zeek's own `query` field, so Zeek's dns log carries that category too. No other
 * Zeek log has a SigmaHQ category whose field names it shares (the `proxy` category names `c-uri`, `cs-host`, …).
 */

/** Log types of Zeek's standard scripts and common packages, for recognising a file name. */
const KNOWN_LOG_TYPES = new Set([
  'analyzer', 'broker', 'capture_loss', 'cluster', 'config', 'conn', 'dce_rpc', 'dhcp', 'dnp3', 'dns', 'dpd', 'files',
  'ftp', 'http', 'intel', 'irc', 'kerberos', 'known_certs', 'known_hosts', 'known_modbus', 'known_services', 'ldap',
  'ldap_search', 'loaded_scripts', 'modbus', 'modbus_register_change', 'mqtt_connect', 'mqtt_publish', 'mqtt_subscribe',
  'mysql', 'netcontrol', 'netcontrol_drop', 'netcontrol_shunt', 'notice', 'notice_alarm', 'ntlm', 'ntp', 'ocsp',
  'openflow', 'packet_filter', 'pe', 'postgresql', 'print', 'quic', 'radius', 'rdp', 'redis', 'reporter', 'rfb',
  'signatures', 'sip', 'smb_cmd', 'smb_files', 'smb_mapping', 'smtp', 'snmp', 'socks', 'software', 'ssh', 'ssl', 'stats',
  'stderr', 'stdout', 'syslog', 'telemetry', 'traceroute', 'tunnel', 'unified2', 'weird', 'weird_stats', 'websocket',
  'x509', 'ecat_registers', 'bacnet', 'cip', 's7comm', 'enip', 'iec104', 'opcua_binary',
]);

/**
 * The log type from a file name: `conn.log`, `dns.04:00:00-05:00:00.log.gz`, `ssl.json.gz`, `zeek/x509.log`.
 * Only names Zeek writes are trusted; `test.log` says nothing.
 */
export function logTypeFromFileName(path: string): string | undefined {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.indexOf('.');
  const stem = dot < 0 ? base : base.slice(0, dot);
  return KNOWN_LOG_TYPES.has(stem) ? stem : undefined;
}

/** Field-set signatures, most specific first: every listed field must be present. */
const SIGNATURES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['conn', ['conn_state']],
  ['dns', ['qtype_name']],
  ['dns', ['query', 'rcode']],
  ['x509', ['certificate.subject']],
  ['x509', ['certificate.serial']],
  ['ssl', ['server_name', 'cipher']],
  ['ssl', ['established', 'version', 'cipher']],
  ['http', ['method', 'uri', 'status_code']],
  ['http', ['uri', 'user_agent', 'trans_depth']],
  ['files', ['fuid', 'seen_bytes']],
  ['smb_files', ['fuid', 'action', 'path', 'name']],
  ['smb_mapping', ['share_type']],
  ['ssh', ['auth_success']],
  ['ssh', ['client', 'server', 'auth_attempts']],
  ['kerberos', ['request_type', 'client', 'service']],
  ['rdp', ['cookie', 'security_protocol']],
  ['ntp', ['stratum', 'poll']],
  ['dce_rpc', ['endpoint', 'operation']],
  ['ntlm', ['domainname', 'server_nb_computer_name']],
  ['notice', ['note', 'msg']],
  ['weird', ['name', 'addl', 'notice']],
  ['dhcp', ['mac', 'assigned_addr']],
  ['ftp', ['command', 'reply_code']],
  ['smtp', ['mailfrom', 'rcptto']],
  ['snmp', ['community']],
  ['sip', ['call_id']],
  ['software', ['software_type']],
  ['dpd', ['failure_reason', 'analyzer']],
  ['pe', ['machine', 'compile_ts']],
  ['ocsp', ['hashAlgorithm']],
  ['modbus', ['func', 'exception']],
  ['radius', ['mac', 'framed_addr']],
  ['quic', ['client_initial_dcid']],
  ['irc', ['nick', 'command']],
  ['mysql', ['cmd', 'arg', 'success']],
  ['known_services', ['port_num', 'port_proto', 'service']],
  ['capture_loss', ['percent_lost']],
  ['loaded_scripts', ['name']],
];

/** The log type guessed from the fields a record has, for logs with neither `_path` nor a telling file name. */
export function logTypeFromFields(has: (name: string) => boolean): string | undefined {
  for (const [type, need] of SIGNATURES) {
    let all = true;
    for (const f of need) if (!has(f)) { all = false; break; }
    if (all) return type;
  }
  return undefined;
}

/** Sigma category for a Zeek log type, where SigmaHQ uses one (see the module comment). */
export function categoryFor(logType: string | undefined): string | undefined {
  return logType === 'dns' ? 'dns' : undefined;
}

/** `categoryFor` in SQL, over a log-type expression (the store's line mapping). */
export function categorySql(logType: string): string {
  return `CASE WHEN ${logType} = 'dns' THEN 'dns' END`;
}

/** The syslog reader: RFC 3164/5424/ISO syslog lines with OpenSSH, sudo, PAM, accounts, time daemons and Sysmon for Linux parsed into fields. */
export { syslogReader, type SyslogReaderOptions } from './reader.js';
export { parseHeader, type SyslogHeader } from './header.js';
export { YearTracker, startYearFor, FALLBACK_YEAR } from './clock.js';
export { interpretMessage } from './programs.js';
export { parseSysmon, isSysmonXml } from './sysmon.js';

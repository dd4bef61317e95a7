/**
 * Logsource resolution for every reader of the case store: Windows (Sysmon, Security, channels), Linux (auditd,
 * process_creation, auth), Zeek (service = log type), Suricata (EVE event_type) and, for anything else, the
 * store's hot `product`/`category`/`service` columns as the readers set them.
 */
import type { Logsource } from '../rule/index.js';
import type { ResolvedLogsource, Variant } from './types.js';
import { WINDOWS_CATEGORIES, WINDOWS_CHANNELS } from './windows.js';

/** The auditd reader marks execve events `category: process_creation` and adds Sigma's names (Image, CommandLine…). */
const LINUX_PROCESS: Variant[] = [
  {
    name: 'linux-process_creation', product: 'linux', categories: ['process_creation'], renames: { Image: 'exe' },
    hot: { Image: 'image', CommandLine: 'command_line', User: 'user_name' }, multiValued: true,
  },
];

/** Sigma `category: dns` over Zeek dns.log and Suricata EVE dns. */
const NETWORK_CATEGORIES: Record<string, Variant[]> = {
  dns: [
    { name: 'zeek-dns', product: 'zeek', services: ['dns'], renames: { record_type: 'qtype_name', answer: 'answers' } },
    { name: 'suricata-dns', product: 'suricata', services: ['dns'], renames: { query: 'dns.rrname', record_type: 'dns.rrtype', answer: 'dns.answers' } },
  ],
  firewall: [{ name: 'zeek-conn-firewall', product: 'zeek', services: ['conn'], renames: { src_ip: 'id.orig_h', dst_ip: 'id.resp_h', src_port: 'id.orig_p', dst_port: 'id.resp_p' } }],
};

const LINUX_SERVICES: Record<string, string[]> = {
  auth: ['auth', 'sshd', 'sudo', 'su', 'login', 'systemd-logind'],
  chronyd: ['chrony', 'chronyd'],
  chrony: ['chrony', 'chronyd'],
  ntpd: ['ntpd', 'ntp'],
};

function generic(ls: Logsource): Variant {
  const v: Variant = { name: `generic-${ls.product ?? '*'}-${ls.category ?? '*'}-${ls.service ?? '*'}`, renames: {} };
  if (ls.product) v.product = ls.product;
  if (ls.category) v.categories = [ls.category];
  if (ls.service) v.services = [ls.service];
  return v;
}

export function resolveLogsource(ls: Logsource): ResolvedLogsource {
  const key = `${ls.product ?? ''}/${ls.category ?? ''}/${ls.service ?? ''}`;
  let variants: Variant[];
  if (ls.product === 'windows') {
    const cat = ls.category ? WINDOWS_CATEGORIES[ls.category] : undefined;
    const channels = ls.service ? WINDOWS_CHANNELS[ls.service] : undefined;
    if (cat) {
      variants = channels ? cat.filter((v) => v.channels?.some((c) => channels.includes(c))) : cat;
      if (variants.length === 0) variants = cat;
    } else if (ls.category) variants = [generic(ls)];
    else if (channels) {
      variants = [{ name: `windows-channel-${ls.service}`, product: 'windows', channels, renames: {}, ...(ls.service === 'windefend' ? { spacedNames: true } : {}) }];
    }
    else variants = [generic(ls)];
  } else if (ls.product === 'linux' && ls.category === 'process_creation') variants = LINUX_PROCESS;
  else if (ls.product === 'linux' && ls.service && LINUX_SERVICES[ls.service]) {
    variants = [{ name: `linux-service-${ls.service}`, product: 'linux', services: LINUX_SERVICES[ls.service], renames: {} }];
  } else if (!ls.product && ls.category && NETWORK_CATEGORIES[ls.category]) variants = NETWORK_CATEGORIES[ls.category]!;
  else if (ls.product === 'suricata') {
    variants = [{ name: `suricata-${ls.service ?? ls.category ?? 'all'}`, product: 'suricata', ...(ls.service ? { services: [ls.service] } : {}), renames: {} }];
  } else variants = [generic(ls)];
  if (ls.product === 'linux' && ls.service === 'auditd') variants = variants.map((v) => ({ ...v, multiValued: true }));
  return { key, variants };
}

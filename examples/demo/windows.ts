/** Windows events in the evtx_dump JSON shape (`{"Event":{"System":…,"EventData":…}}`), one per line. */
import { isoMicros } from './timefmt.js';

interface WinEventSpec {
  ms: number;
  micros: number;
  computer: string;
  channel: 'Security' | 'Microsoft-Windows-Sysmon/Operational';
  eventId: number;
  recordId: number;
  data: Record<string, string | number>;
}

const PROVIDERS = {
  Security: { Name: 'Microsoft-Windows-Security-Auditing', Guid: '54849625-5478-4994-A5BA-3E3B0328C30D' },
  'Microsoft-Windows-Sysmon/Operational': { Name: 'Microsoft-Windows-Sysmon', Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9' },
} as const;

export function winEvent(s: WinEventSpec): string {
  const p = PROVIDERS[s.channel];
  return JSON.stringify({
    Event: {
      '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
      System: {
        Provider: { '#attributes': { Name: p.Name, Guid: p.Guid } },
        EventID: s.eventId,
        Version: s.channel === 'Security' ? 2 : 5,
        Level: s.channel === 'Security' ? 0 : 4,
        Task: s.channel === 'Security' ? 12544 : 1,
        Opcode: 0,
        Keywords: s.channel === 'Security' ? '0x8020000000000000' : '0x8000000000000000',
        TimeCreated: { '#attributes': { SystemTime: isoMicros(s.ms, s.micros) } },
        EventRecordID: s.recordId,
        Correlation: null,
        Execution: { '#attributes': { ProcessID: s.channel === 'Security' ? 684 : 3208, ThreadID: 1724 } },
        Channel: s.channel,
        Computer: s.computer,
        Security: s.channel === 'Security' ? null : { '#attributes': { UserID: 'S-1-5-18' } },
      },
      EventData: s.data,
    },
  });
}

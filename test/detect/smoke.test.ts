import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matched, procRule, sysmon, win } from './helpers.js';

test('a process_creation rule matches Sysmon 1 and Security 4688 (NewProcessName→Image), not other events', async () => {
  const hits = await matched(procRule(`    selection:\n        Image|endswith: '\\whoami.exe'`), [
    sysmon(1, { Image: 'C:\\Windows\\System32\\WHOAMI.EXE' }),
    win('Security', 4688, { NewProcessName: 'C:\\Windows\\System32\\whoami.exe' }),
    sysmon(11, { Image: 'C:\\Windows\\System32\\whoami.exe' }),
    sysmon(1, { Image: 'C:\\Windows\\System32\\cmd.exe' }),
  ]);
  assert.deepEqual(hits, [0, 1]);
});

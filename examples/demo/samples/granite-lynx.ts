import type { Family, ToolDef } from './build.js';
import type { RdataString } from './rdata.js';
import { GRANITE_LYNX_TOOLCHAIN } from './toolchains.js';

/**
 * granite-lynx's toolkit (fictional). One code base (`D:\dev\tz`), one toolchain, builds in Berlin office hours.
 * Two tools, ntpstep.exe and tzclean.exe, carry the false flag: Japanese help and error messages and ja-JP
 * resources, cheap artefacts pointing at paper-crane. The core's German format string stayed in them.
 */

const a = (id: string, text: string): RdataString => ({ id, text, encoding: 'ascii' });
const u = (id: string, text: string): RdataString => ({ id, text, encoding: 'utf16le' });

/** CRC-32 table (first 64 entries): library data every tool links in. */
function crcTable(): Buffer {
  const out = Buffer.alloc(256);
  for (let n = 0; n < 64; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    out.writeUInt32LE(c >>> 0, n * 4);
  }
  return out;
}

/** The C2 name XORed with a one-byte key, as the implant stores its configuration. */
function encodedConfig(text: string, key: number): Buffer {
  const b = Buffer.from(text + '\0', 'latin1');
  return Buffer.concat([Buffer.from([key, b.length]), Buffer.from(b.map((x) => x ^ key))]);
}

export const GRANITE_LYNX: Family = {
  id: 'granite-lynx',
  style: 'o2',
  toolchain: GRANITE_LYNX_TOOLCHAIN,
  coreSeed: 0x6a7e11,
  coreFunctions: 64,
  imports: [
    { dll: 'KERNEL32.dll', functions: ['GetSystemTimeAsFileTime', 'GetLastError', 'GetProcAddress', 'GetModuleHandleW', 'LoadLibraryW', 'VirtualAlloc', 'VirtualFree', 'CloseHandle', 'Sleep', 'CreateThread', 'GetTickCount64', 'ExitProcess', 'WideCharToMultiByte', 'MultiByteToWideChar', 'GetProcessHeap', 'HeapAlloc', 'HeapFree'] },
    { dll: 'ADVAPI32.dll', functions: ['OpenProcessToken', 'LookupPrivilegeValueW', 'AdjustTokenPrivileges'] },
    { dll: 'WS2_32.dll', functions: ['WSAStartup', 'WSACleanup', 'socket', 'connect', 'send', 'recv', 'closesocket', 'getaddrinfo', 'freeaddrinfo'] },
    { dll: 'WININET.dll', functions: ['InternetOpenW', 'InternetConnectW', 'HttpOpenRequestW', 'HttpSendRequestW', 'InternetReadFile', 'InternetCloseHandle'] },
  ],
  strings: [
    a('ua', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'),
    a('agent', 'TzSync/2.4'),
    a('priv-time', 'SeSystemtimePrivilege'),
    a('priv-debug', 'SeDebugPrivilege'),
    a('iso', '%04u-%02u-%02uT%02u:%02u:%02u.%03uZ'),
    a('err', '[!] Fehler %lu in %s'),
    a('ok', '[*] %s ok'),
    a('post', 'POST'),
    a('path', '/api/v2/sync'),
    a('ctype', 'Content-Type: application/octet-stream'),
    u('mutex', 'Global\\TzSyncMutex_7f3a'),
    u('k32', 'kernel32.dll'),
    u('ntdll', 'ntdll.dll'),
  ],
  data: crcTable(),
  pdbPath: (tool) => `D:\\dev\\tz\\${tool}\\x64\\Release\\${tool}.pdb`,
};

const BERLIN = 'Europe/Berlin';

/** The masquerade every genuine tool's version resource uses; rc.exe stamped the builders' de-DE locale on it. */
function msVersion(name: string, description: string): ToolDef['version'] {
  return {
    langId: 0x407, fileVersion: [10, 0, 19041, 1],
    strings: [['CompanyName', 'Microsoft Corporation'], ['FileDescription', description], ['FileVersion', '10.0.19041.1 (WinBuild.160101.0800)'],
      ['InternalName', name], ['LegalCopyright', '© Microsoft Corporation. All rights reserved.'], ['OriginalFilename', name],
      ['ProductName', 'Microsoft® Windows® Operating System'], ['ProductVersion', '10.0.19041.1']],
  };
}

/** The false flag's version resource: ja-JP, Japanese description. */
function jaVersion(name: string, description: string): ToolDef['version'] {
  return {
    langId: 0x411, fileVersion: [1, 2, 0, 0],
    strings: [['CompanyName', ''], ['FileDescription', description], ['FileVersion', '1.2.0.0'], ['InternalName', name],
      ['LegalCopyright', 'Copyright (C) 2024'], ['OriginalFilename', name], ['ProductName', '時刻ツール'], ['ProductVersion', '1.2.0.0']],
  };
}

export const GRANITE_LYNX_TOOLS: readonly ToolDef[] = [
  {
    name: 'tzsync.dll', kind: 'dll', subsystem: 2, built: [2025, 2, 20, 14, 37, 12], zone: BERLIN, seed: 101, functions: 7,
    imports: [{ dll: 'KERNEL32.dll', functions: ['CreateMutexW', 'GetComputerNameW'] }],
    strings: [a('c2-path', '/u/tzsync.dat'), a('interval', 'beacon interval %u'), u('conn', 'Verbindung zum Server fehlgeschlagen')],
    data: encodedConfig('cdn-tzsync.net', 0x5c),
    exports: ['Start'],
    version: msVersion('tzsync.dll', 'Time Zone Synchronization Helper'),
  },
  {
    name: 'tzload.exe', kind: 'exe', subsystem: 2, built: [2025, 2, 21, 10, 5, 48], zone: BERLIN, seed: 102, functions: 5,
    imports: [{ dll: 'KERNEL32.dll', functions: ['CreateProcessW', 'WaitForSingleObject'] }],
    strings: [a('dll', 'tzsync.dll'), a('start', 'Start'), a('cmd', 'rundll32.exe %s,Start'), u('nomod', 'Modul konnte nicht geladen werden'), u('path', 'C:\\ProgramData\\tzsync.dll')],
    version: msVersion('tzload.exe', 'Time Zone Update Loader'),
  },
  {
    name: 'ntpstep.exe', kind: 'exe', subsystem: 3, built: [2025, 1, 15, 15, 22, 31], zone: BERLIN, seed: 103, functions: 6,
    imports: [{ dll: 'KERNEL32.dll', functions: ['SetSystemTime', 'GetSystemTimeAdjustment', 'SetSystemTimeAdjustment', 'GetStdHandle', 'WriteConsoleW'] }],
    strings: [a('api', 'SetSystemTime'), a('svc', 'w32time'), a('fmt', '%s %+d'),
      u('ja-usage', '使用法: ntpstep.exe <サーバー> <オフセット秒>'), u('ja-priv', 'エラー: 特権を取得できません'),
      u('ja-fail', 'エラー: 時刻の設定に失敗しました'), u('ja-done', '時刻を変更しました')],
    version: jaVersion('ntpstep.exe', 'NTP 時刻調整ツール'),
  },
  {
    name: 'tzrelay.exe', kind: 'exe', subsystem: 3, built: [2024, 12, 3, 11, 48, 9], zone: BERLIN, seed: 104, functions: 7,
    imports: [{ dll: 'WS2_32.dll', functions: ['bind', 'listen', 'accept', 'select'] }],
    strings: [a('relay', 'relay %s:%u -> %s:%u'), a('lo', '127.0.0.1'), a('connect', 'CONNECT %s:%u HTTP/1.1\r\n'), u('open', 'Tunnel geöffnet: %s')],
    version: msVersion('tzrelay.exe', 'Time Service Network Helper'),
  },
  {
    name: 'tzdump.exe', kind: 'exe', subsystem: 3, built: [2024, 11, 12, 16, 12, 55], zone: BERLIN, seed: 105, functions: 6,
    imports: [{ dll: 'KERNEL32.dll', functions: ['OpenProcess', 'CreateFileW', 'CreateToolhelp32Snapshot', 'Process32FirstW', 'Process32NextW'] }],
    strings: [a('lsass', 'lsass.exe'), a('mdwd', 'MiniDumpWriteDump'), a('dbghelp', 'dbghelp.dll'), a('out', '%s\\lsass_%u.dmp'), u('denied', 'Zugriff verweigert')],
    version: msVersion('tzdump.exe', 'Time Zone Diagnostics'),
  },
  {
    // 16 October 2024 is still summer time in Berlin (CEST, UTC+2): 09:41 local is 07:41 UTC.
    name: 'tzclean.exe', kind: 'exe', subsystem: 3, built: [2024, 10, 16, 9, 41, 27], zone: BERLIN, seed: 106, functions: 5,
    imports: [{ dll: 'KERNEL32.dll', functions: ['CreateFileW', 'SetFileTime', 'DeleteFileW', 'GetStdHandle', 'WriteConsoleW'] }],
    strings: [a('wevt', 'wevtutil.exe cl %s'), a('sec', 'Security'), a('sysmon', 'Microsoft-Windows-Sysmon/Operational'),
      u('ja-usage', '使用法: tzclean.exe [/all] <パス>'), u('ja-open', 'エラー: ファイルを開けません'),
      u('ja-logs', 'ログを削除しました'), u('ja-times', 'タイムスタンプを変更しました')],
    version: jaVersion('tzclean.exe', 'ログ整理ツール'),
  },
];

/** The tools carrying the planted Japanese artefacts. */
export const FALSE_FLAG_TOOLS: readonly string[] = ['ntpstep.exe', 'tzclean.exe'];

/**
 * granite-lynx tools from earlier reporting (summer 2024), for its actor profile: an older core (the last library
 * functions were added since) and their own code. Not part of the demo's evidence.
 */
export const GRANITE_LYNX_EARLIER: { family: Family; tools: readonly ToolDef[] } = {
  family: { ...GRANITE_LYNX, coreFunctions: 60 },
  tools: [
    {
      name: 'tzprobe.exe', kind: 'exe', subsystem: 3, built: [2024, 7, 9, 13, 20, 4], zone: BERLIN, seed: 201, functions: 6,
      imports: [{ dll: 'KERNEL32.dll', functions: ['GetStdHandle', 'WriteConsoleW'] }],
      strings: [a('probe', 'probe %s:%u'), u('timeout', 'Zeitüberschreitung')],
      version: msVersion('tzprobe.exe', 'Time Zone Probe'),
    },
    {
      name: 'tzsync.dll', kind: 'dll', subsystem: 2, built: [2024, 8, 22, 10, 54, 40], zone: BERLIN, seed: 202, functions: 7,
      imports: [{ dll: 'KERNEL32.dll', functions: ['CreateMutexW'] }],
      strings: [a('c2-path', '/u/tz.dat'), a('interval', 'interval %u'), u('conn', 'Verbindung fehlgeschlagen')],
      data: encodedConfig('cdn-tzsync.net', 0x3a),
      exports: ['Start'],
      version: msVersion('tzsync.dll', 'Time Zone Synchronization Helper'),
    },
  ],
};

import type { Family, ToolDef } from './build.js';
import type { RdataString } from './rdata.js';
import { PAPER_CRANE_TOOLCHAIN, SSHTERM_TOOLCHAIN } from './toolchains.js';

/**
 * Binaries that are not granite-lynx's: a benign SSH terminal found on the same console (a different code base,
 * toolchain and build hours, so clustering has something to separate), and paper-crane's own tool from its
 * reporting, used only for paper-crane's actor profile. All fictional.
 */

const a = (id: string, text: string): RdataString => ({ id, text, encoding: 'ascii' });
const u = (id: string, text: string): RdataString => ({ id, text, encoding: 'utf16le' });

export const SSHTERM: Family = {
  id: 'sshterm',
  style: 'od',
  toolchain: SSHTERM_TOOLCHAIN,
  coreSeed: 0x55e7e2,
  coreFunctions: 70,
  imports: [
    { dll: 'KERNEL32.dll', functions: ['GetTickCount', 'GetLastError', 'CreateFileW', 'ReadFile', 'WriteFile', 'CloseHandle', 'GetModuleFileNameW', 'ExitProcess', 'GetCommandLineW', 'MultiByteToWideChar', 'FormatMessageW', 'LocalFree', 'QueryPerformanceCounter'] },
    { dll: 'USER32.dll', functions: ['CreateWindowExW', 'DefWindowProcW', 'DispatchMessageW', 'GetMessageW', 'TranslateMessage', 'RegisterClassExW', 'ShowWindow', 'MessageBoxW', 'SetWindowTextW', 'InvalidateRect', 'BeginPaint', 'EndPaint', 'GetClientRect'] },
    { dll: 'GDI32.dll', functions: ['CreateFontW', 'SelectObject', 'TextOutW', 'SetTextColor', 'SetBkColor', 'DeleteObject'] },
    { dll: 'WS2_32.dll', functions: ['WSAStartup', 'socket', 'connect', 'send', 'recv', 'closesocket', 'getaddrinfo', 'WSAAsyncSelect'] },
    { dll: 'ADVAPI32.dll', functions: ['CryptAcquireContextW', 'CryptGenRandom', 'CryptReleaseContext', 'RegOpenKeyExW', 'RegQueryValueExW', 'RegCloseKey'] },
  ],
  strings: [
    a('banner', 'SSH-2.0-SshTerm_0.78'),
    a('hostkey', 'Host key verification failed.'),
    a('usage', 'Usage: sshterm [options] [user@]host[:port]'),
    a('kex', 'curve25519-sha256,ecdh-sha2-nistp256,diffie-hellman-group14-sha256'),
    a('cipher', 'chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-ctr'),
    a('known', 'known_hosts'),
    a('term', 'xterm-256color'),
    u('cls', 'SshTermWindow'),
    u('reg', 'Software\\SshTerm\\Sessions'),
    u('font', 'Consolas'),
  ],
  data: Buffer.from(Array.from({ length: 192 }, (_v, i) => (i * 37 + 11) & 0xff)),
  pdbPath: () => 'C:\\b\\sshterm\\out\\x64\\Release\\sshterm.pdb',
};

export const SSHTERM_TOOL: ToolDef = {
  // A Sunday, in the small hours UTC: US Pacific evening, far from granite-lynx's office days.
  name: 'sshterm.exe', kind: 'exe', subsystem: 2, built: [2023, 5, 14, 3, 17, 44], zone: 'UTC', seed: 301, functions: 6,
  imports: [], strings: [a('ver', 'SshTerm 0.78 (x64)')],
  version: {
    langId: 0x409, fileVersion: [0, 78, 0, 0],
    strings: [['CompanyName', 'SshTerm Project'], ['FileDescription', 'SSH and Telnet terminal'], ['FileVersion', '0.78'],
      ['InternalName', 'SshTerm'], ['LegalCopyright', 'Copyright © 1997-2023 the SshTerm authors'], ['OriginalFilename', 'sshterm.exe'],
      ['ProductName', 'SshTerm suite'], ['ProductVersion', '0.78']],
  },
};

export const PAPER_CRANE: Family = {
  id: 'paper-crane',
  style: 'o1',
  toolchain: PAPER_CRANE_TOOLCHAIN,
  coreSeed: 0x0c4a7e,
  coreFunctions: 40,
  imports: [
    { dll: 'KERNEL32.dll', functions: ['CreateFileA', 'ReadFile', 'WriteFile', 'CloseHandle', 'GetTempPathA', 'ExitProcess', 'Sleep', 'GetLastError'] },
    { dll: 'WINHTTP.dll', functions: ['WinHttpOpen', 'WinHttpConnect', 'WinHttpOpenRequest', 'WinHttpSendRequest', 'WinHttpReceiveResponse', 'WinHttpReadData'] },
    { dll: 'SHELL32.dll', functions: ['ShellExecuteA', 'SHGetFolderPathA'] },
  ],
  strings: [a('ua', 'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1)'), a('gate', '/wp-content/plugins/cache/gate.php'), u('err', '接続に失敗しました')],
  data: Buffer.from(Array.from({ length: 128 }, (_v, i) => (i * 91 + 7) & 0xff)),
  pdbPath: (tool) => `E:\\work\\orizuru\\${tool}\\Release\\${tool}.pdb`,
};

export const PAPER_CRANE_TOOL: ToolDef = {
  name: 'orizuru.exe', kind: 'exe', subsystem: 2, built: [2023, 11, 7, 10, 12, 3], zone: 'Asia/Tokyo', seed: 401, functions: 8,
  imports: [], strings: [a('cfg', 'orizuru.cfg')],
  version: { langId: 0x411, fileVersion: [1, 0, 0, 1], strings: [['FileDescription', 'Orizuru'], ['OriginalFilename', 'orizuru.exe']] },
};

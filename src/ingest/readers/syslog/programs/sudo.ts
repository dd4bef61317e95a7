import type { NormalizedEvent } from '../../../../model/index.js';

/**
 * sudo's log line: `INVOKER : [ERROR ; ]TTY=pts/0 ; PWD=/home/x ; USER=root ; [GROUP=… ; ][ENV=… ; ]COMMAND=/bin/ls -l`.
 * Fields keep sudo's own upper-case keys (`TTY`, `PWD`, `USER` = target user as Sigma's sudo rules name it, `GROUP`,
 * `ENV`, `COMMAND`), plus `action` (command, denied), `user` (who ran sudo) and `sudo_error` (`user NOT in sudoers`, `3 incorrect password
 * attempts`). Typed columns: user = invoker, image = the command's binary, commandLine = COMMAND.
 */
const HEAD = /^\s*(\S+) : (.*)$/;

export function parseSudo(msg: string, ev: NormalizedEvent): void {
  const m = HEAD.exec(msg);
  if (!m) return;
  const f = ev.fields;
  let rest = m[2]!;
  const cmdAt = rest.indexOf('COMMAND=');
  let command: string | undefined;
  if (cmdAt >= 0) {
    command = rest.slice(cmdAt + 8);
    rest = rest.slice(0, cmdAt);
  }
  const errors: string[] = [];
  for (const part of rest.split(' ; ')) {
    const p = part.trim().replace(/ ;$/, '');
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq > 0 && /^[A-Z_]+$/.test(p.slice(0, eq))) f[p.slice(0, eq)] = p.slice(eq + 1);
    else errors.push(p);
  }
  if (command === undefined && errors.length === 0) return;
  f.user = m[1];
  ev.user = m[1]!;
  f.action = errors.length > 0 ? 'denied' : 'command';
  if (errors.length > 0) f.sudo_error = errors.join('; ');
  if (command !== undefined) {
    f.COMMAND = command;
    ev.commandLine = command;
    const bin = command.split(' ', 1)[0];
    if (bin) ev.image = bin;
  }
}

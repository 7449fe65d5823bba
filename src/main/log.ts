/**
 * The support log: what a support person asks for when something went wrong. One file per host (the desktop
 * app's logs folder, or the browser console's data folder), rotated by size, written only after every line has
 * been through the redactor, so no form of a key can reach it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import electronLog from 'electron-log/node';
import { redactDeep } from './security/redaction';

export interface Logger {
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
}

export interface FileLog extends Logger {
  readonly directory: string;
  readonly file: string;
  /** Sends console.info/warn/error (ours and libraries') to the log too; returns the undo. console.log is left alone. */
  captureConsole(): () => void;
}

export interface FileLogOptions {
  directory: string;
  fileName?: string;
  /** Scrubs secrets; applied to every line before any transport (file or terminal) sees it. */
  redact(text: string): string;
  /** The file is moved to `<name>.old.log` once it reaches this size (one old file is kept). */
  maxBytes?: number;
  /** Also print to the terminal (the hosts do; tests do not). */
  echo?: boolean;
}

export const silentLog: Logger = { info() {}, warn() {}, error() {} };

export function createFileLog(options: FileLogOptions): FileLog {
  const file = path.join(options.directory, options.fileName ?? 'linkdesk.log');
  // A logger of our own (not electron-log's shared default), so two hosts or tests in one process never mix.
  const log = electronLog.create({ logId: `linkdesk-${randomUUID()}` });
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = options.maxBytes ?? 1024 * 1024;
  // Company names and ids are in it: readable by this user only.
  log.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  log.transports.console.level = options.echo ? 'info' : false;
  log.hooks.push((message) => ({ ...message, data: message.data.map((item) => redactItem(item, options.redact)) }));

  const logger: FileLog = {
    directory: options.directory,
    file,
    info: (text) => log.info(text),
    warn: (text) => log.warn(text),
    error: (text) => log.error(text),
    captureConsole() {
      const original = { info: console.info, warn: console.warn, error: console.error };
      console.info = (...data: unknown[]) => log.info(...data);
      console.warn = (...data: unknown[]) => log.warn(...data);
      console.error = (...data: unknown[]) => log.error(...data);
      return () => Object.assign(console, original);
    },
  };
  return logger;
}

/** Errors become their text and stack; everything is redacted, nested values included. */
function redactItem(item: unknown, redact: (text: string) => string): unknown {
  if (item instanceof Error) return redact(item.stack ?? `${item.name}: ${item.message}`);
  if (typeof item === 'string') return redact(item);
  try {
    return redactDeep(JSON.parse(JSON.stringify(item)) as unknown, redact);
  } catch {
    return redact(String(item));
  }
}

// Faults of the machine (a full disk, a read-only one, no permission, no file handles left):
// what the operating system said, as a coded pugo error naming the path, the cause and a remedy.

import { PugoError, type PugoErrorCode } from './errors.js';

interface Fault {
  code: PugoErrorCode;
  /** errno codes as Node gives them, and the same causes as LevelDB words them. */
  errnos: readonly string[];
  text: RegExp;
  what: string;
  remedy: string;
}

const FAULTS: readonly Fault[] = [
  {
    code: 'PUGO_DISK_FULL',
    errnos: ['ENOSPC', 'EDQUOT'],
    text: /No space left on device|Disk quota exceeded/i,
    what: 'no space left on the device',
    remedy: 'free some space and run it again (nothing of the content was changed)',
  },
  {
    code: 'PUGO_READ_ONLY',
    errnos: ['EROFS'],
    text: /Read-only file system/i,
    what: 'the file system is read-only',
    remedy: 'give pugo a writable folder (--store, --dest) or remount it read-write',
  },
  {
    code: 'PUGO_NO_PERMISSION',
    errnos: ['EACCES', 'EPERM'],
    text: /Permission denied|Operation not permitted/i,
    what: 'permission denied',
    remedy: 'check the owner and mode of the folder, or run pugo as a user who may write it',
  },
  {
    code: 'PUGO_TOO_MANY_FILES',
    errnos: ['EMFILE', 'ENFILE'],
    text: /Too many open files/i,
    what: 'too many open files',
    remedy: 'raise the limit of open files (ulimit -n) and run it again',
  },
];

/** The fault an error (or any error in its `cause` chain) reports, if it is one of these. */
function faultOf(err: unknown): Fault | undefined {
  for (let e = err; e instanceof Error; e = e.cause) {
    const errno = (e as NodeJS.ErrnoException).code;
    const found = FAULTS.find((f) => (errno && f.errnos.includes(errno)) || f.text.test(e.message));
    if (found) return found;
  }
  return undefined;
}

/** Whether `err` is a fault of the machine rather than of pugo or of the content. */
export function isFault(err: unknown): boolean {
  return faultOf(err) !== undefined;
}

/**
 * The coded error for a fault met while `doing` something to `path` ("writing", "opening the
 * store"): "no space left on the device while writing dest/a.html; free some space …". Null
 * when `err` is no fault of the machine: the caller rethrows it as it was.
 */
export function asFault(err: unknown, doing: string, path: string): PugoError | null {
  if (err instanceof PugoError) return null;
  const fault = faultOf(err);
  if (!fault) return null;
  const message = `${fault.what} while ${doing} ${path}; ${fault.remedy}`;
  return new PugoError(fault.code, message, { file: path, cause: err });
}

/** The exit code of a run stopped by a fault of the machine: sysexits' EX_IOERR. */
export const FAULT_EXIT = 74;

export const FAULT_CODES: ReadonlySet<string> = new Set(FAULTS.map((f) => f.code));

/**
 * The bytes of render's `-f` inputs: files, or standard input for `-f -`. Bounded (INPUT_LIMIT_BYTES for all inputs
 * together, read in chunks so a huge or endless input stops at the limit instead of exhausting memory), decoded as
 * strict UTF-8, and failures said in words (`no such file`), never as a raw errno code.
 */
import * as fs from "fs";

/** Everything `-f` gives one render, together. */
export const INPUT_LIMIT_BYTES = 8 * 1024 * 1024;
export const INPUT_LIMIT_TEXT = "8 MiB";
export const STDIN = "-";

export class ReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReadError";
  }
}

const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EISDIR: "is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOTDIR: "a part of the path is not a directory",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "the file name is too long",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EIO: "input/output error",
  ENXIO: "no such device",
};

/** What went wrong, in words: the errno code is for programs, not for this message. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  return (code && REASONS[code]) ?? "it cannot be read";
}

/** The name of an input in messages. */
export const displayName = (path: string): string => (path === STDIN ? "<stdin>" : path);

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Up to `budget + 1` bytes of `fd` (one more than allowed tells "too large"). */
function readBounded(fd: number, budget: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, budget + 1 - total), null);
    } catch (e) {
      // A non-blocking standard input (a terminal or some pipes) has no data yet: wait for it.
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") {
        sleep(10);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === "EOF") break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    if (total > budget) break;
  }
  return Buffer.concat(chunks, total);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

export interface InputText {
  path: string;
  text: string;
}

/**
 * Reads every input (standard input for `-`, read once), in order, within INPUT_LIMIT_BYTES together. `readStdin`
 * replaces the real standard input (tests).
 */
export function readFiles(
  paths: string[],
  readStdin: (budget: number) => Buffer = (budget) => readBounded(0, budget),
): InputText[] {
  let left = INPUT_LIMIT_BYTES;
  return paths.map((path) => {
    const name = displayName(path);
    let bytes: Buffer;
    try {
      if (path === STDIN) bytes = readStdin(left);
      else {
        const fd = fs.openSync(path, "r");
        try {
          bytes = readBounded(fd, left);
        } finally {
          fs.closeSync(fd);
        }
      }
    } catch (e) {
      throw new ReadError(`cannot read ${name}: ${reason(e)}`);
    }
    if (bytes.length > left)
      throw new ReadError(
        `cannot read ${name}: the inputs exceed dittofs render's limit of ${INPUT_LIMIT_TEXT} (${INPUT_LIMIT_BYTES} bytes) for all -f inputs together`,
      );
    left -= bytes.length;
    try {
      return { path: name, text: UTF8.decode(bytes) };
    } catch {
      throw new ReadError(`cannot read ${name}: it is not UTF-8 text`);
    }
  });
}

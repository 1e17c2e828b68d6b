/**
 * The CLI's limits and the parsers that enforce them: whole numbers written in decimal digits
 * within a range, and a config file that is a regular file of bounded size, read with a bounded
 * buffer (so `/dev/zero`, a FIFO or a file that grows while it is read can neither hang nor grow
 * the process). Every refusal names the limit.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";

/** A command-line mistake; the CLI prints its message as one line and exits with status 1. */
export class UsageError extends Error {}

/** The bounds of every numeric flag (inclusive). */
export const LIMITS = {
  steps: { min: 0, max: 10_000_000 },
  every: { min: 1, max: 10_000_000 },
  increment: { min: 1, max: 10_000_000 },
  height: { min: 2, max: 200 },
  width: { min: 20, max: 1000 },
} as const;

/** The largest config file read, in bytes (10 MB). */
export const MAX_CONFIG_BYTES = 10_000_000;

const DECIMAL = /^[0-9]+$/;
const CHUNK_BYTES = 1 << 16;

/**
 * An integer in [min, max] written in decimal digits only: `16` and `016`, not `0x10`, `1e3`,
 * ` 16`, `16.0` or `+16`.
 * @throws UsageError naming the flag and the range
 */
export function parseBoundedInteger(flag: string, text: string, { min, max }: { min: number; max: number }): number {
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(`${flag}: "${text}" is not an integer >= ${min} and <= ${max.toLocaleString("en-US")} (decimal digits only)`);
  }
  return value;
}

/** `code` of a Node file-system error, if any. */
const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

function cannotRead(path: string, error: unknown): UsageError {
  const code = codeOf(error);
  return new UsageError(`cannot read config file "${path}"${code === "ENOENT" ? ": no such file" : code ? ` (${code})` : ""}`);
}

/**
 * The text of a config file: a regular file of at most `MAX_CONFIG_BYTES` bytes. The path is
 * checked before it is opened (opening a FIFO would wait for a writer), opened non-blocking, checked
 * again on the open file, and read in chunks, never more than one byte past the limit.
 * @throws UsageError for a missing, unreadable, non-regular or too large file
 */
export function readConfigText(path: string): string {
  const limit = `a config file must be a regular file of at most ${MAX_CONFIG_BYTES / 1_000_000} MB`;
  const notRegular = () => new UsageError(`config file "${path}" is not a regular file (${limit})`);
  const tooLarge = (size: string) => new UsageError(`config file "${path}" is too large: ${size} (${limit})`);
  let fd: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new UsageError(`cannot read config file "${path}" (EISDIR)`);
    if (!stat.isFile()) throw notRegular();
    if (stat.size > MAX_CONFIG_BYTES) throw tooLarge(`${stat.size} bytes`);
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw error instanceof UsageError ? error : cannotRead(path, error);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notRegular();
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= MAX_CONFIG_BYTES) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, MAX_CONFIG_BYTES + 1 - length));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      length += read;
    }
    if (length > MAX_CONFIG_BYTES) throw tooLarge("it grew while it was read");
    return Buffer.concat(chunks, length).toString("utf8");
  } catch (error) {
    throw error instanceof UsageError ? error : cannotRead(path, error);
  } finally {
    closeSync(fd);
  }
}

/** Reviewed preview outputs (tests/e2e/golden): what a reviewer sees in a PR, with run-specific parts masked. */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

const DIR = path.join(__dirname, "golden");

const BLOCK_START = /^\s*(?:\+-|-\+|[-+~]|>)\s*\w+:[\w:/.-]+: \(/;

/**
 * Resource blocks come in registration order, which follows input resolution and varies between runs: sort the
 * blocks (by their text, which starts with the type and is followed by the URN) and keep the summary in place.
 */
function sortBlocks(text: string): string {
  const lines = text.split("\n");
  const end = lines.findIndex((l) => /^(Resources:| {4}--outputs:--$|Diagnostics:)/.test(l));
  const body = end < 0 ? lines : lines.slice(0, end);
  const tail = end < 0 ? [] : lines.slice(end);
  const head: string[] = [];
  const blocks: string[][] = [];
  for (const line of body) {
    if (BLOCK_START.test(line)) blocks.push([line]);
    else if (blocks.length > 0) blocks[blocks.length - 1].push(line);
    else head.push(line);
  }
  // A Secret read back shows the server's metadata for it (managedFields, resourceVersion) whenever that moved: not
  // ours and different from run to run. Keep the read itself, drop its outputs.
  for (const block of blocks) {
    const out = block.findIndex((l) => /^\s+--outputs:--$/.test(l));
    if (/\(read\)$/.test(block[0]) && out > 0) block.splice(out);
  }
  const keyed = blocks.map((b) => b.map((l) => l.trimStart()).join("\n") + "\u0000" + b.join("\n"));
  return [...head, ...keyed.sort().map((k) => k.split("\u0000")[1]), ...tail].join("\n");
}

export function normalizePreview(text: string): string {
  return (
    sortBlocks(text)
      .replace(
        /::[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\]/g,
        "::<provider-id>]",
      )
      .replace(/\b[0-9a-f]{64}\b/g, "<digest>")
      // Server-side metadata of the Secrets read back (shown when they change): not ours, different every run.
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "<uuid>")
      .replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/g, '"<time>"')
      .replace(
        /(resourceVersion\s*: )"\d+"( => "\d+")?/g,
        (_m, k: string, arrow?: string) => `${k}"<rv>"${arrow ? ' => "<rv>"' : ""}`,
      )
      .replace(/^Duration: .*$/gm, "Duration: <elapsed>")
      .replace(/[ \t]+$/gm, "")
  );
}

/** Compares with the reviewed file; `UPDATE_GOLDEN=1 npm run e2e` rewrites it (the diff then needs review). */
export function expectGolden(name: string, text: string): void {
  const file = path.join(DIR, `${name}.txt`);
  const actual = normalizePreview(text);
  if (process.env.UPDATE_GOLDEN === "1" || !fs.existsSync(file)) {
    fs.mkdirSync(DIR, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  expect(actual, `golden ${name} (UPDATE_GOLDEN=1 npm run e2e to update after review)`).to.equal(
    fs.readFileSync(file, "utf8"),
  );
}

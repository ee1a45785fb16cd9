/**
 * The runtime resources' bad-input corpus (tests/resources/bad-inputs/<kind>.ts, each exporting `<KIND>_BAD_INPUTS`):
 * every case is refused at `check` with its property path, or, marked `serverOnly`, passes `check` and is refused by
 * the server (in the kinds' live-server suites). No failure quotes a secret input.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { checkInputs } from "../../src/resources/check";
import type { PropertySchema } from "../../src/resources/kind";
import { KINDS, kindOf } from "../../src/resources/kinds";
import type { BadInput } from "./bad-inputs/types";

const DIR = path.join(__dirname, "bad-inputs");

/** Every case of every corpus file, with the file it comes from. */
function corpus(): Array<BadInput & { file: string }> {
  const cases: Array<BadInput & { file: string }> = [];
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith(".ts") && f !== "types.ts")) {
    const module = require(path.join(DIR, file)) as Record<string, unknown>;
    const lists = Object.entries(module).filter(([name]) => name.endsWith("_BAD_INPUTS"));
    expect(lists, `${file} exports a <KIND>_BAD_INPUTS list`).to.have.length.greaterThan(0);
    for (const [, list] of lists) for (const c of list as BadInput[]) cases.push({ ...c, file });
  }
  return cases;
}

/** The values a kind's schema calls secret, at any depth of `value`. */
function secretsIn(value: unknown, schema: PropertySchema | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (schema?.secret) return [typeof value === "string" ? value : JSON.stringify(value)];
  if (Array.isArray(value)) return value.flatMap((v) => secretsIn(v, schema?.items));
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      secretsIn(
        v,
        schema?.properties?.[k] ??
          (typeof schema?.additionalProperties === "object"
            ? schema.additionalProperties
            : undefined),
      ),
    );
  return [];
}

const CASES = corpus();

describe("runtime resources: the bad-input corpus", () => {
  it("holds at least 30 cases, each with a unique title, for known kinds", () => {
    expect(CASES.length).to.be.at.least(30);
    const titles = CASES.map((c) => `${c.type} ${c.title}`);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).to.deep.equal([]);
    for (const c of CASES) expect(kindOf(c.type), `${c.file}: ${c.type}`).to.not.equal(undefined);
  });

  it("covers every kind", () => {
    const covered = new Set(CASES.map((c) => c.type));
    const missing = KINDS.map((k) => `dittofs:index:${k.name}`).filter((t) => !covered.has(t));
    expect(missing).to.deep.equal([]);
  });

  for (const c of CASES) {
    const kind = c.type.split(":")[2];
    if (c.serverOnly) {
      it(`${kind}: ${c.title} passes check, for the server to refuse`, () => {
        expect(checkInputs(kindOf(c.type)!, structuredClone(c.inputs)).failures).to.deep.equal([]);
      });
      continue;
    }
    it(`${kind}: ${c.title} is refused at ${c.property}`, () => {
      const { failures } = checkInputs(kindOf(c.type)!, structuredClone(c.inputs));
      const at = failures.filter((f) => f.property === c.property);
      expect(at, JSON.stringify(failures)).to.have.length.greaterThan(0);
      expect(at.map((f) => f.reason).join("\n")).to.match(c.reason);
      const secrets = secretsIn(c.inputs, {
        type: "object",
        description: "",
        properties: kindOf(c.type)!.inputs,
      }).filter((s) => s.length >= 4);
      for (const s of secrets)
        for (const f of failures) expect(f.reason, "a failure quotes a secret").not.to.include(s);
    });
  }
});

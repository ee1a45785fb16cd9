/**
 * The checked-in bad-input corpus, tests/fixtures/invalid/*.yaml: each file a DittoServer CR (plus the Secrets it
 * references) and its expected messages in leading comments:
 *
 *   # expect: <a line the error must contain>     (one or more)
 *   # only: cli                                    (render input with no component equivalent; the note says why)
 *   # only: component                              (component args a CR cannot carry, e.g. `secretValues`)
 *   # release: v0.29                               (the object model; 2026-02 when absent)
 *   # note: <free text>
 *
 * Each case runs through `dittofs render -f FILE` (exit 1, nothing on stdout, every expected line on stderr, an
 * `error:` line and no stack trace) and through the component: a spec error throws synchronously with every line and
 * registers nothing; an error in a Secret's contents (read when the Output resolves, decisions.md "Errors on secret
 * contents") rejects the outputs. A `component` case also runs through the render pipeline (src/render.ts).
 *
 * No secret value of the file (the values of its Secrets' `data` and `stringData`, decoded too, and of `secretValues`)
 * may appear in any error, as plaintext or base64 (tests/helpers/needles.ts).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { run } from "../../src/cli/main";
import { DittoServer } from "../../src/ditto-server";
import { renderServer } from "../../src/render";
import { DittoSecretError, DittoSpecError } from "../../src/resolve/errors";
import { clusterSecrets, newProgramRun, registered } from "../helpers/mocks";
import { leaked } from "../helpers/needles";
import { captureWarnings, failedProgram } from "../helpers/mocked-program";
import { errorOf } from "../helpers/errors";
import type { Obj } from "../helpers/objects";
import { MINIMAL } from "../helpers/specs";
import { b64, fromB64 } from "../helpers/base64";

const DIR = path.join(__dirname, "..", "fixtures", "invalid");
const MIN_CASES = 150;
/** Cases of the v0.29 object model (`# release: v0.29`). */
const MIN_V029_CASES = 40;

interface CorpusCase {
  file: string;
  expect: string[];
  only?: string;
  /** `--operator-release` / `operatorRelease`. */
  release: string;
  text: string;
}

function load(file: string): CorpusCase {
  const text = fs.readFileSync(path.join(DIR, file), "utf8");
  const header = text.split("\n").filter((l) => l.startsWith("#"));
  const directive = (name: string) =>
    header.filter((l) => l.startsWith(`# ${name}: `)).map((l) => l.slice(`# ${name}: `.length));
  return {
    file,
    text,
    expect: directive("expect"),
    only: directive("only")[0],
    release: directive("release")[0] ?? "2026-02",
  };
}

const CASES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map(load);

/** The file's documents as a plain YAML 1.2 reader sees them (numbers as JavaScript numbers); null where none parse. */
function documents(text: string): Obj[] | null {
  try {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return null;
    return docs.map((d) => d.toJS()).filter((d) => d !== null && typeof d === "object");
  } catch {
    return null;
  }
}

/** Every scalar under `value`, as text (map keys left out). */
function leaves(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === "object") return Object.values(value).flatMap(leaves);
  return [String(value)];
}

/** The secret values of a case: its Secrets' values (base64 ones decoded too) and its `secretValues`. */
function secretValues(c: CorpusCase): string[] {
  const values: string[] = [];
  for (const doc of documents(c.text) ?? []) {
    if (doc.kind === "Secret") {
      values.push(...leaves(doc.stringData), ...leaves(doc.data));
      for (const v of leaves(doc.data)) values.push(fromB64(v));
    }
    if (doc.kind === "DittoServer") values.push(...leaves(doc.spec?.secretValues));
  }
  // Raw-text fallback for files a YAML reader refuses: quoted values of `k: "..."` lines of a Secret.
  for (const m of c.text.matchAll(/^\s+k: "?([^"\n]+)/gm)) values.push(m[1]);
  return values.filter((v) => v.length >= 12);
}

/** The component's args and its stand-in cluster Secrets, read from the file. */
function componentInput(c: CorpusCase): { name: string; args: Obj; secrets: Map<string, Obj> } {
  const docs = documents(c.text);
  if (!docs) throw new Error(`${c.file}: not YAML a component case can use`);
  const servers = docs.filter((d) => d.kind === "DittoServer");
  expect(servers, c.file).to.have.length(1);
  const server = servers[0];
  const namespace = server.metadata.namespace ?? "default";
  const secrets = new Map<string, Obj>();
  for (const s of docs.filter((d) => d.kind === "Secret")) {
    const data: Obj = { ...(s.data ?? {}) };
    for (const [k, v] of Object.entries(s.stringData ?? {})) data[k] = b64(String(v));
    secrets.set(`${s.metadata.namespace ?? "default"}/${s.metadata.name}`, data);
  }
  return {
    name: server.metadata.name,
    args: { ...server.spec, namespace, operatorRelease: c.release },
    secrets,
  };
}

/**
 * Whether the component leaves invalid `secretValues` for resolution to report when it sets the values apart
 * (src/resolve/args-shape.ts `maskSecretValues`, called from src/component/deferred-spec.ts): without it a typo there
 * goes unseen.
 */
function componentChecksSecretValues(): boolean {
  try {
    new DittoServer("corpus-probe", {
      ...MINIMAL,
      secretValues: { probe: "x" },
    } as any);
    return false;
  } catch (e) {
    return e instanceof DittoSpecError;
  }
}

describe("verification: bad-input corpus (tests/fixtures/invalid)", function () {
  this.timeout(60_000);

  const counts = {
    cases: CASES.length,
    cli: 0,
    componentSync: 0,
    componentSecret: 0,
    cliOnly: 0,
    componentOnly: 0,
    renderPipeline: 0,
    secretValuesChecked: 0,
    pending: 0,
  };
  const warnings = captureWarnings();
  let checksSecretValues = false;
  before(() => {
    checksSecretValues = componentChecksSecretValues();
  });
  after(() =>
    console.log(
      `      [invalid-corpus] ${counts.cases} cases run (${CASES.filter((c) => c.release === "v0.29").length} of the v0.29 model), ` +
        `rejected correctly: render ${counts.cli}, ` +
        `component ${counts.componentSync + counts.componentSecret} (${counts.componentSync} at construction with ` +
        `nothing registered, ${counts.componentSecret} on secret contents when the Output resolves), ` +
        `${counts.cliOnly} render-only, ${counts.componentOnly} component-only (render pipeline ` +
        `${counts.renderPipeline}${counts.pending ? `, component pending ${counts.pending}` : ""}); ` +
        `${counts.secretValuesChecked} secret values never in an error`,
    ),
  );

  it(`has at least ${MIN_CASES} cases (${MIN_V029_CASES} of the v0.29 model), each with an expected message and a known scope`, () => {
    expect(CASES.length).to.be.at.least(MIN_CASES);
    expect(CASES.filter((c) => c.release === "v0.29").length).to.be.at.least(MIN_V029_CASES);
    for (const c of CASES) expect(["v0.29", "2026-02"], c.file).to.include(c.release);
    for (const c of CASES) {
      expect(c.expect.length, c.file).to.be.greaterThan(0);
      expect([undefined, "cli", "component"], c.file).to.include(c.only);
    }
  });

  for (const c of CASES) {
    describe(c.file, () => {
      const secrets = secretValues(c);

      const expectClean = (where: string, message: string) => {
        expect(leaked(message, secrets), `${where}: secret values in the error`).to.deep.equal([]);
        counts.secretValuesChecked += secrets.length;
      };

      if (c.only !== "component") {
        it("is rejected by `dittofs render` with exit 1, empty stdout and every expected line, no secret value", () => {
          const file = path.join(DIR, c.file);
          const result = run(["render", "-f", file, "--operator-release", c.release], {});
          expect(result.code, result.stderr).to.equal(1);
          expect(result.stdout).to.equal("");
          expect(result.stderr).to.match(/^(warning: .*\n)*error: /);
          expect(result.stderr, "a stack trace").to.not.match(/\n\s+at .+:\d+:\d+\)?\n/);
          for (const line of c.expect) expect(result.stderr).to.include(line);
          expectClean("render", result.stderr);
          counts.cli++;
        });
      }

      if (c.only === "cli") {
        it("(render only: see the note in the file)", () => {
          counts.cliOnly++;
        });
        return;
      }

      if (c.only === "component") {
        it("is rejected by the render pipeline with every expected line, no secret value", () => {
          const { name, args } = componentInput(c);
          let error: unknown;
          try {
            renderServer(name, args, {}, "corpus");
          } catch (e) {
            error = e;
          }
          expect(error).to.be.instanceOf(DittoSpecError);
          for (const line of c.expect) expect((error as Error).message).to.include(line);
          expectClean("render pipeline", (error as Error).message);
          counts.renderPipeline++;
          counts.componentOnly++;
        });
      }

      it("is rejected by the component with the same lines, no secret value", async function () {
        const { name, args, secrets: cluster } = componentInput(c);
        if (c.only === "component" && !checksSecretValues) {
          counts.pending++;
          // Pending until src/component/deferred-spec.ts calls maskSecretValues (src/resolve/args-shape.ts).
          this.skip();
        }
        for (const [id, data] of cluster) clusterSecrets.set(id, data);
        newProgramRun();

        const before = registered.length;
        let component: DittoServer | undefined;
        try {
          component = new DittoServer(name, args as any);
        } catch (e) {
          expect(e).to.be.instanceOf(DittoSpecError);
          for (const line of c.expect) expect((e as Error).message).to.include(line);
          expect(registered.length - before, "resources registered").to.equal(0);
          expect(warnings.messages, "warnings logged").to.deep.equal([]);
          expectClean("component", (e as Error).message);
          counts.componentSync++;
          return;
        }
        // Not a spec error: the secret contents, checked once the Secrets are read.
        const error = await errorOf(component.configHash);
        expect(error, "the component accepted the case").to.be.instanceOf(DittoSecretError);
        for (const line of c.expect) expect(error!.message).to.include(line);
        expectClean("component", error!.message);
        // The spec itself was valid: its warnings (if any) name their field.
        for (const w of warnings.messages) expect(w).to.match(/^spec\./);
        failedProgram(name);
        counts.componentSecret++;
      });
    });
  }
});

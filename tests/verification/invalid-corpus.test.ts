/**
 * The checked-in bad-input corpus, tests/fixtures/invalid/*.yaml: each file a DittoServer CR (plus the Secrets it
 * references) and its expected messages in leading comments:
 *
 *   # expect: <a line the error must contain>     (one or more)
 *   # only: cli                                    (the case has no component equivalent; the note says why)
 *   # note: <free text>
 *
 * Each case runs through `dittofs render -f FILE` (exit 1, nothing on stdout, every expected line on stderr) and
 * through the component: a spec error throws synchronously with every line and registers nothing; an error in a
 * Secret's contents (read when the Output resolves, decisions.md "Errors on secret contents") rejects the outputs.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { run } from "../../src/cli/main";
import { readInputs } from "../../src/cli/read-inputs";
import { DittoServer } from "../../src/ditto-server";
import { DittoSecretError, DittoSpecError } from "../../src/resolve/errors";
import { clusterSecrets, errorOf, newProgramRun, registered } from "../helpers/mocks";
import { captureWarnings, failedProgram } from "../component/mocked-program";

const DIR = path.join(__dirname, "..", "fixtures", "invalid");

interface CorpusCase {
  file: string;
  expect: string[];
  only?: string;
  text: string;
}

function load(file: string): CorpusCase {
  const text = fs.readFileSync(path.join(DIR, file), "utf8");
  const header = text.split("\n").filter((l) => l.startsWith("#"));
  const directive = (name: string) =>
    header.filter((l) => l.startsWith(`# ${name}: `)).map((l) => l.slice(`# ${name}: `.length));
  return { file, text, expect: directive("expect"), only: directive("only")[0] };
}

const CASES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map(load);

describe("verification: bad-input corpus (tests/fixtures/invalid)", function () {
  this.timeout(60_000);

  const counts = { cases: CASES.length, cli: 0, componentSync: 0, componentSecret: 0, cliOnly: 0 };
  const warnings = captureWarnings();
  after(() =>
    console.log(
      `      [invalid-corpus] ${counts.cases} cases run, rejected correctly: render ${counts.cli}, ` +
        `component ${counts.componentSync + counts.componentSecret} (${counts.componentSync} at construction with ` +
        `nothing registered, ${counts.componentSecret} on secret contents when the Output resolves), ` +
        `${counts.cliOnly} render-only`,
    ),
  );

  it("has at least 40 cases, each with an expected message", () => {
    expect(CASES.length).to.be.at.least(40);
    for (const c of CASES) expect(c.expect.length, c.file).to.be.greaterThan(0);
  });

  for (const c of CASES) {
    describe(c.file, () => {
      it("is rejected by `dittofs render` with exit 1, empty stdout and every expected line", () => {
        const result = run(["render", "-f", path.join(DIR, c.file)], {});
        expect(result.code, result.stderr).to.equal(1);
        expect(result.stdout).to.equal("");
        for (const line of c.expect) expect(result.stderr).to.include(line);
        counts.cli++;
      });

      if (c.only === "cli") {
        it("(render only: see the note in the file)", () => {
          counts.cliOnly++;
        });
        return;
      }

      it("is rejected by the component with the same lines", async () => {
        const inputs = readInputs([{ path: c.file, text: c.text }]);
        expect(inputs.servers).to.have.length(1);
        const server = inputs.servers[0];
        const namespace = server.namespace ?? "default";
        for (const s of inputs.secrets)
          clusterSecrets.set(`${s.namespace ?? "default"}/${s.name}`, s.data);
        newProgramRun();

        const before = registered.length;
        let component: DittoServer | undefined;
        try {
          component = new DittoServer(server.name, { ...server.spec, namespace } as any);
        } catch (e) {
          expect(e).to.be.instanceOf(DittoSpecError);
          for (const line of c.expect) expect((e as Error).message).to.include(line);
          expect(registered.length - before, "resources registered").to.equal(0);
          expect(warnings.messages, "warnings logged").to.deep.equal([]);
          counts.componentSync++;
          return;
        }
        // Not a spec error: the secret contents, checked once the Secrets are read.
        const error = await errorOf(component.configHash);
        expect(error, "the component accepted the case").to.be.instanceOf(DittoSecretError);
        for (const line of c.expect) expect(error!.message).to.include(line);
        // The spec itself was valid: its warnings (if any) name their field.
        for (const w of warnings.messages) expect(w).to.match(/^spec\./);
        failedProgram(server.name);
        counts.componentSecret++;
      });
    });
  }
});

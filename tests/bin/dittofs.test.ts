/**
 * The `dittofs` command as installed: bin/dittofs.js loads the bundle that `npm run build` makes (lib/dittofs-cli.js,
 * with V8's code cache), which must behave exactly like the sources it is bundled from.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../src/cli/main";

const ROOT = path.join(__dirname, "..", "..");
const BUNDLE = path.join(ROOT, "lib", "dittofs-cli.js");
const EXAMPLE = path.join(ROOT, "examples", "dittoserver.yaml");

/** The example with every generated value given back, so that two renders are byte-identical. */
function exampleWithSecrets(dir: string): string[] {
  const first = run(["render", "-f", EXAMPLE, "--hash-key", "k"]);
  const secrets = path.join(dir, "secrets.yaml");
  const docs = first.stdout.split(/^---\n/m).filter((d) => /^kind: Secret$/m.test(d));
  fs.writeFileSync(secrets, docs.map((d) => `---\n${d}`).join(""));
  return ["render", "-f", EXAMPLE, "-f", secrets, "--hash-key", "k"];
}

function cli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, [path.join(ROOT, "bin", "dittofs.js"), ...args], {
    encoding: "utf8",
    env,
  });
}

describe("bin/dittofs.js (the bundled CLI)", function () {
  this.timeout(30_000);
  let dir: string;
  before(function () {
    if (!fs.existsSync(BUNDLE)) {
      console.log("      skipped: lib/dittofs-cli.js is not built (npm run build)");
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-bin-"));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it("prints what the sources print, byte for byte, and the same errors", () => {
    const args = exampleWithSecrets(dir);
    const fromSources = run(args);
    const fromBin = cli(args);
    expect(fromBin.status).to.equal(0);
    expect(fromBin.stdout).to.equal(fromSources.stdout);
    expect(fromBin.stderr).to.equal(fromSources.stderr);

    const bad = ["render", "-f", path.join(dir, "missing.yaml")];
    const badBin = cli(bad);
    expect(badBin.status).to.equal(1);
    expect(badBin.stdout).to.equal("");
    expect(badBin.stderr).to.equal(run(bad).stderr);
  });

  it("bundles no @pulumi/* module", () => {
    expect(fs.readFileSync(BUNDLE, "utf8")).to.not.match(/node_modules\/@pulumi\//);
  });

  it("still works when the code cache does not fit this V8 (it is rejected and the bundle compiled)", () => {
    const copy = path.join(dir, "dittofs-cli.js");
    fs.copyFileSync(BUNDLE, copy);
    fs.writeFileSync(path.join(dir, "dittofs-cli.cache"), Buffer.from("not a code cache"));
    const { loadBundle } = require(path.join(ROOT, "bin", "load-bundle.js"));
    const args = exampleWithSecrets(dir);
    expect(loadBundle(copy).run(args).stdout).to.equal(run(args).stdout);
  });
});

/** render's `-f` inputs as bytes (src/cli/read-files.ts): files and standard input, failures in words, the size limit, UTF-8. */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { run } from "../../src/cli/main";
import { INPUT_LIMIT_BYTES, INPUT_LIMIT_TEXT } from "../../src/cli/read-files";
import { EXAMPLE, fails, inputFiles, normalise, ok } from "../helpers/cli";

describe("dittofs render: inputs (files, standard input, limits, what is not an input)", () => {
  const files = inputFiles("dittofs-read-files-");

  it("says in words why a file cannot be read, without an errno code", () => {
    const missing = fails(["render", "-f", path.join(files.dir, "missing.yaml")]).stderr;
    expect(missing).to.equal(
      `error: cannot read ${path.join(files.dir, "missing.yaml")}: no such file\n`,
    );
    expect(fails(["render", "-f", files.dir]).stderr).to.equal(
      `error: cannot read ${files.dir}: is a directory\n`,
    );
    const notDir = fails(["render", "-f", path.join(EXAMPLE, "x.yaml")]).stderr;
    expect(notDir).to.include("a part of the path is not a directory");
    for (const stderr of [missing, notDir]) expect(stderr).to.not.match(/E[A-Z]{3,}/);
  });

  it("says permission denied for a file it may not read", function () {
    if (process.getuid?.() === 0) {
      console.log("      skipped: running as root, which may read every file");
      this.skip();
    }
    const file = files.text("locked.yaml", "x: 1\n");
    fs.chmodSync(file, 0o000);
    expect(fails(["render", "-f", file]).stderr).to.equal(
      `error: cannot read ${file}: permission denied\n`,
    );
  });

  it("reads standard input for -f -, once", () => {
    const text = fs.readFileSync(EXAMPLE);
    let reads = 0;
    const readStdin = () => {
      reads++;
      return text;
    };
    const fromStdin = run(["render", "-f", "-", "--hash-key", "k"], {}, { readStdin });
    expect(fromStdin.code, fromStdin.stderr).to.equal(0);
    expect(reads).to.equal(1);
    expect(normalise(fromStdin.stdout)).to.equal(
      normalise(ok(["render", "-f", EXAMPLE, "--hash-key", "k"]).stdout),
    );
    const twice = run(["render", "-f", "-", "-f", "-"], {}, { readStdin });
    expect(twice.code).to.equal(1);
    expect(twice.stderr).to.include("-f - (standard input) may be given once");
    expect(reads).to.equal(1);
    // Errors name it.
    const bad = run(["render", "-f", "-"], {}, { readStdin: () => Buffer.from("name: x\n") });
    expect(bad.stderr).to.include(
      "<stdin> (document 1): not a Kubernetes object (no apiVersion/kind)",
    );
  });

  it("reads the real standard input of the process", function () {
    this.timeout(60_000);
    const result = spawnSync(
      process.execPath,
      [
        "-r",
        "ts-node/register/transpile-only",
        "-e",
        'require("./src/cli/main").main(process.argv.slice(1))',
        "render",
        "-f",
        "-",
        "--hash-key",
        "k",
      ],
      { cwd: path.resolve(__dirname, "../.."), input: fs.readFileSync(EXAMPLE), encoding: "utf8" },
    );
    expect(result.status, result.stderr).to.equal(0);
    expect(normalise(result.stdout)).to.equal(
      normalise(ok(["render", "-f", EXAMPLE, "--hash-key", "k"]).stdout),
    );
  });

  it(`stops at ${INPUT_LIMIT_TEXT} of input, all files together, and says so`, () => {
    const half = Buffer.alloc(INPUT_LIMIT_BYTES / 2 + 1, "#");
    const a = files.text("half-a.yaml", half);
    const b = files.text("half-b.yaml", half);
    const r = fails(["render", "-f", EXAMPLE, "-f", a, "-f", b]);
    expect(r.stderr).to.include(
      `cannot read ${b}: the inputs exceed dittofs render's limit of 8 MiB`,
    );
    const endless = run(
      ["render", "-f", "-"],
      {},
      { readStdin: (budget) => Buffer.alloc(budget + 1) },
    );
    expect(endless.stderr).to.include("cannot read <stdin>: the inputs exceed");
    expect(ok(["render", "--help"]).stdout).to.include(`hold ${INPUT_LIMIT_TEXT} together`);
  });

  it("refuses a file that is not UTF-8, and a YAML error shows its line, never the text", () => {
    const latin1 = files.text("latin1.yaml", Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(fails(["render", "-f", latin1]).stderr).to.equal(
      `error: cannot read ${latin1}: it is not UTF-8 text\n`,
    );
    const broken = files.text(
      "broken.yaml",
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  k: "broken-secret-value-0123\n',
    );
    const r = fails(["render", "-f", broken]);
    expect(r.stderr).to.match(/invalid YAML at line \d+, column \d+/);
    expect(r.stderr).to.not.include("broken-secret-value");
  });
});

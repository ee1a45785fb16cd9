/** A Secret given to render with -f (src/cli/secret-input.ts): checked as the API server takes it, named without its values. */
import { expect } from "chai";
import { b64 } from "../helpers/base64";
import {
  fails,
  inputFiles,
  JWT,
  ok,
  refsSecrets,
  REFS_SPEC,
  secretDoc,
  server,
} from "../helpers/cli";

describe("dittofs render: inputs (files, standard input, limits, what is not an input)", () => {
  const files = inputFiles("dittofs-secret-input-");

  it("refuses an input Secret over 1 MiB (the API server would not hold it)", () => {
    const big = "s".repeat((1 << 20) + 1);
    const file = files.docs(
      server(REFS_SPEC, "refs"),
      ...refsSecrets("refs"),
      secretDoc("huge", { k: big }, "refs"),
    );
    const r = fails(["render", "-f", file]);
    expect(r.stderr).to.include('Secret "refs/huge": its data is 1048577 bytes');
    expect(r.stderr.length).to.be.lessThan(1000);
  });

  it("refuses Secret data that is not base64, or values that are not strings, naming the Secret and key only", () => {
    const value = "plain-text-secret-value-not-base64!";
    const file = files.docs(
      server(REFS_SPEC, "refs"),
      ...refsSecrets("refs").filter((s) => s.metadata.name !== "cli-jwt"),
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "cli-jwt", namespace: "refs" },
        data: { secret: value, num: 1234567890123, m: { nested: value } },
        stringData: { b: true, l: [value] },
      },
    );
    const r = fails(["render", "-f", file]);
    expect(r.stderr).to.include('Secret "refs/cli-jwt":');
    expect(r.stderr).to.include('data key "secret": not valid base64');
    expect(r.stderr).to.include('data key "num": must be a string, not a number');
    expect(r.stderr).to.include('data key "m": must be a string, not a map');
    expect(r.stderr).to.include('stringData key "b": must be a string, not a boolean');
    expect(r.stderr).to.include('stringData key "l": must be a string, not an array');
    expect(r.stderr).to.not.include(value).and.not.include("1234567890123");
  });

  it("takes base64 data with line breaks, as the API server does", () => {
    const secrets = refsSecrets("refs");
    const wrapped = b64(JWT).replace(/(.{8})/g, "$1\n");
    secrets[0] = secretDoc("cli-jwt", {}, "refs", { secret: wrapped });
    delete secrets[0].stringData;
    const a = ok([
      "render",
      "-f",
      files.docs(server(REFS_SPEC, "refs"), ...secrets),
      "--hash-key",
      "k",
    ]);
    const b = ok([
      "render",
      "-f",
      files.docs(server(REFS_SPEC, "refs"), ...refsSecrets("refs")),
      "--hash-key",
      "k",
    ]);
    expect(a.stdout).to.equal(b.stdout);
  });
});

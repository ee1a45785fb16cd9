/** The first step of both faces (src/pipeline.ts): a server config over the API server's 1 MiB names the field that made it. */
import { expect } from "chai";
import { fails, inputFiles, server } from "./helpers/cli";
import { MINIMAL } from "./helpers/specs";

describe("dittofs render: inputs (files, standard input, limits, what is not an input)", () => {
  const files = inputFiles("dittofs-pipeline-");

  it("refuses a config over 1 MiB, naming the field that made it", () => {
    const file = files.docs(
      server({
        ...MINIMAL,
        identity: { jwt: { issuer: "i".repeat(1 << 20) } },
      }),
    );
    const r = fails(["render", "-f", file]);
    expect(r.stderr).to.include(
      `spec.identity.jwt.issuer: ${1 << 20} characters make the server config (ConfigMap "cli-config") too large`,
    );
    expect(r.stderr).to.include("over the API server's limit of 1048576 bytes (1 MiB)");
  });
});

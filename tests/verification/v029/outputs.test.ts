/**
 * Inputs as Outputs for the v0.29 model (the mocks run in update mode: unknown values are stood in for by Outputs
 * that resolve later and by secret Outputs). Generated valid v0.29 specs with random fields lifted must register the
 * same objects once known as the plain spec; generated invalid specs with the broken field lifted must fail with the
 * same message as the plain path (at construction, or when the Output resolves).
 */
import { MODELS } from "../../../src/models";
import { SEED } from "../arbitraries";
import { outputsProperties } from "../outputs-property";
import { RELEASE, validCase, type V029Case } from "./arbitraries";
import { brokenCase, type BrokenCase } from "./breakers";
import { renderCase } from "./render-case";

describe("verification (v0.29): inputs as unknown and secret Outputs", function () {
  this.timeout(240_000);

  outputsProperties<V029Case, BrokenCase>({
    model: MODELS[RELEASE],
    prefix: "vout29",
    /** The v0.29 model's generated values: the JWT secret (43) and the admin password (24). */
    generatedLengths: [
      ["jwt", 43],
      ["admin-password", 24],
    ],
    runs: { sameObjects: 15, messages: 50 },
    minLifted: 60,
    outputs: ["nfsEndpoint", "apiEndpoint", "smbEndpoint", "metricsEndpoint"],
    validCase,
    brokenCase,
    componentArgs: (args) => ({ ...(args as object), operatorRelease: RELEASE }),
    renderBroken: (b, name) =>
      renderCase({ ...b.base, name }, { ...b.args, operatorRelease: RELEASE }),
    summary: (counts, deployments, messages) =>
      `      [v0.29 outputs] seed ${SEED}: ${deployments} specs deployed plain and lifted (${counts.secret} secret, ` +
      `${counts.later} later-resolving, ${counts.output} known Outputs): same objects and warnings; ` +
      `${messages.compared} invalid specs with the broken field lifted: same message ` +
      `(${messages.atConstruction} at construction, ${messages.whenResolved} when resolved), ` +
      `${messages.notLiftable} not liftable`,
  });
});

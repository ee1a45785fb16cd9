/**
 * Inputs as Outputs for the v0.29 model (the mocks run in update mode: unknown values are stood in for by Outputs
 * that resolve later and by secret Outputs). Generated valid v0.29 specs with random fields lifted must register the
 * same objects once known as the plain spec; generated invalid specs with the broken field lifted must fail with the
 * same message as the plain path (at construction, or when the Output resolves).
 */
import { expect } from "chai";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { DittoServer } from "../../../src/ditto-server";
import { decidesStructure } from "../../../src/component/deferred-spec";
import { MODELS } from "../../../src/models";
import { DittoSpecError } from "../../../src/resolve/errors";
import { deploy, type Deployed } from "../../helpers/component";
import { putClusterSecret, valueOf } from "../../helpers/mocks";
import { failedProgram } from "../../helpers/mocked-program";
import { getPath, SEED, setPath } from "../arbitraries";
import { knownBadStandIn, lifted, normalised, wrap, type Wrap } from "../lift";
import { RELEASE, validCase, type V029Case } from "./arbitraries";
import { brokenCase, type BrokenCase } from "./breakers";
import { renderCase } from "./render-case";
import { errorOf } from "../../helpers/errors";
import type { Obj } from "../../helpers/objects";

const MODEL = MODELS[RELEASE];
/** The v0.29 model's generated values: the JWT secret (43) and the admin password (24). */
const GENERATED_LENGTHS: Array<[string, number]> = [
  ["jwt", 43],
  ["admin-password", 24],
];

const SAME_OBJECT_RUNS = 15;
const MESSAGE_RUNS = 50;

/** The case's args for the component: the v0.29 model named, its Secrets in a namespace of its own. */
function forComponent(c: V029Case): Obj {
  const args = structuredClone(c.args) as Obj;
  args.operatorRelease = RELEASE;
  args.namespace = `vout29-${args.namespace ?? "default"}`;
  for (const [secret, data] of Object.entries(c.secrets))
    putClusterSecret(args.namespace, secret, data);
  return args;
}

describe("verification (v0.29): inputs as unknown and secret Outputs", function () {
  this.timeout(240_000);

  const counts: Record<Wrap, number> = { secret: 0, later: 0, output: 0 };
  const messages = { compared: 0, atConstruction: 0, whenResolved: 0, notLiftable: 0 };
  let deployments = 0;

  const original = pulumi.log.warn;
  let warnings: string[] = [];
  before(() => {
    (pulumi.log as any).warn = async (message: string) => {
      warnings.push(message);
    };
  });
  after(() => {
    (pulumi.log as any).warn = original;
    console.log(
      `      [v0.29 outputs] seed ${SEED}: ${deployments} specs deployed plain and lifted (${counts.secret} secret, ` +
        `${counts.later} later-resolving, ${counts.output} known Outputs): same objects and warnings; ` +
        `${messages.compared} invalid specs with the broken field lifted: same message ` +
        `(${messages.atConstruction} at construction, ${messages.whenResolved} when resolved), ` +
        `${messages.notLiftable} not liftable`,
    );
  });

  async function deployCapturing(
    name: string,
    args: Obj,
  ): Promise<{ d: Deployed; warned: string[] }> {
    warnings = [];
    const d = await deploy(name, args as any);
    return { d, warned: [...warnings].sort() };
  }

  it(`registers the same objects once the Outputs are known (${SAME_OBJECT_RUNS} specs, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(
        validCase,
        fc.array(fc.nat(), { minLength: 50, maxLength: 50 }),
        async (c, choices) => {
          const n = ++deployments;
          const [plainName, liftedName] = [`vout29-p${n}`, `vout29-l${n}`];
          const args = forComponent(c);
          const { d: plain, warned: plainWarnings } = await deployCapturing(plainName, args);
          const { d: lift, warned: liftedWarnings } = await deployCapturing(
            liftedName,
            lifted(args, choices, counts, MODEL),
          );
          expect(liftedWarnings, "warnings").to.deep.equal(plainWarnings);
          const a = normalised(lift, liftedName, plainName, GENERATED_LENGTHS);
          const b = normalised(plain, plainName, plainName, GENERATED_LENGTHS);
          const onlyLifted = a.filter((x) => !b.includes(x));
          const onlyPlain = b.filter((x) => !a.includes(x));
          expect(
            onlyLifted,
            `lifted:\n${onlyLifted.join("\n")}\nplain:\n${onlyPlain.join("\n")}`,
          ).to.deep.equal([]);
          expect(a).to.deep.equal(b);
          for (const key of [
            "nfsEndpoint",
            "apiEndpoint",
            "smbEndpoint",
            "metricsEndpoint",
          ] as const) {
            const x = JSON.stringify(await valueOf(lift.server[key]));
            const y = JSON.stringify(await valueOf(plain.server[key]));
            expect(x.split(liftedName).join(plainName), key).to.equal(y);
          }
        },
      ),
      // No shrinking: each run deploys twice.
      { numRuns: SAME_OBJECT_RUNS, seed: SEED, endOnFailure: true },
    );
    expect(counts.secret + counts.later + counts.output).to.be.greaterThan(60);
  });

  /** Where to lift a broken case: the changed field, or its parent when the change deleted it. */
  function liftPath(b: BrokenCase): string[] | undefined {
    if (!b.changed || b.rule === "name") return undefined;
    let path =
      getPath(b.args as Obj, b.changed.join(".")) === undefined
        ? b.changed.slice(0, -1)
        : b.changed;
    if (knownBadStandIn(path, getPath(b.args as Obj, path.join(".")))) path = path.slice(0, -1);
    if (path.length === 0 || decidesStructure(path, MODEL)) return undefined;
    return path;
  }

  it(`fails with the plain path's message when the broken field is an Output (${MESSAGE_RUNS} specs)`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        brokenCase,
        fc.constantFrom<Wrap>("secret", "later", "output"),
        async (b, how) => {
          const path = liftPath(b);
          if (!path) {
            messages.notLiftable++;
            return;
          }
          const name = `vout29-b${++n}`;
          let plainMessage = "";
          try {
            renderCase({ ...b.base, name }, { ...b.args, operatorRelease: RELEASE });
          } catch (e) {
            plainMessage = (e as Error).message;
          }
          expect(plainMessage, `${b.rule}: ${b.change}`).to.match(/is invalid/);

          const args = structuredClone(b.args) as Obj;
          args.operatorRelease = RELEASE;
          setPath(args, path.join("."), wrap(getPath(args, path.join(".")), how));
          let message: string;
          try {
            const server = new DittoServer(name, args as any);
            const error = await errorOf(server.nfsEndpoint);
            expect(error, `${b.rule}: ${b.change} (lifted ${path.join(".")})`).to.be.instanceOf(
              DittoSpecError,
            );
            message = error!.message;
            failedProgram(name);
            messages.whenResolved++;
          } catch (e) {
            if (!(e instanceof DittoSpecError)) throw e;
            message = e.message;
            messages.atConstruction++;
          }
          expect(message, `${b.rule}: ${b.change} (lifted ${path.join(".")} as ${how})`).to.equal(
            plainMessage,
          );
          messages.compared++;
        },
      ),
      { numRuns: MESSAGE_RUNS, seed: SEED, endOnFailure: true },
    );
    expect(messages.whenResolved).to.be.greaterThan(10);
  });
});

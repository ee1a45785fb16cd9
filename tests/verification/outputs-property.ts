/**
 * The two properties of inputs as Outputs, for both models' outputs suites (the mocks run in update mode: unknown
 * values are stood in for by Outputs that resolve later and by secret Outputs): a generated valid spec with random
 * fields lifted registers the same objects and warnings once known as the plain spec; a generated invalid spec with
 * the broken field lifted fails with the plain path's message (at construction, or when the Output resolves).
 */
import { expect } from "chai";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { DittoServer } from "../../src/ditto-server";
import { decidesStructure } from "../../src/component/deferred-spec";
import type { ObjectModel } from "../../src/models/object-model";
import { DittoSpecError } from "../../src/resolve/errors";
import { deploy, type Deployed } from "../helpers/component";
import { errorOf, messageOf } from "../helpers/errors";
import { putClusterSecret, valueOf } from "../helpers/mocks";
import { failedProgram } from "../helpers/mocked-program";
import type { Obj } from "../helpers/objects";
import { getPath, SEED, setPath } from "./arbitraries";
import { knownBadStandIn, lifted, normalised, wrap, type Wrap } from "./lift";

interface Case {
  args: unknown;
  secrets: Record<string, Record<string, string>>;
}
interface Broken<C> {
  rule: string;
  change: string;
  args: unknown;
  changed?: string[];
  base: C;
}

export interface OutputsProperties<C extends Case, B extends Broken<C>> {
  model: ObjectModel;
  /** Logical names start with it (`<prefix>-p1`, ...), and the Secrets' namespaces. */
  prefix: string;
  /** The model's generated values: logical-name suffix → length. */
  generatedLengths: Array<[string, number]>;
  /** How many valid specs are deployed plain and lifted, how many broken specs are lifted. */
  runs: { sameObjects: number; messages: number };
  /** At least this many fields must have been lifted over the valid specs. */
  minLifted: number;
  /** The component outputs compared between the plain and the lifted deployment. */
  outputs: Array<keyof DittoServer>;
  validCase: fc.Arbitrary<C>;
  brokenCase: fc.Arbitrary<B>;
  /** A case's args as the component takes them (its model named). */
  componentArgs(args: unknown): Obj;
  /** Renders a broken case (it must throw) under `name`. */
  renderBroken(b: B, name: string): unknown;
  /** The suite's summary line, from the counts. */
  summary(
    counts: Record<Wrap, number>,
    deployments: number,
    m: MessageCounts,
    warnings: number,
  ): string;
}

export interface MessageCounts {
  compared: number;
  atConstruction: number;
  whenResolved: number;
  notLiftable: number;
}

/** Registers both properties' tests in the enclosing `describe`. */
export function outputsProperties<C extends Case, B extends Broken<C>>(
  o: OutputsProperties<C, B>,
): void {
  const counts: Record<Wrap, number> = { secret: 0, later: 0, output: 0 };
  const messages: MessageCounts = {
    compared: 0,
    atConstruction: 0,
    whenResolved: 0,
    notLiftable: 0,
  };
  let deployments = 0;
  let warningsCompared = 0;

  // Warnings are captured (not printed) and compared between the plain and the lifted deployment.
  const original = pulumi.log.warn;
  let warnings: string[] = [];
  before(() => {
    (pulumi.log as any).warn = async (message: string) => {
      warnings.push(message);
    };
  });
  after(() => {
    (pulumi.log as any).warn = original;
    console.log(o.summary(counts, deployments, messages, warningsCompared));
  });
  async function deployCapturing(
    name: string,
    args: Obj,
  ): Promise<{ d: Deployed; warned: string[] }> {
    warnings = [];
    const d = await deploy(name, args as any);
    return { d, warned: [...warnings].sort() };
  }

  /** The case's args for the component, its Secrets in a namespace of its own. */
  function forComponent(c: C): Obj {
    const args = o.componentArgs(structuredClone(c.args));
    args.namespace = `${o.prefix}-${args.namespace ?? "default"}`;
    for (const [secret, data] of Object.entries(c.secrets))
      putClusterSecret(args.namespace, secret, data);
    return args;
  }

  it(`registers the same objects once the Outputs are known (${o.runs.sameObjects} specs, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(
        o.validCase,
        fc.array(fc.nat(), { minLength: 50, maxLength: 50 }),
        async (c, choices) => {
          const n = ++deployments;
          const [plainName, liftedName] = [`${o.prefix}-p${n}`, `${o.prefix}-l${n}`];
          const args = forComponent(c);
          const { d: plain, warned: plainWarnings } = await deployCapturing(plainName, args);
          const { d: lift, warned: liftedWarnings } = await deployCapturing(
            liftedName,
            lifted(args, choices, counts, o.model),
          );
          expect(liftedWarnings, "warnings").to.deep.equal(plainWarnings);
          warningsCompared += plainWarnings.length;
          const a = normalised(lift, liftedName, plainName, o.generatedLengths);
          const b = normalised(plain, plainName, plainName, o.generatedLengths);
          const onlyLifted = a.filter((x) => !b.includes(x));
          const onlyPlain = b.filter((x) => !a.includes(x));
          expect(
            onlyLifted,
            `lifted:\n${onlyLifted.join("\n")}\nplain:\n${onlyPlain.join("\n")}`,
          ).to.deep.equal([]);
          expect(a).to.deep.equal(b);
          for (const key of o.outputs) {
            const x = JSON.stringify(await valueOf(lift.server[key] as pulumi.Output<unknown>));
            const y = JSON.stringify(await valueOf(plain.server[key] as pulumi.Output<unknown>));
            expect(x.split(liftedName).join(plainName), key).to.equal(y);
          }
        },
      ),
      // No shrinking: each run deploys twice, and a shrink of these large cases takes minutes.
      { numRuns: o.runs.sameObjects, seed: SEED, endOnFailure: true },
    );
    expect(counts.secret + counts.later + counts.output).to.be.greaterThan(o.minLifted);
  });

  /** Where to lift a broken case: the changed field, or its parent when the change deleted it. */
  function liftPath(b: B): string[] | undefined {
    if (!b.changed || b.rule === "name") return undefined;
    let path =
      getPath(b.args as Obj, b.changed.join(".")) === undefined
        ? b.changed.slice(0, -1)
        : b.changed;
    // A stand-in that is not valid (lift.ts, knownBadStandIn): lift the parent instead.
    if (knownBadStandIn(path, getPath(b.args as Obj, path.join(".")))) path = path.slice(0, -1);
    if (path.length === 0 || decidesStructure(path, o.model)) return undefined;
    return path;
  }

  it(`fails with the plain path's message when the broken field is an Output (${o.runs.messages} specs)`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        o.brokenCase,
        fc.constantFrom<Wrap>("secret", "later", "output"),
        async (b, how) => {
          const path = liftPath(b);
          if (!path) {
            messages.notLiftable++;
            return;
          }
          const name = `${o.prefix}-b${++n}`;
          const plainMessage = messageOf(() => o.renderBroken(b, name));
          expect(plainMessage, `${b.rule}: ${b.change}`).to.match(/is invalid/);

          const args = o.componentArgs(structuredClone(b.args));
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
      { numRuns: o.runs.messages, seed: SEED, endOnFailure: true },
    );
    expect(messages.whenResolved).to.be.greaterThan(10);
  });
}

/**
 * The secret-leak scanner of both models' leak suites: recognisable secret values looked for as plaintext and as base64
 * at each of the three byte alignments (tests/helpers/needles.ts) in every object outside Secret data, every
 * component output, every warning and log line, and every error. Counts what it scanned, for the suite's summary line.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { DittoServer } from "../../src/ditto-server";
import type { PlainArgs } from "../../src/resolve/component-fields";
import type { CliResult } from "../../src/cli/main";
import { dittoServer, docsOf, secretDoc } from "../helpers/cli";
import { deploy, type Deployed } from "../helpers/component";
import { errorOf, messageOf } from "../helpers/errors";
import { secretPaths, valueOf } from "../helpers/mocks";
import { failedProgram } from "../helpers/mocked-program";
import { needles } from "../helpers/needles";
import type { Obj } from "../helpers/objects";

/**
 * The Pulumi SDK's own debug traces of each resource RPC (`RegisterResource RPC finished: ... resp: ...`), which
 * print the request/response including secret-wrapped values, for any Pulumi program that has a Secret; shown only
 * with `pulumi up --debug`. Not the component's lines: counted, not scanned. Every other line (the SDK's other
 * debug lines, the component's warnings) is scanned.
 */
const SDK_RPC_TRACE =
  /^debug: (ReadResource|RegisterResource|RegisterResourceOutputs|getResource Invoke|Invoke|Call) RPC (prepared|finished)/;

/** An object without its Secret data (the only place secret values may be). */
export function withoutSecretData(obj: Obj): Obj {
  if (obj.kind !== "Secret") return obj;
  const rest = { ...obj };
  delete rest.data;
  delete rest.stringData;
  return rest;
}

/** A DittoServer CR named `name` from args (the component-only fields left out) and its Secrets, for dittofs render. */
export function crDocuments(
  name: string,
  args: PlainArgs,
  secrets: Record<string, Record<string, string>>,
): Obj[] {
  const spec: Obj = { ...args };
  const namespace = (spec.namespace as string) ?? "default";
  delete spec.namespace;
  delete spec.operatorRelease;
  return [
    dittoServer(name, spec, namespace),
    ...Object.entries(secrets).map(([secret, data]) => secretDoc(secret, data, namespace)),
  ];
}

export class LeakScan {
  readonly stats = { objects: 0, outputs: 0, warnings: 0, errors: 0, needles: 0, hits: 0 };
  /** What `pulumi.log` received while captured (`captureLogs`). */
  readonly logged: string[] = [];
  sdkTraces = 0;

  /** `values`: what `scan` looks for unless told otherwise. */
  constructor(readonly values: string[]) {}

  /** Every needle of `values` found in `text`, labelled. */
  find(where: string, text: string, values: string[]): string[] {
    const hits: string[] = [];
    for (const value of values) {
      for (const needle of needles(value)) {
        this.stats.needles++;
        if (text.includes(needle)) hits.push(`${where}: ${value} (as ${needle})`);
      }
    }
    return hits;
  }

  /** `find`, counted as leaks. */
  scan(where: string, text: string, values: string[] = this.values): string[] {
    const hits = this.find(where, text, values);
    this.stats.hits += hits.length;
    return hits;
  }

  scanObjects(where: string, objects: Obj[], values?: string[]): string[] {
    this.stats.objects += objects.length;
    return objects.flatMap((o) =>
      this.scan(
        `${where} ${o.kind}/${o.metadata?.name}`,
        `${JSON.stringify(withoutSecretData(o))}\n${stringify(withoutSecretData(o))}`,
        values,
      ),
    );
  }

  /** A render's objects (outside Secret data) and its warnings, which it must have. */
  scanRender(label: string, result: { objects: unknown[]; warnings: string[] }): string[] {
    expect(result.warnings.length).to.be.greaterThan(0);
    this.stats.warnings += result.warnings.length;
    return [
      ...this.scanObjects(label, result.objects as Obj[]),
      ...this.scan(`${label} warnings`, result.warnings.join("\n")),
    ];
  }

  /** A successful `dittofs render`'s stdout (outside Secret data) and its stderr. */
  scanCli(result: CliResult): string[] {
    expect(result.code, result.stderr).to.equal(0);
    this.stats.warnings += result.stderr.split("\n").filter(Boolean).length;
    return [
      ...this.scanObjects("cli", docsOf(result.stdout)),
      ...this.scan("cli stderr", result.stderr),
    ];
  }

  /** The message a call throws (it must throw one matching `expected`), counted as an error and scanned. */
  scanThrown(where: string, call: () => unknown, expected: RegExp, values?: string[]): string[] {
    const message = messageOf(call);
    expect(message, `${where}: the call must fail`).to.match(expected);
    this.stats.errors++;
    return this.scan(where, message, values);
  }

  /** Captures every `pulumi.log` level in the enclosing `describe` (scanned, not printed); prints `summary` after. */
  captureLogs(summary: () => string): void {
    const originals = { ...pulumi.log };
    before(() => {
      for (const level of ["debug", "info", "warn", "error"] as const) {
        (pulumi.log as any)[level] = async (msg: string) => {
          this.logged.push(`${level}: ${msg}`);
        };
      }
    });
    after(() => {
      Object.assign(pulumi.log, originals);
      console.log(summary());
    });
  }

  /** The summary's common part. */
  counts(valueCount: number): string {
    const s = this.stats;
    return (
      `scanned ${s.objects} objects, ${s.outputs} outputs, ${s.warnings} warnings/log lines, ${s.errors} errors ` +
      `for ${valueCount} secret values (${s.needles} needle checks): leaks found ${s.hits} ` +
      `(${this.sdkTraces} Pulumi SDK debug RPC traces not scanned)`
    );
  }

  /** The log lines since `from` (an index into `logged`), the SDK's RPC traces counted and left out. */
  linesSince(from: number): string[] {
    const all = this.logged.slice(from);
    const lines = all.filter((l) => !SDK_RPC_TRACE.test(l));
    this.sdkTraces += all.length - lines.length;
    this.stats.warnings += lines.length;
    return lines;
  }

  /**
   * Deploys under the mocks and scans every registered child's inputs (outside owned Secrets' data, which must be
   * secret), every Output property of the component but the secret adminPassword, and the log lines written while it was built.
   */
  async scanDeployment(
    name: string,
    args: PlainArgs,
    values: string[] = this.values,
  ): Promise<{ hits: string[]; lines: string[] }> {
    const from = this.logged.length;
    const d = await deploy(name, args as any);
    const hits: string[] = [];
    const children = d.children.filter((c) => c.type.startsWith("kubernetes:"));
    for (const c of children.filter((x) => x.type === "kubernetes:core/v1:Secret" && !x.read))
      expect(secretPaths(c.rawInputs), c.name).to.include("data");
    hits.push(
      ...this.scanObjects(
        name,
        children.map((c) => ({ ...c.inputs, kind: c.inputs.kind ?? c.type })),
        values,
      ),
    );
    // adminPassword holds the admin's login password by design (a dittofs.Provider logs in with it): secret, not scanned.
    hits.push(...(await this.scanOutputs(d, name, values, ["adminPassword"])));
    expect(await pulumi.isSecret(d.server.adminPassword)).to.equal(true);
    const lines = this.linesSince(from);
    hits.push(...this.scan(`${name} log`, lines.join("\n"), values));
    return { hits, lines };
  }

  /** Every Output property of a deployed component but those in `skip`, scanned. */
  async scanOutputs(d: Deployed, name: string, values: string[], skip: string[] = []) {
    const hits: string[] = [];
    const server = d.server as unknown as Record<string, unknown>;
    for (const [key, output] of Object.entries(server)) {
      if (!pulumi.Output.isInstance(output) || skip.includes(key)) continue;
      this.stats.outputs++;
      hits.push(
        ...this.scan(`${name} output ${key}`, JSON.stringify(await valueOf(output)), values),
      );
    }
    return hits;
  }

  /** Generated values (`generated`: the JWT secret, the admin password) stay in owned Secret data and adminPassword. */
  async expectGeneratedKept(name: string, args: PlainArgs, generated: string[]): Promise<void> {
    const d = await deploy(name, args as any);
    expect(await valueOf(d.server.adminPassword)).to.equal(generated[1]);
    expect(await pulumi.isSecret(d.server.adminPassword)).to.equal(true);
    const children = d.children.filter((c) => c.type.startsWith("kubernetes:"));
    expect(
      this.scanObjects(
        name,
        children.map((c) => c.inputs),
        generated,
      ),
    ).to.deep.equal([]);
    expect(await this.scanOutputs(d, name, generated, ["adminPassword"])).to.deep.equal([]);
  }

  /** A component that must fail on its secret contents: its error and its log lines, scanned. */
  async scanComponentError(where: string, name: string, args: PlainArgs, values: string[]) {
    const from = this.logged.length;
    const server = new DittoServer(name, args as any);
    const error = await errorOf(server.configHash);
    expect(error, "component must fail").to.not.equal(undefined);
    failedProgram(name);
    this.stats.errors++;
    return [
      ...this.scan(`${where} component error`, error!.message, values),
      ...this.scan(`${where} component log`, this.linesSince(from).join("\n"), values),
    ];
  }

  /** Spec errors (render and the component both throw "is invalid") that must not echo a secret value. */
  expectSpecErrorsClean(
    cases: PlainArgs[],
    renderCase: (args: PlainArgs) => unknown,
    name: string,
  ) {
    for (const args of cases)
      for (const attempt of [() => renderCase(args), () => new DittoServer(name, args as any)])
        expect(this.scanThrown("spec error", attempt, /is invalid/)).to.deep.equal([]);
  }
}

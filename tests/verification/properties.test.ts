/**
 * Property-based tests over the whole input space (issue 6): 1000 generated valid DittoServer cases per run, with a
 * fixed seed (printed; DITTOFS_FC_SEED overrides it). For each: every object schema-valid and past the API server's
 * cross-field rules (api-server-rules.ts), rendering deterministic and free of side effects on the args, object
 * names valid for their kind and at most 63 characters where Kubernetes requires a label (Services: DNS-1035;
 * Secrets and ConfigMaps: DNS-1123 subdomains), label values DNS-1123 labels of at most 63, every CRD field
 * generated at least once, and the config hash changing exactly when the config or a secret byte the pod reads
 * changes.
 */
import { expect } from "chai";
import fc from "fast-check";
import { stringify } from "yaml";
import { CONFIG_FILE_NAME } from "../../src/defaults";
import specSchema from "../../src/generated/feb2026/spec-schema.json";
import { CONFIG_HASH_ANNOTATION } from "../../src/hash";
import type { RenderResult } from "../../src/render";
import { render } from "../helpers/render";
import { SEED, validCase, type SpecCase } from "./arbitraries";
import { namesAndLabels, objectsApiServerProblems } from "./api-server-rules";
import { objectsProblems } from "./k8s-schemas";
import type { MutationKind } from "./mutation-kit";
import { pickMutations } from "./mutations";
import type { Obj } from "../helpers/objects";

const RUNS = 1000;

/** Every field path of the CRD spec (`[]` for array items, map values not included). */
function schemaPaths(schema: Obj, at: string[] = []): string[] {
  const own = at.length > 0 ? [at.join(".")] : [];
  const props = Object.entries((schema.properties ?? {}) as Record<string, Obj>).flatMap(([k, s]) =>
    schemaPaths(s, [...at, k]),
  );
  const items = schema.items ? schemaPaths(schema.items, [...at, "[]"]) : [];
  return [...own, ...props, ...items];
}

/** Every field path present in generated args (array indices as `[]`). */
function presentPaths(value: unknown, at: string[] = [], out = new Set<string>()): Set<string> {
  if (at.length > 0) out.add(at.join("."));
  if (Array.isArray(value)) value.forEach((v) => presentPaths(v, [...at, "[]"], out));
  else if (typeof value === "object" && value !== null)
    for (const [k, v] of Object.entries(value)) presentPaths(v, [...at, k], out);
  return out;
}

/** Left out of the generator on purpose: Kubernetes rejects any claim the pod does not declare (known bug). */
const NOT_GENERATED = /^resources\.claims/;

const renderCase = (c: SpecCase): RenderResult =>
  render(c.name, structuredClone(c.args), c.secrets, c.generated);

const yamlOf = (r: RenderResult) =>
  r.objects.map((o) => stringify(o, { lineWidth: 0 })).join("---\n");

function configOf(r: RenderResult): string {
  const cm = (r.objects as Obj[]).find((o) => o.kind === "ConfigMap");
  return cm!.data[CONFIG_FILE_NAME];
}

describe("verification: properties of 1000 generated valid specs", function () {
  this.timeout(240_000);

  const seen = new Set<string>();
  let passed = false;
  const stats = {
    fields: 0,
    specs: 0,
    objects: 0,
    mutations: { secret: 0, config: 0, maybe: 0, other: 0 } as Record<MutationKind, number>,
    maybeChanged: 0,
    features: {} as Record<string, number>,
  };

  after(() => {
    const f = stats.features;
    const on = (k: string) => f[k] ?? 0;
    console.log(
      `      [properties] seed ${SEED}: ${stats.specs} specs covering ${stats.fields} CRD fields, ` +
        `${stats.objects} objects schema-valid, ` +
        `hash mutations secret ${stats.mutations.secret} / config ${stats.mutations.config} / ` +
        `conditional ${stats.mutations.maybe} (${stats.maybeChanged} changed the config) / other ${stats.mutations.other}; ` +
        `on: smb ${on("smb")}, metrics ${on("metrics")}, percona ${on("percona")} (backup ${on("perconaBackup")}), ` +
        `postgres ${on("postgres")}, s3 ${on("s3")}, sqlite ${on("sqlite")}; ` +
        `property ${passed ? "held" : "FAILED (counts include shrinking)"}`,
    );
  });

  it(`holds for ${RUNS} specs (seed ${SEED})`, () => {
    console.log(`      [properties] fast-check seed ${SEED}, ${RUNS} runs`);
    fc.assert(
      fc.property(validCase, fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), (c, picks) => {
        const argsBefore = structuredClone(c.args);
        const first = render(c.name, c.args, c.secrets, c.generated);
        expect(c.args, "render must not change its args").to.deep.equal(argsBefore);

        // Every object valid against the real schemas and the API server's cross-field rules.
        expect(objectsProblems(first.objects)).to.deep.equal([]);
        expect(objectsApiServerProblems(first.objects)).to.deep.equal([]);

        // Deterministic: a second render of the same input is byte-identical.
        const text = yamlOf(first);
        expect(yamlOf(renderCase(c))).to.equal(text);

        // Names and label values.
        for (const obj of first.objects as Obj[]) {
          for (const { where, value, pattern, max } of namesAndLabels(obj)) {
            const label = `${obj.kind}/${obj.metadata.name} ${where}`;
            expect(value.length, label).to.be.at.most(max);
            expect(value, label).to.match(pattern);
          }
        }
        const hash = first.configHash;
        const template = (first.objects as Obj[]).find((o) => o.kind === "StatefulSet")!.spec
          .template;
        expect(template.metadata.annotations[CONFIG_HASH_ANNOTATION]).to.equal(hash);

        // The config hash: changes exactly with the config and the secret bytes the pod reads.
        const config = configOf(first);
        for (const { mutation, changed } of pickMutations(c, picks)) {
          const next = renderCase(changed);
          const configChanged = configOf(next) !== config;
          const hashChanged = next.configHash !== hash;
          const what = `${mutation.kind} mutation "${mutation.label}"`;
          switch (mutation.kind) {
            case "secret":
              expect(configChanged, `${what}: config`).to.equal(false);
              expect(hashChanged, `${what}: hash`).to.equal(true);
              break;
            case "config":
              expect(configChanged, `${what}: config`).to.equal(true);
              expect(hashChanged, `${what}: hash`).to.equal(true);
              break;
            case "maybe":
              expect(hashChanged, `${what}: hash follows config`).to.equal(configChanged);
              if (configChanged) stats.maybeChanged++;
              break;
            case "other":
              expect(configChanged, `${what}: config`).to.equal(false);
              expect(hashChanged, `${what}: hash`).to.equal(false);
              break;
          }
          stats.mutations[mutation.kind]++;
        }

        presentPaths(c.args, [], seen);
        stats.specs++;
        stats.objects += first.objects.length;
        const spec = c.args as Obj;
        const count = (k: string, on: boolean) =>
          on && (stats.features[k] = (stats.features[k] ?? 0) + 1);
        count("smb", spec.smb.enabled);
        count("metrics", spec.metrics.enabled);
        count("percona", spec.percona.enabled);
        count("perconaBackup", spec.percona.enabled && spec.percona.backup.enabled);
        count("postgres", c.features.postgres !== "none");
        count("s3", c.features.s3 !== "none");
        count("sqlite", c.features.postgres === "none" && !spec.percona.enabled);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    passed = true;
    expect(stats.specs).to.equal(RUNS);
    // Every field of the CRD appeared in some generated spec.
    const missing = schemaPaths(specSchema).filter((p) => !NOT_GENERATED.test(p) && !seen.has(p));
    expect(missing, "CRD fields never generated").to.deep.equal([]);
    stats.fields = schemaPaths(specSchema).length - missing.length;
    for (const kind of ["secret", "config", "maybe", "other"] as const)
      expect(stats.mutations[kind], kind).to.be.greaterThan(50);
  });
});

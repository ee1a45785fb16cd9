/**
 * Property-based tests of the v0.29 model over its whole input space: 1000 generated valid cases per run
 * (arbitraries.ts), with a fixed seed (printed; DITTOFS_FC_SEED overrides it). For each:
 * - every object valid against the real schemas (kubernetes-models; the ServiceMonitor and the PerconaPGCluster
 *   against their CRDs) and the API server's cross-field rules (../api-server-rules.ts);
 * - rendering deterministic and free of side effects on the args;
 * - exactly the expected objects (owned Secrets, Services, one Service and NetworkPolicy per declared adapter, the
 *   ServiceMonitor, the PerconaPGCluster) — by kind and name;
 * - every Secret the pod reads through env or a volume exists with its keys (the user's, the owned ones, Percona's);
 * - no secret value of the case (referenced, passed, generated) outside Secret data or in a warning;
 * - the config hash changes exactly when the config or a hashed secret byte changes (mutations.ts);
 * - every field of the v0.29 CRD generated at least once.
 */
import { expect } from "chai";
import fc from "fast-check";
import specSchema from "../../../src/generated/v029/spec-schema.json";
import { sanitiseType } from "../../../src/models/v029/adapters";
import { objectNames } from "../../../src/naming";
import type { RenderResult } from "../../../src/render";
import { needles } from "../../helpers/needles";
import type { Obj } from "../../helpers/objects";
import { objectsApiServerProblems } from "../api-server-rules";
import { SEED } from "../arbitraries";
import { objectsProblems } from "../k8s-schemas";
import { withoutSecretData } from "../leak-scan";
import * as props from "../property-kit";
import { validCase, type V029Case } from "./arbitraries";
import { adaptersOf } from "./listeners";
import { pickMutations } from "./mutations";
import { renderCase } from "./render-case";

const RUNS = 1000;

/** Left out of the generator on purpose: the model rejects any claim (the pod declares none). */
const NOT_GENERATED = /^resources\.claims/;

/** The objects as text (a second render must give the same; YAML emission has its own tests in tests/yaml). */
const textOf = (r: RenderResult) => JSON.stringify(r.objects);

/** The objects the case must produce, as `Kind/name`, from its features (not from the model's code). */
function expectedObjects(c: V029Case): string[] {
  const f = c.features;
  const n = objectNames(c.name);
  const spec = c.args as Obj;
  const out = [
    `ConfigMap/${n.configMap}`,
    `Service/${n.headlessService}`,
    `Service/${n.apiService}`,
    `StatefulSet/${c.name}`,
    `NetworkPolicy/${c.name}-baseline`,
  ];
  if (f.jwt !== "ref") out.push(`Secret/${n.jwtSecret}`);
  if (f.admin !== "ref") out.push(`Secret/${n.adminSecret}`);
  if (f.postgres === "value" && !f.percona) out.push(`Secret/${n.postgresSecret}`);
  if (f.metrics) out.push(`Service/${n.metricsService}`);
  if (f.metrics && f.serviceMonitor) out.push(`ServiceMonitor/${n.metricsService}`);
  if (f.percona) out.push(`PerconaPGCluster/${n.perconaCluster}`);
  for (const a of adaptersOf(spec)) {
    const type = sanitiseType(a.type);
    out.push(`Service/${c.name}-adapter-${type}`, `NetworkPolicy/${c.name}-adapter-${type}`);
  }
  return out.sort();
}

/** Secrets (and keys) the pod reads that no one provides: the pod would never start. */
function unresolvedSecrets(c: V029Case, objects: Obj[]): string[] {
  const available = new Map<string, Set<string>>();
  for (const [name, data] of Object.entries(c.secrets))
    available.set(name, new Set(Object.keys(data)));
  for (const s of objects.filter((o) => o.kind === "Secret"))
    available.set(s.metadata.name, new Set(Object.keys(s.data ?? {})));
  const percona = objectNames(c.name).perconaUserSecret;
  const problems: string[] = [];
  const need = (where: string, secret: string, key?: string) => {
    if (secret === percona && c.features.percona) return;
    const keys = available.get(secret);
    if (!keys) problems.push(`${where}: Secret ${secret} does not exist`);
    else if (key !== undefined && !keys.has(key))
      problems.push(`${where}: Secret ${secret} has no key ${key}`);
  };
  const pod = objects.find((o) => o.kind === "StatefulSet")!.spec.template.spec;
  for (const container of [...(pod.initContainers ?? []), ...pod.containers])
    for (const e of container.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref && !ref.optional) need(`env ${e.name}`, ref.name, ref.key);
    }
  for (const v of pod.volumes ?? []) {
    if (!v.secret) continue;
    need(`volume ${v.name}`, v.secret.secretName);
    for (const item of v.secret.items ?? [])
      need(`volume ${v.name}`, v.secret.secretName, item.key);
  }
  return problems;
}

/** The case's secret values: referenced (12 characters or more: shorter ones are not told apart), passed, generated. */
function secretValues(c: V029Case): string[] {
  const values = Object.values(c.secrets).flatMap((data) => Object.values(data));
  const passed = Object.values(((c.args as Obj).secretValues ?? {}) as Record<string, string>);
  const generated = [
    ...(c.features.jwt === "generated" || c.features.jwt === "emptyName"
      ? [c.generated.jwtSecret]
      : []),
    ...(c.features.admin === "generated" ? [c.generated.adminInitialPassword] : []),
  ];
  return [...values, ...passed, ...generated].filter((v) => v.length >= 12);
}

function leaks(c: V029Case, r: RenderResult): string[] {
  const text = [
    ...(r.objects as Obj[]).map((o) => JSON.stringify(withoutSecretData(o))),
    ...r.warnings,
  ].join("\n");
  return secretValues(c).filter((v) => needles(v).some((n) => text.includes(n)));
}

describe("verification (v0.29): properties of 1000 generated valid specs", function () {
  this.timeout(300_000);

  const seen = new Set<string>();
  let passed = false;
  const stats = {
    fields: 0,
    specs: 0,
    objects: 0,
    kinds: {} as Record<string, number>,
    ...props.newMutationStats(),
    features: {} as Record<string, number>,
  };

  after(() => {
    const f = (k: string) => stats.features[k] ?? 0;
    console.log(
      `      [v0.29 properties] seed ${SEED}: ${stats.specs} specs covering ${stats.fields} CRD fields, ` +
        `${stats.objects} objects schema-valid (${Object.entries(stats.kinds)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ")}), ` +
        `${props.mutationSummary(stats)}; ` +
        `on: metrics ${f("metrics")} (token ${f("token")}, ServiceMonitor ${f("serviceMonitor")}), ` +
        `TLS ${f("tls")} (mTLS ${f("mtls")}), LDAP ${f("ldap")}, Kerberos ${f("kerberos")} (machine account ${f("machine")}), ` +
        `postgres Secret ${f("postgresRef")}, postgres value ${f("postgresValue")}, percona ${f("percona")}, ` +
        `declared adapters ${f("declared")} (custom types ${f("customAdapter")}); ` +
        `property ${passed ? "held" : "FAILED (counts include shrinking)"}`,
    );
  });

  it(`holds for ${RUNS} specs (seed ${SEED})`, () => {
    console.log(`      [v0.29 properties] fast-check seed ${SEED}, ${RUNS} runs`);
    fc.assert(
      fc.property(validCase, fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), (c, picks) => {
        const argsBefore = structuredClone(c.args);
        const first = renderCase(c, c.args);
        expect(c.args, "render must not change its args").to.deep.equal(argsBefore);
        const objects = first.objects as Obj[];

        expect(objectsProblems(objects), "schemas").to.deep.equal([]);
        expect(objectsApiServerProblems(objects), "API server rules").to.deep.equal([]);
        expect(textOf(renderCase(c)), "deterministic").to.equal(textOf(first));
        expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort(), "objects").to.deep.equal(
          expectedObjects(c),
        );
        expect(unresolvedSecrets(c, objects), "Secrets the pod reads").to.deep.equal([]);
        expect(leaks(c, first), "secret values outside Secret data").to.deep.equal([]);

        props.expectHashFollows(first, pickMutations(c, picks), (x) => renderCase(x), stats);

        props.presentPaths(c.args, [], seen);
        stats.specs++;
        stats.objects += objects.length;
        for (const o of objects) stats.kinds[o.kind] = (stats.kinds[o.kind] ?? 0) + 1;
        const f = c.features;
        const count = (k: string, on: boolean) => props.countOn(stats.features, k, on);
        count("metrics", f.metrics);
        count("token", f.metrics && f.token);
        count("serviceMonitor", f.metrics && f.serviceMonitor);
        count("tls", f.tls !== "none");
        count("mtls", f.tls === "mtls");
        count("ldap", f.ldap !== "none");
        count("kerberos", f.kerberos === "enabled");
        count("machine", f.kerberos === "enabled" && !["none", "disabled"].includes(f.machine));
        count("postgresRef", f.postgres === "ref");
        count("postgresValue", f.postgres === "value");
        count("percona", f.percona);
        count("declared", (c.args as Obj).adapters !== undefined);
        count(
          "customAdapter",
          adaptersOf(c.args as Obj).some((a) => !["nfs", "smb"].includes(sanitiseType(a.type))),
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
    passed = true;
    expect(stats.specs).to.equal(RUNS);
    const missing = props.neverGenerated(specSchema, seen, NOT_GENERATED);
    expect(missing, "CRD fields never generated").to.deep.equal([]);
    stats.fields = props.schemaPaths(specSchema).length - missing.length;
    props.expectEveryKind(stats);
    for (const feature of ["token", "serviceMonitor", "mtls", "ldap", "machine", "customAdapter"])
      expect(stats.features[feature] ?? 0, feature).to.be.greaterThan(50);
  });
});

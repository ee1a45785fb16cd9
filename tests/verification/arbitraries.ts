/**
 * fast-check generators of VALID DittoServer cases: args (every CRD field, derived from
 * src/generated/feb2026/spec-schema.json), the referenced Secrets they need, and the generated values render would use.
 *
 * The schema walk covers every field the CRD has (a field added to the CRD is generated without a change here);
 * overrides give realistic values where the CRD is laxer than what the component or Kubernetes accepts:
 * - ports obey the webhook's W8 rule, Q13 and the pod's listeners (12049, 1445), and the API and metrics ports are
 *   1024 or more unless the security contexts let the container bind them (`portsValid`);
 * - `cache.path` under /data/cache, `database.sqlite.path` a file under /data/controlplane (§10.2.7);
 * - storage sizes and `percona.storageSize` greater than zero;
 * - Secret references, secret values, S3/SMB/Percona/Postgres/metrics are switched on and off by `Features`, so each
 *   is on in about half the cases;
 * - core/v1 fields the CRD types as free strings but Kubernetes' schema enumerates (seccompProfile.type, procMount,
 *   ...) take Kubernetes' values, and `resources.claims` is left out (Kubernetes rejects a claim the pod does not
 *   declare): see the skipped tests in object-schemas.test.ts;
 * - Percona schedules have at least 6 characters and `percona.databaseName` 1-63 (Percona's CRD; skipped tests in
 *   object-schemas.test.ts);
 * - names start with a letter (Service names are DNS-1035 labels; skipped test in object-schemas.test.ts);
 * - label values are DNS-1123 labels, annotation keys qualified names (skipped test in object-schemas.test.ts).
 * properties.test.ts checks that every CRD field (resources.claims aside) appears in the generated specs.
 */
import fc from "fast-check";
import specSchema from "../../src/generated/feb2026/spec-schema.json";
import type { PlainArgs } from "../../src/resolve/component-fields";
import type { Obj } from "../helpers/objects";

type Schema = Record<string, any>;

/** The fixed seed of every property in this folder; override with DITTOFS_FC_SEED to explore. */
export const SEED = Number(process.env.DITTOFS_FC_SEED ?? 20260527);

export const QUANTITY_PATTERN = "^[0-9]+(Gi|Mi|Ti)$";
export const POD_LISTENERS = { nfs: 12049, smb: 1445 };

/** A CRD default, read from the schema (never re-typed here). */
export function schemaDefault(dotted: string): any {
  let s: Schema = specSchema;
  for (const key of dotted.split(".")) s = s.properties[key];
  return s.default;
}

// ---------------------------------------------------------------------------------------------------------------
// Small value generators

const lower = "abcdefghijklmnopqrstuvwxyz";
const alnum = `${lower}ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789`;
const alnumChar = fc.constantFrom(...alnum.split(""));

export const alnumString = (minLength: number, maxLength: number) =>
  fc.string({ unit: alnumChar, minLength, maxLength });

/** DNS-1123 label of `min`..`max` characters (1 <= min <= max <= 63); a DNS-1035 label with `letterFirst`. */
export function dnsLabel(min = 1, max = 63, letterFirst = false): fc.Arbitrary<string> {
  const first = fc.constantFrom(...`${lower}${letterFirst ? "" : "0123456789"}`.split(""));
  const last = fc.constantFrom(...`${lower}0123456789`.split(""));
  const middle = fc.constantFrom(...`${lower}0123456789-`.split(""));
  const multi = fc
    .tuple(
      first,
      fc.string({ unit: middle, minLength: Math.max(0, min - 2), maxLength: max - 2 }),
      last,
    )
    .map(([a, m, b]) => `${a}${m}${b}`);
  if (max === 1) return first;
  return min <= 1 ? fc.oneof(first, multi) : multi;
}

/**
 * DittoServer names: at most 52 characters (src/naming.ts), often exactly 52, starting with a letter: the Services
 * `<name>-headless` etc. must be DNS-1035 labels (Kubernetes' ValidateServiceName); names starting with a digit are
 * a known bug (object-schemas.test.ts).
 */
export const serverName = serverNameUpTo(52);

/** DittoServer names of at most `max` characters, a letter first, often the longest. */
export function serverNameUpTo(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: dnsLabel(1, 20, true) },
    { weight: 1, arbitrary: dnsLabel(max, max, true) },
    { weight: 1, arbitrary: dnsLabel(21, max, true) },
  );
}

/** Free text: ASCII with YAML's special characters, and any Unicode. */
export const freeText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.constantFrom(
    "",
    " ",
    "yes",
    "null",
    "~",
    "0x1F",
    "1e3",
    "a: b",
    "#x",
    "'q'",
    '"q"',
    "-",
    "\n",
  ),
);

export const sizeArb = fc
  .tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom("Gi", "Mi", "Ti"))
  .map(([n, u]) => `${n}${u}`);

/** A Kubernetes quantity (non-negative, as requests and limits must be). */
export const quantityArb = fc.oneof(
  fc.nat({ max: 64 }),
  fc
    .tuple(fc.nat({ max: 4000 }), fc.constantFrom("", "m", "k", "M", "G", "Ki", "Mi", "Gi", "Ti"))
    .map(([n, u]) => `${n}${u}`),
  fc.constantFrom("0.5", "1.5Gi", "1e3", "100M", ".5"),
);

export const portArb = fc.oneof(
  fc.constantFrom(1, 80, 443, 445, 1445, 2049, 8080, 9090, 12049, 12445, 65535),
  fc.integer({ min: 1, max: 65535 }),
);

export const pathSegment = fc
  .stringMatching(/^[a-z0-9][a-z0-9_-]{0,10}(\.[a-z]{1,4})?$/)
  .filter((s) => s !== "." && s !== "..");

/** DNS-1123 subdomain pieces, as StorageClass names are. */
export const className = fc.oneof(
  fc.constantFrom("standard", "fast-ssd", "gp3", "local-path"),
  dnsLabel(1, 30),
);

/** A qualified name (`prefix/name` or `name`), as label and annotation keys must be. */
export const qualifiedKey = fc
  .tuple(
    fc.option(fc.constantFrom("example.com", "dittofs.io", "team.example.org"), { nil: undefined }),
    fc.stringMatching(/^[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,20}[a-zA-Z0-9])?$/),
  )
  .map(([prefix, name]) => (prefix ? `${prefix}/${name}` : name));

export const labelKey = qualifiedKey.filter((k) => k !== "app" && k !== "instance");

// ---------------------------------------------------------------------------------------------------------------
// The spec, from the schema

/** Paths set by `Features` or left out on purpose (see the file comment); the walk skips them. */
const OMITTED = new Set([
  "identity.jwt.secretRef",
  "identity.admin.passwordSecretRef",
  "identity.admin.initialPasswordSecretRef",
  "database.postgresSecretRef",
  "s3.credentialsSecretRef",
  "resources.claims",
]);

const securityEnums: Record<string, fc.Arbitrary<unknown>> = {};
for (const ctx of ["securityContext", "podSecurityContext"]) {
  const types = fc.constantFrom("RuntimeDefault", "Unconfined");
  securityEnums[`${ctx}.seccompProfile`] = fc.oneof(
    fc.record({ type: types }),
    fc.record({
      type: fc.constant("Localhost"),
      localhostProfile: fc.constant("profiles/ditto.json"),
    }),
  );
  securityEnums[`${ctx}.appArmorProfile`] = fc.oneof(
    fc.record({ type: types }),
    fc.record({ type: fc.constant("Localhost"), localhostProfile: fc.constant("ditto") }),
  );
  securityEnums[`${ctx}.seLinuxOptions.level`] = fc.constantFrom("s0", "s0:c123,c456");
  securityEnums[`${ctx}.windowsOptions.hostProcess`] = fc.constant(false);
}

/**
 * Realistic values where the CRD is laxer than the component or Kubernetes (see the file comment); keys of fields
 * the v0.29 model lacks (nfsPort, smb, cache) are simply never reached by its walk.
 */
export const OVERRIDES: Record<string, fc.Arbitrary<unknown>> = {
  image: fc.constantFrom(
    "marmos91c/dittofs:latest",
    "marmos91c/dittofs:v0.4.0",
    "registry.example.com:5000/team/dittofs:v1",
    `ghcr.io/example/dittofs@sha256:${"ab".repeat(32)}`,
  ),
  nfsPort: portArb,
  "controlPlane.port": portArb,
  "metrics.port": portArb,
  "smb.port": portArb,
  "cache.path": fc.oneof(
    fc.constant("/data/cache"),
    fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((s) => `/data/cache/${s.join("/")}`),
  ),
  "database.sqlite.path": fc
    .array(pathSegment, { minLength: 1, maxLength: 3 })
    .map((s) => `/data/controlplane/${s.join("/")}`),
  "storage.storageClassName": fc.oneof(fc.constant(""), className),
  "percona.storageClassName": className,
  "percona.storageSize": fc.oneof(
    sizeArb,
    quantityArb.map(String).filter((q) => !/^0*\.?0*[a-zA-Z]*$/.test(q)),
  ),
  "percona.backup.credentialsSecretRef": fc.record({ name: dnsLabel(1, 30) }),
  "percona.backup.bucket": fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,20}[a-z0-9]$/),
  "percona.backup.endpoint": fc.constantFrom("https://s3.example.com", "http://minio:9000"),
  // Percona's CRD wants schedules of at least 6 characters and database names of 1-63; the DittoServer CRD takes
  // any string (skipped tests in object-schemas.test.ts).
  "percona.backup.fullSchedule": fc.constantFrom("0 2 * * *", "30 1 * * 0", "@daily"),
  "percona.backup.incrSchedule": fc.constantFrom("0 * * * *", "*/15 * * * *", "@hourly"),
  "percona.databaseName": fc.oneof(
    fc.stringMatching(/^[a-z_][a-z0-9_]{0,20}$/),
    fc.string({ minLength: 1, maxLength: 63 }),
  ),
  "service.annotations": fc.dictionary(qualifiedKey, freeText, { maxKeys: 3 }),
  resources: fc
    .tuple(
      fc.dictionary(fc.constantFrom("cpu", "memory", "ephemeral-storage"), quantityArb, {
        maxKeys: 3,
      }),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([q, requests, limits]) => ({
      ...(requests ? { requests: { ...q } } : {}),
      ...(limits ? { limits: { ...q } } : {}),
    })),
  "securityContext.capabilities": fc.record(
    {
      add: fc.uniqueArray(fc.constantFrom("NET_BIND_SERVICE", "CHOWN"), { maxLength: 2 }),
      drop: fc.uniqueArray(fc.constantFrom("ALL", "NET_RAW"), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
  "securityContext.procMount": fc.constantFrom("Default", "Unmasked"),
  "podSecurityContext.fsGroupChangePolicy": fc.constantFrom("Always", "OnRootMismatch"),
  "podSecurityContext.supplementalGroupsPolicy": fc.constantFrom("Merge", "Strict"),
  "podSecurityContext.seLinuxChangePolicy": fc.constantFrom("MountOption", "Recursive"),
  "podSecurityContext.sysctls": fc.array(
    fc.record({
      name: fc.constantFrom("net.ipv4.ip_local_port_range", "kernel.shm_rmid_forced"),
      value: fc.constantFrom("1024 65535", "0", "1"),
    }),
    { maxLength: 2 },
  ),
  ...securityEnums,
};

/** Within the CRD's bounds; no negatives where it has none (user and group ids: the API server rejects them). */
function integerArb(schema: Schema): fc.Arbitrary<number> {
  return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 2 ** 31 - 1 });
}

/** How a schema walk generates: values for some paths, and paths it leaves out (set elsewhere). */
export interface SchemaWalk {
  overrides: Record<string, fc.Arbitrary<unknown>>;
  omitted: Set<string>;
}

const FEB_WALK: SchemaWalk = { overrides: OVERRIDES, omitted: OMITTED };

/** Every field of `schema` (optional ones present or absent), with the Feb overrides above. */
export function fromSchema(schema: Schema, at: string[] = []): fc.Arbitrary<unknown> {
  return schemaArbitrary(schema, FEB_WALK, at);
}

/** Every field of `schema` (optional ones present or absent), with the walk's overrides and omissions. */
export function schemaArbitrary(
  schema: Schema,
  walk: SchemaWalk,
  at: string[] = [],
): fc.Arbitrary<unknown> {
  const key = at.join(".");
  if (key in walk.overrides) return walk.overrides[key];
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return quantityArb;
  switch (schema.type) {
    case "boolean":
      return fc.boolean();
    case "integer":
      return integerArb(schema);
    case "string":
      return schema.pattern === QUANTITY_PATTERN ? sizeArb : freeText;
    case "array":
      return fc.array(schemaArbitrary(schema.items, walk, [...at, "[]"]), { maxLength: 2 });
    case "object": {
      if (schema.properties) {
        const fields = Object.entries(schema.properties as Record<string, Schema>).filter(
          ([k]) => !walk.omitted.has([...at, k].join(".")),
        );
        return fc.record(
          Object.fromEntries(fields.map(([k, s]) => [k, schemaArbitrary(s, walk, [...at, k])])),
          // A required field with a default (storage.cacheSize) may be left out: the default applies.
          {
            requiredKeys: (schema.required ?? []).filter(
              (r: string) => schema.properties[r]?.default === undefined,
            ),
          },
        );
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        return fc.dictionary(
          qualifiedKey,
          schemaArbitrary(schema.additionalProperties, walk, [...at, "{}"]),
          {
            maxKeys: 3,
          },
        );
      }
      return fc.constant({});
    }
    default:
      throw new Error(`no generator for ${key}: ${JSON.stringify(schema).slice(0, 80)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Ports

export interface EffectivePorts {
  nfs: number;
  api: number;
  smb?: number;
  metrics?: number;
}

export function effectivePorts(spec: Obj): EffectivePorts {
  return {
    nfs: spec.nfsPort ?? schemaDefault("nfsPort"),
    api: spec.controlPlane?.port ?? schemaDefault("controlPlane.port"),
    smb: spec.smb?.enabled ? (spec.smb.port ?? schemaDefault("smb.port")) : undefined,
    metrics: spec.metrics?.enabled
      ? (spec.metrics.port ?? schemaDefault("metrics.port"))
      : undefined,
  };
}

const distinct = (ports: Array<number | undefined>) => {
  const set = ports.filter((p): p is number => p !== undefined);
  return new Set(set).size === set.length;
};

/**
 * Whether the container may listen on `port`: 1024 or more, or a capability or sysctl that allows it (the default
 * security context runs as uid 65532 with every capability dropped).
 */
export function mayBind(spec: Obj, port: number): boolean {
  if (port >= 1024) return true;
  const container = spec.securityContext;
  const pod = spec.podSecurityContext;
  const start = pod?.sysctls?.find((s: Obj) => s.name === "net.ipv4.ip_unprivileged_port_start");
  if (start && Number(start.value) <= port) return true;
  if (!container) return false;
  const caps = (l?: string[]) => (l ?? []).map((c) => c.toUpperCase().replace(/^CAP_/, ""));
  if (container.privileged) return true;
  if (caps(container.capabilities?.add).some((c) => c === "NET_BIND_SERVICE" || c === "ALL"))
    return true;
  const drop = caps(container.capabilities?.drop);
  const uid = container.runAsUser ?? (pod ? pod.runAsUser : undefined) ?? 65532;
  return uid === 0 && !drop.includes("NET_BIND_SERVICE") && !drop.includes("ALL");
}

/**
 * decisions.md "Port rules": W8 + Q13 on the Service ports, and the pod's listeners pairwise distinct; the API and
 * metrics listeners must be ports the container may bind.
 */
export function portsValid(spec: Obj): boolean {
  const p = effectivePorts(spec);
  if (!mayBind(spec, p.api) || (p.metrics !== undefined && !mayBind(spec, p.metrics))) return false;
  return (
    distinct([p.nfs, p.api, p.smb, p.metrics]) &&
    distinct([
      POD_LISTENERS.nfs,
      p.api,
      p.smb === undefined ? undefined : POD_LISTENERS.smb,
      p.metrics,
    ])
  );
}

/**
 * A security context the API server and the kubelet take: no `privileged` or CAP_SYS_ADMIN with privilege escalation
 * off; no uid 0 under runAsNonRoot (the default pod context has it), for the Percona wait container (the pod's
 * context alone) too. Without a `securityContext` the hardened default applies, which is valid.
 */
export function securityValid(spec: Obj): boolean {
  const c = spec.securityContext ?? {};
  const pod = spec.podSecurityContext ?? { runAsNonRoot: true, runAsUser: 65532 };
  if (
    c.allowPrivilegeEscalation === false &&
    (c.privileged || (c.capabilities?.add ?? []).includes("CAP_SYS_ADMIN"))
  )
    return false;
  if ((c.runAsNonRoot ?? pod.runAsNonRoot) && (c.runAsUser ?? pod.runAsUser) === 0) return false;
  return !(spec.percona?.enabled && pod.runAsNonRoot && pod.runAsUser === 0);
}

/** Every port the spec mentions, effective or not, plus the pod's fixed listeners and the defaults. */
export function usedPorts(spec: Obj): Set<number> {
  return new Set(
    [
      spec.nfsPort,
      spec.controlPlane?.port,
      spec.smb?.port,
      spec.metrics?.port,
      schemaDefault("nfsPort"),
      schemaDefault("controlPlane.port"),
      schemaDefault("smb.port"),
      schemaDefault("metrics.port"),
      POD_LISTENERS.nfs,
      POD_LISTENERS.smb,
    ].filter((p) => p !== undefined),
  );
}

/** A port no field uses, picked from `seed`. */
export function freePort(spec: Obj, seed: number): number {
  const used = usedPorts(spec);
  let p = 20000 + (Math.abs(seed) % 40000);
  while (used.has(p)) p++;
  return p;
}

// ---------------------------------------------------------------------------------------------------------------
// Secrets and features

export type Source = "generated" | "ref" | "value";

export interface Features {
  smb: boolean;
  metrics: boolean;
  percona: boolean;
  backup: boolean;
  /** `emptyName`: a secretRef with name "" (the operator's trick): the JWT is generated, the key ignored. */
  jwt: Source | "emptyName";
  initial: Source;
  adminHash: boolean;
  postgres: "none" | "ref" | "value";
  s3: "none" | "ref" | "value";
  /** Unread keys in the referenced Secrets, and an unreferenced Secret. */
  extras: boolean;
}

export interface PostgresValue {
  text: string;
  /** Where the password sits in `text` (alphanumeric, so a byte can change and the string still parse). */
  passwordAt: number;
  passwordLength: number;
}

export const postgresValue: fc.Arbitrary<PostgresValue> = fc
  .record({
    url: fc.boolean(),
    user: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
    password: alnumString(8, 24),
    host: fc.constantFrom("db", "pg.example.com", "10.0.0.5", "postgres.db.svc"),
    port: fc.integer({ min: 1, max: 65535 }),
    database: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
    sslmode: fc.constantFrom("disable", "require", "verify-full"),
  })
  .map((p) => {
    const head = p.url
      ? `postgres://${p.user}:`
      : `host=${p.host} port=${p.port} user=${p.user} password=`;
    const tail = p.url
      ? `@${p.host}:${p.port}/${p.database}?sslmode=${p.sslmode}`
      : ` dbname=${p.database} sslmode=${p.sslmode}`;
    return {
      text: `${head}${p.password}${tail}`,
      passwordAt: head.length,
      passwordLength: p.password.length,
    };
  });

/** Names and keys per role: keys never shared between roles, Secret names often shared. */
export const secretName = (role: string) =>
  fc.constantFrom("ditto-creds", "app-secrets", `${role}-secret`);
const KEY_POOLS = {
  jwt: ["jwt", "jwt-secret", "signing-key"],
  adminHash: ["hash", "password-hash"],
  initial: ["initial", "initial-password"],
  postgres: ["url", "connection-string", "dsn"],
  s3Id: ["accessKeyId", "access-key-id"],
  s3Secret: ["secretAccessKey", "secret-access-key"],
  s3Endpoint: ["endpoint", "endpoint-url"],
};
const keyFrom = (pool: string[]) => fc.constantFrom(...pool);

/** A SecretKeySelector: name and key, `optional` (ignored, as by the operator) sometimes present. */
export const selector = (role: string, keys: string[]) =>
  fc.record(
    { name: secretName(role), key: keyFrom(keys), optional: fc.boolean() },
    { requiredKeys: ["name", "key"] },
  );

const refChoices = fc.record({
  jwt: selector("jwt", KEY_POOLS.jwt),
  adminHash: selector("admin", KEY_POOLS.adminHash),
  initial: selector("admin", KEY_POOLS.initial),
  postgres: selector("pg", KEY_POOLS.postgres),
  s3: fc.record({
    secretName: secretName("s3"),
    accessKeyIdKey: keyFrom(KEY_POOLS.s3Id),
    secretAccessKeyKey: keyFrom(KEY_POOLS.s3Secret),
    endpointKey: keyFrom(KEY_POOLS.s3Endpoint),
    defaults: fc.boolean(),
    withEndpoint: fc.boolean(),
  }),
});

const secretValuesArb = fc.record({
  jwt: alnumString(32, 64),
  adminHash: alnumString(20, 60).map((s) => `$2a$10$${s}`),
  initial: alnumString(8, 72),
  postgres: postgresValue,
  s3Id: alnumString(16, 20),
  s3Secret: alnumString(30, 40),
  s3Endpoint: fc.constantFrom("https://s3.example.com", "http://minio.local:9000"),
  extra: alnumString(4, 12),
});

const featuresArb: fc.Arbitrary<Features> = fc.record({
  smb: fc.boolean(),
  metrics: fc.boolean(),
  percona: fc.boolean(),
  backup: fc.boolean(),
  jwt: fc.constantFrom<Features["jwt"]>("generated", "ref", "value", "emptyName"),
  initial: fc.constantFrom<Source>("generated", "ref", "value"),
  adminHash: fc.boolean(),
  postgres: fc.constantFrom<Features["postgres"]>("none", "ref", "value"),
  s3: fc.constantFrom<Features["s3"]>("none", "ref", "value"),
  extras: fc.boolean(),
});

export const componentFields = fc.record(
  {
    namespace: dnsLabel(1, 20),
    labels: fc.dictionary(labelKey, dnsLabel(1, 63), { maxKeys: 3 }),
    annotations: fc.dictionary(qualifiedKey, freeText, { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

export interface SpecCase {
  name: string;
  /** Component args: the spec fields plus namespace, labels, annotations, secretValues. */
  args: PlainArgs;
  /** Referenced Secrets, plain values: Secret name → key → value. */
  secrets: Record<string, Record<string, string>>;
  /** What render uses for generated values (fixed, so renders are comparable). */
  generated: { jwtSecret: string; adminInitialPassword: string };
  features: Features;
  /** The Postgres connection string as generated (where its password is). */
  postgres?: PostgresValue;
}

/** Sets `value` at dotted `path`, creating objects on the way. */
export function setPath(root: Obj, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = root;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== "object" || node[k] === null) node[k] = {};
    node = node[k];
  }
  node[keys[keys.length - 1]] = value;
}

export function getPath(root: Obj, path: string): any {
  return path.split(".").reduce((n: any, k) => (n === undefined ? undefined : n[k]), root);
}

export function deletePath(root: Obj, path: string): void {
  const keys = path.split(".");
  const parent = keys.length === 1 ? root : getPath(root, keys.slice(0, -1).join("."));
  if (parent && typeof parent === "object") delete parent[keys[keys.length - 1]];
}

/** What a case is built from: its generated parts (the record `caseParts` makes). */
export interface CaseParts<F> {
  name: string;
  spec: Obj;
  component: Obj;
  features: F;
  refs: Obj;
  values: Obj;
  generated: { jwtSecret: string; adminInitialPassword: string };
}

/** The parts of a case: a name, the spec, the component-only fields and the model's choices. */
export function caseParts<F>(parts: {
  name: fc.Arbitrary<string>;
  spec: fc.Arbitrary<Obj>;
  features: fc.Arbitrary<F>;
  refs: fc.Arbitrary<Obj>;
  values: fc.Arbitrary<Obj>;
  generated: fc.Arbitrary<{ jwtSecret: string; adminInitialPassword: string }>;
}): fc.Arbitrary<CaseParts<F>> {
  // In this order: a record draws its fields in order, and a seed must keep giving the same cases.
  const { name, spec, features, refs, values, generated } = parts;
  const component = componentFields as fc.Arbitrary<Obj>;
  return fc.record({ name, spec, component, features, refs, values, generated });
}

/** The Secrets a case's references name, filled in as the case is built: Secret name → key → value. */
export function secretStore() {
  const secrets: Record<string, Record<string, string>> = {};
  const put = (name: string, key: string, value: string) => {
    secrets[name] = { ...(secrets[name] ?? {}), [key]: value };
  };
  return { secrets, put };
}

function build(parts: CaseParts<Features>): SpecCase {
  const { features: f, refs, values } = parts;
  const spec: Obj = structuredClone(parts.spec);
  const { secrets, put } = secretStore();
  const secretValues: Obj = {};

  setPath(spec, "smb.enabled", f.smb);
  setPath(spec, "metrics.enabled", f.metrics);
  setPath(spec, "percona.enabled", f.percona);
  setPath(spec, "percona.backup.enabled", f.backup);
  if (f.percona && f.backup) {
    spec.percona.backup.bucket ??= "ditto-backups";
    spec.percona.backup.endpoint ??= "https://s3.example.com";
  }

  if (f.jwt === "ref") {
    setPath(spec, "identity.jwt.secretRef", refs.jwt);
    put(refs.jwt.name, refs.jwt.key, values.jwt);
  } else if (f.jwt === "emptyName") {
    setPath(spec, "identity.jwt.secretRef", { name: "", key: refs.jwt.key });
  } else if (f.jwt === "value") {
    secretValues.jwtSecret = values.jwt;
  }
  if (f.adminHash) {
    setPath(spec, "identity.admin.passwordSecretRef", refs.adminHash);
    put(refs.adminHash.name, refs.adminHash.key, values.adminHash);
  }
  if (f.initial === "ref") {
    setPath(spec, "identity.admin.initialPasswordSecretRef", refs.initial);
    put(refs.initial.name, refs.initial.key, values.initial);
  } else if (f.initial === "value") {
    secretValues.adminInitialPassword = values.initial;
  }
  if (f.postgres === "ref") {
    setPath(spec, "database.postgresSecretRef", refs.postgres);
    put(refs.postgres.name, refs.postgres.key, values.postgres.text);
  } else if (f.postgres === "value") {
    secretValues.postgresConnection = values.postgres.text;
  }
  if (f.s3 === "ref") {
    const s3 = refs.s3;
    const ref = s3.defaults
      ? { secretName: s3.secretName }
      : {
          secretName: s3.secretName,
          accessKeyIdKey: s3.accessKeyIdKey,
          secretAccessKeyKey: s3.secretAccessKeyKey,
          endpointKey: s3.endpointKey,
        };
    setPath(spec, "s3.credentialsSecretRef", ref);
    put(s3.secretName, s3.defaults ? "accessKeyId" : s3.accessKeyIdKey, values.s3Id);
    put(s3.secretName, s3.defaults ? "secretAccessKey" : s3.secretAccessKeyKey, values.s3Secret);
    if (s3.withEndpoint)
      put(s3.secretName, s3.defaults ? "endpoint" : s3.endpointKey, values.s3Endpoint);
  } else if (f.s3 === "value") {
    secretValues.s3 = {
      accessKeyId: values.s3Id,
      secretAccessKey: values.s3Secret,
      ...(refs.s3.withEndpoint ? { endpoint: values.s3Endpoint } : {}),
    };
  }
  if (f.extras) {
    for (const name of Object.keys(secrets)) put(name, "unread-extra", values.extra);
    put("unreferenced-secret", "value", values.extra);
  }

  // Specs of the Feb model (the one these generators describe), which they name.
  const args: PlainArgs = { operatorRelease: "2026-02", ...spec, ...parts.component };
  if (Object.keys(secretValues).length > 0) args.secretValues = secretValues;
  return {
    name: parts.name,
    args,
    secrets,
    generated: parts.generated,
    features: f,
    postgres: f.postgres === "none" ? undefined : values.postgres,
  };
}

/** Valid DittoServer cases (spec + Secrets + generated values). */
export const validCase: fc.Arbitrary<SpecCase> = caseParts({
  name: serverName,
  spec: fromSchema(specSchema).filter((s) => portsValid(s as Obj)) as fc.Arbitrary<Obj>,
  features: featuresArb,
  refs: refChoices,
  values: secretValuesArb,
  generated: fc.record({
    jwtSecret: alnumString(32, 32),
    adminInitialPassword: alnumString(24, 24),
  }),
})
  .map(build)
  .filter((c) => portsValid(c.args as Obj) && securityValid(c.args as Obj));

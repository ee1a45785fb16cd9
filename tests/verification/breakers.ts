/**
 * Invalid specs: a valid generated case with exactly ONE rule of the CRD, the webhook or §10 broken, and the field
 * path the error must name. The schema-derived rules (type, enum, minimum/maximum, pattern, unknown field) range
 * over every field of src/generated/feb2026/spec-schema.json; the others are the cross-field rules of
 * src/models/feb2026/rules.ts, the rules on every value (src/resolve/value-rules.ts) and the component-only fields.
 */
import fc from "fast-check";
import specSchema from "../../src/generated/feb2026/spec-schema.json";
import type { PlainArgs } from "../../src/resolve/component-fields";
import * as rules from "./rule-breakers";
import { edit, pick, schemaBreakers, SCHEMA_RULES } from "./schema-breakers";
import {
  effectivePorts,
  getPath,
  mayBind,
  POD_LISTENERS,
  usedPorts,
  QUANTITY_PATTERN,
  setPath,
  deletePath,
  validCase,
  type SpecCase,
} from "./arbitraries";
import type { Obj } from "../helpers/objects";

export const RULES = [
  ...SCHEMA_RULES,
  "port conflict",
  "path rule",
  "backup bucket/endpoint",
  "secretValues/ref conflict",
  "name",
  "secret selector",
  "percona.storageSize",
  "component-only field",
  "storage size zero",
  "resources",
  "image",
  "storage class",
  "privileged port",
  "security context",
  "unsafe integer",
  "lone surrogate",
] as const;
export type Rule = (typeof RULES)[number];

export interface BrokenCase {
  rule: Rule;
  /** What was done, for messages. */
  change: string;
  name: string;
  args: PlainArgs;
  /** The field path every problem line must start with (`<path>: ...`). */
  path: string;
  /** The changed value's location from the args' root, when it is an arg (not the name). */
  changed?: string[];
  base: SpecCase;
}

const schema = schemaBreakers<SpecCase>(specSchema);
const FIELDS = schema.fields;
const settable = schema.settable;

type Breaker = (
  c: SpecCase,
  r: number,
) => (Omit<BrokenCase, "base" | "name"> & { name?: string }) | undefined;

const typeBreaker: Breaker = schema.type;
const enumBreaker: Breaker = schema.enumeration;
const boundsBreaker: Breaker = schema.bounds;

const patternBreaker: Breaker = (c, r) => {
  const sizes = FIELDS.filter((f) => f.schema.pattern === QUANTITY_PATTERN).map((f) => f.path);
  const quantities = ["resources.limits.cpu", "resources.requests.memory"];
  const dotted = pick([...sizes, ...quantities], r);
  if (!settable(c.args as Obj, dotted)) return undefined;
  const value = sizes.includes(dotted)
    ? pick(["10GB", "1.5Gi", "5G", "512Ki", "", " 1Gi", "1gi", "-1Gi"], r >> 5)
    : pick(["lots", "1.2.3", "Gi", "1 Gi"], r >> 5);
  return edit(c, "pattern", dotted, `${dotted} = ${JSON.stringify(value)}`, (a) =>
    setPath(a, dotted, value),
  );
};

const requiredBreaker: Breaker = (c, r) => {
  const args = c.args as Obj;
  const candidates = [
    "storage",
    "storage.metadataSize",
    ...[
      "identity.jwt.secretRef",
      "identity.admin.passwordSecretRef",
      "identity.admin.initialPasswordSecretRef",
      "database.postgresSecretRef",
    ]
      .filter((p) => getPath(args, p) !== undefined)
      .map((p) => `${p}.key`),
    ...(args.s3?.credentialsSecretRef ? ["s3.credentialsSecretRef.secretName"] : []),
    ...rules.securityRequiredPaths(args),
  ];
  const dotted = pick(candidates, r);
  return edit(c, "required", dotted, `delete ${dotted}`, (a) => deletePath(a, dotted));
};

const unknownBreaker: Breaker = schema.unknown;

const portBreaker: Breaker = (c, r) => {
  const args = c.args as Obj;
  const p = effectivePorts(args);
  const options: Array<[string, number, boolean]> = [
    // [field, new value, applicable]
    ["smb.port", p.nfs, p.smb !== undefined],
    ["smb.port", p.api, p.smb !== undefined],
    ["metrics.port", p.api, p.metrics !== undefined],
    ["metrics.port", p.nfs, p.metrics !== undefined],
    ["metrics.port", POD_LISTENERS.nfs, p.metrics !== undefined],
    ["metrics.port", POD_LISTENERS.smb, p.metrics !== undefined && p.smb !== undefined],
    ["nfsPort", p.api, true],
    [
      "controlPlane.port",
      POD_LISTENERS.nfs,
      p.nfs !== POD_LISTENERS.nfs && p.smb !== POD_LISTENERS.nfs,
    ],
    [
      "controlPlane.port",
      POD_LISTENERS.smb,
      p.smb !== undefined && p.nfs !== POD_LISTENERS.smb && p.smb !== POD_LISTENERS.smb,
    ],
  ];
  const usable = options.filter(([, , ok]) => ok);
  const [dotted, value] = pick(usable, r);
  return edit(c, "port conflict", dotted, `${dotted} = ${value}`, (a) => setPath(a, dotted, value));
};

const pathBreaker: Breaker = (c, r) => {
  if (r % 2 === 0) {
    const value = pick(
      ["/var/cache", "/data/cachex", "/data", "cache", "/tmp/cache", "/", "/data/cache/../x"],
      r >> 1,
    );
    return edit(c, "path rule", "cache.path", `cache.path = ${value}`, (a) =>
      setPath(a, "cache.path", value),
    );
  }
  // Only a path SQLite uses is checked: the case's PostgreSQL connection and Percona go, `type: sqlite`.
  const value = pick(
    [
      "/data/controlplane",
      "/var/lib/x.db",
      "/data/controlplanex/db",
      "relative.db",
      "/tmp/x.db",
      "/data/cache",
    ],
    r >> 1,
  );
  return rules.sqlitePathBreak(c, "path rule", value);
};

const backupBreaker: Breaker = (c, r) =>
  rules.backupBreak(
    c,
    "backup bucket/endpoint",
    r % 2 === 0 ? "bucket" : "endpoint",
    (r & 2) !== 0,
  );

const CONFLICTS: rules.ConflictKind[] = [
  ...rules.secretValueConflicts("identity.admin.initialPasswordSecretRef", "k"),
  [
    "s3",
    "s3.credentialsSecretRef",
    { accessKeyId: "a", secretAccessKey: "b" },
    { secretName: "s3" },
  ],
];
const conflictBreaker: Breaker = (c, r) =>
  rules.conflictBreak(c, r, "secretValues/ref conflict", CONFLICTS);

const nameBreaker: Breaker = (c, r) =>
  rules.nameBreak(c, r, "name", "d".repeat(53), "ditto server");

const selectorBreaker: Breaker = (c, r) => {
  const args = c.args as Obj;
  const options: Array<[string, unknown]> = [];
  const badName = pick(["Bad_Name", "-s", "a..b", "s".repeat(254), "sec ret"], r >> 4);
  const badKey = pick(["a/b", "..", "k y", "k".repeat(254), "ключ"], r >> 4);
  for (const p of [
    "database.postgresSecretRef",
    "identity.admin.passwordSecretRef",
    "identity.admin.initialPasswordSecretRef",
  ]) {
    if (getPath(args, p))
      options.push(
        [`${p}.name`, ""],
        [`${p}.key`, ""],
        [`${p}.name`, badName],
        [`${p}.key`, badKey],
      );
  }
  if (args.s3?.credentialsSecretRef)
    options.push(
      ["s3.credentialsSecretRef.secretName", ""],
      ["s3.credentialsSecretRef.secretName", badName],
      ["s3.credentialsSecretRef.endpointKey", badKey],
    );
  if (args.identity?.jwt?.secretRef?.name)
    options.push(
      ["identity.jwt.secretRef.key", ""],
      ["identity.jwt.secretRef.key", badKey],
      ["identity.jwt.secretRef.name", badName],
    );
  if (options.length === 0) return undefined;
  const [dotted, value] = pick(options, r);
  return edit(c, "secret selector", dotted, `${dotted} = ${JSON.stringify(value)}`, (a) =>
    setPath(a, dotted, value),
  );
};

const storageSizeBreaker: Breaker = (c, r) => rules.perconaSizeBreak(c, r, "percona.storageSize");

const componentBreaker: Breaker = (c, r) => rules.componentBreak(c, r, "component-only field");

const storageZeroBreaker: Breaker = (c, r) =>
  rules.storageZeroBreak(
    c,
    "storage size zero",
    ["metadataSize", "cacheSize", "controlPlaneSize"],
    r,
    r >> 3,
  );

const resourcesBreaker: Breaker = (c, r) =>
  rules.resourcesBreak(
    c,
    r >> 4,
    "resources",
    pick(["cpu", "memory", "ephemeral-storage"], r),
    (r & 8) !== 0,
  );

const imageBreaker: Breaker = (c, r) => rules.imageBreak(c, r, "image");

const storageClassBreaker: Breaker = (c, r) =>
  rules.storageClassBreak(c, "storage class", r, r >> 2);

const privilegedPortBreaker: Breaker = (c, r) => {
  const args = c.args as Obj;
  const used = usedPorts(args);
  const port = [80, 443, 1, 1023, 22].find(
    (p, i) => i >= r % 5 && !used.has(p) && !mayBind(args, p),
  );
  if (port === undefined) return undefined;
  const dotted = args.metrics?.enabled && r & 8 ? "metrics.port" : "controlPlane.port";
  return edit(c, "privileged port", dotted, `${dotted} = ${port}`, (a) => setPath(a, dotted, port));
};

/** A container security context the API server or the kubelet refuses, in place of the case's own. */
const securityContextBreaker: Breaker = (c, r) => {
  const p = effectivePorts(c.args as Obj);
  // The case's own context may be what lets a listener below 1024 bind: leave those cases be.
  if ([p.api, p.metrics].some((port) => port !== undefined && port < 1024)) return undefined;
  const options: Array<[string, Obj]> = [
    ["securityContext.privileged", { privileged: true, allowPrivilegeEscalation: false }],
    [
      "securityContext.capabilities.add",
      { allowPrivilegeEscalation: false, capabilities: { add: ["CAP_SYS_ADMIN"] } },
    ],
    ["securityContext.runAsUser", { runAsUser: 0, runAsNonRoot: true }],
  ];
  const [dotted, context] = pick(options, r);
  return edit(c, "security context", dotted, `securityContext = ${JSON.stringify(context)}`, (a) =>
    setPath(a, "securityContext", context),
  );
};

const unsafeIntegerBreaker: Breaker = (c, r) =>
  rules.unsafeIntegerBreak(
    c,
    r,
    "unsafe integer",
    ["securityContext.runAsUser", "podSecurityContext.fsGroup"].filter((p) =>
      settable(c.args as Obj, p),
    ),
  );

const loneSurrogateBreaker: Breaker = (c, r) => {
  const dotted = pick(
    ["identity.jwt.issuer", "identity.admin.username", "cache.size", "s3.region"],
    r,
  );
  if (!settable(c.args as Obj, dotted)) return undefined;
  return rules.loneSurrogateBreak(
    c,
    "lone surrogate",
    dotted,
    pick(["a\ud800", "\udc00b", "x\udbff\u0041"], r >> 2),
  );
};

const BREAKERS: Breaker[] = [
  typeBreaker,
  enumBreaker,
  boundsBreaker,
  patternBreaker,
  requiredBreaker,
  unknownBreaker,
  portBreaker,
  pathBreaker,
  backupBreaker,
  conflictBreaker,
  nameBreaker,
  selectorBreaker,
  storageSizeBreaker,
  componentBreaker,
  storageZeroBreaker,
  resourcesBreaker,
  imageBreaker,
  storageClassBreaker,
  privilegedPortBreaker,
  securityContextBreaker,
  unsafeIntegerBreaker,
  loneSurrogateBreaker,
];

/** A valid case with one rule broken (every rule about equally often). */
export const brokenCase: fc.Arbitrary<BrokenCase> = fc
  .tuple(validCase, fc.nat({ max: BREAKERS.length - 1 }), fc.nat())
  .map(([base, which, r]) => {
    const broken = BREAKERS[which](base, r);
    return broken ? { name: base.name, ...broken, base } : undefined;
  })
  .filter((b): b is BrokenCase => b !== undefined);

/**
 * Invalid v0.29 specs: a valid generated case (arbitraries.ts) with exactly ONE rule broken, and the field path every
 * problem line must name. The schema-derived rules (type, enum, minimum/maximum, pattern, required, unknown field)
 * range over src/generated/v029/spec-schema.json; the others are the rules of src/models/v029 (the webhook's V1-V10
 * and kept checks, this package's listener, adapter, name, path and object rules), the Feb model's fields each rejected
 * with its replacement, the rules on every value (src/resolve/value-rules.ts) and the component-only fields.
 */
import fc from "fast-check";
import specSchema from "../../../src/generated/v029/spec-schema.json";
import { FIXED_PORTS } from "../../../src/models/v029/constants";
import { sanitiseType } from "../../../src/models/v029/adapters";
import { childPath } from "../../../src/resolve/field-path";
import { deletePath, getPath, setPath } from "../arbitraries";
import {
  displayPath,
  edit,
  pick,
  schemaBreakers,
  SCHEMA_RULES,
  type Breakage,
  type Breaker,
} from "../schema-breakers";
import * as rules from "../rule-breakers";
import { SELECTORS, validCase, type V029Case } from "./arbitraries";
import { adaptersOf, freePort, listeners, mayBind, securityValid, usedPorts } from "./listeners";
import type { Obj } from "../../helpers/objects";

export const RULES = [
  ...SCHEMA_RULES,
  "Feb field",
  "secret selector",
  "Secret name or key",
  "TLS (V1)",
  "Kerberos (V3-V10)",
  "port clash",
  "privileged port",
  "adapter type",
  "pollingInterval",
  "sqlite path",
  "secretValues/ref conflict",
  "name",
  "percona",
  "component-only field",
  "metadata",
  "storage",
  "image",
  "resources",
  "security context",
  "unsafe integer",
  "lone surrogate",
] as const;
export type Rule = (typeof RULES)[number];

export interface BrokenCase extends Breakage<Rule> {
  name: string;
  base: V029Case;
}

type B = Breaker<V029Case, Rule>;

const schema = schemaBreakers<V029Case>(specSchema);

const PATTERNS: Record<string, string[]> = {
  "storage.metadataSize": ["10GB", "1.5Gi", "5G", "512Ki", "", " 1Gi", "1gi", "-1Gi"],
  "storage.controlPlaneSize": ["1GB", "1 Gi", "Gi"],
  "storage.contentSize": ["100G", "0.5Ti"],
  "metrics.path": ["metrics", "", " /metrics", "metrics/"],
  "metrics.serviceMonitor.interval": ["30", "1 m", "30sec", "-1s", "1.5m", "PT30S"],
  "resources.limits.cpu": ["lots", "1.2.3", "Gi", "1 Gi"],
  "resources.requests.memory": ["lots", "1 Gi"],
};

const pattern: B = (c, r) => {
  const dotted = pick(Object.keys(PATTERNS), r);
  if (!schema.settable(c.args as Obj, dotted)) return undefined;
  const value = pick(PATTERNS[dotted], r >> 5);
  return edit(c, "pattern", dotted, `${dotted} = ${JSON.stringify(value)}`, (a) =>
    setPath(a, dotted, value),
  );
};

const required: B = (c, r) => {
  const args = c.args as Obj;
  const candidates = [
    "storage",
    "storage.metadataSize",
    ...SELECTORS.filter((p) => getPath(args, p) !== undefined).map((p) => `${p}.key`),
    ...(args.identity?.ldap ? ["url", "baseDN", "bindDN"].map((k) => `identity.ldap.${k}`) : []),
    ...(args.snapshotPolicies?.length
      ? ["snapshotPolicies.0.share", "snapshotPolicies.0.interval"]
      : []),
    ...(args.adapters?.length ? ["adapters.0.type", "adapters.0.port"] : []),
    ...rules.securityRequiredPaths(args),
  ];
  const dotted = pick(candidates, r);
  return edit(c, "required", dotted, `delete ${dotted}`, (a) => deletePath(a, dotted));
};

/** The Feb model's fields: each rejected at its own path, with its replacement (or the Feb model) named. */
const FEB_FIELDS: Array<[string, unknown]> = [
  ["nfsPort", 2049],
  ["smb", { enabled: true }],
  ["s3", { bucket: "b" }],
  ["cache", { size: "1GB" }],
  ["storage.cacheSize", "5Gi"],
  ["identity.jwt.issuer", "me"],
  ["identity.admin.initialPasswordSecretRef", { name: "adm", key: "initial" }],
  ["secretValues.s3", { accessKeyId: "a", secretAccessKey: "b" }],
];

const febField: B = (c, r) => {
  const [dotted, value] = pick(FEB_FIELDS, r);
  return edit(c, "Feb field", dotted, `add ${dotted}`, (a) => setPath(a, dotted, value));
};

const selector: B = (c, r) => {
  const args = c.args as Obj;
  const options: Array<[string, unknown]> = [];
  const named = (p: string) => getPath(args, p)?.name;
  if (named("identity.jwt.secretRef")) options.push(["identity.jwt.secretRef.key", ""]);
  for (const p of ["database.postgresSecretRef", "identity.admin.passwordSecretRef"])
    if (getPath(args, p)) options.push([`${p}.name`, ""], [`${p}.key`, ""]);
  if (args.identity?.ldap && named("identity.ldap.bindPasswordSecretRef"))
    options.push(
      ["identity.ldap.bindPasswordSecretRef.key", ""],
      ["identity.ldap.bindPasswordSecretRef.name", ""],
    );
  if (args.metrics?.enabled && named("metrics.bearerTokenSecret"))
    options.push(["metrics.bearerTokenSecret.key", ""], ["metrics.bearerTokenSecret.name", ""]);
  if (options.length === 0) return undefined;
  const [dotted, value] = pick(options, r);
  return edit(c, "secret selector", dotted, `${dotted} = ""`, (a) => setPath(a, dotted, value));
};

/** Names and keys no Secret can have, where something reads them. */
const secretNameKey: B = (c, r) => {
  const args = c.args as Obj;
  const f = c.features;
  const badName = pick(["Bad_Name", "-s", "a..b", "s".repeat(254), "sec ret"], r >> 4);
  const badKey = pick(["a/b", "..", "k y", "k".repeat(254), "ключ"], r >> 4);
  const options: Array<[string, string]> = [];
  const ref = (p: string, withKey = true) => {
    if (!getPath(args, p)?.name) return;
    options.push([`${p}.name`, badName]);
    if (withKey) options.push([`${p}.key`, badKey]);
  };
  ref("identity.jwt.secretRef");
  ref("identity.admin.passwordSecretRef");
  ref("database.postgresSecretRef", false);
  if (args.identity?.ldap) ref("identity.ldap.bindPasswordSecretRef");
  if (f.kerberos === "enabled") {
    ref("identity.kerberos.keytabSecretRef");
    ref("identity.kerberos.krb5ConfSecretRef");
    if (args.identity.kerberos.machineAccount?.enabled) {
      ref("identity.kerberos.machineAccount.secretRef");
      ref("identity.kerberos.machineAccount.keytabSecretRef");
    }
  }
  if (f.metrics) ref("metrics.bearerTokenSecret");
  if (f.tls !== "none") options.push(["controlPlane.certSecretName", badName]);
  if (f.tls === "mtls") options.push(["controlPlane.clientCASecretName", badName]);
  if (options.length === 0) return undefined;
  const [dotted, value] = pick(options, r);
  return edit(c, "Secret name or key", dotted, `${dotted} = ${JSON.stringify(value)}`, (a) =>
    setPath(a, dotted, value),
  );
};

const tls: B = (c, r) =>
  edit(c, "TLS (V1)", "controlPlane.clientCASecretName", "client CA without a certificate", (a) => {
    deletePath(a, "controlPlane.certSecretName");
    setPath(a, "controlPlane.clientCASecretName", pick(["ca", "client-ca", "ditto-tls"], r));
  });

const KERBEROS = "identity.kerberos";
const MACHINE = `${KERBEROS}.machineAccount`;

/** One of V3-V10, on a complete Kerberos block (the case's own fields kept where they break nothing). */
const kerberos: B = (c, r) => {
  const base = {
    enabled: true,
    servicePrincipal: "nfs/ditto.example.com@EXAMPLE.COM",
    keytabSecretRef: { name: "kt", key: "k" },
  };
  const machine = { enabled: true, accountName: "DITTOFS$", secretRef: { name: "m", key: "p" } };
  const breaks: Array<[string, (k: Obj) => void]> = [
    [
      `${KERBEROS}.servicePrincipal`,
      (k) => (r & 64 ? delete k.servicePrincipal : (k.servicePrincipal = "")),
    ],
    [
      `${KERBEROS}.keytabSecretRef`,
      (k) => (r & 64 ? delete k.keytabSecretRef : (k.keytabSecretRef.name = "")),
    ],
    [`${KERBEROS}.keytabSecretRef.key`, (k) => (k.keytabSecretRef.key = "")],
    [`${KERBEROS}.krb5ConfSecretRef.key`, (k) => (k.krb5ConfSecretRef = { name: "k5", key: "" })],
    [
      `${MACHINE}.accountName`,
      (k) => (k.machineAccount = { ...machine, accountName: r & 64 ? "" : undefined }),
    ],
    [
      MACHINE,
      (k) =>
        (k.machineAccount =
          r & 64
            ? { enabled: true, accountName: "DITTOFS$" }
            : { ...machine, secretRef: { name: "", key: "p" } }),
    ],
    [
      `${MACHINE}.secretRef.key`,
      (k) => (k.machineAccount = { ...machine, secretRef: { name: "m", key: "" } }),
    ],
    [
      `${MACHINE}.keytabSecretRef.key`,
      (k) => (k.machineAccount = { ...machine, keytabSecretRef: { name: "mk", key: "" } }),
    ],
  ];
  const [dotted, breakIt] = pick(breaks, r);
  return edit(c, "Kerberos (V3-V10)", dotted, `kerberos: break ${dotted}`, (a) => {
    const kept = structuredClone(getPath(a, KERBEROS) ?? {});
    // A complete block, the case's free-text fields kept; its refs replaced (they may name absent Secrets).
    const k: Obj = { ...kept, ...base };
    delete k.krb5ConfSecretRef;
    delete k.machineAccount;
    breakIt(k);
    if (k.machineAccount?.accountName === undefined && k.machineAccount)
      delete k.machineAccount.accountName;
    setPath(a, KERBEROS, k);
  });
};

/** Two listeners on one port: the later one is named (listener order: API, metrics, adapters, fixed ports). */
const portClash: B = (c, r) => {
  const args = c.args as Obj;
  const ls = listeners(args);
  const own = ls.filter((l) => l.path !== "");
  const options: Array<[string, number]> = [];
  // An own listener moved onto an earlier one or onto a fixed port (a port below 1024 the container may not bind is
  // then also named at the moved listener).
  for (const l of own) {
    for (const earlier of ls.slice(0, ls.indexOf(l))) options.push([l.path, earlier.port]);
    for (const fixed of ls.filter((x) => x.path === "")) options.push([l.path, fixed.port]);
  }
  // An NFS adapter on the portmapper's Service port.
  adaptersOf(args).forEach((a, i) => {
    if (sanitiseType(a.type) === "nfs")
      options.push([`adapters.${i}.port`, FIXED_PORTS.portmapper.service]);
  });
  if (options.length === 0) return undefined;
  const [dotted, port] = pick(options, r);
  return edit(c, "port clash", dotted, `${dotted} = ${port}`, (a) => {
    if (dotted.startsWith("adapters.") && a.adapters === undefined)
      a.adapters = structuredClone(adaptersOf(a));
    setPath(a, dotted, port);
  });
};

const privilegedPort: B = (c, r) => {
  const args = c.args as Obj;
  const used = usedPorts(args);
  const port = [80, 443, 1, 1023, 22, 445].find(
    (p, i) => i >= r % 6 && !used.has(p) && !mayBind(args, p),
  );
  if (port === undefined) return undefined;
  const paths = listeners(args)
    .filter((l) => l.path !== "")
    .map((l) => l.path);
  const dotted = pick(paths, r >> 3);
  return edit(c, "privileged port", dotted, `${dotted} = ${port}`, (a) => {
    if (dotted.startsWith("adapters.") && a.adapters === undefined)
      a.adapters = structuredClone(adaptersOf(a));
    setPath(a, dotted, port);
  });
};

/** Two adapters of one type (after sanitising), a type whose port name the pod has, a Service name over 63. */
const adapterType: B = (c, r) => {
  const args = c.args as Obj;
  const adapters: Obj[] = structuredClone(adaptersOf(args));
  const types = adapters.map((a) => sanitiseType(a.type));
  const kind = r % 3;
  let type: string;
  if (kind === 0 && adapters.length > 0) {
    // The same type, spelt differently.
    const t = types[(r >> 2) % types.length];
    type = pick([t.toUpperCase(), ` ${t}`, `${t}!`, t.replace(/-/g, "_")], r >> 4);
  } else if (kind === 1) {
    const names = ["mdns", ...(types.includes("nfs") ? ["nfs-pm", "pm-udp"] : [])];
    names.push(...(types.includes("smb") ? ["wsd", "wsdmeta"] : []));
    type = pick(names, r >> 2);
    if (types.includes(type)) return undefined;
  } else {
    type = `x${"y".repeat(63 - c.name.length - "-adapter-".length)}`;
  }
  const i = adapters.length;
  adapters.push({ type, port: freePort(args, r) });
  return edit(
    c,
    "adapter type",
    `adapters.${i}.type`,
    `add an adapter of type ${JSON.stringify(type)}`,
    (a) => {
      a.adapters = adapters;
    },
  );
};

const pollingInterval: B = (c, r) => {
  const value = pick(["30", "0s", "-1s", "1 m", "soon", "", "1d", "30S", "0"], r);
  return edit(
    c,
    "pollingInterval",
    "adapterDiscovery.pollingInterval",
    `pollingInterval = ${JSON.stringify(value)}`,
    (a) => setPath(a, "adapterDiscovery.pollingInterval", value),
  );
};

/**
 * A SQLite file the server uses (the case's PostgreSQL connection and Percona taken away) that is not on a claim, or
 * is a claim's directory.
 */
const sqlitePath: B = (c, r) => {
  const value = pick(
    [
      "/data/controlplane",
      "/data/controlplane/",
      "/data/controlplane/../x.db",
      "/var/lib/x.db",
      "/tmp/x.db",
      "relative.db",
      "/data/controlplanex/db",
      "/data/store/block/x.db",
    ],
    r,
  );
  // The content volume exists only with a size: without one, /data/store/block is no claim.
  if (value.startsWith("/data/store/block") && (c.args as Obj).storage?.contentSize !== undefined)
    return undefined;
  return rules.sqlitePathBreak(c, "sqlite path", value);
};

const CONFLICTS = rules.secretValueConflicts("identity.admin.passwordSecretRef", "host");
const conflict: B = (c, r) => rules.conflictBreak(c, r, "secretValues/ref conflict", CONFLICTS);

const name: B = (c, r) => rules.nameBreak(c, r, "name", "d".repeat(52), "1ditto");

const percona: B = (c, r) => {
  if (r % 3 === 0) return rules.perconaSizeBreak(c, r >> 2, "percona");
  // Percona's wait container runs with the pod's context, which must allow it.
  if (!securityValid({ ...c.args, percona: { enabled: true } })) return undefined;
  return rules.backupBreak(c, "percona", r % 3 === 1 ? "bucket" : "endpoint", (r & 8) !== 0);
};

const component: B = (c, r) => rules.componentBreak(c, r, "component-only field");

/** Annotation and label keys and label values Kubernetes rejects, in the spec's maps (a bad key is named at its map). */
const metadata: B = (c, r) => {
  const options: Array<[string, string, unknown]> = [
    ["service.annotations", "bad key!", "x"],
    ["adapterServices.annotations", "-bad", "x"],
    ["metrics.serviceMonitor.labels", "team", "has space"],
    ["metrics.serviceMonitor.labels", "example.com/tier", "x".repeat(64)],
    ["metrics.serviceMonitor.labels", "bad key!", "x"],
  ];
  const [map, key, value] = pick(options, r);
  const keyBad = key.includes(" ") || key.startsWith("-");
  const path = keyBad ? `spec.${map}` : childPath(`spec.${map}`, key);
  return edit(
    c,
    "metadata",
    `${map}.${key}`,
    `${map}[${key}] = ${JSON.stringify(value)}`,
    (a) => setPath(a, map, { ...getPath(a, map), [key]: value }),
    path,
  );
};

const storage: B = (c, r) =>
  r & 1
    ? rules.storageClassBreak(c, "storage", r >> 1, r >> 2)
    : rules.storageZeroBreak(c, "storage", ["metadataSize", "controlPlaneSize"], r >> 1, r >> 3);

const image: B = (c, r) => rules.imageBreak(c, r, "image");

const resources: B = (c, r) => {
  if (r & 16)
    return edit(c, "resources", "resources.claims", "resources.claims", (a) =>
      setPath(a, "resources.claims", [{ name: "gpu" }]),
    );
  const resource = pick(["cpu", "memory", "ephemeral-storage"], r);
  return rules.resourcesBreak(c, r >> 5, "resources", resource, (r & 8) !== 0);
};

/** What the hardening makes of a user's security context that the API server or the kubelet refuses. */
const securityContext: B = (c, r) => {
  const args = c.args as Obj;
  const options: Array<[string, (a: Obj) => void]> = [
    [
      "securityContext.privileged",
      (a) => {
        setPath(a, "securityContext.privileged", true);
        if (r & 8) setPath(a, "securityContext.allowPrivilegeEscalation", false);
        else deletePath(a, "securityContext.allowPrivilegeEscalation");
      },
    ],
    [
      "securityContext.capabilities.add",
      (a) => {
        setPath(a, "securityContext.capabilities.add", ["CAP_SYS_ADMIN"]);
        deletePath(a, "securityContext.allowPrivilegeEscalation");
        deletePath(a, "securityContext.privileged");
      },
    ],
    [
      "securityContext.runAsUser",
      (a) => {
        setPath(a, "securityContext.runAsUser", 0);
        if (r & 8) setPath(a, "securityContext.runAsNonRoot", true);
        else deletePath(a, "securityContext.runAsNonRoot");
      },
    ],
  ];
  const [dotted, fn] = pick(options, r);
  // The changed context must not also unlock or lock a listener below 1024.
  const next = structuredClone(args);
  fn(next);
  if (
    listeners(next).some((l) => !mayBind(next, l.port)) ||
    listeners(args).some((l) => l.port < 1024)
  )
    return undefined;
  return edit(
    c,
    "security context",
    dotted,
    `${dotted}: ${JSON.stringify(getPath(next, dotted))}`,
    fn,
  );
};

const unsafeInteger: B = (c, r) =>
  rules.unsafeIntegerBreak(
    c,
    r,
    "unsafe integer",
    [
      "securityContext.runAsUser",
      "podSecurityContext.fsGroup",
      "terminationGracePeriodSeconds",
    ].filter((p) => schema.settable(c.args as Obj, p)),
  );

/** Lone surrogates in free text, the LDAP and Kerberos fields among them. */
const loneSurrogate: B = (c, r) => {
  const args = c.args as Obj;
  const options = [
    "identity.admin.username",
    "logging.output",
    "metrics.path",
    ...(args.identity?.ldap
      ? ["identity.ldap.url", "identity.ldap.bindDN", "identity.ldap.realm"]
      : []),
    ...(args.identity?.kerberos
      ? [
          "identity.kerberos.servicePrincipal",
          "identity.kerberos.realm",
          "identity.kerberos.dnsDomain",
        ]
      : []),
  ].filter((p) => schema.settable(args, p));
  const value = pick(["a\ud800", "\udc00b", "/x\udbff\u0041"], r >> 3);
  return rules.loneSurrogateBreak(c, "lone surrogate", pick(options, r), value);
};

const BREAKERS: Record<Rule, B> = {
  type: schema.type,
  enum: schema.enumeration,
  "minimum/maximum": schema.bounds,
  pattern,
  required,
  "unknown field": schema.unknown,
  "Feb field": febField,
  "secret selector": selector,
  "Secret name or key": secretNameKey,
  "TLS (V1)": tls,
  "Kerberos (V3-V10)": kerberos,
  "port clash": portClash,
  "privileged port": privilegedPort,
  "adapter type": adapterType,
  pollingInterval,
  "sqlite path": sqlitePath,
  "secretValues/ref conflict": conflict,
  name,
  percona,
  "component-only field": component,
  metadata,
  storage,
  image,
  resources,
  "security context": securityContext,
  "unsafe integer": unsafeInteger,
  "lone surrogate": loneSurrogate,
};

/** A valid case with one rule broken (every rule about equally often). */
export const brokenCase: fc.Arbitrary<BrokenCase> = fc
  .tuple(validCase, fc.nat({ max: RULES.length - 1 }), fc.nat())
  .map(([base, which, r]) => {
    const broken = BREAKERS[RULES[which]](base, r);
    return broken ? { name: base.name, ...broken, base } : undefined;
  })
  .filter((b): b is BrokenCase => b !== undefined);

export { displayPath };

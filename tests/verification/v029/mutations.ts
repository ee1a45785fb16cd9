/**
 * Single changes to a valid v0.29 case, each keeping it valid, with what the config hash must do. The v0.29 hash
 * covers the rendered config plus what the pod reads through env and the Kerberos files: the JWT secret, the initial
 * admin password, every key of the PostgreSQL Secret (not when Percona's database is used: the pod then reads
 * none of it), the keytabs, krb5.conf, the machine-account password, and the LDAP bind password
 * (differences: hash-ldap-bind-password). Not the metrics token nor the TLS files (the kubelet refreshes mounted
 * Secrets and the server reloads its TLS files).
 *
 * - `secret`: one byte of a hashed value changes: the hash must change, the config must not.
 * - `config`: a field written to config.yaml changes: the config and the hash must change.
 * - `maybe`: a field that reaches config.yaml only in some specs: the hash changes exactly when the config does.
 * - `other`: anything else (Kubernetes-only fields, adapters, component-only fields, unhashed Secrets, unread keys,
 *   unused generated values): neither the config nor the hash may change.
 */
import specSchema from "../../../src/generated/v029/spec-schema.json";
import { deletePath, getPath, setPath } from "../arbitraries";
import { flipByte, type MutationKind } from "../mutations";
import { ABSENT, caseValid, type V029Case } from "./arbitraries";
import { freePort, v029Default } from "./listeners";
import type { Obj } from "../../helpers/objects";

export interface V029Mutation {
  label: string;
  kind: MutationKind;
  /** The changed case, or undefined when the change does not apply to this case. */
  apply(c: V029Case, r: number): V029Case | undefined;
}

const clone = (c: V029Case): V029Case => structuredClone(c);

/** A change of args; undefined when the case would no longer be valid. */
function editArgs(fn: (args: Obj, r: number, c: V029Case) => boolean | void) {
  return (c: V029Case, r: number): V029Case | undefined => {
    const next = clone(c);
    if (fn(next.args as Obj, r, next) === false) return undefined;
    return caseValid(next.name, next.args as Obj) ? next : undefined;
  };
}

const effective = (args: Obj, path: string) => getPath(args, path) ?? v029Default(path);

const changeText = (path: string) =>
  editArgs((args) => setPath(args, path, `${effective(args, path) ?? ""}x`));

function changeEnum(path: string) {
  let schema: any = specSchema;
  for (const k of path.split(".")) schema = schema.properties[k];
  const values: string[] = schema.enum;
  return editArgs((args, r) => {
    const others = values.filter((v) => v !== effective(args, path));
    if (others.length === 0) return false;
    setPath(args, path, others[r % others.length]);
    return true;
  });
}

const toggle = (path: string) => editArgs((args) => setPath(args, path, !effective(args, path)));
const newPort = (path: string) => editArgs((args, r) => setPath(args, path, freePort(args, r)));
/** A change of a field inside an optional block, only when the block is there. */
const inBlock = (block: string, fn: ReturnType<typeof editArgs>) => (c: V029Case, r: number) =>
  getPath(c.args as Obj, block) === undefined ? undefined : fn(c, r);

// ---------------------------------------------------------------------------------------------------------------
// Secret material

interface Location {
  label: string;
  read(c: V029Case): string;
  write(c: V029Case, value: string): void;
  /** The part that may change and keep the value valid (the password of a connection string). */
  range?(c: V029Case): [number, number];
}

const refAt = (c: V029Case, refPath: string) => getPath(c.args as Obj, refPath);

const refLocation = (label: string, refPath: string): Location => ({
  label,
  read: (c) => c.secrets[refAt(c, refPath).name][refAt(c, refPath).key],
  write: (c, v) => (c.secrets[refAt(c, refPath).name][refAt(c, refPath).key] = v),
});

const keyLocation = (secret: string, key: string): Location => ({
  label: `Secret ${secret} key ${key}`,
  read: (c) => c.secrets[secret][key],
  write: (c, v) => (c.secrets[secret][key] = v),
});

const valueLocation = (label: string, path: string): Location => ({
  label,
  read: (c) => getPath(c.args as Obj, path),
  write: (c, v) => setPath(c.args as Obj, path, v),
});

const generatedLocation = (value: "jwtSecret" | "adminInitialPassword"): Location => ({
  label: `generated ${value}`,
  read: (c) => c.generated[value],
  write: (c, v) => (c.generated[value] = v),
});

const KERBEROS = "identity.kerberos";

/** The PostgreSQL Secret the pod reads (every key hashed), when it reads one. */
function postgresSecret(c: V029Case): string | undefined {
  return c.features.postgres === "ref" && !c.features.percona
    ? refAt(c, "database.postgresSecretRef").name
    : undefined;
}

/** Every hashed value of this case. */
export function hashedLocations(c: V029Case): Location[] {
  const f = c.features;
  const out: Location[] = [];
  if (f.jwt === "ref") out.push(refLocation("referenced JWT", "identity.jwt.secretRef"));
  if (f.jwt === "value")
    out.push(valueLocation("secretValues.jwtSecret", "secretValues.jwtSecret"));
  if (f.jwt === "generated" || f.jwt === "emptyName") out.push(generatedLocation("jwtSecret"));
  if (f.admin === "ref")
    out.push(refLocation("referenced admin password", "identity.admin.passwordSecretRef"));
  if (f.admin === "value")
    out.push(
      valueLocation("secretValues.adminInitialPassword", "secretValues.adminInitialPassword"),
    );
  if (f.admin === "generated") out.push(generatedLocation("adminInitialPassword"));
  const pg = postgresSecret(c);
  if (pg) for (const key of Object.keys(c.secrets[pg])) out.push(keyLocation(pg, key));
  if (f.postgres === "value" && !f.percona)
    out.push({
      ...valueLocation("secretValues.postgresConnection", "secretValues.postgresConnection"),
      range: (x) => [x.postgres!.passwordAt, x.postgres!.passwordLength],
    });
  if (f.ldap === "ref")
    out.push(refLocation("LDAP bind password", "identity.ldap.bindPasswordSecretRef"));
  if (f.kerberos === "enabled") {
    out.push(refLocation("keytab", `${KERBEROS}.keytabSecretRef`));
    if (f.krb5 === "ref") out.push(refLocation("krb5.conf", `${KERBEROS}.krb5ConfSecretRef`));
    if (f.machine === "secret" || f.machine === "both")
      out.push(refLocation("machine password", `${KERBEROS}.machineAccount.secretRef`));
    if (f.machine === "keytab" || f.machine === "both")
      out.push(refLocation("machine keytab", `${KERBEROS}.machineAccount.keytabSecretRef`));
  }
  return out;
}

/** Secret values the pod reads or that are passed, which the hash leaves out. */
export function unhashedLocations(c: V029Case): Location[] {
  const f = c.features;
  const out: Location[] = [];
  if (f.metrics && f.token) out.push(refLocation("metrics token", "metrics.bearerTokenSecret"));
  if (f.tls !== "none") {
    const cert = (c.args as Obj).controlPlane.certSecretName;
    out.push(keyLocation(cert, "tls.crt"), keyLocation(cert, "tls.key"));
  }
  if (f.tls === "mtls")
    out.push(keyLocation((c.args as Obj).controlPlane.clientCASecretName, "ca.crt"));
  // With Percona's database the pod reads neither the PostgreSQL Secret nor a passed connection.
  if (f.postgres === "ref" && f.percona) {
    const pg = refAt(c, "database.postgresSecretRef").name;
    for (const key of Object.keys(c.secrets[pg])) out.push(keyLocation(pg, key));
  }
  if (f.postgres === "value" && f.percona)
    out.push({
      ...valueLocation("secretValues.postgresConnection", "secretValues.postgresConnection"),
      range: (x) => [x.postgres!.passwordAt, x.postgres!.passwordLength],
    });
  return out;
}

function flipAt(
  kind: MutationKind,
  label: string,
  locations: (c: V029Case) => Location[],
): V029Mutation {
  return {
    label,
    kind,
    apply(c, r) {
      const all = locations(c);
      if (all.length === 0) return undefined;
      const location = all[r % all.length];
      const next = clone(c);
      const text = location.read(next);
      const [from, length] = location.range ? location.range(next) : [0, text.length];
      location.write(next, flipByte(text, Math.floor(r / 7), from, length));
      return next;
    },
  };
}

const secretByte = flipAt("secret", "one byte of a hashed secret", hashedLocations);
const unhashedByte = flipAt(
  "other",
  "one byte of a metrics token, TLS file or unread PostgreSQL Secret",
  unhashedLocations,
);

const unreadKey: V029Mutation = {
  label: "the unread key of a referenced Secret (the PostgreSQL Secret's count as read)",
  kind: "other",
  apply(c, r) {
    const names = Object.keys(c.secrets).filter(
      (n) => c.secrets[n]["unread-extra"] !== undefined && n !== postgresSecret(c),
    );
    if (names.length === 0) return undefined;
    const next = clone(c);
    const name = names[r % names.length];
    next.secrets[name]["unread-extra"] = flipByte(next.secrets[name]["unread-extra"], r);
    return next;
  },
};

const unreferencedSecret: V029Mutation = {
  label: "a Secret nothing references",
  kind: "other",
  apply(c, r) {
    const next = clone(c);
    const old = next.secrets["unreferenced-secret"]?.value;
    next.secrets["unreferenced-secret"] = { value: old ? flipByte(old, r) : "added" };
    return next;
  },
};

const unusedGenerated: V029Mutation = {
  label: "a generated value the deployment does not use",
  kind: "other",
  apply(c, r) {
    const jwtUsed = c.features.jwt === "generated" || c.features.jwt === "emptyName";
    const adminUsed = c.features.admin === "generated";
    if (jwtUsed && adminUsed) return undefined;
    const next = clone(c);
    if (!jwtUsed) next.generated.jwtSecret = flipByte(next.generated.jwtSecret, r);
    if (!adminUsed)
      next.generated.adminInitialPassword = flipByte(next.generated.adminInitialPassword, r);
    return next;
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Fields

const otherFields: Array<[string, V029Mutation["apply"]]> = [
  ["image", editArgs((a) => setPath(a, "image", `${effective(a, "image")}-other`))],
  ["replicas", editArgs((a) => setPath(a, "replicas", 1 - effective(a, "replicas")))],
  ["storage.metadataSize", editArgs((a) => setPath(a, "storage.metadataSize", "777Mi"))],
  [
    "storage.contentSize",
    editArgs((a) =>
      a.storage.contentSize === undefined
        ? setPath(a, "storage.contentSize", "779Mi")
        : deletePath(a, "storage.contentSize"),
    ),
  ],
  ["storage.controlPlaneSize", editArgs((a) => setPath(a, "storage.controlPlaneSize", "780Mi"))],
  ["storage.storageClassName", changeText("storage.storageClassName")],
  ["service.type", changeEnum("service.type")],
  ["adapterServices.type", changeEnum("adapterServices.type")],
  [
    "adapterServices.annotations",
    editArgs((a) =>
      setPath(a, "adapterServices.annotations", {
        ...a.adapterServices?.annotations,
        "example.com/added": "x",
      }),
    ),
  ],
  [
    "an adapter's port",
    editArgs((a, r) => {
      const adapters = structuredClone(a.adapters ?? v029Default("adapters"));
      if (adapters.length === 0) return false;
      adapters[r % adapters.length].port = freePort(a, r);
      a.adapters = adapters;
      return true;
    }),
  ],
  ["adapters", editArgs((a) => setPath(a, "adapters", a.adapters === undefined ? [] : undefined))],
  [
    "adapterDiscovery.pollingInterval",
    editArgs((a) => setPath(a, "adapterDiscovery.pollingInterval", "45s")),
  ],
  [
    "terminationGracePeriodSeconds",
    editArgs((a) =>
      setPath(
        a,
        "terminationGracePeriodSeconds",
        effective(a, "terminationGracePeriodSeconds") + 1,
      ),
    ),
  ],
  [
    "snapshotPolicies",
    editArgs((a) =>
      setPath(a, "snapshotPolicies", [
        ...(a.snapshotPolicies ?? []),
        { share: "/s", interval: "1h" },
      ]),
    ),
  ],
  ["controlPlane.tls", toggle("controlPlane.tls")],
  ["metrics.serviceMonitor.enabled", toggle("metrics.serviceMonitor.enabled")],
  [
    "metrics.serviceMonitor.interval",
    editArgs((a) => setPath(a, "metrics.serviceMonitor.interval", "17s")),
  ],
  [
    "percona.replicas",
    editArgs((a) => setPath(a, "percona.replicas", (effective(a, "percona.replicas") % 5) + 1)),
  ],
  ["percona.storageSize", editArgs((a) => setPath(a, "percona.storageSize", "31Gi"))],
  ["resources", editArgs((a) => setPath(a, "resources", { limits: { cpu: "3", memory: "3Gi" } }))],
  [
    "securityContext",
    editArgs((a) => setPath(a, "securityContext", { runAsUser: 4242, runAsNonRoot: true })),
  ],
  ["podSecurityContext", editArgs((a) => setPath(a, "podSecurityContext", { fsGroup: 4242 }))],
  ["labels", editArgs((a) => setPath(a, "labels", { ...a.labels, "example.com/added": "yes" }))],
  [
    "annotations",
    editArgs((a) => setPath(a, "annotations", { ...a.annotations, "example.com/added": "yes" })),
  ],
  [
    "namespace",
    editArgs((a) => setPath(a, "namespace", `${a.namespace ?? "default"}-other`.slice(-63))),
  ],
  [
    "name",
    (c) => {
      const next = clone(c);
      next.name = `${c.name[0] === "z" ? "y" : "z"}${c.name.slice(1)}`;
      return caseValid(next.name, next.args as Obj) ? next : undefined;
    },
  ],
];

const configFields: Array<[string, V029Mutation["apply"]]> = [
  ["logging.level", changeEnum("logging.level")],
  ["logging.format", changeEnum("logging.format")],
  ["logging.output", changeText("logging.output")],
  ["identity.jwt.accessTokenDuration", changeText("identity.jwt.accessTokenDuration")],
  ["identity.jwt.refreshTokenDuration", changeText("identity.jwt.refreshTokenDuration")],
  ["identity.admin.username", changeText("identity.admin.username")],
  ["controlPlane.port", newPort("controlPlane.port")],
];

const maybeConfigFields: Array<[string, V029Mutation["apply"]]> = [
  [
    "metrics.enabled",
    editArgs((a) => {
      setPath(a, "metrics.enabled", !effective(a, "metrics.enabled"));
      // A token Secret that exists only while metrics are on.
      return a.metrics.bearerTokenSecret?.name !== ABSENT;
    }),
  ],
  ["metrics.port", newPort("metrics.port")],
  ["metrics.path", editArgs((a) => setPath(a, "metrics.path", `${effective(a, "metrics.path")}x`))],
  ["database.type", changeEnum("database.type")],
  [
    "database.sqlite.path",
    editArgs((a) => setPath(a, "database.sqlite.path", `${effective(a, "database.sqlite.path")}x`)),
  ],
  [
    "percona.enabled",
    // Only without a PostgreSQL connection: with one, Percona also changes what the pod reads (and the hash).
    editArgs((a, _r, c) => {
      if (c.features.postgres !== "none") return false;
      setPath(a, "percona.enabled", !effective(a, "percona.enabled"));
      const backup = a.percona.backup ?? {};
      return !(a.percona.enabled && backup.enabled && (!backup.bucket || !backup.endpoint));
    }),
  ],
  ["identity.ldap.url", inBlock("identity.ldap", changeText("identity.ldap.url"))],
  ["identity.ldap.userAttr", inBlock("identity.ldap", changeText("identity.ldap.userAttr"))],
  ["identity.ldap.nestedGroups", inBlock("identity.ldap", toggle("identity.ldap.nestedGroups"))],
  ["identity.kerberos.realm", inBlock(KERBEROS, changeText(`${KERBEROS}.realm`))],
  ["identity.kerberos.krb5Conf", inBlock(KERBEROS, changeText(`${KERBEROS}.krb5Conf`))],
  [
    "identity.kerberos.machineAccount.dcAddress",
    inBlock(
      `${KERBEROS}.machineAccount`,
      editArgs((a) =>
        setPath(a, `${KERBEROS}.machineAccount.dcAddress`, [
          ...(a.identity.kerberos.machineAccount.dcAddress ?? []),
          "dc9.example.com",
        ]),
      ),
    ),
  ],
];

export const MUTATIONS: V029Mutation[] = [
  secretByte,
  unhashedByte,
  unreadKey,
  unreferencedSecret,
  unusedGenerated,
  ...otherFields.map(([label, apply]) => ({ label, kind: "other" as const, apply })),
  ...configFields.map(([label, apply]) => ({ label, kind: "config" as const, apply })),
  ...maybeConfigFields.map(([label, apply]) => ({ label, kind: "maybe" as const, apply })),
];

/** `picks.length` applicable mutations for `c` (the first a secret byte), picked by `picks`. */
export function pickMutations(
  c: V029Case,
  picks: number[],
): Array<{ mutation: V029Mutation; changed: V029Case }> {
  const chosen: Array<{ mutation: V029Mutation; changed: V029Case }> = [];
  const rest = MUTATIONS.filter((m) => m !== secretByte);
  picks.forEach((pick, i) => {
    const pool = i === 0 ? [secretByte] : rest;
    for (let step = 0; step < pool.length; step++) {
      const mutation = pool[(pick + step) % pool.length];
      const changed = mutation.apply(c, pick);
      if (changed) {
        chosen.push({ mutation, changed });
        return;
      }
    }
  });
  return chosen;
}

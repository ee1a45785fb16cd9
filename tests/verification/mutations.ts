/**
 * Single changes to a valid case, each keeping it valid, with what the config hash must do (§4, decisions.md "The
 * hash"): it covers the rendered config plus the bytes of every Secret the pod reads, owned or referenced.
 *
 * - `secret`: one byte of a value the pod reads changes: the hash must change (the config must not).
 * - `config`: a field written to config.yaml changes: the config and the hash must change.
 * - `maybe`: a field that reaches config.yaml only in some specs (sqlite path, database type, Percona, metrics on):
 *   the hash changes exactly when the config does.
 * - `other`: anything else (Kubernetes-only fields, component-only fields, Secret keys the pod does not read,
 *   unused generated values): neither the config nor the hash may change.
 */
import specSchema from "../../src/generated/feb2026/spec-schema.json";
import {
  freePort,
  getPath,
  portsValid,
  schemaDefault,
  setPath,
  deletePath,
  type SpecCase,
} from "./arbitraries";
import type { Obj } from "../helpers/objects";

export type MutationKind = "secret" | "config" | "maybe" | "other";

export interface Mutation {
  label: string;
  kind: MutationKind;
  /** The changed case, or undefined when the change does not apply to this case. */
  apply(c: SpecCase, r: number): SpecCase | undefined;
}

const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Changes one alphanumeric character of `text` (within [from, from+length)) to another one. */
export function flipByte(text: string, r: number, from = 0, length = text.length): string {
  const positions: number[] = [];
  for (let i = from; i < from + length; i++) if (ALNUM.includes(text[i])) positions.push(i);
  if (positions.length === 0) throw new Error("no alphanumeric character to change");
  const at = positions[r % positions.length];
  const replacement =
    ALNUM[(ALNUM.indexOf(text[at]) + 1 + (r % (ALNUM.length - 1))) % ALNUM.length];
  return `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`;
}

function clone(c: SpecCase): SpecCase {
  return structuredClone(c);
}

/** A change of args; undefined when it would break the port rules. */
function editArgs(fn: (args: Obj, r: number, c: SpecCase) => boolean | void) {
  return (c: SpecCase, r: number): SpecCase | undefined => {
    const next = clone(c);
    if (fn(next.args as Obj, r, next) === false) return undefined;
    return portsValid(next.args as Obj) ? next : undefined;
  };
}

/** Another int32 value: one more, or 1 after the largest (the fields are `format: int32`). */
const nextInt32 = (n: number) => (n >= 2 ** 31 - 1 ? 1 : n + 1);

const effective = (args: Obj, path: string) => getPath(args, path) ?? schemaDefault(path);

/** A different value for a string field (defaults considered). */
const changeText = (path: string): Mutation["apply"] =>
  editArgs((args) => setPath(args, path, `${effective(args, path) ?? ""}x`));

/** Another value of an enum field. */
function changeEnum(path: string): Mutation["apply"] {
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

const toggle = (path: string): Mutation["apply"] =>
  editArgs((args) => setPath(args, path, !effective(args, path)));

const newPort = (path: string): Mutation["apply"] =>
  editArgs((args, r) => setPath(args, path, freePort(args, r)));

// ---------------------------------------------------------------------------------------------------------------
// Secret material: where the hashed bytes are

interface Location {
  label: string;
  read(c: SpecCase): string;
  write(c: SpecCase, value: string): void;
  /** The part that may change and keep the value valid (the Postgres password). */
  range?(c: SpecCase): [number, number];
}

const refLocation = (label: string, refPath: string): Location => ({
  label,
  read: (c) => {
    const ref = getPath(c.args as Obj, refPath);
    return c.secrets[ref.name][ref.key];
  },
  write: (c, v) => {
    const ref = getPath(c.args as Obj, refPath);
    c.secrets[ref.name][ref.key] = v;
  },
});

const valueLocation = (label: string, path: string): Location => ({
  label,
  read: (c) => getPath(c.args as Obj, path),
  write: (c, v) => setPath(c.args as Obj, path, v),
});

const postgresRange = (c: SpecCase): [number, number] => [
  c.postgres!.passwordAt,
  c.postgres!.passwordLength,
];

function s3SecretName(c: SpecCase): string | undefined {
  return c.features.s3 === "ref" ? (c.args as Obj).s3.credentialsSecretRef.secretName : undefined;
}

/** Every value the pod reads (so the hash covers it), for this case. */
export function hashedLocations(c: SpecCase): Location[] {
  const f = c.features;
  const out: Location[] = [];
  if (f.jwt === "ref") out.push(refLocation("referenced JWT", "identity.jwt.secretRef"));
  if (f.jwt === "value")
    out.push(valueLocation("secretValues.jwtSecret", "secretValues.jwtSecret"));
  if (f.jwt === "generated" || f.jwt === "emptyName") {
    out.push({
      label: "generated JWT",
      read: (x) => x.generated.jwtSecret,
      write: (x, v) => (x.generated.jwtSecret = v),
    });
  }
  if (f.adminHash)
    out.push(refLocation("referenced admin hash", "identity.admin.passwordSecretRef"));
  if (f.initial === "ref")
    out.push(refLocation("referenced initial password", "identity.admin.initialPasswordSecretRef"));
  if (f.initial === "value") {
    out.push(
      valueLocation("secretValues.adminInitialPassword", "secretValues.adminInitialPassword"),
    );
  }
  if (f.initial === "generated") {
    out.push({
      label: "generated admin password",
      read: (x) => x.generated.adminInitialPassword,
      write: (x, v) => (x.generated.adminInitialPassword = v),
    });
  }
  if (f.postgres === "ref") {
    out.push({
      ...refLocation("referenced Postgres connection", "database.postgresSecretRef"),
      range: postgresRange,
    });
  }
  if (f.postgres === "value") {
    out.push({
      ...valueLocation("secretValues.postgresConnection", "secretValues.postgresConnection"),
      range: postgresRange,
    });
  }
  const s3 = s3SecretName(c);
  if (s3) {
    // §4.3: every key of the S3 Secret counts, read by the pod or not. Keys another role reads in the same Secret
    // are changed through that role (a JWT must stay 32 characters, a connection string must parse).
    const refs = ["identity.jwt.secretRef", "identity.admin.passwordSecretRef"]
      .concat(["identity.admin.initialPasswordSecretRef", "database.postgresSecretRef"])
      .map((p) => getPath(c.args as Obj, p))
      .filter((ref) => ref?.name === s3);
    const others = new Set(refs.map((ref) => ref.key));
    for (const key of Object.keys(c.secrets[s3]).filter((k) => !others.has(k))) {
      out.push({
        label: `S3 Secret key ${key}`,
        read: (x) => x.secrets[s3][key],
        write: (x, v) => (x.secrets[s3][key] = v),
      });
    }
  }
  if (f.s3 === "value") {
    for (const key of Object.keys((c.args as Obj).secretValues.s3)) {
      out.push(valueLocation(`secretValues.s3.${key}`, `secretValues.s3.${key}`));
    }
  }
  return out;
}

const secretByte: Mutation = {
  label: "one byte of a secret the pod reads",
  kind: "secret",
  apply(c, r) {
    const locations = hashedLocations(c);
    const location = locations[r % locations.length];
    const next = clone(c);
    const [from, length] = location.range ? location.range(next) : [0, undefined];
    const text = location.read(next);
    location.write(next, flipByte(text, Math.floor(r / 7), from, length ?? text.length));
    return next;
  },
};

const unreadKey: Mutation = {
  label: "a key of a referenced Secret the pod does not read",
  kind: "other",
  apply(c, r) {
    const names = Object.keys(c.secrets).filter(
      (n) => n !== s3SecretName(c) && n !== "unreferenced-secret",
    );
    if (names.length === 0) return undefined;
    const next = clone(c);
    const name = names[r % names.length];
    const old = next.secrets[name]["unread-extra"];
    next.secrets[name]["unread-extra"] = old ? flipByte(old, r) : "added";
    return next;
  },
};

const unreferencedSecret: Mutation = {
  label: "a Secret nothing references",
  kind: "other",
  apply(c, r) {
    const next = clone(c);
    const old = next.secrets["unreferenced-secret"]?.value;
    next.secrets["unreferenced-secret"] = { value: old ? flipByte(old, r) : "added" };
    return next;
  },
};

const unusedGenerated: Mutation = {
  label: "a generated value the deployment does not use",
  kind: "other",
  apply(c, r) {
    const next = clone(c);
    const jwtUsed = c.features.jwt === "generated" || c.features.jwt === "emptyName";
    const initialUsed = c.features.initial === "generated";
    if (jwtUsed && initialUsed) return undefined;
    if (!jwtUsed) next.generated.jwtSecret = flipByte(next.generated.jwtSecret, r);
    if (!initialUsed)
      next.generated.adminInitialPassword = flipByte(next.generated.adminInitialPassword, r);
    return next;
  },
};

// ---------------------------------------------------------------------------------------------------------------

const otherFields: Array<[string, Mutation["apply"]]> = [
  ["image", editArgs((a) => setPath(a, "image", `${effective(a, "image")}-other`))],
  ["replicas", editArgs((a) => setPath(a, "replicas", 1 - effective(a, "replicas")))],
  ["storage.metadataSize", editArgs((a) => setPath(a, "storage.metadataSize", "777Mi"))],
  ["storage.cacheSize", editArgs((a) => setPath(a, "storage.cacheSize", "778Mi"))],
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
  ["nfsPort", newPort("nfsPort")],
  ["smb.enabled", toggle("smb.enabled")],
  ["smb.port", newPort("smb.port")],
  [
    "smb.maxConnections",
    editArgs((a) => setPath(a, "smb.maxConnections", nextInt32(a.smb?.maxConnections ?? 0))),
  ],
  ["smb.credits.strategy", changeEnum("smb.credits.strategy")],
  ["smb.timeouts.read", changeText("smb.timeouts.read")],
  ["service.type", changeEnum("service.type")],
  [
    "service.annotations",
    editArgs((a) =>
      setPath(a, "service.annotations", { ...a.service?.annotations, "example.com/added": "x" }),
    ),
  ],
  ["s3.region", changeText("s3.region")],
  ["s3.bucket", changeText("s3.bucket")],
  [
    "percona.replicas",
    editArgs((a) => setPath(a, "percona.replicas", (effective(a, "percona.replicas") % 5) + 1)),
  ],
  ["percona.storageSize", editArgs((a) => setPath(a, "percona.storageSize", "31Gi"))],
  ["percona.databaseName", changeText("percona.databaseName")],
  ["percona.deleteWithServer", toggle("percona.deleteWithServer")],
  [
    "percona.backup.retentionDays",
    editArgs((a) =>
      setPath(
        a,
        "percona.backup.retentionDays",
        nextInt32(effective(a, "percona.backup.retentionDays")),
      ),
    ),
  ],
  [
    "percona.backup.fullSchedule",
    editArgs((a) => setPath(a, "percona.backup.fullSchedule", "15 3 * * *")),
  ],
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
      next.name = next.name.length < 52 ? `${next.name}z` : `z${next.name.slice(1)}`;
      return next;
    },
  ],
];

const configFields: Array<[string, Mutation["apply"]]> = [
  ["cache.size", changeText("cache.size")],
  [
    "cache.path",
    editArgs((a) =>
      setPath(
        a,
        "cache.path",
        effective(a, "cache.path") === "/data/cache" ? "/data/cache/moved" : "/data/cache",
      ),
    ),
  ],
  ["identity.jwt.accessTokenDuration", changeText("identity.jwt.accessTokenDuration")],
  ["identity.jwt.refreshTokenDuration", changeText("identity.jwt.refreshTokenDuration")],
  ["identity.jwt.issuer", changeText("identity.jwt.issuer")],
  ["identity.admin.username", changeText("identity.admin.username")],
  ["controlPlane.port", newPort("controlPlane.port")],
  ["metrics.port", newPort("metrics.port")],
];

const maybeConfigFields: Array<[string, Mutation["apply"]]> = [
  [
    "database.sqlite.path",
    editArgs((a) => setPath(a, "database.sqlite.path", `${effective(a, "database.sqlite.path")}x`)),
  ],
  ["database.type", changeEnum("database.type")],
  [
    "percona.enabled",
    editArgs((a) => {
      setPath(a, "percona.enabled", !effective(a, "percona.enabled"));
      const backup = a.percona.backup ?? {};
      return !(a.percona.enabled && backup.enabled && (!backup.bucket || !backup.endpoint));
    }),
  ],
  ["metrics.enabled", toggle("metrics.enabled")],
];

export const MUTATIONS: Mutation[] = [
  secretByte,
  unreadKey,
  unreferencedSecret,
  unusedGenerated,
  ...otherFields.map(([label, apply]) => ({ label, kind: "other" as const, apply })),
  ...configFields.map(([label, apply]) => ({ label, kind: "config" as const, apply })),
  ...maybeConfigFields.map(([label, apply]) => ({ label, kind: "maybe" as const, apply })),
];

/** `count` applicable mutations for `c`, picked by `picks` (one secret byte among them whenever possible). */
export function pickMutations(
  c: SpecCase,
  picks: number[],
): Array<{ mutation: Mutation; changed: SpecCase }> {
  const chosen: Array<{ mutation: Mutation; changed: SpecCase }> = [];
  const candidates = [secretByte, ...MUTATIONS.filter((m) => m !== secretByte)];
  picks.forEach((pick, i) => {
    // The first pick is always a secret byte; the others range over every mutation.
    const pool = i === 0 ? [secretByte] : candidates;
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

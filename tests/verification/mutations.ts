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
  type SpecCase,
} from "./arbitraries";
import * as kit from "./mutation-kit";
import type { Obj } from "../helpers/objects";

const mutations = kit.mutationKit<SpecCase>({
  schema: specSchema,
  defaultOf: schemaDefault,
  valid: (c) => portsValid(c.args as Obj),
  freePort,
});
const { clone, effective, editArgs, changeText, changeEnum, toggle, newPort, fields } = mutations;

// ---------------------------------------------------------------------------------------------------------------
// Secret material: where the hashed bytes are

type SecretLocation = kit.Location<SpecCase>;

function s3SecretName(c: SpecCase): string | undefined {
  return c.features.s3 === "ref" ? (c.args as Obj).s3.credentialsSecretRef.secretName : undefined;
}

/** Every value the pod reads (so the hash covers it), for this case. */
export function hashedLocations(c: SpecCase): SecretLocation[] {
  const f = c.features;
  const out: SecretLocation[] = [];
  if (f.jwt === "ref") out.push(kit.refLocation("referenced JWT", "identity.jwt.secretRef"));
  if (f.jwt === "value")
    out.push(kit.valueLocation("secretValues.jwtSecret", "secretValues.jwtSecret"));
  if (f.jwt === "generated" || f.jwt === "emptyName") {
    out.push(kit.generatedLocation("jwtSecret", "generated JWT"));
  }
  if (f.adminHash)
    out.push(kit.refLocation("referenced admin hash", "identity.admin.passwordSecretRef"));
  if (f.initial === "ref")
    out.push(
      kit.refLocation("referenced initial password", "identity.admin.initialPasswordSecretRef"),
    );
  if (f.initial === "value") {
    out.push(
      kit.valueLocation("secretValues.adminInitialPassword", "secretValues.adminInitialPassword"),
    );
  }
  if (f.initial === "generated") {
    out.push(kit.generatedLocation("adminInitialPassword", "generated admin password"));
  }
  if (f.postgres === "ref") {
    out.push({
      ...kit.refLocation("referenced Postgres connection", "database.postgresSecretRef"),
      range: kit.postgresRange,
    });
  }
  if (f.postgres === "value") {
    out.push({
      ...kit.valueLocation("secretValues.postgresConnection", "secretValues.postgresConnection"),
      range: kit.postgresRange,
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
      out.push(kit.valueLocation(`secretValues.s3.${key}`, `secretValues.s3.${key}`));
    }
  }
  return out;
}

const secretByte = kit.flipAt("secret", "one byte of a secret the pod reads", hashedLocations);

const unreadKey: kit.Mutation<SpecCase> = {
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
    next.secrets[name]["unread-extra"] = old ? kit.flipByte(old, r) : "added";
    return next;
  },
};

const unusedGenerated = mutations.unusedGenerated((c) => ({
  jwt: c.features.jwt === "generated" || c.features.jwt === "emptyName",
  admin: c.features.initial === "generated",
}));

// ---------------------------------------------------------------------------------------------------------------

const otherFields: Array<[string, kit.Apply<SpecCase>]> = [
  ...fields("image", "replicas", "storage.metadataSize"),
  ["storage.cacheSize", editArgs((a) => setPath(a, "storage.cacheSize", "778Mi"))],
  ...fields("storage.contentSize", "storage.controlPlaneSize", "storage.storageClassName"),
  ["nfsPort", newPort("nfsPort")],
  ["smb.enabled", toggle("smb.enabled")],
  ["smb.port", newPort("smb.port")],
  [
    "smb.maxConnections",
    editArgs((a) => setPath(a, "smb.maxConnections", kit.nextInt32(a.smb?.maxConnections ?? 0))),
  ],
  ["smb.credits.strategy", changeEnum("smb.credits.strategy")],
  ["smb.timeouts.read", changeText("smb.timeouts.read")],
  ...fields("service.type"),
  [
    "service.annotations",
    editArgs((a) =>
      setPath(a, "service.annotations", { ...a.service?.annotations, "example.com/added": "x" }),
    ),
  ],
  ["s3.region", changeText("s3.region")],
  ["s3.bucket", changeText("s3.bucket")],
  ...fields("percona.replicas", "percona.storageSize"),
  ["percona.databaseName", changeText("percona.databaseName")],
  ["percona.deleteWithServer", toggle("percona.deleteWithServer")],
  [
    "percona.backup.retentionDays",
    editArgs((a) =>
      setPath(
        a,
        "percona.backup.retentionDays",
        kit.nextInt32(effective(a, "percona.backup.retentionDays")),
      ),
    ),
  ],
  [
    "percona.backup.fullSchedule",
    editArgs((a) => setPath(a, "percona.backup.fullSchedule", "15 3 * * *")),
  ],
  ...mutations.podAndMetadata,
  [
    "name",
    (c) => {
      const next = clone(c);
      next.name = next.name.length < 52 ? `${next.name}z` : `z${next.name.slice(1)}`;
      return next;
    },
  ],
];

const configFields: Array<[string, kit.Apply<SpecCase>]> = [
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
  ...fields("identity.jwt.accessTokenDuration", "identity.jwt.refreshTokenDuration"),
  ["identity.jwt.issuer", changeText("identity.jwt.issuer")],
  ...fields("identity.admin.username", "controlPlane.port"),
  ["metrics.port", newPort("metrics.port")],
];

const maybeConfigFields: Array<[string, kit.Apply<SpecCase>]> = [
  ...fields("database.sqlite.path", "database.type"),
  ["percona.enabled", mutations.perconaEnabled()],
  ["metrics.enabled", toggle("metrics.enabled")],
];

export const MUTATIONS: Array<kit.Mutation<SpecCase>> = kit.mutationList(
  [secretByte, unreadKey, mutations.unreferencedSecret, unusedGenerated],
  otherFields,
  configFields,
  maybeConfigFields,
);

/** `picks.length` applicable mutations for `c`, picked by `picks`: the first a secret byte, the others any. */
export const pickMutations = (c: SpecCase, picks: number[]) =>
  kit.pickFrom(c, picks, [secretByte], [secretByte, ...MUTATIONS.filter((m) => m !== secretByte)]);

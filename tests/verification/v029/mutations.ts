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
import { getPath, setPath } from "../arbitraries";
import * as kit from "../mutation-kit";
import { ABSENT, caseValid, type V029Case } from "./arbitraries";
import { freePort, v029Default } from "./listeners";
import type { Obj } from "../../helpers/objects";

export type V029Mutation = kit.Mutation<V029Case>;
type SecretLocation = kit.Location<V029Case>;

const mutations = kit.mutationKit<V029Case>({
  schema: specSchema,
  defaultOf: v029Default,
  valid: (c) => caseValid(c.name, c.args as Obj),
  freePort,
});
const { clone, effective, editArgs, changeText, changeEnum, toggle, newPort, fields } = mutations;

/** A change of a field inside an optional block, only when the block is there. */
const inBlock = (block: string, fn: kit.Apply<V029Case>) => (c: V029Case, r: number) =>
  getPath(c.args as Obj, block) === undefined ? undefined : fn(c, r);

// ---------------------------------------------------------------------------------------------------------------
// Secret material

const refAt = (c: V029Case, refPath: string) => getPath(c.args as Obj, refPath);

const keyLocation = (secret: string, key: string): SecretLocation => ({
  label: `Secret ${secret} key ${key}`,
  read: (c) => c.secrets[secret][key],
  write: (c, v) => (c.secrets[secret][key] = v),
});

const KERBEROS = "identity.kerberos";

/** The PostgreSQL Secret the pod reads (every key hashed), when it reads one. */
function postgresSecret(c: V029Case): string | undefined {
  return c.features.postgres === "ref" && !c.features.percona
    ? refAt(c, "database.postgresSecretRef").name
    : undefined;
}

/** Every hashed value of this case. */
export function hashedLocations(c: V029Case): SecretLocation[] {
  const f = c.features;
  const out: SecretLocation[] = [];
  if (f.jwt === "ref") out.push(kit.refLocation("referenced JWT", "identity.jwt.secretRef"));
  if (f.jwt === "value")
    out.push(kit.valueLocation("secretValues.jwtSecret", "secretValues.jwtSecret"));
  if (f.jwt === "generated" || f.jwt === "emptyName") out.push(kit.generatedLocation("jwtSecret"));
  if (f.admin === "ref")
    out.push(kit.refLocation("referenced admin password", "identity.admin.passwordSecretRef"));
  if (f.admin === "value")
    out.push(
      kit.valueLocation("secretValues.adminInitialPassword", "secretValues.adminInitialPassword"),
    );
  if (f.admin === "generated") out.push(kit.generatedLocation("adminInitialPassword"));
  const pg = postgresSecret(c);
  if (pg) for (const key of Object.keys(c.secrets[pg])) out.push(keyLocation(pg, key));
  if (f.postgres === "value" && !f.percona)
    out.push({
      ...kit.valueLocation("secretValues.postgresConnection", "secretValues.postgresConnection"),
      range: kit.postgresRange,
    });
  if (f.ldap === "ref")
    out.push(kit.refLocation("LDAP bind password", "identity.ldap.bindPasswordSecretRef"));
  if (f.kerberos === "enabled") {
    out.push(kit.refLocation("keytab", `${KERBEROS}.keytabSecretRef`));
    if (f.krb5 === "ref") out.push(kit.refLocation("krb5.conf", `${KERBEROS}.krb5ConfSecretRef`));
    if (f.machine === "secret" || f.machine === "both")
      out.push(kit.refLocation("machine password", `${KERBEROS}.machineAccount.secretRef`));
    if (f.machine === "keytab" || f.machine === "both")
      out.push(kit.refLocation("machine keytab", `${KERBEROS}.machineAccount.keytabSecretRef`));
  }
  return out;
}

/** Secret values the pod reads or that are passed, which the hash leaves out. */
export function unhashedLocations(c: V029Case): SecretLocation[] {
  const f = c.features;
  const out: SecretLocation[] = [];
  if (f.metrics && f.token) out.push(kit.refLocation("metrics token", "metrics.bearerTokenSecret"));
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
      ...kit.valueLocation("secretValues.postgresConnection", "secretValues.postgresConnection"),
      range: kit.postgresRange,
    });
  return out;
}

const secretByte = kit.flipAt("secret", "one byte of a hashed secret", hashedLocations);
const unhashedByte = kit.flipAt(
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
    next.secrets[name]["unread-extra"] = kit.flipByte(next.secrets[name]["unread-extra"], r);
    return next;
  },
};

const unusedGenerated = mutations.unusedGenerated((c) => ({
  jwt: c.features.jwt === "generated" || c.features.jwt === "emptyName",
  admin: c.features.admin === "generated",
}));

// ---------------------------------------------------------------------------------------------------------------
// Fields

const otherFields: Array<[string, kit.Apply<V029Case>]> = [
  ...fields(
    "image",
    "replicas",
    "storage.metadataSize",
    "storage.contentSize",
    "storage.controlPlaneSize",
    "storage.storageClassName",
    "service.type",
  ),
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
  ...fields("percona.replicas", "percona.storageSize"),
  ...mutations.podAndMetadata,
  [
    "name",
    (c) => {
      const next = clone(c);
      next.name = `${c.name[0] === "z" ? "y" : "z"}${c.name.slice(1)}`;
      return caseValid(next.name, next.args as Obj) ? next : undefined;
    },
  ],
];

const configFields: Array<[string, kit.Apply<V029Case>]> = [
  ["logging.level", changeEnum("logging.level")],
  ["logging.format", changeEnum("logging.format")],
  ["logging.output", changeText("logging.output")],
  ...fields(
    "identity.jwt.accessTokenDuration",
    "identity.jwt.refreshTokenDuration",
    "identity.admin.username",
    "controlPlane.port",
  ),
];

const maybeConfigFields: Array<[string, kit.Apply<V029Case>]> = [
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
  ...fields("database.type", "database.sqlite.path"),
  // Only without a PostgreSQL connection: with one, Percona also changes what the pod reads (and the hash).
  ["percona.enabled", mutations.perconaEnabled((c) => c.features.postgres === "none")],
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

export const MUTATIONS: V029Mutation[] = kit.mutationList(
  [secretByte, unhashedByte, unreadKey, mutations.unreferencedSecret, unusedGenerated],
  otherFields,
  configFields,
  maybeConfigFields,
);

/** `picks.length` applicable mutations for `c` (the first a secret byte), picked by `picks`. */
export const pickMutations = (c: V029Case, picks: number[]) =>
  kit.pickFrom(
    c,
    picks,
    [secretByte],
    MUTATIONS.filter((m) => m !== secretByte),
  );

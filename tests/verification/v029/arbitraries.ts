/**
 * fast-check generators of VALID v0.29 DittoServer cases: args (every field of src/generated/v029/spec-schema.json,
 * by the schema walk of ../arbitraries.ts with its realistic overrides), the referenced Secrets they need, and the
 * generated values render would use. `operatorRelease` is "v0.29" or left out (the default).
 *
 * What the walk cannot know is set by `V029Features`, each on in about half the cases: the JWT secret and the
 * initial admin password (generated, referenced, passed as a value), PostgreSQL (a fixed-key Secret, or
 * `secretValues.postgresConnection`), Percona, metrics with a bearer token and a ServiceMonitor, TLS and mTLS on the
 * API, LDAP with a bind password, Kerberos with a krb5.conf and a machine account (or Kerberos present and disabled,
 * its Secrets absent: nothing may read them), declared adapters. Ports, adapters and the security context obey
 * listeners.ts.
 */
import fc from "fast-check";
import specSchema from "../../../src/generated/v029/spec-schema.json";
import type { PlainArgs } from "../../../src/resolve/component-fields";
import {
  alnumString,
  caseParts,
  freeText,
  labelKey,
  OVERRIDES,
  pathSegment,
  postgresValue,
  qualifiedKey,
  schemaArbitrary,
  secretStore,
  serverNameUpTo,
  setPath,
  type CaseParts,
  type PostgresValue,
  type SchemaWalk,
} from "../arbitraries";
import { adaptersValid, portsValid, securityValid } from "./listeners";
import type { Obj } from "../../helpers/objects";

export const RELEASE = "v0.29";
/** The longest name the v0.29 model accepts (`<name>-adapter-nfs` is then 63 characters). */
export const MAX_NAME = 51;

/** DittoServer names: a letter first, at most 51 characters, often the longest. */
export const serverName = serverNameUpTo(MAX_NAME);

/** A label value: empty, or up to 63 of [A-Za-z0-9_.-] starting and ending alphanumeric. */
const labelValue = fc.oneof(
  fc.constant(""),
  fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/),
);

/** Go durations (`time.ParseDuration`), positive. */
const goDuration = fc.oneof(
  fc.constantFrom("30s", "1m", "90s", "1h", "1.5h", "250ms", "1m30s", "10us", "1µs", "2h45m"),
  fc
    .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom("s", "m", "h", "ms"))
    .map(([n, u]) => `${n}${u}`),
);

/** Prometheus durations, as the ServiceMonitor CRD's pattern has them. */
const promDuration = fc.oneof(
  fc.constantFrom("30s", "1m", "15s", "1h30m", "500ms", "2d", "1w", "0"),
  fc
    .tuple(fc.integer({ min: 1, max: 600 }), fc.constantFrom("s", "m", "h"))
    .map(([n, u]) => `${n}${u}`),
);

/** Adapter types: the server's own, custom ones (long ones get hashed port names), case and spaces sanitised. */
const adapterType = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("nfs", "smb") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "s3-gateway",
      "9p",
      "iscsi",
      "custom-adapter-a",
      "WebDAV",
      "ftp server",
      "nfs-udp",
      "x",
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/) },
);

/** Listener ports: mostly ones any container may bind (a port below 1024 needs a context that allows it). */
const listenerPort = (usual: number[]) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...usual) },
    { weight: 8, arbitrary: fc.integer({ min: 1024, max: 65535 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 1023 }) },
  );

const adapterPort = listenerPort([12049, 1445, 2049, 20000, 8080, 9090, 65535]);

/** uid 0 sometimes (valid only with runAsNonRoot: false), not as often as fast-check's bias to small numbers would. */
const runAsUser = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 2 ** 31 - 1 }) },
);

/** The Secret selectors of the v0.29 CRD (a name and a required `key` each). */
export const SELECTORS = [
  "identity.jwt.secretRef",
  "identity.admin.passwordSecretRef",
  "database.postgresSecretRef",
  "identity.ldap.bindPasswordSecretRef",
  "identity.kerberos.keytabSecretRef",
  "identity.kerberos.krb5ConfSecretRef",
  "identity.kerberos.machineAccount.secretRef",
  "identity.kerberos.machineAccount.keytabSecretRef",
  "metrics.bearerTokenSecret",
];

/** Secret selectors the features set; the walk leaves them (and `resources.claims`) out. */
const OMITTED = new Set([
  ...SELECTORS,
  "controlPlane.certSecretName",
  "controlPlane.clientCASecretName",
  "resources.claims",
]);

export const V029_WALK: SchemaWalk = {
  omitted: OMITTED,
  overrides: {
    ...OVERRIDES,
    "controlPlane.port": listenerPort([8080, 8081, 9090, 12049, 1445, 65535]),
    "metrics.port": listenerPort([9090, 9100, 8080, 12049, 1445, 65535]),
    "securityContext.runAsUser": runAsUser,
    "podSecurityContext.runAsUser": runAsUser,
    "securityContext.privileged": fc.oneof(
      { weight: 4, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
    "metrics.path": fc.oneof(
      fc.constant("/metrics"),
      fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join("/")}`),
      freeText.map((t) => `/${t}`),
    ),
    "metrics.serviceMonitor.interval": promDuration,
    "metrics.serviceMonitor.labels": fc.dictionary(
      fc.oneof(labelKey, fc.constantFrom("app", "instance", "dittofs.io/metrics-service")),
      labelValue,
      { maxKeys: 3 },
    ),
    "adapterServices.annotations": fc.dictionary(qualifiedKey, freeText, { maxKeys: 3 }),
    "adapterDiscovery.pollingInterval": goDuration,
    "logging.output": fc.constantFrom(
      "stdout",
      "stderr",
      "/tmp/dittofs.log",
      "/data/controlplane/dittofs.log",
    ),
    adapters: fc.array(fc.record({ type: adapterType, port: adapterPort }), { maxLength: 3 }),
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Secrets and features

export interface V029Features {
  /** `emptyName`: a secretRef with name "" (the operator's trick): the JWT is generated, the key ignored. */
  jwt: "generated" | "ref" | "value" | "emptyName";
  admin: "generated" | "ref" | "value";
  postgres: "none" | "ref" | "value";
  /** The optional keys of the PostgreSQL Secret. */
  postgresPort: boolean;
  postgresSslmode: boolean;
  percona: boolean;
  backup: boolean;
  metrics: boolean;
  /** A bearer token Secret (read only while metrics are on). */
  token: boolean;
  serviceMonitor: boolean;
  tls: "none" | "cert" | "mtls";
  ldap: "none" | "noPassword" | "ref";
  /** `disabled`: the block is present with `enabled: false` and names Secrets that do not exist. */
  kerberos: "none" | "disabled" | "enabled";
  krb5: "none" | "ref" | "emptyName";
  machine: "none" | "disabled" | "secret" | "keytab" | "both";
  /** Unread keys in the referenced Secrets, and an unreferenced Secret. */
  extras: boolean;
  /** `operatorRelease` spelled out (else left to its default). */
  namedRelease: boolean;
}

/** Secret names per role: shared between roles (keys never are), except PostgreSQL's, whose every key is hashed. */
const secretName = (role: string) =>
  fc.constantFrom("ditto-creds", "app-secrets", `${role}-secret`);
const KEYS = {
  jwt: ["jwt", "jwt-secret", "signing-key"],
  admin: ["password", "admin-password", "initial"],
  ldap: ["bind-password", "ldap-password"],
  keytab: ["krb5.keytab", "keytab"],
  krb5: ["krb5.conf", "krb5-conf"],
  machineSecret: ["machine-password", "machine-secret"],
  machineKeytab: ["machine.keytab", "mkeytab"],
  token: ["token", "bearer-token"],
};
/** The ref's key for PostgreSQL is used for nothing (a key outside the fixed ones warns). */
const POSTGRES_REF_KEYS = [
  "host",
  "database",
  "user",
  "password",
  "port",
  "sslmode",
  "connection-string",
];

const selector = (name: fc.Arbitrary<string>, keys: string[]) =>
  fc.record(
    { name, key: fc.constantFrom(...keys), optional: fc.boolean() },
    { requiredKeys: ["name", "key"] },
  );

const refChoices = fc.record({
  jwt: selector(secretName("jwt"), KEYS.jwt),
  admin: selector(secretName("admin"), KEYS.admin),
  postgres: selector(fc.constantFrom("pg-secret", "postgres-conn"), POSTGRES_REF_KEYS),
  ldap: selector(secretName("ldap"), KEYS.ldap),
  keytab: selector(secretName("kerberos"), KEYS.keytab),
  krb5: selector(secretName("kerberos"), KEYS.krb5),
  machineSecret: selector(secretName("machine"), KEYS.machineSecret),
  machineKeytab: selector(secretName("machine"), KEYS.machineKeytab),
  token: selector(secretName("metrics"), KEYS.token),
  tlsCert: fc.constantFrom("ditto-tls", "app-secrets", "api-cert"),
  tlsClientCa: fc.constantFrom("ditto-tls", "client-ca"),
});

const pem = (what: string) =>
  alnumString(24, 64).map((b) => `-----BEGIN ${what}-----\n${b}\n-----END ${what}-----\n`);

const secretValuesArb = fc.record({
  jwt: alnumString(32, 64),
  admin: alnumString(8, 72),
  postgres: fc.record({
    host: fc.constantFrom("db", "pg.example.com", "10.0.0.5", "postgres.db.svc"),
    port: fc.integer({ min: 1, max: 65535 }).map(String),
    database: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
    user: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
    password: alnumString(8, 24),
    sslmode: fc.constantFrom("disable", "require", "verify-full"),
  }),
  postgresConnection: postgresValue,
  ldap: alnumString(8, 40),
  keytab: alnumString(16, 64),
  krb5: fc.constantFrom("[libdefaults]\n", "[libdefaults]\n  default_realm = EXAMPLE.COM\n"),
  machineSecret: alnumString(8, 40),
  machineKeytab: alnumString(16, 64),
  token: alnumString(16, 64),
  tlsCert: pem("CERTIFICATE"),
  tlsKey: pem("PRIVATE KEY"),
  tlsCa: pem("CERTIFICATE"),
  extra: alnumString(4, 12),
});

const featuresArb: fc.Arbitrary<V029Features> = fc.record({
  jwt: fc.constantFrom<V029Features["jwt"]>("generated", "ref", "value", "emptyName"),
  admin: fc.constantFrom<V029Features["admin"]>("generated", "ref", "value"),
  postgres: fc.constantFrom<V029Features["postgres"]>("none", "ref", "value"),
  postgresPort: fc.boolean(),
  postgresSslmode: fc.boolean(),
  percona: fc.boolean(),
  backup: fc.boolean(),
  metrics: fc.boolean(),
  token: fc.boolean(),
  serviceMonitor: fc.boolean(),
  tls: fc.constantFrom<V029Features["tls"]>("none", "cert", "mtls"),
  ldap: fc.constantFrom<V029Features["ldap"]>("none", "noPassword", "ref"),
  kerberos: fc.constantFrom<V029Features["kerberos"]>("none", "disabled", "enabled"),
  krb5: fc.constantFrom<V029Features["krb5"]>("none", "ref", "emptyName"),
  machine: fc.constantFrom<V029Features["machine"]>("none", "disabled", "secret", "keytab", "both"),
  extras: fc.boolean(),
  namedRelease: fc.boolean(),
});

export interface V029Case {
  name: string;
  /** Component args: the spec fields plus namespace, labels, annotations, secretValues (and operatorRelease). */
  args: PlainArgs;
  /** Referenced Secrets, plain values: Secret name → key → value. */
  secrets: Record<string, Record<string, string>>;
  /** What render uses for generated values (fixed, so renders are comparable). */
  generated: { jwtSecret: string; adminInitialPassword: string };
  features: V029Features;
  /** The PostgreSQL connection string passed as a value (where its password is). */
  postgres?: PostgresValue;
}

/** Secrets named by a disabled block: they do not exist, so a read of them fails the render. */
export const ABSENT = "absent-secret";

function build(parts: CaseParts<V029Features>): V029Case {
  const { features: f, refs, values } = parts;
  const spec: Obj = structuredClone(parts.spec);
  const { secrets, put } = secretStore();
  const secretValues: Obj = {};
  const ref = (path: string, r: Obj, value: string) => {
    setPath(spec, path, r);
    put(r.name, r.key, value);
  };

  if (f.jwt === "ref") ref("identity.jwt.secretRef", refs.jwt, values.jwt);
  else if (f.jwt === "emptyName")
    setPath(spec, "identity.jwt.secretRef", { name: "", key: refs.jwt.key });
  else if (f.jwt === "value") secretValues.jwtSecret = values.jwt;
  if (f.admin === "ref") ref("identity.admin.passwordSecretRef", refs.admin, values.admin);
  else if (f.admin === "value") secretValues.adminInitialPassword = values.admin;

  setPath(spec, "percona.enabled", f.percona);
  setPath(spec, "percona.backup.enabled", f.backup);
  if (f.percona && f.backup) {
    spec.percona.backup.bucket ||= "ditto-backups";
    spec.percona.backup.endpoint ||= "https://s3.example.com";
  }
  if (f.postgres === "ref") {
    setPath(spec, "database.postgresSecretRef", refs.postgres);
    const pg = values.postgres;
    for (const key of ["host", "database", "user", "password"])
      put(refs.postgres.name, key, pg[key]);
    if (f.postgresPort) put(refs.postgres.name, "port", pg.port);
    if (f.postgresSslmode) put(refs.postgres.name, "sslmode", pg.sslmode);
  } else if (f.postgres === "value") {
    secretValues.postgresConnection = values.postgresConnection.text;
  }

  setPath(spec, "metrics.enabled", f.metrics);
  setPath(spec, "metrics.serviceMonitor.enabled", f.serviceMonitor);
  if (f.token) {
    // Read only while metrics are on; otherwise it names a Secret that does not exist.
    if (f.metrics) ref("metrics.bearerTokenSecret", refs.token, values.token);
    else setPath(spec, "metrics.bearerTokenSecret", { name: ABSENT, key: refs.token.key });
  }

  if (f.tls !== "none") {
    setPath(spec, "controlPlane.certSecretName", refs.tlsCert);
    put(refs.tlsCert, "tls.crt", values.tlsCert);
    put(refs.tlsCert, "tls.key", values.tlsKey);
  }
  if (f.tls === "mtls") {
    setPath(spec, "controlPlane.clientCASecretName", refs.tlsClientCa);
    put(refs.tlsClientCa, "ca.crt", values.tlsCa);
  }

  if (f.ldap === "none") delete spec.identity?.ldap;
  else {
    spec.identity ??= {};
    spec.identity.ldap ??= { url: "ldaps://dc.example.com:636", baseDN: "dc=x", bindDN: "cn=y" };
    if (f.ldap === "ref") ref("identity.ldap.bindPasswordSecretRef", refs.ldap, values.ldap);
  }

  if (f.kerberos === "none") delete spec.identity?.kerberos;
  else {
    setPath(spec, "identity.kerberos.enabled", f.kerberos === "enabled");
    const k = spec.identity.kerberos;
    if (f.kerberos === "disabled") {
      k.keytabSecretRef = { name: ABSENT, key: refs.keytab.key };
      if (f.krb5 !== "none") k.krb5ConfSecretRef = { name: ABSENT, key: refs.krb5.key };
    } else {
      k.servicePrincipal ||= "nfs/ditto.example.com@EXAMPLE.COM";
      ref("identity.kerberos.keytabSecretRef", refs.keytab, values.keytab);
      if (f.krb5 === "ref") ref("identity.kerberos.krb5ConfSecretRef", refs.krb5, values.krb5);
      if (f.krb5 === "emptyName") k.krb5ConfSecretRef = { name: "", key: refs.krb5.key };
    }
    if (f.machine === "none") delete k.machineAccount;
    else {
      const machineOn = f.machine !== "disabled";
      setPath(k, "machineAccount.enabled", machineOn);
      const m = k.machineAccount;
      // Read only when Kerberos and the machine account are both on.
      const read = machineOn && f.kerberos === "enabled";
      if (machineOn) m.accountName ||= "DITTOFS$";
      const machineRef = (field: string, r: Obj, value: string) => {
        if (read) ref(`identity.kerberos.machineAccount.${field}`, r, value);
        else m[field] = { name: ABSENT, key: r.key };
      };
      if (f.machine === "secret" || f.machine === "both" || f.machine === "disabled")
        machineRef("secretRef", refs.machineSecret, values.machineSecret);
      if (f.machine === "keytab" || f.machine === "both")
        machineRef("keytabSecretRef", refs.machineKeytab, values.machineKeytab);
    }
  }

  if (f.extras) {
    for (const name of Object.keys(secrets)) put(name, "unread-extra", values.extra);
    put("unreferenced-secret", "value", values.extra);
  }

  const args: PlainArgs = {
    ...(f.namedRelease ? { operatorRelease: RELEASE } : {}),
    ...spec,
    ...parts.component,
  };
  if (Object.keys(secretValues).length > 0) args.secretValues = secretValues;
  return {
    name: parts.name,
    args,
    secrets,
    generated: parts.generated,
    features: f,
    postgres: f.postgres === "value" ? values.postgresConnection : undefined,
  };
}

/** Generated values in the shapes of the component's (43 and 24 characters of the base64url alphabet). */
const base64url = (length: number) =>
  fc.string({
    unit: fc.constantFrom(
      ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".split(""),
    ),
    minLength: length,
    maxLength: length,
  });

/** Whether a case's spec obeys what the generators cannot see field by field (listeners.ts). */
export function caseValid(name: string, spec: Obj): boolean {
  return portsValid(spec) && adaptersValid(name, spec) && securityValid(spec);
}

/** Valid v0.29 DittoServer cases (spec + Secrets + generated values). */
export const validCase: fc.Arbitrary<V029Case> = caseParts({
  name: serverName,
  spec: schemaArbitrary(specSchema, V029_WALK) as fc.Arbitrary<Obj>,
  features: featuresArb,
  refs: refChoices,
  values: secretValuesArb,
  generated: fc.record({ jwtSecret: base64url(43), adminInitialPassword: base64url(24) }),
})
  .filter((p) => caseValid(p.name, p.spec))
  .map(build)
  .filter((c) => caseValid(c.name, c.args as Obj));

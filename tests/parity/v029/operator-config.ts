import type { Obj } from "../../helpers/objects";
/**
 * The v0.29 operator's `config.yaml` for a CRD-defaulted spec, written from the v0.29 delta document (not from
 * src/): yaml.v3's layout (4-space indent, block sequences indented under their key), the fixed key order, optional
 * blocks only when active.
 */
/** A scalar as yaml.v3 writes it: plain, unless it would read as another type or needs quoting for syntax. */
function scalar(v: unknown): string {
  if (typeof v !== "string") return String(v);
  const reads =
    /^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\.\d+|\d+(\.\d*)?)(e[-+]?\d+)?|0x[0-9a-f]+|[-+]?\.inf|\.nan)$/i;
  if (v === "" || reads.test(v)) return JSON.stringify(v);
  if (/^[\s\-?:,[\]{}#&*!|>'"%@`]|[\s]$|: | #/.test(v)) return `'${v.replace(/'/g, "''")}'`;
  return v;
}

/** Lines of a mapping: entries whose value is undefined are left out; nested objects and lists indent by 4. */
function lines(o: Obj, indent = ""): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      out.push(`${indent}${k}:`, ...v.map((x) => `${indent}    - ${scalar(x)}`));
    } else if (v !== null && typeof v === "object") {
      out.push(`${indent}${k}:`, ...lines(v, `${indent}    `));
    } else {
      out.push(`${indent}${k}: ${scalar(v)}`);
    }
  }
  return out;
}

/** `undefined` for a false flag (Go's omitempty), else the value. */
const omitFalse = (b: boolean | undefined) => (b ? true : undefined);
/** `undefined` for an empty string (omitempty). */
const omitEmpty = (s: string | undefined) => (s ? s : undefined);
const named = (ref: Obj | undefined) => ref !== undefined && !!ref.name;

function database(spec: Obj): Obj {
  if (spec.database?.postgresSecretRef !== undefined) {
    return {
      type: "postgres",
      postgres: {
        host: "placeholder",
        database: "placeholder",
        user: "placeholder",
        password: "placeholder",
      },
    };
  }
  const type = spec.database?.type;
  const path =
    !type || type === "sqlite"
      ? spec.database?.sqlite?.path || "/data/controlplane/controlplane.db"
      : "/data/controlplane/controlplane.db";
  return { type: "sqlite", sqlite: { path } };
}

function controlplane(spec: Obj): Obj {
  const cp = spec.controlPlane ?? {};
  const jwt = spec.identity?.jwt ?? {};
  return {
    host: "0.0.0.0",
    port: cp.port || 8080,
    jwt: {
      access_token_duration: jwt.accessTokenDuration || "15m",
      refresh_token_duration: jwt.refreshTokenDuration || "168h",
    },
    tls: cp.certSecretName
      ? {
          cert_file: "/tls/tls.crt",
          key_file: "/tls/tls.key",
          client_ca: cp.clientCASecretName ? "/tls-client-ca/ca.crt" : undefined,
        }
      : undefined,
  };
}

function metrics(spec: Obj): Obj | undefined {
  const m = spec.metrics;
  if (!m?.enabled) return undefined;
  const token = m.bearerTokenSecret !== undefined;
  return {
    enabled: true,
    host: "0.0.0.0",
    port: m.port > 0 ? m.port : 9090,
    path: m.path || "/metrics",
    auth: token ? "token" : "none",
    token_file: token ? "/metrics-token/token" : undefined,
  };
}

function ldap(spec: Obj): Obj | undefined {
  const l = spec.identity?.ldap;
  if (!l) return undefined;
  return {
    enabled: l.enabled === true,
    url: l.url,
    start_tls: omitFalse(l.startTLS),
    allow_plaintext: omitFalse(l.allowPlaintext),
    base_dn: l.baseDN,
    bind_dn: l.bindDN,
    user_attr: omitEmpty(l.userAttr),
    realm: omitEmpty(l.realm),
    idmap: omitEmpty(l.idmap),
    nested_groups: omitFalse(l.nestedGroups),
    tls:
      l.caCertFile || l.insecureSkipVerify
        ? {
            ca_cert_file: omitEmpty(l.caCertFile),
            insecure_skip_verify: omitFalse(l.insecureSkipVerify),
          }
        : undefined,
  };
}

function kerberos(spec: Obj): Obj | undefined {
  const k = spec.identity?.kerberos;
  if (!k?.enabled) return undefined;
  const m = k.machineAccount;
  return {
    enabled: true,
    keytab_path: named(k.keytabSecretRef) ? "/kerberos/dittofs.keytab" : undefined,
    service_principal: omitEmpty(k.servicePrincipal),
    realm: omitEmpty(k.realm),
    netbios_domain: omitEmpty(k.netbiosDomain),
    dns_domain: omitEmpty(k.dnsDomain),
    krb5_conf: named(k.krb5ConfSecretRef) ? "/kerberos-krb5/krb5.conf" : omitEmpty(k.krb5Conf),
    machine_account: m?.enabled
      ? {
          enabled: true,
          account_name: omitEmpty(m.accountName),
          keytab_path: named(m.keytabSecretRef) ? "/kerberos-machine/machine.keytab" : undefined,
          dc_address: m.dcAddress?.length ? m.dcAddress : undefined,
        }
      : undefined,
  };
}

export function operatorConfig(spec: Obj): string {
  const logging = spec.logging ?? {};
  const config: Obj = {
    logging: {
      level: logging.level || "INFO",
      format: logging.format || "json",
      output: logging.output || "stdout",
    },
    shutdown_timeout: "30s",
    database: database(spec),
    controlplane: controlplane(spec),
    admin: { username: spec.identity?.admin?.username || "admin" },
    metrics: metrics(spec),
    ldap: ldap(spec),
    kerberos: kerberos(spec),
  };
  return `${lines(config).join("\n")}\n`;
}

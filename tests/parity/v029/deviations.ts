/**
 * The README's v0.29 "Differences from the operator" (src/models/v029/differences.ts) as test data: each row that
 * changes objects has a transform from the operator's objects (operator-model.ts) to ours; every other row is listed
 * in NOT_OBJECTS with the reason it leaves the objects alone. The parity tests apply the transforms in the order of
 * TRANSFORMS and compare the result with `dittofs render`.
 */
import { adapterContainerPorts, adapterType } from "./operator-adapters";
import { adapterObjects } from "./operator-model";
import { container, find, maybe, podSpec, secretRef, type Obj } from "../../helpers/objects";
import { encodeData } from "../../helpers/base64";

export interface ParityContext {
  /** The CR as rendered (component-only fields such as `adapters` included). */
  cr: Obj;
  name: string;
  namespace: string;
  /** The user's Secrets, decoded (name → key → value). */
  secrets: Record<string, Record<string, string>>;
  /** The component's `secretValues`, when a case passes them (a CR cannot). */
  secretValues?: Record<string, string>;
}

export interface Transform {
  id: string;
  apply: (objects: Obj[], ctx: ParityContext) => void;
}

const setConfig = (objects: Obj[], ctx: ParityContext, edit: (text: string) => string) => {
  const cm = find(objects, "ConfigMap", `${ctx.name}-config`);
  cm.data["config.yaml"] = edit(cm.data["config.yaml"]);
};
/** The operator's `database:` block for `type: postgres` in place of a SQLite one. */
const postgresDatabase = (text: string) =>
  text.replace(
    /database:\n {4}type: sqlite\n {4}sqlite:\n {8}path: .*\n/,
    [
      "database:",
      "    type: postgres",
      "    postgres:",
      ...["host", "database", "user", "password"].map((k) => `        ${k}: placeholder`),
      "",
    ].join("\n"),
  );
const isAdapterObject = (o: Obj) =>
  o.metadata.labels?.["dittofs.io/adapter-service"] === "true" ||
  o.metadata.labels?.["dittofs.io/adapter-networkpolicy"] === "true";
const POSTGRES = "DITTOFS_DATABASE_POSTGRES_";

/** Object-changing rows, applied in this order. */
export const TRANSFORMS: Transform[] = [
  {
    id: "declared-adapters",
    apply: (objects, ctx) => {
      // The component's default: what a fresh server creates.
      const declared = (
        ctx.cr.spec.adapters ?? [
          { type: "nfs", port: 12049 },
          { type: "smb", port: 1445 },
        ]
      ).map((a: Obj) => ({ type: adapterType(a.type), port: a.port }));
      // What the operator discovered (nothing with replicas 0) is replaced by what is declared, each adapter's
      // Service and NetworkPolicy together, in the operator's shapes.
      const kept = objects.filter((o) => !isAdapterObject(o));
      objects.splice(0, objects.length, ...kept);
      for (const a of declared) objects.push(...adapterObjects(ctx.cr, a));
      const c = container(objects, ctx.name);
      c.ports = [
        ...c.ports.filter((p: Obj) => !p.name.startsWith("adapter-")),
        ...adapterContainerPorts(declared),
      ];
    },
  },
  {
    id: "service-type-default",
    apply: (objects, ctx) => {
      if (ctx.cr.spec.service === undefined)
        find(objects, "Service", `${ctx.name}-api`).spec.type = "ClusterIP";
    },
  },
  {
    id: "service-links",
    apply: (objects, ctx) => {
      podSpec(objects, ctx.name).enableServiceLinks = false;
    },
  },
  {
    id: "postgres-connection-value",
    apply: (objects, ctx) => {
      const connection = ctx.secretValues?.postgresConnection;
      const { spec } = ctx.cr;
      if (!connection || spec.database?.postgresSecretRef || spec.percona?.enabled) return;
      const url = new URL(connection);
      const parts: Record<string, string> = {
        host: url.hostname,
        port: url.port || "5432",
        database: url.pathname.slice(1),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        sslmode: url.searchParams.get("sslmode") ?? "",
      };
      const secret = `${ctx.name}-postgres-connection`;
      const lastSecret = objects.findIndex((o) => o.kind !== "Secret");
      objects.splice(lastSecret, 0, {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: secret, namespace: ctx.namespace },
        data: encodeData(parts),
      });
      setConfig(objects, ctx, postgresDatabase);
      // As the operator wires a postgresSecretRef naming that Secret.
      container(objects, ctx.name).env.push(
        ...["host", "database", "user", "password"].map((k) =>
          secretRef(`${POSTGRES}${k.toUpperCase()}`, secret, k),
        ),
        ...["port", "sslmode"].map((k) =>
          secretRef(`${POSTGRES}${k.toUpperCase()}`, secret, k, true),
        ),
      );
    },
  },
  {
    id: "percona-database",
    apply: (objects, ctx) => {
      if (!ctx.cr.spec.percona?.enabled) return;
      setConfig(objects, ctx, postgresDatabase);
      const secret = `${ctx.name}-postgres-pguser-dittofs`;
      const env: Obj[] = container(objects, ctx.name).env;
      const at = env.findIndex((e) => e.name === "DATABASE_URL") + 1;
      env.splice(
        at,
        0,
        ...[
          ["HOST", "host"],
          ["PORT", "port"],
          ["DATABASE", "dbname"],
          ["USER", "user"],
          ["PASSWORD", "password"],
        ].map(([n, k]) => secretRef(`${POSTGRES}${n}`, secret, k)),
        { name: `${POSTGRES}SSLMODE`, value: "require" },
      );
    },
  },
  {
    id: "postgres-placeholders",
    apply: (objects, ctx) =>
      setConfig(objects, ctx, (t) => t.replace(/^( {8}\w+): placeholder$/gm, '$1: ""')),
  },
  {
    id: "percona-await",
    apply: (objects, ctx) => {
      const pg = maybe(objects, "PerconaPGCluster", `${ctx.name}-postgres`);
      if (pg) pg.metadata.annotations = { "pulumi.com/waitFor": "jsonpath={.status.state}=ready" };
    },
  },
  {
    id: "no-runtime-client",
    apply: (objects, ctx) => {
      const kept = objects.filter(
        (o) => !(o.kind === "Secret" && o.metadata.name === `${ctx.name}-operator-credentials`),
      );
      objects.splice(0, objects.length, ...kept);
      for (const o of objects) delete o.metadata.ownerReferences;
    },
  },
];

/** Rows that change no object of a render, and why. */
export const NOT_OBJECTS: Record<string, string> = {
  "rest-only-settings":
    "the operator's NFS Service and policy carry the portmapper ports too; what differs is that nothing switches the portmapper on",
  "generated-secrets":
    "the operator's Secrets have the same names and keys; the values are generated on both sides (normalised)",
  "jwt-secretref-optional": "validation: the CRD rejects such a spec, the component accepts it",
  "config-hash": "only the digest differs (normalised)",
  "hash-ldap-bind-password": "only the digest differs (normalised)",
  "service-monitor":
    "the model's cluster has the ServiceMonitor CRD; the difference shows only where it is missing",
  "snapshot-policies": "the operator applies them through the server's API: no object either way",
  "validation-objects":
    "validation: objects the API server or the kubelet would refuse are refused before they exist",
  "validation-static": "validation: a spec either side refuses renders no objects",
  "secret-contents": "validation of the Secrets' contents at render time",
  updates: "how objects change over later deployments; a render is the first",
};

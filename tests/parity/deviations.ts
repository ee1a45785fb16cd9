/**
 * The README's "Differences from the operator" (src/models/feb2026/differences.ts) as test data: the rows that change
 * objects get `apply`, which turns the operator's objects (tests/parity/operator-model.ts) into ours; the parity
 * tests apply every row and compare with `dittofs render`. Rows without `apply` change validation or lifecycle and
 * are tested where named.
 */
import { DIFFERENCES } from "../../src/models/feb2026/differences";
import type { Difference } from "../../src/models/object-model";
import {
  container,
  find,
  maybe,
  podSpec,
  secretRef,
  statefulSet,
  type Obj,
} from "../helpers/objects";
import { b64, encodeData } from "../helpers/base64";

export interface ParityContext {
  cr: Obj;
  name: string;
  namespace: string;
  /** The user's Secrets, decoded (name → key → value). */
  secrets: Record<string, Record<string, string>>;
}

export interface Deviation extends Difference {
  apply?: (objects: Obj[], ctx: ParityContext) => void;
}

type Transform = Pick<Deviation, "id" | "apply">;

const envIndex = (env: Obj[], name: string) => env.findIndex((e) => e.name === name);
const insertAfter = (env: Obj[], after: string, vars: Obj[]) =>
  env.splice(envIndex(env, after) + 1, 0, ...vars);
const beforeStatefulSet = (objects: Obj[], ctx: ParityContext, obj: Obj) => {
  // Owned Secrets come first, in the order jwt, admin, postgres.
  const firstNonSecret = objects.findIndex((o) => o.kind !== "Secret");
  objects.splice(firstNonSecret, 0, obj);
  void ctx;
};
const POSTGRES_ENV = ["HOST", "PORT", "DATABASE", "USER", "PASSWORD", "SSLMODE"];
const POSTGRES_CONFIG = [
  "    postgres:",
  '        host: ""',
  "        port: 5432",
  '        database: ""',
  '        user: ""',
  '        password: ""',
  '        sslmode: ""',
];
const setConfig = (objects: Obj[], ctx: ParityContext, edit: (text: string) => string) => {
  const cm = find(objects, "ConfigMap", `${ctx.name}-config`);
  cm.data["config.yaml"] = edit(cm.data["config.yaml"]);
};
const postgresConfig = (text: string) =>
  text.replace(
    /database:\n {4}type: \w+\n( {4}sqlite:\n {8}path: .*\n)?/,
    `database:\n    type: postgres\n${POSTGRES_CONFIG.join("\n")}\n`,
  );

const TRANSFORMS: Transform[] = [
  {
    id: "nfs-port-default",
    apply: (objects, ctx) => {
      if (ctx.cr.spec.nfsPort !== undefined) return;
      for (const o of objects.filter((x) => x.kind === "Service")) {
        for (const p of o.spec.ports.filter((x: Obj) => x.name === "nfs"))
          p.port = p.targetPort = 12049;
      }
      container(objects, ctx.name).ports.find((p: Obj) => p.name === "nfs").containerPort = 12049;
    },
  },
  {
    id: "smb-port-default",
    apply: (objects, ctx) => {
      if (!ctx.cr.spec.smb?.enabled || ctx.cr.spec.smb.port !== undefined) return;
      const p = find(objects, "Service", `${ctx.name}-file`).spec.ports.find(
        (x: Obj) => x.name === "smb",
      );
      p.port = p.targetPort = 12445;
    },
  },
  {
    id: "service-type-default",
    apply: (objects, ctx) => {
      if (ctx.cr.spec.service !== undefined) return;
      for (const n of ["file", "api"])
        find(objects, "Service", `${ctx.name}-${n}`).spec.type = "ClusterIP";
    },
  },
  {
    id: "adapter-ports",
    apply: (objects, ctx) => {
      for (const p of container(objects, ctx.name).ports) {
        if (p.name === "nfs") p.containerPort = 12049;
        if (p.name === "smb") p.containerPort = 1445;
      }
      for (const o of objects.filter((x) => x.kind === "Service")) {
        for (const p of o.spec.ports.filter((x: Obj) => x.name === "nfs" || x.name === "smb"))
          p.targetPort = p.name;
      }
    },
  },
  {
    id: "no-command",
    apply: (objects, ctx) => {
      delete container(objects, ctx.name).command;
    },
  },
  {
    id: "listen-host",
    apply: (objects, ctx) =>
      setConfig(objects, ctx, (t) =>
        t
          .replace("controlplane:\n", "controlplane:\n    host: 0.0.0.0\n")
          .replace(
            "metrics:\n    enabled: true\n",
            "metrics:\n    enabled: true\n    host: 0.0.0.0\n",
          ),
      ),
  },
  {
    id: "jwt-env",
    apply: (objects, ctx) => {
      container(objects, ctx.name).env.find(
        (e: Obj) => e.name === "DITTOFS_CONTROLPLANE_JWT_SECRET",
      ).name = "DITTOFS_CONTROLPLANE_SECRET";
    },
  },
  {
    id: "admin-initial-password",
    apply: (objects, ctx) => {
      const ref = ctx.cr.spec.identity?.admin?.initialPasswordSecretRef;
      const secret = ref ? ref.name : `${ctx.name}-admin-bootstrap-credentials`;
      const key = ref ? ref.key : "password";
      if (!ref) {
        beforeStatefulSet(objects, ctx, {
          apiVersion: "v1",
          kind: "Secret",
          metadata: { name: secret, namespace: ctx.namespace },
          data: { password: "<generated>", username: b64("admin") },
        });
      }
      const env = container(objects, ctx.name).env;
      const after =
        envIndex(env, "DITTOFS_ADMIN_PASSWORD_HASH") >= 0
          ? "DITTOFS_ADMIN_PASSWORD_HASH"
          : "DITTOFS_CONTROLPLANE_SECRET";
      insertAfter(env, after, [secretRef("DITTOFS_ADMIN_INITIAL_PASSWORD", secret, key)]);
    },
  },
  {
    id: "postgres-connection",
    apply: (objects, ctx) => {
      const ref = ctx.cr.spec.database?.postgresSecretRef;
      if (!ref) return;
      const url = new URL(ctx.secrets[ref.name][ref.key]);
      const parts: Record<string, string> = {
        database: url.pathname.slice(1),
        host: url.hostname,
        password: decodeURIComponent(url.password),
        port: url.port || "5432",
        sslmode: url.searchParams.get("sslmode") ?? "",
        user: decodeURIComponent(url.username),
      };
      const secret = `${ctx.name}-postgres-connection`;
      beforeStatefulSet(objects, ctx, {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: secret, namespace: ctx.namespace },
        data: encodeData(parts),
      });
      setConfig(objects, ctx, postgresConfig);
      const env = container(objects, ctx.name).env;
      if (envIndex(env, "DITTOFS_DATABASE_POSTGRES") < 0) {
        // With Percona enabled the operator drops it; the user's connection wins here (row percona-with-postgres-ref).
        insertAfter(
          env,
          env.some((e: Obj) => e.name === "DITTOFS_ADMIN_INITIAL_PASSWORD")
            ? "DITTOFS_ADMIN_INITIAL_PASSWORD"
            : "DITTOFS_CONTROLPLANE_SECRET",
          [secretRef("DITTOFS_DATABASE_POSTGRES", ref.name, ref.key)],
        );
      }
      insertAfter(
        env,
        "DITTOFS_DATABASE_POSTGRES",
        POSTGRES_ENV.map((k) =>
          secretRef(`DITTOFS_DATABASE_POSTGRES_${k}`, secret, k.toLowerCase()),
        ),
      );
    },
  },
  {
    id: "percona-with-postgres-ref",
  },
  {
    id: "percona-database",
    apply: (objects, ctx) => {
      if (!ctx.cr.spec.percona?.enabled || ctx.cr.spec.database?.postgresSecretRef) return;
      setConfig(objects, ctx, postgresConfig);
      const secret = `${ctx.name}-postgres-pguser-dittofs`;
      const keys: Record<string, string> = { DATABASE: "dbname" };
      insertAfter(
        container(objects, ctx.name).env,
        "DATABASE_URL",
        POSTGRES_ENV.map((k) =>
          k === "SSLMODE"
            ? { name: "DITTOFS_DATABASE_POSTGRES_SSLMODE", value: "require" }
            : secretRef(`DITTOFS_DATABASE_POSTGRES_${k}`, secret, keys[k] ?? k.toLowerCase()),
        ),
      );
    },
  },
  {
    id: "controlplane-volume",
    apply: (objects, ctx) => {
      const set = statefulSet(objects, ctx.name);
      const size = ctx.cr.spec.storage.controlPlaneSize ?? "1Gi";
      const sc = ctx.cr.spec.storage.storageClassName;
      set.spec.volumeClaimTemplates.push({
        metadata: { name: "controlplane" },
        spec: {
          accessModes: ["ReadWriteOnce"],
          ...(sc !== undefined ? { storageClassName: sc } : {}),
          resources: { requests: { storage: size } },
        },
      });
      container(objects, ctx.name).volumeMounts.push({
        name: "controlplane",
        mountPath: "/data/controlplane",
      });
    },
  },
  {
    id: "hardening",
    apply: (objects, ctx) => {
      const pod = podSpec(objects, ctx.name);
      if (ctx.cr.spec.podSecurityContext === undefined) {
        pod.securityContext = {
          fsGroup: 65532,
          runAsUser: 65532,
          runAsGroup: 65532,
          runAsNonRoot: true,
          seccompProfile: { type: "RuntimeDefault" },
        };
      }
      const c = container(objects, ctx.name);
      if (ctx.cr.spec.securityContext === undefined) {
        c.securityContext = {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          runAsUser: 65532,
          runAsGroup: 65532,
        };
      }
      c.volumeMounts.push({ name: "tmp", mountPath: "/tmp" });
      pod.volumes.push({ name: "tmp", emptyDir: {} });
    },
  },
  {
    id: "service-links",
    apply: (objects, ctx) => {
      const pod = podSpec(objects, ctx.name);
      statefulSet(objects, ctx.name).spec.template.spec = { enableServiceLinks: false, ...pod };
    },
  },
  {
    id: "percona-backups",
    apply: (objects, ctx) => {
      const pg = maybe(objects, "PerconaPGCluster", `${ctx.name}-postgres`);
      if (pg && !ctx.cr.spec.percona?.backup?.enabled) pg.spec.backups = { enabled: false };
    },
  },
  {
    id: "percona-await",
    apply: (objects, ctx) => {
      const pg = maybe(objects, "PerconaPGCluster", `${ctx.name}-postgres`);
      if (pg) pg.metadata.annotations = { "pulumi.com/waitFor": "jsonpath={.status.state}=ready" };
    },
  },
  {
    id: "config-hash",
  },
  {
    id: "no-owner-references",
  },
  {
    id: "validation-static",
  },
  {
    id: "validation-cluster",
  },
  {
    id: "secret-contents",
  },
  {
    id: "warnings",
  },
  {
    id: "jwt-secretref-optional",
  },
  {
    id: "updates",
  },
];

const unknown = TRANSFORMS.filter((t) => !DIFFERENCES.some((d) => d.id === t.id));
if (unknown.length > 0)
  throw new Error(`transforms without a difference row: ${unknown.map((t) => t.id)}`);

export const DEVIATIONS: Deviation[] = DIFFERENCES.map((d) => ({
  ...d,
  apply: TRANSFORMS.find((t) => t.id === d.id)?.apply,
}));

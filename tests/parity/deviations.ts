/**
 * The README's "Differences from the operator", as test data (decisions.md, "What parity means"): each row names the
 * rule, the reason and the spec section. Rows that change objects carry `apply`, which turns the operator's objects
 * (tests/parity/operator-model.ts) into ours; the parity tests apply every row and compare with `dittofs render`.
 * Rows without `apply` change validation or lifecycle and are tested where named.
 */
type Obj = Record<string, any>;

export interface ParityContext {
  cr: Obj;
  name: string;
  namespace: string;
  /** The user's Secrets, decoded (name → key → value). */
  secrets: Record<string, Record<string, string>>;
}

export interface Deviation {
  id: string;
  rule: string;
  reason: string;
  section: string;
  apply?: (objects: Obj[], ctx: ParityContext) => void;
}

const find = (objects: Obj[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);
const sts = (objects: Obj[], ctx: ParityContext) => find(objects, "StatefulSet", ctx.name)!;
const podSpec = (objects: Obj[], ctx: ParityContext) => sts(objects, ctx).spec.template.spec;
const server = (objects: Obj[], ctx: ParityContext) => podSpec(objects, ctx).containers[0];
const fromSecret = (name: string, secret: string, key: string) => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});
const envIndex = (env: Obj[], name: string) => env.findIndex((e) => e.name === name);
const insertAfter = (env: Obj[], after: string, vars: Obj[]) =>
  env.splice(envIndex(env, after) + 1, 0, ...vars);
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
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
  const cm = find(objects, "ConfigMap", `${ctx.name}-config`)!;
  cm.data["config.yaml"] = edit(cm.data["config.yaml"]);
};
const postgresConfig = (text: string) =>
  text.replace(
    /database:\n {4}type: \w+\n( {4}sqlite:\n {8}path: .*\n)?/,
    `database:\n    type: postgres\n${POSTGRES_CONFIG.join("\n")}\n`,
  );

export const DEVIATIONS: Deviation[] = [
  {
    id: "nfs-port-default",
    rule: "An omitted `nfsPort` is 12049, not the CRD YAML's 2049.",
    reason:
      "The CRD YAML is stale; the operator's Go markers, controller and webhook all say 12049.",
    section: "§1.1, §9 Q1",
    apply: (objects, ctx) => {
      if (ctx.cr.spec.nfsPort !== undefined) return;
      for (const o of objects.filter((x) => x.kind === "Service")) {
        for (const p of o.spec.ports.filter((x: Obj) => x.name === "nfs"))
          p.port = p.targetPort = 12049;
      }
      server(objects, ctx).ports.find((p: Obj) => p.name === "nfs").containerPort = 12049;
    },
  },
  {
    id: "smb-port-default",
    rule: "An omitted `smb.port` is 12445, not the CRD YAML's 445.",
    reason:
      "The CRD YAML is stale; the operator's Go markers, controller and webhook all say 12445.",
    section: "§1.1, §9 Q1",
    apply: (objects, ctx) => {
      if (!ctx.cr.spec.smb?.enabled || ctx.cr.spec.smb.port !== undefined) return;
      const p = find(objects, "Service", `${ctx.name}-file`)!.spec.ports.find(
        (x: Obj) => x.name === "smb",
      );
      p.port = p.targetPort = 12445;
    },
  },
  {
    id: "service-type-default",
    rule: "Without a `service:` block the file and API Services are `ClusterIP`, not `LoadBalancer`.",
    reason:
      "The CRD default (ClusterIP) applies only inside a given block; the controller's LoadBalancer fallback exposes the server by surprise.",
    section: "§1.1, §9 Q2",
    apply: (objects, ctx) => {
      if (ctx.cr.spec.service !== undefined) return;
      for (const n of ["file", "api"])
        find(objects, "Service", `${ctx.name}-${n}`)!.spec.type = "ClusterIP";
    },
  },
  {
    id: "adapter-ports",
    rule: "Container ports `nfs` and `smb` are the server's adapter ports 12049 and 1445; the Services target them by name, so `nfsPort` and `smb.port` are Service ports only.",
    reason:
      "The server's adapters listen on 12049 and 1445 whatever the spec says; the operator's ports reached nothing.",
    section: "§10.2.1, §10.2.8",
    apply: (objects, ctx) => {
      for (const p of server(objects, ctx).ports) {
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
    rule: "The container sets no `command` (the image's entrypoint runs); `args` are unchanged.",
    reason:
      "The binary moved from /app/dittofs to /app/dfs in later images; the entrypoint works for both.",
    section: "§10.2.9",
    apply: (objects, ctx) => {
      delete server(objects, ctx).command;
    },
  },
  {
    id: "listen-host",
    rule: "The config sets `controlplane.host: 0.0.0.0`, and `metrics.host: 0.0.0.0` when metrics are on.",
    reason:
      "Newer servers bind 127.0.0.1 by default, unreachable through a Service; the Feb server ignores the key.",
    section: "§10.2.9",
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
    rule: "The JWT secret is passed as `DITTOFS_CONTROLPLANE_SECRET`; the Feb name `DITTOFS_CONTROLPLANE_JWT_SECRET` is not emitted.",
    reason:
      "The server reads only DITTOFS_CONTROLPLANE_SECRET and exits without it (fixed upstream three days later).",
    section: "§10.2.2, §9 Q3",
    apply: (objects, ctx) => {
      server(objects, ctx).env.find((e: Obj) => e.name === "DITTOFS_CONTROLPLANE_JWT_SECRET").name =
        "DITTOFS_CONTROLPLANE_SECRET";
    },
  },
  {
    id: "admin-initial-password",
    rule: "The admin's initial password comes from `identity.admin.initialPasswordSecretRef`, else a generated 24-character password in the owned Secret `<name>-admin-bootstrap-credentials` (`username`, `password`); env `DITTOFS_ADMIN_INITIAL_PASSWORD`, after `DITTOFS_ADMIN_PASSWORD_HASH` (kept for parity).",
    reason:
      "The server ignores the bcrypt hash and reads a plaintext initial password; without one every admin call answers 403.",
    section: "§10.2.3, §9 Q4",
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
      const env = server(objects, ctx).env;
      const after =
        envIndex(env, "DITTOFS_ADMIN_PASSWORD_HASH") >= 0
          ? "DITTOFS_ADMIN_PASSWORD_HASH"
          : "DITTOFS_CONTROLPLANE_SECRET";
      insertAfter(env, after, [fromSecret("DITTOFS_ADMIN_INITIAL_PASSWORD", secret, key)]);
    },
  },
  {
    id: "postgres-connection",
    rule: "A `database.postgresSecretRef` value (URL or key=value) is split into the owned Secret `<name>-postgres-connection` (host, port, database, user, password, sslmode); the config gets a `database.postgres` block of placeholders and the env `DITTOFS_DATABASE_POSTGRES_*` from that Secret, after the Feb `DITTOFS_DATABASE_POSTGRES`.",
    reason:
      "The server has no DSN form: it reads database.postgres.* and exits 'postgres host is required' otherwise.",
    section: "§10.2.4, §9 Q5",
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
        data: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, b64(v)])),
      });
      setConfig(objects, ctx, postgresConfig);
      const env = server(objects, ctx).env;
      if (envIndex(env, "DITTOFS_DATABASE_POSTGRES") < 0) {
        // With Percona enabled the operator drops it; the user's connection wins here (row percona-with-postgres-ref).
        insertAfter(
          env,
          env.some((e: Obj) => e.name === "DITTOFS_ADMIN_INITIAL_PASSWORD")
            ? "DITTOFS_ADMIN_INITIAL_PASSWORD"
            : "DITTOFS_CONTROLPLANE_SECRET",
          [fromSecret("DITTOFS_DATABASE_POSTGRES", ref.name, ref.key)],
        );
      }
      insertAfter(
        env,
        "DITTOFS_DATABASE_POSTGRES",
        POSTGRES_ENV.map((k) =>
          fromSecret(`DITTOFS_DATABASE_POSTGRES_${k}`, secret, k.toLowerCase()),
        ),
      );
    },
  },
  {
    id: "percona-with-postgres-ref",
    rule: "With both `percona.enabled` and `database.postgresSecretRef`, the referenced PostgreSQL is used (with a warning) and `DITTOFS_DATABASE_POSTGRES` is still emitted; the PerconaPGCluster is still created.",
    reason: "An explicit connection is the user's intent; the operator silently dropped it.",
    section: "decisions.md (Validation and defaults), §1.4 W17",
  },
  {
    id: "percona-database",
    rule: "With `percona.enabled` (and no `database.postgresSecretRef`) the config says `type: postgres` and the env `DITTOFS_DATABASE_POSTGRES_*` comes from Percona's `<name>-postgres-pguser-dittofs` (host, port, dbname, user, password; sslmode `require`), after `DATABASE_URL` (kept for parity).",
    reason:
      "The server does not read DATABASE_URL and the Feb config kept SQLite, so the Percona database was unused.",
    section: "§10.2.5, §9 Q6",
    apply: (objects, ctx) => {
      if (!ctx.cr.spec.percona?.enabled || ctx.cr.spec.database?.postgresSecretRef) return;
      setConfig(objects, ctx, postgresConfig);
      const secret = `${ctx.name}-postgres-pguser-dittofs`;
      const keys: Record<string, string> = { DATABASE: "dbname" };
      insertAfter(
        server(objects, ctx).env,
        "DATABASE_URL",
        POSTGRES_ENV.map((k) =>
          k === "SSLMODE"
            ? { name: "DITTOFS_DATABASE_POSTGRES_SSLMODE", value: "require" }
            : fromSecret(`DITTOFS_DATABASE_POSTGRES_${k}`, secret, keys[k] ?? k.toLowerCase()),
        ),
      );
    },
  },
  {
    id: "controlplane-volume",
    rule: "A fourth claim template `controlplane` (`storage.controlPlaneSize`, default 1Gi, same class) is mounted at `/data/controlplane`.",
    reason:
      "The SQLite control-plane database lived on the container filesystem: users, shares and adapters vanished at every restart.",
    section: "§10.2.6, §9 Q11",
    apply: (objects, ctx) => {
      const set = sts(objects, ctx);
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
      server(objects, ctx).volumeMounts.push({
        name: "controlplane",
        mountPath: "/data/controlplane",
      });
    },
  },
  {
    id: "hardening",
    rule: "Hardened by default: pod `{fsGroup, runAsUser, runAsGroup: 65532, runAsNonRoot, seccompProfile RuntimeDefault}`, container `{allowPrivilegeEscalation: false, drop ALL capabilities, readOnlyRootFilesystem, runAsNonRoot, runAsUser/runAsGroup 65532}`, with an `emptyDir` at `/tmp`. A given `podSecurityContext`/`securityContext` replaces its default whole.",
    reason:
      "The mission asks for a hardened pod; a read-only root needs writable /tmp and /data/controlplane.",
    section: "§10.2.7, §9 Q20",
    apply: (objects, ctx) => {
      const pod = podSpec(objects, ctx);
      if (ctx.cr.spec.podSecurityContext === undefined) {
        pod.securityContext = {
          fsGroup: 65532,
          runAsUser: 65532,
          runAsGroup: 65532,
          runAsNonRoot: true,
          seccompProfile: { type: "RuntimeDefault" },
        };
      }
      const c = server(objects, ctx);
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
    rule: "`enableServiceLinks: false` on the pod.",
    reason:
      "A Service named `dittofs-metrics` injects DITTOFS_METRICS_PORT=tcp://..., which the server reads as metrics.port and exits.",
    section: "§10.1, §10.2.7",
    apply: (objects, ctx) => {
      const pod = podSpec(objects, ctx);
      sts(objects, ctx).spec.template.spec = { enableServiceLinks: false, ...pod };
    },
  },
  {
    id: "percona-backups",
    rule: "Without backups the PerconaPGCluster says `backups: {enabled: false}`.",
    reason: "Percona's v2.8 CRD rejects the operator's `backups: {pgbackrest: {repos: null}}`.",
    section: "§5.1, §9 Q7",
    apply: (objects, ctx) => {
      const pg = find(objects, "PerconaPGCluster", `${ctx.name}-postgres`);
      if (pg && !ctx.cr.spec.percona?.backup?.enabled) pg.spec.backups = { enabled: false };
    },
  },
  {
    id: "percona-await",
    rule: "The PerconaPGCluster carries `pulumi.com/waitFor: jsonpath={.status.state}=ready` and the StatefulSet depends on it; it is kept on destroy unless `percona.deleteWithServer` (`retainOnDelete`).",
    reason:
      "Pulumi's equivalent of the operator's readiness gate and orphaning, without its 60 s window.",
    section: "§5.2, §5.5, §9 Q10",
    apply: (objects, ctx) => {
      const pg = find(objects, "PerconaPGCluster", `${ctx.name}-postgres`);
      if (pg) pg.metadata.annotations = { "pulumi.com/waitFor": "jsonpath={.status.state}=ready" };
    },
  },
  {
    id: "config-hash",
    rule: "`dittofs.io/config-hash` is an HMAC-SHA256 (key: a random value kept in state) over the config and every Secret the pod reads, owned ones included; no `gen:<generation>`; the config is length-prefixed.",
    reason:
      "A plain digest shown in previews would let anyone test guesses of a secret; generation does not exist in Pulumi, and only real changes should roll the pod.",
    section: "§4, §9 Q12, decisions.md (Secrets)",
  },
  {
    id: "no-owner-references",
    rule: "Children carry no ownerReferences and no finalizer is used; Pulumi deletes them (PVCs are retained by the StatefulSet's policy).",
    reason:
      "Pulumi, not a controller, owns the lifecycle; status phase and conditions become typed outputs.",
    section: "§2.1, §7, decisions.md (What parity means)",
  },
  {
    id: "validation-static",
    rule: "All webhook errors are raised before anything is registered, with the field path, plus: `nfsPort` = `controlPlane.port` (Q13), two pod listeners on one port (API, metrics, 12049, 1445), `cache.path` outside /data/cache, `database.sqlite.path` outside /data/controlplane, names that are not DNS-1123 labels of at most 52 characters, unknown fields, and `percona.backup.bucket`/`endpoint` when backup is enabled.",
    reason:
      "Errors before anything reaches a cluster; each of these specs deploys a pod that cannot serve.",
    section: "§1.3, §1.4, §9 Q13, §10.2.1, §10.2.7",
  },
  {
    id: "validation-cluster",
    rule: "Cluster-aware webhook checks (StorageClass exists, Percona CRD installed, S3 Secret present) are not done at deploy time; a referenced Secret or key that is missing is an error when it is read (in preview, or by `dittofs render` against its -f files).",
    reason: "A component has no admission webhook; reading the Secrets already proves they exist.",
    section: "§1.4 W10-W18, W22, decisions.md",
  },
  {
    id: "secret-contents",
    rule: "A JWT secret shorter than 32 characters, an initial password outside 8-72 characters, or a PostgreSQL connection that does not parse is an error naming the Secret and key.",
    reason: "The server exits on each of them at start.",
    section: "§10.2.2-10.2.4",
  },
  {
    id: "warnings",
    rule: "Privileged-port warnings (W9) are dropped; PostgreSQL over SQLite and the inert `passwordSecretRef` each warn once.",
    reason: "Service ports may be privileged now (the pod listens on fixed unprivileged ports).",
    section: "decisions.md (Validation and defaults), §9 Q14",
  },
  {
    id: "jwt-secretref-optional",
    rule: "`identity.jwt.secretRef` is optional: durations and issuer may be set while the JWT secret is generated.",
    reason: "The CRD required `secretRef: {key: <anything>}` with an empty name for that.",
    section: "§9 Q19",
  },
  {
    id: "updates",
    rule: "Every spec change flows to the objects, the PerconaPGCluster included, and removed Service annotations are removed; claim-template changes replace the StatefulSet (volumes kept).",
    reason:
      "Pulumi manages the full object; the operator created Percona once and merged annotations.",
    section: "§2.4, §2.5.2, §9 Q9, Q16, Q21",
  },
];

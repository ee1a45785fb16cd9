/**
 * Acceptance facts 19-30 of operator-behavior.md §8: the controller test "all resources" (`hello`: storage
 * 10Gi/100Gi/5Gi, limits cpu 2 / memory 4Gi, requests 500m / 1Gi), namespace `default`, no identity.
 *
 * §10 and decisions.md override: nfs/smb targetPort (by name), the JWT env name, the config (`controlplane.host`),
 * claim templates and mounts (controlplane, /tmp), security contexts, no container command.
 * Mapped, not literal: the finalizer and requeue (fact 19) become "everything in one pass, PVCs retained"; status
 * phase and conditions (fact 29) become typed outputs, and the component exposes no phase or conditions.
 */
import { expect } from "chai";
import { valueOf } from "../helpers/mocks";
import { render } from "../helpers/render";
import {
  decodedData,
  DEFAULT_CONFIG,
  deployScenario,
  FEB_DEFAULT_CONFIG,
  HELLO_ARGS,
  renderScenario,
} from "./support";
import {
  container,
  find,
  maybe,
  objectIds,
  secretRef,
  statefulSet,
  type Obj,
} from "../helpers/objects";
import { fromB64 } from "../helpers/base64";

const SELECTOR = { app: "dittofs-server", instance: "hello" };

describe("acceptance facts 19-30: the `hello` scenario (controller tests)", () => {
  const r = renderScenario("hello");

  it("fact 19: (finalizer/requeue mapped) one pass creates every object, in the operator's order, PVCs retained", async () => {
    expect(objectIds(r)).to.deep.equal([
      "Secret/hello-jwt-secret",
      "Secret/hello-admin-bootstrap-credentials",
      "ConfigMap/hello-config",
      "Service/hello-headless",
      "Service/hello-file",
      "Service/hello-api",
      "StatefulSet/hello",
    ]);
    for (const o of r.objects as Obj[])
      expect(o.metadata, `${o.kind}/${o.metadata.name}`).to.not.have.property("finalizers");
    expect(statefulSet(r, "hello").spec.persistentVolumeClaimRetentionPolicy).to.deep.equal({
      whenDeleted: "Retain",
      whenScaled: "Retain",
    });
    // The component registers the same objects in a single `pulumi up`.
    const d = await deployScenario("hello");
    const created = d.children.filter((c) => !c.read && c.type.startsWith("kubernetes:"));
    expect(created.map((c) => `${c.type} ${c.inputs.metadata.name}`)).to.have.members([
      "kubernetes:core/v1:Secret hello-jwt-secret",
      "kubernetes:core/v1:Secret hello-admin-bootstrap-credentials",
      "kubernetes:core/v1:ConfigMap hello-config",
      "kubernetes:core/v1:Service hello-headless",
      "kubernetes:core/v1:Service hello-file",
      "kubernetes:core/v1:Service hello-api",
      "kubernetes:apps/v1:StatefulSet hello",
    ]);
  });

  it("fact 20: ConfigMap hello-config has one key config.yaml: the 418-byte default plus `    host: 0.0.0.0` under controlplane", () => {
    expect(Buffer.byteLength(FEB_DEFAULT_CONFIG, "utf8")).to.equal(418);
    const expected = FEB_DEFAULT_CONFIG.replace(
      "controlplane:\n    port: 8080\n",
      "controlplane:\n    host: 0.0.0.0\n    port: 8080\n",
    );
    expect(Buffer.byteLength(expected, "utf8")).to.equal(418 + "    host: 0.0.0.0\n".length);
    const cm = find(r, "ConfigMap", "hello-config");
    expect(Object.keys(cm.data)).to.deep.equal(["config.yaml"]);
    expect(cm.data["config.yaml"]).to.equal(expected);
    expect(cm.data["config.yaml"]).to.equal(DEFAULT_CONFIG);
  });

  it("fact 21: headless Service hello-headless has clusterIP None and one port nfs 12049 -> nfs", () => {
    const svc = find(r, "Service", "hello-headless");
    expect(svc.spec.clusterIP).to.equal("None");
    expect(svc.spec.type).to.equal("ClusterIP");
    expect(svc.spec.ports).to.deep.equal([
      { name: "nfs", port: 12049, targetPort: "nfs", protocol: "TCP" },
    ]);
    expect(svc.spec.selector).to.deep.equal(SELECTOR);
  });

  it("fact 22: Service hello-file has port nfs 12049 -> nfs and no smb port", () => {
    const svc = find(r, "Service", "hello-file");
    expect(svc.spec.ports).to.deep.equal([
      { name: "nfs", port: 12049, targetPort: "nfs", protocol: "TCP" },
    ]);
    expect(svc.spec.ports.map((p: Obj) => p.name)).to.not.include("smb");
    expect(svc.spec.selector).to.deep.equal(SELECTOR);
  });

  it("fact 23: Service hello-api has port api 8080 -> 8080 TCP", () => {
    expect(find(r, "Service", "hello-api").spec.ports).to.deep.equal([
      { name: "api", port: 8080, targetPort: 8080, protocol: "TCP" },
    ]);
  });

  it("fact 24: no hello-metrics Service without metrics", async () => {
    expect(maybe(r, "Service", "hello-metrics")).to.equal(undefined);
    const d = await deployScenario("hello");
    expect(await valueOf(d.server.metricsServiceName)).to.equal("");
    expect(d.children.filter((c) => c.inputs.metadata?.name === "hello-metrics")).to.deep.equal([]);
  });

  it("fact 25: StatefulSet hello has replicas 1 when spec.replicas is unset", () => {
    expect(statefulSet(r, "hello").spec.replicas).to.equal(1);
  });

  it("fact 26: claim templates metadata 10Gi, content 100Gi, cache 5Gi, controlplane 1Gi (RWO, no class); mounts add /data/controlplane and /tmp", () => {
    const templates = statefulSet(r, "hello").spec.volumeClaimTemplates as Obj[];
    expect(
      templates.map((t) => [t.metadata.name, t.spec.resources.requests.storage]),
    ).to.deep.equal([
      ["metadata", "10Gi"],
      ["content", "100Gi"],
      ["cache", "5Gi"],
      ["controlplane", "1Gi"],
    ]);
    for (const t of templates) {
      expect(t.spec.accessModes).to.deep.equal(["ReadWriteOnce"]);
      expect(t.spec).to.not.have.property("storageClassName");
    }
    expect(container(r, "hello").volumeMounts).to.deep.equal([
      { name: "metadata", mountPath: "/data/metadata" },
      { name: "cache", mountPath: "/data/cache" },
      { name: "config", mountPath: "/config" },
      { name: "content", mountPath: "/data/content" },
      { name: "controlplane", mountPath: "/data/controlplane" },
      { name: "tmp", mountPath: "/tmp" },
    ]);
    expect(statefulSet(r, "hello").spec.template.spec.volumes).to.deep.equal([
      { name: "config", configMap: { name: "hello-config" } },
      { name: "tmp", emptyDir: {} },
    ]);
  });

  it("fact 27: the pod template has exactly one container, named dittofs, and no init containers", () => {
    const pod = statefulSet(r, "hello").spec.template.spec;
    expect(pod.containers.map((c: Obj) => c.name)).to.deep.equal(["dittofs"]);
    expect(pod).to.not.have.property("initContainers");
  });

  it("fact 28: container resources equal the spec: limits cpu 2 / memory 4Gi, requests 500m / 1Gi", () => {
    expect(container(r, "hello").resources).to.deep.equal({
      limits: { cpu: "2", memory: "4Gi" },
      requests: { cpu: "500m", memory: "1Gi" },
    });
    expect(container(r, "hello").resources).to.deep.equal(HELLO_ARGS.resources);
  });

  it("fact 29: (status mapped to outputs) nfsEndpoint is hello-file.default.svc.cluster.local:12049; no phase or conditions", async () => {
    const d = await deployScenario("hello");
    expect(await valueOf(d.server.nfsEndpoint)).to.equal(
      "hello-file.default.svc.cluster.local:12049",
    );
    expect(await valueOf(d.server.apiEndpoint)).to.equal(
      "hello-api.default.svc.cluster.local:8080",
    );
    // decisions.md: typed outputs, no fake conditions.
    expect(d.server).to.not.have.property("phase");
    expect(d.server).to.not.have.property("conditions");
  });

  it("fact 30: Secret hello-jwt-secret has one key jwt-secret of 32 alphanumerics; env[0] is DITTOFS_CONTROLPLANE_SECRET from it", async () => {
    const generated = render("hello", HELLO_ARGS, {}, {});
    const secret = find(generated, "Secret", "hello-jwt-secret");
    // §2.2: type not set explicitly (the API server defaults it to Opaque); Opaque if given.
    expect([undefined, "Opaque"]).to.include(secret.type);
    expect(Object.keys(secret.data)).to.deep.equal(["jwt-secret"]);
    expect(fromB64(secret.data["jwt-secret"])).to.match(/^[A-Za-z0-9]{32}$/);
    const env = container(generated, "hello").env as Obj[];
    expect(env[0]).to.deep.equal(
      secretRef("DITTOFS_CONTROLPLANE_SECRET", "hello-jwt-secret", "jwt-secret"),
    );
    expect(env.map((e) => e.name)).to.deep.equal([
      "DITTOFS_CONTROLPLANE_SECRET",
      "DITTOFS_ADMIN_INITIAL_PASSWORD",
    ]);
    expect(env.map((e) => e.name)).to.not.include("DITTOFS_CONTROLPLANE_JWT_SECRET");

    // The component: a 32-character alphanumeric RandomPassword stored in the Secret it owns.
    const d = await deployScenario("hello");
    const random = d.one("random:index/randomPassword:RandomPassword", "jwt");
    expect(random.inputs).to.deep.include({ length: 32, special: false });
    const owned = d.one("kubernetes:core/v1:Secret", "jwt-secret");
    expect(owned.inputs.metadata).to.deep.equal({ name: "hello-jwt-secret", namespace: "default" });
    const data = decodedData(owned.inputs.data);
    expect(Object.keys(data)).to.deep.equal(["jwt-secret"]);
    expect(data["jwt-secret"]).to.match(/^[A-Za-z0-9]{32}$/);
    expect(await valueOf(d.server.generatedSecretNames)).to.include("hello-jwt-secret");
  });
});

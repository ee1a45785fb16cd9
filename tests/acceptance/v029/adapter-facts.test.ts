/**
 * Acceptance facts 37-39 of the v0.29 delta: the adapter Services, NetworkPolicies and container ports. The operator
 * discovers NFS 12049 and SMB 1445 on a fresh server; the v0.29 model declares them (`spec.adapters`, default those
 * two) and renders the operator's steady state from the first rollout (differences: declared-adapters).
 */
import { expect } from "chai";
import { DEFAULT_SPEC, selector } from "./support";
import { container, find, maybe, objectIds, type Obj } from "../../helpers/objects";
import { deployV029 } from "../../helpers/component";
import { renderV029 as render } from "../../helpers/render";

const HELLO = selector("hello");
const tcp = (name: string, port: number, targetPort = port) => ({
  name,
  port,
  targetPort,
  protocol: "TCP",
});
const udp = (name: string, port: number, targetPort = port) => ({
  name,
  port,
  targetPort,
  protocol: "UDP",
});

const NFS_PORTS = [
  tcp("adapter-nfs", 12049),
  tcp("portmap", 111, 10111),
  udp("portmap-udp", 111, 10111),
  udp("adapter-nfs-udp", 12049),
  udp("mdns", 5353),
];
const SMB_PORTS = [
  tcp("adapter-smb", 1445),
  udp("mdns", 5353),
  udp("wsd", 3702),
  tcp("wsd-meta", 5357),
];
/** §2.5.3's steady state after `api` (and `metrics`): the adapter ports sorted by name. */
const ADAPTER_CONTAINER_PORTS = [
  { name: "adapter-mdns", containerPort: 5353, protocol: "UDP" },
  { name: "adapter-nfs", containerPort: 12049, protocol: "TCP" },
  { name: "adapter-nfs-pm", containerPort: 10111, protocol: "TCP" },
  { name: "adapter-pm-udp", containerPort: 10111, protocol: "UDP" },
  { name: "adapter-smb", containerPort: 1445, protocol: "TCP" },
  { name: "adapter-wsd", containerPort: 3702, protocol: "UDP" },
  { name: "adapter-wsdmeta", containerPort: 5357, protocol: "TCP" },
];

describe("v0.29 acceptance facts 37-39: adapters (declared)", () => {
  const r = render("hello", DEFAULT_SPEC);

  it("fact 37: hello-adapter-nfs (LoadBalancer, 5 ports in order) and hello-adapter-smb (4 ports), both with the adapter role labels and the pod selector", async () => {
    const nfs = find(r, "Service", "hello-adapter-nfs");
    expect(nfs.spec.type).to.equal("LoadBalancer");
    expect(nfs.spec.ports).to.deep.equal(NFS_PORTS);
    expect(nfs.spec.selector).to.deep.equal(HELLO);
    expect(nfs.metadata.labels).to.deep.equal({
      ...HELLO,
      "dittofs.io/adapter-service": "true",
      "dittofs.io/adapter-type": "nfs",
    });
    const smb = find(r, "Service", "hello-adapter-smb");
    expect(smb.spec.type).to.equal("LoadBalancer");
    expect(smb.spec.ports).to.deep.equal(SMB_PORTS);
    expect(smb.spec.selector).to.deep.equal(HELLO);
    expect(smb.metadata.labels).to.deep.equal({
      ...HELLO,
      "dittofs.io/adapter-service": "true",
      "dittofs.io/adapter-type": "smb",
    });
    // Annotations exactly adapterServices.annotations: none here.
    expect(nfs.metadata).to.not.have.property("annotations");
    // The declaration is the default: writing it out changes nothing.
    const declared = render("hello", {
      ...DEFAULT_SPEC,
      adapters: [
        { type: "nfs", port: 12049 },
        { type: "smb", port: 1445 },
      ],
    });
    expect(declared.objects).to.deep.equal(r.objects);
    // The component registers the same two Services.
    const d = await deployV029("v029-fact37", DEFAULT_SPEC);
    expect(d.one("kubernetes:core/v1:Service", "adapter-nfs").inputs.spec.ports).to.deep.equal(
      NFS_PORTS,
    );
    expect(d.one("kubernetes:core/v1:Service", "adapter-smb").inputs.spec.ports).to.deep.equal(
      SMB_PORTS,
    );
  });

  it("fact 38: NetworkPolicies hello-adapter-nfs [TCP 12049, TCP 10111, UDP 10111, UDP 12049] and hello-adapter-smb [TCP 1445]; container ports api, then the adapter ports sorted by name", () => {
    const policy = (type: string) => find(r, "NetworkPolicy", `hello-adapter-${type}`);
    expect(policy("nfs").metadata.labels).to.deep.equal({
      ...HELLO,
      "dittofs.io/adapter-networkpolicy": "true",
      "dittofs.io/adapter-type": "nfs",
    });
    expect(policy("nfs").spec).to.deep.equal({
      podSelector: { matchLabels: HELLO },
      policyTypes: ["Ingress"],
      ingress: [
        {
          ports: [
            { protocol: "TCP", port: 12049 },
            { protocol: "TCP", port: 10111 },
            { protocol: "UDP", port: 10111 },
            { protocol: "UDP", port: 12049 },
          ],
        },
      ],
    });
    expect(policy("smb").spec.ingress).to.deep.equal([
      { ports: [{ protocol: "TCP", port: 1445 }] },
    ]);
    expect(policy("smb").metadata.labels["dittofs.io/adapter-type"]).to.equal("smb");
    expect(container(r, "hello").ports).to.deep.equal([
      { name: "api", containerPort: 8080, protocol: "TCP" },
      ...ADAPTER_CONTAINER_PORTS,
    ]);
    // With metrics: api, metrics, then the adapter ports (the steady state, not the first-discovery sort).
    const withMetrics = render("hello", { ...DEFAULT_SPEC, metrics: { enabled: true } });
    expect(container(withMetrics, "hello").ports).to.deep.equal([
      { name: "api", containerPort: 8080, protocol: "TCP" },
      { name: "metrics", containerPort: 9090, protocol: "TCP" },
      ...ADAPTER_CONTAINER_PORTS,
    ]);
  });

  it("fact 39: adapterServices {type: NodePort, annotations {a: b}}: every adapter Service NodePort with a: b; the API Service keeps service.type", () => {
    const args = {
      ...DEFAULT_SPEC,
      adapterServices: { type: "NodePort", annotations: { a: "b" } },
    };
    const np = render("hello", args);
    for (const type of ["nfs", "smb"]) {
      const svc = find(np, "Service", `hello-adapter-${type}`);
      expect(svc.spec.type, type).to.equal("NodePort");
      expect(svc.metadata.annotations, type).to.deep.equal({ a: "b" });
    }
    expect(find(np, "Service", "hello-api").spec.type).to.equal("ClusterIP");
    expect(find(np, "Service", "hello-api").metadata).to.not.have.property("annotations");
    const lb = render("hello", {
      ...args,
      service: { type: "LoadBalancer", annotations: { c: "d" } },
    });
    expect(find(lb, "Service", "hello-api").spec.type).to.equal("LoadBalancer");
    expect(find(lb, "Service", "hello-api").metadata.annotations).to.deep.equal({ c: "d" });
    for (const type of ["nfs", "smb"])
      expect(find(lb, "Service", `hello-adapter-${type}`).metadata.annotations).to.deep.equal({
        a: "b",
      });
    // Only Services are typed by it: the policies and the headless Service are untouched.
    expect(find(np, "NetworkPolicy", "hello-adapter-nfs")).to.deep.equal(
      find(render("hello", DEFAULT_SPEC), "NetworkPolicy", "hello-adapter-nfs"),
    );
    expect(find(np, "Service", "hello-headless").spec.type).to.equal("ClusterIP");
  });

  it("fact 37-39: (declared adapters) removing an adapter from spec.adapters removes its Service, NetworkPolicy and container ports", () => {
    const nfsOnly = render("hello", { ...DEFAULT_SPEC, adapters: [{ type: "nfs", port: 12049 }] });
    expect(maybe(nfsOnly, "Service", "hello-adapter-smb")).to.equal(undefined);
    expect(maybe(nfsOnly, "NetworkPolicy", "hello-adapter-smb")).to.equal(undefined);
    expect(objectIds(nfsOnly).filter((id) => id.includes("-adapter-"))).to.deep.equal([
      "Service/hello-adapter-nfs",
      "NetworkPolicy/hello-adapter-nfs",
    ]);
    expect((container(nfsOnly, "hello").ports as Obj[]).map((p) => p.name)).to.deep.equal([
      "api",
      "adapter-mdns",
      "adapter-nfs",
      "adapter-nfs-pm",
      "adapter-pm-udp",
    ]);
  });
});

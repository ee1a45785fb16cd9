/**
 * The v0.29 model's declared adapters: the operator's sanitising of a type, port names cut to 15 characters, and the
 * Service, container and NetworkPolicy ports each adapter opens (including types other than nfs and smb).
 */
import { expect } from "chai";
import { createHash } from "crypto";
import {
  adapterPortName,
  containerPorts,
  declaredAdapters,
  policyPorts,
  sanitiseType,
  servicePorts,
} from "../../../src/models/v029/adapters";
import { container, find } from "../../helpers/objects";
import { renderV029 as render } from "../../helpers/render";

/** The first 4 hex characters of SHA-256(text), computed here independently. */
const hash4 = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 4);
/** An IANA service name, as the API server requires of a container port's name. */
const IANA_SVC_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

describe("v0.29 model: adapters", () => {
  describe("sanitiseType", () => {
    const cases: Array<[string, string]> = [
      ["nfs", "nfs"],
      ["NFS", "nfs"],
      ["Smb", "smb"],
      ["my_adapter", "my-adapter"],
      ["my adapter!", "my-adapter"],
      ["a__b..c", "a-b-c"],
      ["--x--", "x"],
      ["-_x_-", "x"],
      ["9p", "9p"],
      ["nfs-v4", "nfs-v4"],
      ["", "unknown"],
      ["___", "unknown"],
      ["ü", "unknown"],
      ["\u212Ag", "kg"], // KELVIN SIGN lower-cases to k, as Go's unicode.ToLower does
      ["\u0130nfs", "infs"], // capital I with dot: Go gives i; JavaScript's toLowerCase alone "i\u0307"
    ];
    for (const [input, expected] of cases)
      it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () =>
        expect(sanitiseType(input)).to.equal(expected));

    it("declaredAdapters sanitises each type and keeps the ports and the order", () => {
      const spec = {
        adapters: [
          { type: "SMB", port: 1445 },
          { type: "NFS", port: 2049 },
        ],
      };
      expect(declaredAdapters(spec as never)).to.deep.equal([
        { type: "smb", port: 1445 },
        { type: "nfs", port: 2049 },
      ]);
    });
  });

  describe("adapterPortName", () => {
    it("adapter-<type> while it fits the 15 characters of a port name", () => {
      expect(adapterPortName("nfs")).to.equal("adapter-nfs");
      expect(adapterPortName("abcdefg")).to.equal("adapter-abcdefg"); // exactly 15
    });

    it("longer: adapter-, the type's first 2 characters, -, the first 4 hex characters of SHA-256(type)", () => {
      expect(adapterPortName("abcdefgh")).to.equal(`adapter-ab-${hash4("abcdefgh")}`);
      expect(adapterPortName("custom-adapter-a")).to.equal(
        `adapter-cu-${hash4("custom-adapter-a")}`,
      );
      expect(adapterPortName("custom-adapter-a")).to.have.length(15);
    });

    it("a '-' as the type's second character is trimmed before the suffix", () => {
      expect(adapterPortName("a-very-long-type")).to.equal(
        `adapter-a-${hash4("a-very-long-type")}`,
      );
    });

    it("every name it makes is an IANA service name of at most 15 characters", () => {
      for (const type of [
        "nfs",
        "abcdefg",
        "abcdefgh",
        "a-very-long-type",
        "x",
        "9-long-digits-1",
      ]) {
        const name = adapterPortName(type);
        expect(name.length, type).to.be.at.most(15);
        expect(name, type).to.match(IANA_SVC_NAME);
      }
    });
  });

  describe("ports", () => {
    it("nfs: Service [adapter-nfs TCP, portmap 111->10111 TCP and UDP, adapter-nfs-udp, mdns]; policy [TCP P, TCP/UDP 10111, UDP P]", () => {
      const nfs = { type: "nfs", port: 2049 };
      expect(servicePorts(nfs)).to.deep.equal([
        { name: "adapter-nfs", port: 2049, targetPort: 2049, protocol: "TCP" },
        { name: "portmap", port: 111, targetPort: 10111, protocol: "TCP" },
        { name: "portmap-udp", port: 111, targetPort: 10111, protocol: "UDP" },
        { name: "adapter-nfs-udp", port: 2049, targetPort: 2049, protocol: "UDP" },
        { name: "mdns", port: 5353, targetPort: 5353, protocol: "UDP" },
      ]);
      expect(policyPorts(nfs)).to.deep.equal([
        { protocol: "TCP", port: 2049 },
        { protocol: "TCP", port: 10111 },
        { protocol: "UDP", port: 10111 },
        { protocol: "UDP", port: 2049 },
      ]);
    });

    it("smb: Service [adapter-smb TCP, mdns, wsd, wsd-meta]; policy [TCP P] only (mDNS and WS-Discovery stay closed)", () => {
      const smb = { type: "smb", port: 445 };
      expect(servicePorts(smb)).to.deep.equal([
        { name: "adapter-smb", port: 445, targetPort: 445, protocol: "TCP" },
        { name: "mdns", port: 5353, targetPort: 5353, protocol: "UDP" },
        { name: "wsd", port: 3702, targetPort: 3702, protocol: "UDP" },
        { name: "wsd-meta", port: 5357, targetPort: 5357, protocol: "TCP" },
      ]);
      expect(policyPorts(smb)).to.deep.equal([{ protocol: "TCP", port: 445 }]);
    });

    it("any other type: Service [adapter-<type> TCP (cut name), mdns]; policy [TCP P]", () => {
      const other = { type: "custom-adapter-a", port: 7000 };
      const name = `adapter-cu-${hash4("custom-adapter-a")}`;
      expect(servicePorts(other)).to.deep.equal([
        { name, port: 7000, targetPort: 7000, protocol: "TCP" },
        { name: "mdns", port: 5353, targetPort: 5353, protocol: "UDP" },
      ]);
      expect(policyPorts(other)).to.deep.equal([{ protocol: "TCP", port: 7000 }]);
    });

    it("container ports: each adapter's, the NFS portmapper pair, WS-Discovery for SMB, mDNS once, sorted by name", () => {
      expect(
        containerPorts([
          { type: "smb", port: 1445 },
          { type: "nfs", port: 12049 },
          { type: "ftp", port: 2121 },
        ]),
      ).to.deep.equal([
        { name: "adapter-ftp", containerPort: 2121, protocol: "TCP" },
        { name: "adapter-mdns", containerPort: 5353, protocol: "UDP" },
        { name: "adapter-nfs", containerPort: 12049, protocol: "TCP" },
        { name: "adapter-nfs-pm", containerPort: 10111, protocol: "TCP" },
        { name: "adapter-pm-udp", containerPort: 10111, protocol: "UDP" },
        { name: "adapter-smb", containerPort: 1445, protocol: "TCP" },
        { name: "adapter-wsd", containerPort: 3702, protocol: "UDP" },
        { name: "adapter-wsdmeta", containerPort: 5357, protocol: "TCP" },
      ]);
      expect(containerPorts([{ type: "ftp", port: 2121 }]).map((p) => p.name)).to.deep.equal([
        "adapter-ftp",
        "adapter-mdns",
      ]);
      expect(containerPorts([])).to.deep.equal([]);
    });
  });

  describe("rendered", () => {
    it("a declared type is sanitised in every name: NFS_v4 -> Service and policy <name>-adapter-nfs-v4, label adapter-type nfs-v4", () => {
      const r = render("hello", {
        storage: { metadataSize: "10Gi" },
        adapters: [{ type: "NFS_v4", port: 2049 }],
      });
      const svc = find(r, "Service", "hello-adapter-nfs-v4");
      expect(svc.metadata.labels["dittofs.io/adapter-type"]).to.equal("nfs-v4");
      expect(svc.spec.ports.map((p: { name: string }) => p.name)).to.deep.equal([
        "adapter-nfs-v4",
        "mdns",
      ]);
      expect(find(r, "NetworkPolicy", "hello-adapter-nfs-v4").spec.ingress).to.deep.equal([
        { ports: [{ protocol: "TCP", port: 2049 }] },
      ]);
      expect(container(r, "hello").ports.map((p: { name: string }) => p.name)).to.deep.equal([
        "api",
        "adapter-mdns",
        "adapter-nfs-v4",
      ]);
    });

    it("a custom NFS port is the Service's, container's and policy's port; the portmapper stays 111->10111", () => {
      const r = render("hello", {
        storage: { metadataSize: "10Gi" },
        adapters: [{ type: "nfs", port: 2049 }],
      });
      expect(find(r, "Service", "hello-adapter-nfs").spec.ports[0]).to.deep.equal({
        name: "adapter-nfs",
        port: 2049,
        targetPort: 2049,
        protocol: "TCP",
      });
      expect(container(r, "hello").ports).to.deep.include({
        name: "adapter-nfs",
        containerPort: 2049,
        protocol: "TCP",
      });
      expect(find(r, "NetworkPolicy", "hello-adapter-nfs").spec.ingress[0].ports[0]).to.deep.equal({
        protocol: "TCP",
        port: 2049,
      });
    });
  });
});

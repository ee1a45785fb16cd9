/** The Feb Services: type and annotations, the metrics port. */
import { expect } from "chai";
import { find, container, config, type Obj } from "../../helpers/objects";
import { render } from "../../helpers/render";
import { MINIMAL } from "../../helpers/specs";

describe("field groups", () => {
  it("service: type and annotations apply to the file and API Services only", () => {
    const r = render("svc", {
      ...MINIMAL,
      metrics: { enabled: true },
      service: { type: "LoadBalancer", annotations: { "example.com/lb": "internal" } },
    });
    for (const name of ["svc-file", "svc-api"]) {
      const s = find(r, "Service", name);
      expect(s.spec.type).to.equal("LoadBalancer");
      expect(s.metadata.annotations).to.deep.equal({ "example.com/lb": "internal" });
    }
    for (const name of ["svc-headless", "svc-metrics"]) {
      const s = find(r, "Service", name);
      expect(s.spec.type).to.equal("ClusterIP");
      expect(s.metadata.annotations).to.equal(undefined);
    }
  });

  it("metrics: the port reaches the config, the container and the metrics Service", () => {
    const r = render("met", { ...MINIMAL, metrics: { enabled: true, port: 9100 } });
    expect(config(r, "met")).to.include(
      "metrics:\n    enabled: true\n    host: 0.0.0.0\n    port: 9100\n",
    );
    expect(container(r, "met").ports.find((p: Obj) => p.name === "metrics").containerPort).to.equal(
      9100,
    );
    expect(find(r, "Service", "met-metrics").spec.ports).to.deep.equal([
      { name: "metrics", port: 9100, targetPort: 9100, protocol: "TCP" },
    ]);
  });
});

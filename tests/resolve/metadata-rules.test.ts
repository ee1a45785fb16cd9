/** Label and annotation rules (src/resolve/metadata-rules.ts): each problem names the key's field path. */
import { expect } from "chai";
import { annotationProblems, labelProblems } from "../../src/resolve/metadata-rules";

describe("metadata rules", () => {
  it("a bad label value is named by its key's path, quoted when the key is no plain name", () => {
    const problems = labelProblems(
      { team: "has space", "example.com/tier": "-x", "app.kubernetes.io/name": "ok" },
      "spec.metrics.serviceMonitor.labels",
    ).map((p) => p.slice(0, p.indexOf(": ")));
    expect(problems).to.deep.equal([
      "spec.metrics.serviceMonitor.labels.team",
      'spec.metrics.serviceMonitor.labels["example.com/tier"]',
    ]);
  });

  it("a bad key is named at the map, with the key quoted", () => {
    expect(annotationProblems({ "bad key!": "x" }, "spec.service.annotations")).to.deep.equal([
      'spec.service.annotations: key "bad key!" must be a qualified name: at most 63 of [A-Za-z0-9_.-], starting and ending alphanumeric',
    ]);
  });
});

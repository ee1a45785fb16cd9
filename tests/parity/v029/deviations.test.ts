import { expect } from "chai";
import { DIFFERENCES } from "../../../src/models/v029/differences";
import { parityCases } from "./cases";
import { NOT_OBJECTS, TRANSFORMS } from "./deviations";
import { operatorSide } from "./parity";
import type { Obj } from "../../helpers/objects";

const transformIds = TRANSFORMS.map((t) => t.id);
const rowIds = DIFFERENCES.map((d) => d.id);

describe("v0.29 parity data: the differences table as transforms", () => {
  it("every row either transforms the operator's objects or is listed as changing none, never both", () => {
    // NOT_OBJECTS says why each of its rows leaves the objects alone.
    expect(
      [...transformIds, ...Object.keys(NOT_OBJECTS)].sort(),
      "a row of src/models/v029/differences.ts needs a transform (TRANSFORMS) or its reason in NOT_OBJECTS, tests/parity/v029/deviations.ts",
    ).to.deep.equal([...rowIds].sort());
    expect(new Set(transformIds).size).to.equal(transformIds.length);
  });

  describe("every transform changes the objects of at least one parity case", () => {
    const cases = parityCases();
    const changedBy = new Map<string, string[]>();
    for (const c of cases) {
      const objects = operatorSide(c.ctx, c.reported);
      for (const t of TRANSFORMS) {
        const before = JSON.stringify(objects);
        t.apply(objects, c.ctx);
        if (JSON.stringify(objects) !== before)
          changedBy.set(t.id, [...(changedBy.get(t.id) ?? []), c.title]);
      }
    }
    for (const id of transformIds) {
      it(id, () => {
        expect(changedBy.get(id) ?? [], `no case shows ${id}`).to.have.length.greaterThan(0);
      });
    }
  });

  it("declared-adapters, for the default declaration and a fresh server, only regroups the operator's own objects", () => {
    const c = parityCases().find((x) => x.title === "dittofs_v1alpha1_dittofs_memory.yaml")!;
    const objects = operatorSide(c.ctx);
    const key = (o: Obj) => `${o.kind}/${o.metadata.name}`;
    const adapterKeys = (list: Obj[]) =>
      list.filter((o) => o.metadata.name.includes("-adapter-")).map(key);
    const ports = (list: Obj[]) =>
      list.find((o) => o.kind === "StatefulSet")!.spec.template.spec.containers[0].ports;
    const before = structuredClone(objects);
    TRANSFORMS.find((t) => t.id === "declared-adapters")!.apply(objects, c.ctx);
    expect(adapterKeys(before)).to.deep.equal([
      "Service/dittofs-sample-adapter-nfs",
      "Service/dittofs-sample-adapter-smb",
      "NetworkPolicy/dittofs-sample-adapter-nfs",
      "NetworkPolicy/dittofs-sample-adapter-smb",
    ]);
    expect(adapterKeys(objects)).to.deep.equal([
      "Service/dittofs-sample-adapter-nfs",
      "NetworkPolicy/dittofs-sample-adapter-nfs",
      "Service/dittofs-sample-adapter-smb",
      "NetworkPolicy/dittofs-sample-adapter-smb",
    ]);
    const byKey = (list: Obj[]) => Object.fromEntries(list.map((o) => [key(o), o]));
    expect(byKey(objects)).to.deep.equal(byKey(before));
    expect(ports(objects)).to.deep.equal(ports(before));
  });
});

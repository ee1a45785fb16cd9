import { expect } from "chai";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { netgroup } from "../../../src/resources/kinds/netgroup";
import { fakeHandlerApi as fakeApi } from "./fake-api";

const BASE = "/api/v1/adapters/nfs/netgroups";
const ip = (value: string) => ({ type: "ip", value });
const cidr = (value: string) => ({ type: "cidr", value });

describe("Netgroup kind", () => {
  it("fills members with [] and accepts IPv4, IPv6, ranges and wildcard host names", () => {
    expect(checkInputs(netgroup, { name: "lab" }).inputs).to.deep.equal({
      name: "lab",
      members: [],
      adopt: false,
    });
    const members = [
      ip("10.0.0.5"),
      ip("fd00::5"),
      cidr("10.0.0.0/24"),
      cidr("fd00::/64"),
      { type: "hostname", value: "*.lab.example.com" },
      { type: "hostname", value: "build_01" },
    ];
    expect(checkInputs(netgroup, { name: "lab.hosts-1", members }).failures).to.deep.equal([]);
  });

  it("replaces on a new name (a different key: no delete first), updates members in place", () => {
    const olds = { name: "lab", members: [ip("10.0.0.5")] };
    expect(diffInputs(netgroup, olds, { ...olds, name: "lab2" })).to.deep.equal({
      changes: { name: "update-replace" },
      replaces: ["name"],
      deleteBeforeReplace: false,
    });
    expect(diffInputs(netgroup, olds, { ...olds, members: [] }).changes).to.deep.equal({
      members: "update",
    });
  });

  it("ids are the name and round-trip; a malformed import id names the expected shape", () => {
    expect(netgroup.keyOf(netgroup.id({ name: "lab.hosts" }))).to.deep.equal({ name: "lab.hosts" });
    expect(() => netgroup.keyOf("lab/hosts")).to.throw(/a Netgroup id is the netgroup's name/);
  });

  it("create makes the netgroup, then adds each member", async () => {
    const api = fakeApi(() => ({}));
    await netgroup.create(api, { name: "lab", members: [ip("10.0.0.5"), cidr("10.1.0.0/16")] });
    expect(api.calls).to.deep.equal([
      { method: "POST", path: BASE, body: { name: "lab" } },
      { method: "POST", path: `${BASE}/lab/members`, body: ip("10.0.0.5") },
      { method: "POST", path: `${BASE}/lab/members`, body: cidr("10.1.0.0/16") },
    ]);
  });

  it("read lists the server's members in the inputs' order, new ones last", async () => {
    const api = fakeApi(() => ({
      body: {
        name: "lab",
        members: [
          { id: "1", ...cidr("10.1.0.0/16") },
          { id: "2", ...ip("10.0.0.9") },
          { id: "3", ...ip("10.0.0.5") },
        ],
      },
    }));
    const read = await netgroup.read(api, "lab", {
      name: "lab",
      members: [ip("10.0.0.5"), cidr("10.1.0.0/16")],
    });
    expect(read!.inputs.members).to.deep.equal([
      ip("10.0.0.5"),
      cidr("10.1.0.0/16"),
      ip("10.0.0.9"),
    ]);
  });

  it("update removes extra and duplicate members by id and adds the missing ones", async () => {
    const api = fakeApi((c) =>
      c.method === "GET"
        ? {
            body: {
              name: "lab",
              members: [
                { id: "a", ...ip("10.0.0.5") },
                { id: "b", ...ip("10.0.0.9") },
                { id: "c", ...ip("10.0.0.5") },
              ],
            },
          }
        : {},
    );
    await netgroup.update(api, "lab", {} as any, {
      name: "lab",
      members: [ip("10.0.0.5"), cidr("10.2.0.0/16")],
    });
    expect(api.calls.slice(1)).to.deep.equal([
      { method: "DELETE", path: `${BASE}/lab/members/b` },
      { method: "DELETE", path: `${BASE}/lab/members/c` },
      { method: "POST", path: `${BASE}/lab/members`, body: cidr("10.2.0.0/16") },
    ]);
  });

  it("update of a netgroup deleted elsewhere says to refresh", async () => {
    let message = "";
    await netgroup
      .update(
        fakeApi(() => ({ status: 404 })),
        "lab",
        {} as any,
        { name: "lab", members: [] },
      )
      .catch((e: Error) => (message = e.message));
    expect(message).to.match(/netgroup "lab" is gone from the server; refresh/);
  });

  it("delete deletes the netgroup", async () => {
    const api = fakeApi(() => ({}));
    await netgroup.delete(api, "lab", { name: "lab" });
    expect(api.calls).to.deep.equal([{ method: "DELETE", path: `${BASE}/lab` }]);
  });
});

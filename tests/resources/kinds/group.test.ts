import { expect } from "chai";
import { ApiError } from "../../../src/resources/api-client";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { group } from "../../../src/resources/kinds/group";
import { createResource, readResource } from "../../../src/resources/lifecycle";
import { fakeApi } from "./fake-api";

const G = "/api/v1/groups";

describe("Group kind", () => {
  describe("check", () => {
    it("accepts a name alone and fills adopt's default", () => {
      const { inputs, failures } = checkInputs(group, { name: "devs" });
      expect(failures).to.deep.equal([]);
      expect(inputs).to.deep.equal({ name: "devs", adopt: false });
    });

    it("refuses a system group by name, at the name", () => {
      const { failures } = checkInputs(group, { name: "admins" });
      expect(failures.map((f) => f.property)).to.deep.equal(["name"]);
      expect(failures[0].reason).to.match(/server's own groups.*GroupMembership/);
    });

    it("names every bad field at once", () => {
      const { failures } = checkInputs(group, { name: "a b", gid: 0, description: 5 });
      expect(failures.map((f) => f.property).sort()).to.deep.equal(["description", "gid", "name"]);
    });

    it("leaves a name not known yet (a preview) unchecked", () => {
      const { failures } = checkInputs(group, { name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
      expect(failures).to.deep.equal([]);
    });
  });

  describe("diff", () => {
    it("replaces on a new name, creating the new group before deleting the old", () => {
      const d = diffInputs(group, { name: "devs" }, { name: "developers" });
      expect(d.replaces).to.deep.equal(["name"]);
      expect(d.changes).to.deep.equal({ name: "update-replace" });
      expect(d.deleteBeforeReplace).to.equal(false);
    });

    it("updates description and gid in place", () => {
      const d = diffInputs(
        group,
        { name: "devs", gid: 2000 },
        { name: "devs", gid: 2001, description: "x" },
      );
      expect(d.replaces).to.deep.equal([]);
      expect(d.changes).to.deep.equal({ gid: "update", description: "add" });
    });

    it("sees no change when only adopt changes", () => {
      const d = diffInputs(group, { name: "devs" }, { name: "devs", adopt: true });
      expect(d.changes).to.deep.equal({});
    });
  });

  describe("ids", () => {
    it("round-trips the name", () => {
      expect(group.keyOf(group.id({ name: "devs" }))).to.deep.equal({ name: "devs" });
    });

    it("refuses an import id with a slash or an empty one, naming the shape", () => {
      expect(() => group.keyOf("devs/alice")).to.throw(/a Group id is the group's name/);
      expect(() => group.keyOf("")).to.throw(/a Group id is the group's name/);
    });
  });

  describe("REST calls", () => {
    const server = { id: "g-1", name: "devs", gid: 2000, description: "Developers" };

    it("creates with the server's JSON names and returns the server's id", async () => {
      const { api, calls } = fakeApi({ [`POST ${G}`]: server });
      const out = await group.create(api, { name: "devs", gid: 2000, description: "Developers" });
      expect(out).to.deep.equal({ groupId: "g-1" });
      expect(calls[0].body).to.deep.equal({ name: "devs", gid: 2000, description: "Developers" });
    });

    it("reads back what the server has; the gid only when the inputs set one, or on import", async () => {
      const { api } = fakeApi({ [`GET ${G}/devs`]: server });
      const refresh = await group.read(api, "devs", { name: "devs" });
      expect(refresh?.inputs).to.deep.equal({ name: "devs", description: "Developers" });
      const managed = await group.read(api, "devs", { name: "devs", gid: 1 });
      expect(managed?.inputs.gid).to.equal(2000);
      const imported = await readResource(group, api, "devs", {});
      expect(imported?.inputs).to.deep.equal({
        name: "devs",
        description: "Developers",
        gid: 2000,
      });
      expect(imported?.outputs.groupId).to.equal("g-1");
    });

    it("reads a group found under another name (the server also finds ids) as gone", async () => {
      const { api } = fakeApi({ [`GET ${G}/g-1`]: server });
      expect(await group.read(api, "g-1", {})).to.equal(undefined);
    });

    it("turns a 409 for a taken gid into an error naming the field and the holder", async () => {
      const { api } = fakeApi({
        [`POST ${G}`]: new ApiError("POST", G, 409, "Conflict: Group already exists"),
        [`GET ${G}`]: [server, { id: "g-2", name: "ops", gid: 3000 }],
      });
      let message = "";
      await createResource(group, api, { name: "qa", gid: 3000 }).catch(
        (e: Error) => (message = e.message),
      );
      expect(message).to.match(/^gid: 3000 is already the gid of group "ops"/);
    });

    it("keeps a 409 for a taken name a conflict (adopt or import)", async () => {
      const { api } = fakeApi({
        [`POST ${G}`]: new ApiError("POST", G, 409, "Conflict: Group already exists"),
        [`GET ${G}/devs`]: server,
      });
      let message = "";
      await createResource(group, api, { name: "devs", gid: 2000 }).catch(
        (e: Error) => (message = e.message),
      );
      expect(message).to.match(/HTTP 409.*Set adopt: true.*pulumi import dittofs:index:Group/);
    });

    it("refuses an update to a taken gid before the server answers 500", async () => {
      const { api, calls } = fakeApi({
        [`GET ${G}`]: [server, { id: "g-2", name: "ops", gid: 3000 }],
      });
      let message = "";
      await group
        .update(api, "devs", { name: "devs", gid: 2000 }, { name: "devs", gid: 3000 })
        .catch((e: Error) => (message = e.message));
      expect(message).to.match(/gid: 3000 is already the gid of group "ops"/);
      expect(calls.map((c) => c.method)).to.deep.equal(["GET"]);
    });

    it("updates description (cleared when unset) and gid with one PUT", async () => {
      const { api, calls } = fakeApi({ [`GET ${G}`]: [server], [`PUT ${G}/devs`]: server });
      await group.update(
        api,
        "devs",
        { name: "devs", gid: 2000, description: "x" },
        { name: "devs", gid: 2001 },
      );
      expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal([
        `GET ${G}`,
        `PUT ${G}/devs`,
      ]);
      expect(calls[1].body).to.deep.equal({ description: "", gid: 2001 });
    });
  });
});

import { expect } from "chai";
import { ApiError } from "../../../src/resources/api-client";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { groupMembership } from "../../../src/resources/kinds/group-membership";
import { createResource, deleteResource, readResource } from "../../../src/resources/lifecycle";
import { fakeApi } from "./fake-api";

const M = "/api/v1/groups/devs/members";
const alice = { id: "u-1", username: "alice", role: "user" };

describe("GroupMembership kind", () => {
  it("checks both names as the server's path segments", () => {
    const { failures } = checkInputs(groupMembership, { group: "a/b", username: "c d" });
    expect(failures.map((f) => f.property).sort()).to.deep.equal(["group", "username"]);
    expect(
      checkInputs(groupMembership, { group: "devs", username: "alice" }).failures,
    ).to.deep.equal([]);
  });

  it("replaces on either name; a new key lets the new one be made first", () => {
    const d = diffInputs(
      groupMembership,
      { group: "devs", username: "alice" },
      { group: "ops", username: "alice" },
    );
    expect(d.replaces).to.deep.equal(["group"]);
    expect(d.deleteBeforeReplace).to.equal(false);
    const same = diffInputs(
      groupMembership,
      { group: "devs", username: "alice" },
      { group: "devs", username: "alice" },
    );
    expect(same.changes).to.deep.equal({});
  });

  it("has the id group/username, which round-trips", () => {
    const id = groupMembership.id({ group: "devs", username: "alice" });
    expect(id).to.equal("devs/alice");
    expect(groupMembership.keyOf(id)).to.deep.equal({ group: "devs", username: "alice" });
  });

  it("refuses malformed import ids, naming the shape", () => {
    for (const bad of ["devs", "devs/", "/alice", "a/b/c", ""])
      expect(() => groupMembership.keyOf(bad), bad).to.throw(/`<group>\/<username>`/);
  });

  it("adds a member with one POST after looking", async () => {
    const { api, calls } = fakeApi({ [`GET ${M}`]: [], [`POST ${M}`]: undefined });
    const created = await createResource(groupMembership, api, {
      group: "devs",
      username: "alice",
    });
    expect(created.id).to.equal("devs/alice");
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal([`GET ${M}`, `POST ${M}`]);
    expect(calls[1].body).to.deep.equal({ username: "alice" });
  });

  it("calls an existing membership a conflict: refused without adopt, taken over with it", async () => {
    const { api, calls } = fakeApi({ [`GET ${M}`]: [alice] });
    let message = "";
    await createResource(groupMembership, api, { group: "devs", username: "alice" }).catch(
      (e: Error) => (message = e.message),
    );
    expect(message).to.match(
      /^username: "alice" is already a member of group "devs".*Set adopt: true.*pulumi import/,
    );
    expect(message).not.to.match(/HTTP 409/);
    const adopted = await createResource(groupMembership, api, {
      group: "devs",
      username: "alice",
      adopt: true,
    });
    expect(adopted.id).to.equal("devs/alice");
    expect(calls.some((c) => c.method === "POST")).to.equal(false);
  });

  it("names the missing input when the server says 404", async () => {
    const { api } = fakeApi({
      [`GET ${M}`]: [],
      [`POST ${M}`]: new ApiError("POST", M, 404, "Not Found: User not found"),
      [`POST /api/v1/groups/ops/members`]: new ApiError(
        "POST",
        M,
        404,
        "Not Found: Group not found",
      ),
    });
    let message = "";
    await createResource(groupMembership, api, { group: "devs", username: "nobody" }).catch(
      (e: Error) => (message = e.message),
    );
    expect(message).to.match(/^username: POST .*HTTP 404: Not Found: User not found$/);
    await createResource(groupMembership, api, { group: "ops", username: "alice" }).catch(
      (e: Error) => (message = e.message),
    );
    expect(message).to.match(/^group: POST .*HTTP 404: Not Found: Group not found$/);
  });

  it("reads a membership as gone when the user left or the group is gone", async () => {
    const { api } = fakeApi({ [`GET ${M}`]: [alice] });
    expect((await readResource(groupMembership, api, "devs/alice", {}))?.inputs).to.deep.equal({
      group: "devs",
      username: "alice",
    });
    expect(await readResource(groupMembership, api, "devs/bob", {})).to.equal(undefined);
    expect(await readResource(groupMembership, api, "ops/alice", {})).to.equal(undefined);
  });

  it("deletes by the id's names, and a 404 is done", async () => {
    const { api, calls } = fakeApi({});
    await deleteResource(groupMembership, api, "devs/alice", {});
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal([`DELETE ${M}/alice`]);
  });
});

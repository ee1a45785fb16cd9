import { expect } from "chai";
import { ApiError } from "../../../src/resources/api-client";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { user } from "../../../src/resources/kinds/user";
import { createResource, readResource } from "../../../src/resources/lifecycle";
import { fakeApi } from "./fake-api";

const U = "/api/v1/users";
const onServer = {
  id: "u-1",
  username: "alice",
  role: "user",
  email: "a@example.com",
  uid: 1500,
  gid: 1000,
  enabled: true,
};

describe("User kind", () => {
  describe("check", () => {
    it("fills role, enabled and adopt", () => {
      const { inputs, failures } = checkInputs(user, { username: "alice", password: "pw-1" });
      expect(failures).to.deep.equal([]);
      expect(inputs).to.deep.equal({
        username: "alice",
        password: "pw-1",
        role: "user",
        enabled: true,
        adopt: false,
      });
    });

    it("never quotes a bad password in its failure", () => {
      const { failures } = checkInputs(user, { username: "alice", password: 987654321 });
      expect(failures).to.have.length(1);
      expect(failures[0].property).to.equal("password");
      expect(failures[0].reason).not.to.include("987654321");
    });
  });

  describe("diff", () => {
    it("replaces on a new username (a new key: created first)", () => {
      const d = diffInputs(
        user,
        { username: "alice", password: "p" },
        { username: "alicia", password: "p" },
      );
      expect(d.replaces).to.deep.equal(["username"]);
      expect(d.deleteBeforeReplace).to.equal(false);
    });

    it("updates role and password in place; an unset role is its default", () => {
      const d = diffInputs(
        user,
        { username: "alice", password: "p1" },
        { username: "alice", password: "p2", role: "operator" },
      );
      expect(d.changes).to.deep.equal({ password: "update", role: "update" });
      expect(d.replaces).to.deep.equal([]);
      expect(
        diffInputs(
          user,
          { username: "a", password: "p" },
          { username: "a", password: "p", role: "user" },
        ).changes,
      ).to.deep.equal({});
    });
  });

  it("has the username as id, round-tripping", () => {
    expect(user.keyOf(user.id({ username: "alice", password: "x" }))).to.deep.equal({
      username: "alice",
    });
  });

  describe("REST calls", () => {
    it("reads the uid and gid on import, and on refresh only when the inputs set them", async () => {
      const { api } = fakeApi({ [`GET ${U}/alice`]: onServer });
      const imported = await readResource(user, api, "alice", {});
      expect(imported?.inputs).to.deep.equal({
        username: "alice",
        role: "user",
        email: "a@example.com",
        uid: 1500,
        gid: 1000,
        enabled: true,
      });
      const refreshed = await readResource(user, api, "alice", {
        username: "alice",
        password: "pw",
      });
      expect(refreshed?.inputs).to.deep.equal({
        username: "alice",
        password: "pw",
        role: "user",
        email: "a@example.com",
        enabled: true,
      });
    });

    it("reads a user found under another name (the server also finds ids) as gone", async () => {
      const { api } = fakeApi({ [`GET ${U}/u-1`]: onServer });
      expect(await user.read(api, "u-1", {})).to.equal(undefined);
    });

    it("turns a 409 for a taken uid into an error naming the field and the holder", async () => {
      const { api } = fakeApi({
        [`POST ${U}`]: new ApiError("POST", U, 409, "Conflict: User already exists"),
        [`GET ${U}`]: [onServer],
      });
      let message = "";
      await createResource(user, api, {
        username: "bob",
        password: "pw-secret-9",
        uid: 1500,
      }).catch((e: Error) => (message = e.message));
      expect(message).to.match(/^uid: 1500 is already the uid of user "alice"/);
      expect(message).not.to.include("pw-secret-9");
    });

    it("resets the password only when it changed, and refuses a taken uid before the PUT", async () => {
      const { api, calls } = fakeApi({ [`GET ${U}`]: [onServer], [`PUT ${U}/bob`]: {} });
      await user.update(
        api,
        "bob",
        { username: "bob", password: "p" },
        { username: "bob", password: "p", email: "b@x" },
      );
      expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal([`PUT ${U}/bob`]);
      let message = "";
      await user
        .update(
          api,
          "bob",
          { username: "bob", password: "p" },
          { username: "bob", password: "p", uid: 1500 },
        )
        .catch((e: Error) => (message = e.message));
      expect(message).to.match(/uid: 1500 is already the uid of user "alice"/);
      expect(calls.filter((c) => c.method === "PUT")).to.have.length(1);
    });
  });
});

import { expect } from "chai";
import { checkInputs } from "../../../src/resources/check";
import { diffInputs } from "../../../src/resources/diff";
import { identityMapping } from "../../../src/resources/kinds/identity-mapping";
import { createResource, deleteResource, readResource } from "../../../src/resources/lifecycle";
import { fakeApi } from "./fake-api";

const L = "/api/v1/identity-mappings";
const alice = { provider_name: "kerberos", principal: "alice@EXAMPLE.COM", username: "alice" };
const host = {
  provider_name: "kerberos",
  principal: "nfs/host.example.com@EXAMPLE.COM",
  username: "svc",
};

describe("IdentityMapping kind", () => {
  it("fills the provider's default", () => {
    const { inputs, failures } = checkInputs(identityMapping, {
      principal: "alice@EXAMPLE.COM",
      username: "alice",
    });
    expect(failures).to.deep.equal([]);
    expect(inputs.provider).to.equal("kerberos");
  });

  it("replaces on any change, deleting first when the key stays", () => {
    const olds = { provider: "kerberos", principal: "alice@EXAMPLE.COM", username: "alice" };
    const other = diffInputs(identityMapping, olds, { ...olds, username: "alicia" });
    expect([other.replaces, other.deleteBeforeReplace]).to.deep.equal([["username"], true]);
    const moved = diffInputs(identityMapping, olds, { ...olds, principal: "a@EXAMPLE.COM" });
    expect([moved.replaces, moved.deleteBeforeReplace]).to.deep.equal([["principal"], false]);
    expect(
      diffInputs(identityMapping, olds, { principal: olds.principal, username: "alice" }).changes,
    ).to.deep.equal({});
  });

  it("has the id provider/principal; a principal may hold slashes; it round-trips", () => {
    const i = {
      provider: "kerberos",
      principal: "nfs/host.example.com@EXAMPLE.COM",
      username: "svc",
    };
    const id = identityMapping.id(i);
    expect(id).to.equal("kerberos/nfs/host.example.com@EXAMPLE.COM");
    expect(identityMapping.keyOf(id)).to.deep.equal({
      provider: i.provider,
      principal: i.principal,
    });
    expect(identityMapping.id({ principal: "a@B", username: "a" })).to.equal("kerberos/a@B");
  });

  it("refuses malformed import ids, naming the shape", () => {
    for (const bad of ["alice@EXAMPLE.COM", "/alice@EXAMPLE.COM", "kerberos/", ""])
      expect(() => identityMapping.keyOf(bad), bad).to.throw(/`<provider>\/<principal>`/);
  });

  it("creates after finding the user; refuses a user the server does not have", async () => {
    const { api, calls } = fakeApi({
      "GET /api/v1/users/alice": { username: "alice" },
      [`POST ${L}`]: alice,
    });
    const created = await createResource(identityMapping, api, {
      provider: "kerberos",
      principal: "alice@EXAMPLE.COM",
      username: "alice",
    });
    expect(created.id).to.equal("kerberos/alice@EXAMPLE.COM");
    expect(calls[1].body).to.deep.equal(alice);
    let message = "";
    await createResource(identityMapping, api, {
      provider: "kerberos",
      principal: "g@X",
      username: "ghost",
    }).catch((e: Error) => (message = e.message));
    expect(message).to.match(/^username: no user "ghost" on the server/);
    expect(calls.filter((c) => c.method === "POST")).to.have.length(1);
  });

  it("reads one mapping out of the provider's list, or says gone", async () => {
    const { api, calls } = fakeApi({
      [`GET ${L}?provider=kerberos`]: [alice, host],
      [`GET ${L}?provider=ldap`]: [],
    });
    const read = await readResource(
      identityMapping,
      api,
      "kerberos/nfs/host.example.com@EXAMPLE.COM",
      {},
    );
    expect(read?.inputs).to.deep.equal({
      provider: "kerberos",
      principal: "nfs/host.example.com@EXAMPLE.COM",
      username: "svc",
    });
    expect(await readResource(identityMapping, api, "kerberos/bob@EXAMPLE.COM", {})).to.equal(
      undefined,
    );
    expect(await readResource(identityMapping, api, "ldap/alice@EXAMPLE.COM", {})).to.equal(
      undefined,
    );
    expect(calls[0].path).to.equal(`${L}?provider=kerberos`);
  });

  it("deletes by provider and principal, each one path segment", async () => {
    const { api, calls } = fakeApi({});
    await deleteResource(identityMapping, api, "kerberos/nfs/host@EXAMPLE.COM", {});
    expect(calls.map((c) => c.path)).to.deep.equal([
      `${L}/by-provider/kerberos/nfs%2Fhost@EXAMPLE.COM`,
    ]);
  });
});

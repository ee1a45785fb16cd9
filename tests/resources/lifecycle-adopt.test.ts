import { expect } from "chai";
import { ApiError, type ApiClient } from "../../src/resources/api-client";
import type { ResourceKind } from "../../src/resources/kind";
import { createResource } from "../../src/resources/lifecycle";

/** A kind whose object exists already and whose read, like a refresh, shows `port` only when the inputs set it. */
function existing(server: { port: number }): ResourceKind<any> & { reads: unknown[] } {
  const reads: unknown[] = [];
  return {
    reads,
    name: "Thing",
    description: "",
    inputs: {
      name: { type: "string", description: "", replaceOnChanges: true },
      port: { type: "integer", description: "" },
    },
    requiredInputs: ["name"],
    id: (i) => i.name,
    keyOf: (id) => ({ name: id }),
    create: async () => {
      throw new ApiError("POST", "/things", 409, "Conflict: exists");
    },
    read: async (_api, id, known) => {
      reads.push(known);
      const shown = known.port !== undefined || server.port !== 1 ? { port: server.port } : {};
      return { inputs: { name: id, ...shown } };
    },
    update: async () => undefined,
    delete: async () => undefined,
  };
}

const api = {} as ApiClient;

describe("adoption reads the existing object as a refresh of the wanted inputs would", () => {
  it("passes the wanted inputs (adopt aside) to read as known", async () => {
    const kind = existing({ port: 1 });
    const created = await createResource(kind, api, { name: "a", port: 1, adopt: true });
    expect(created.id).to.equal("a");
    expect(kind.reads).to.deep.equal([{ name: "a", port: 1 }]);
  });

  it("still refuses an object that differs, naming the field", async () => {
    const kind = existing({ port: 2 });
    let message = "";
    await createResource(kind, api, { name: "a", port: 1, adopt: true }).catch(
      (e: Error) => (message = e.message),
    );
    expect(message).to.match(/differs in port: adopt takes over identical objects only/);
  });

  it("without adopt, names adopt and pulumi import", async () => {
    const kind = existing({ port: 1 });
    let message = "";
    await createResource(kind, api, { name: "a", port: 1 }).catch(
      (e: Error) => (message = e.message),
    );
    expect(message).to.match(/HTTP 409.*Set adopt: true.*pulumi import dittofs:index:Thing/);
    expect(kind.reads).to.deep.equal([]);
  });

  it("writes the secrets on adoption: the update sees them as new, though the read filled them in", async () => {
    const updates: unknown[][] = [];
    const kind: ResourceKind<any> = {
      ...existing({ port: 1 }),
      inputs: {
        name: { type: "string", description: "", replaceOnChanges: true },
        password: { type: "string", description: "", secret: true },
      },
      // Like a refresh, the read takes the secret it cannot see from what it knows.
      read: async (_api, id, known) => ({ inputs: { name: id, password: known.password } }),
      update: async (_api, _id, olds, news) => void updates.push([olds, news]),
    };
    await createResource(kind, api, { name: "a", password: "new-pw", adopt: true });
    expect(updates).to.deep.equal([[{ name: "a" }, { name: "a", password: "new-pw" }]]);
  });
});

/**
 * `dittofs:index:IdentityMapping`: an external principal (a Kerberos or LDAP identity) mapped to a user of the
 * server, keyed `provider/principal`. The server has no update and no read of one mapping: another user replaces the
 * mapping (deleted first: the key stays the same), and a read lists the provider's mappings and picks this one.
 */
import { seg, type ApiClient } from "../api-client";
import type { ResourceKind } from "../kind";
import { IDENTITY_NAME_PATTERN } from "./identity-names";

export interface IdentityMappingInputs {
  provider?: string;
  principal: string;
  username: string;
}

/** The server's answer (a subset). */
interface MappingResponse {
  provider_name: string;
  principal: string;
  username: string;
}

const LIST = "/api/v1/identity-mappings";
const DEFAULT_PROVIDER = "kerberos";

export const identityMapping: ResourceKind<IdentityMappingInputs> = {
  name: "IdentityMapping",
  description:
    "Maps an external identity (a Kerberos principal, an LDAP user) to a user of a DittoFS server, who then owns that identity's files and holds its permissions. Another user replaces the mapping.",
  inputs: {
    provider: {
      type: "string",
      // The server takes any string up to 50 characters; no `/` keeps the id `provider/principal` readable.
      pattern: "^[a-z][a-z0-9_-]*$",
      maxLength: 50,
      default: DEFAULT_PROVIDER,
      replaceOnChanges: true,
      description:
        "The identity provider the principal comes from. At v0.29 the server consults mappings of `kerberos` and `ldap`. A change replaces the mapping. Defaults to `kerberos`.",
    },
    principal: {
      type: "string",
      minLength: 1,
      maxLength: 255,
      // Principals may hold `/` and `\` (`nfs/host@REALM`, `CORP\alice`); control characters are never part of one.
      pattern: "^[^\\x00-\\x1f]+$",
      replaceOnChanges: true,
      description:
        "The external identity as the provider names it (`alice@EXAMPLE.COM` for Kerberos), unique per provider. A change replaces the mapping.",
    },
    username: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      pattern: IDENTITY_NAME_PATTERN,
      replaceOnChanges: true,
      description:
        "The DittoFS user the principal acts as; it must exist when the mapping is made (the server itself would accept any name). A change replaces the mapping (the server cannot change it in place).",
    },
  },
  requiredInputs: ["principal", "username"],

  id: (i) => `${i.provider ?? DEFAULT_PROVIDER}/${i.principal}`,
  keyOf: (id) => {
    const at = id.indexOf("/");
    if (at <= 0 || at === id.length - 1)
      throw new Error(
        `an IdentityMapping id is \`<provider>/<principal>\` (e.g. \`kerberos/alice@EXAMPLE.COM\`), got ${JSON.stringify(id)}`,
      );
    return { provider: id.slice(0, at), principal: id.slice(at + 1) };
  },

  async create(api, i) {
    // The server would map to anyone, and the principal would then fail at every login.
    if (!(await api.get(`/api/v1/users/${seg(i.username)}`)))
      throw new Error(
        `username: no user ${JSON.stringify(i.username)} on the server; create it first (pass a User's username, so the engine orders the two)`,
      );
    await api.call("POST", LIST, {
      provider_name: i.provider ?? DEFAULT_PROVIDER,
      principal: i.principal,
      username: i.username,
    });
  },

  async read(api: ApiClient, id) {
    const key = identityMapping.keyOf(id) as Required<IdentityMappingInputs>;
    const all =
      (await api.call<MappingResponse[]>("GET", `${LIST}?provider=${seg(key.provider)}`)) ?? [];
    const m = all.find((x) => x.provider_name === key.provider && x.principal === key.principal);
    return (
      m && { inputs: { provider: m.provider_name, principal: m.principal, username: m.username } }
    );
  },

  // Every input replaces: an update changes nothing on the server (adoption calls it for secrets; there are none).
  async update() {},

  async delete(api, id) {
    const key = identityMapping.keyOf(id) as Required<IdentityMappingInputs>;
    await api.call("DELETE", `${LIST}/by-provider/${seg(key.provider)}/${seg(key.principal)}`);
  },
};

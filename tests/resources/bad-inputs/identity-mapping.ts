/** Bad inputs of dittofs:index:IdentityMapping. */
import type { BadInput } from "./types";

const T = "dittofs:index:IdentityMapping";

export const IDENTITY_MAPPING_BAD_INPUTS: BadInput[] = [
  {
    title: "a mapping without a principal",
    type: T,
    inputs: { username: "alice" },
    property: "principal",
    reason: /is required/,
  },
  {
    title: "a provider in capitals (the server matches `kerberos` exactly)",
    type: T,
    inputs: { provider: "Kerberos", principal: "alice@EXAMPLE.COM", username: "alice" },
    property: "provider",
    reason: /"Kerberos" must match/,
  },
  {
    title: "a principal with a line break",
    type: T,
    inputs: { principal: "alice@EXAMPLE.COM\n", username: "alice" },
    property: "principal",
    reason: /must match/,
  },
  {
    title: "a principal longer than the server's column",
    type: T,
    inputs: { principal: `${"a".repeat(250)}@EXAMPLE.COM`, username: "alice" },
    property: "principal",
    reason: /must be at most 255 characters/,
  },
  {
    title: "a principal mapped to a user that does not exist",
    type: T,
    inputs: { principal: "ghost@EXAMPLE.COM", username: "ghost" },
    property: "username",
    reason: /^username: no user "ghost" on the server/,
    serverOnly: true,
  },
  {
    title: "a principal mapped already (to another user)",
    type: T,
    inputs: { principal: "alice@EXAMPLE.COM", username: "bob" },
    property: "principal",
    reason:
      /HTTP 409: Conflict: Identity mapping for this provider and principal already exists.*Set adopt: true/,
    serverOnly: true,
  },
];

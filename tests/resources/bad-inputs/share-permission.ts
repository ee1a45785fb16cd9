import type { BadInput } from "./types";

const type = "dittofs:index:SharePermission";
export const PERMISSION = {
  share: "/export",
  principalType: "user",
  principal: "alice",
  level: "read",
};

export const SHARE_PERMISSION_BAD_INPUTS: BadInput[] = [
  {
    title: "an unknown permission level (the server would store it)",
    type,
    inputs: { ...PERMISSION, level: "write" },
    property: "level",
    reason: /must be one of none, read, read-write, admin/,
  },
  {
    title: "a permission without a level",
    type,
    inputs: { share: "/export", principalType: "user", principal: "alice" },
    property: "level",
    reason: /is required/,
  },
  {
    title: "an unknown principal type",
    type,
    inputs: { ...PERMISSION, principalType: "role" },
    property: "principalType",
    reason: /must be one of user, group, sid/,
  },
  {
    title: "a SID that is not one",
    type,
    inputs: { ...PERMISSION, principalType: "sid", principal: "S-1-5-domain-users" },
    property: "principal",
    reason: /not a SID/,
  },
  {
    title: "a SID in lower case (the server lists it upper-case)",
    type,
    inputs: { ...PERMISSION, principalType: "sid", principal: "s-1-5-21-1-2-3-1001" },
    property: "principal",
    reason: /not a SID in canonical form/,
  },
  {
    title: "isGroup on a user grant",
    type,
    inputs: { ...PERMISSION, isGroup: true },
    property: "isGroup",
    reason: /principalType `sid` only/,
  },
  {
    title: "a principal with `/`",
    type,
    inputs: { ...PERMISSION, principal: "corp/alice" },
    property: "principal",
    reason: /must match/,
  },
  {
    title: "a share name without its leading slash",
    type,
    inputs: { ...PERMISSION, share: "export" },
    property: "share",
    reason: /must match/,
  },
  {
    title: "a user that does not exist",
    type,
    inputs: { ...PERMISSION, principal: "ghost" },
    property: "principal",
    reason: /HTTP 404.*User not found/,
    serverOnly: true,
  },
  {
    title: "a group that does not exist",
    type,
    inputs: { ...PERMISSION, principalType: "group", principal: "ghosts" },
    property: "principal",
    reason: /HTTP 404.*Group not found/,
    serverOnly: true,
  },
  {
    title: "a share that does not exist",
    type,
    inputs: {
      ...PERMISSION,
      share: "/no-such-share",
      principalType: "sid",
      principal: "S-1-5-21-1-2-3-1001",
    },
    property: "share",
    reason: /HTTP 404.*Share not found/,
    serverOnly: true,
  },
];

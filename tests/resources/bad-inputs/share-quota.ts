import type { BadInput } from "./types";

const type = "dittofs:index:ShareQuota";
export const QUOTA = { share: "/export", scope: "user", identityId: 1000, limitBytes: "10GiB" };

export const SHARE_QUOTA_BAD_INPUTS: BadInput[] = [
  {
    title: "a byte limit below zero",
    type,
    inputs: { ...QUOTA, limitBytes: "-5GiB" },
    property: "limitBytes",
    reason: /must match/,
  },
  {
    title: "a file limit below zero",
    type,
    inputs: { ...QUOTA, limitFiles: -1 },
    property: "limitFiles",
    reason: /must be >= 0/,
  },
  {
    title: "a grace period below zero",
    type,
    inputs: { ...QUOTA, graceSeconds: -60 },
    property: "graceSeconds",
    reason: /must be >= 0/,
  },
  {
    title: "a byte size in an unknown unit",
    type,
    inputs: { ...QUOTA, limitBytes: "10XB" },
    property: "limitBytes",
    reason: /must match/,
  },
  {
    title: "a soft byte threshold above the hard limit",
    type,
    inputs: { ...QUOTA, softBytes: "20GiB" },
    property: "softBytes",
    reason: /20GiB exceeds limitBytes 10GiB/,
  },
  {
    title: "a soft file threshold above the hard limit",
    type,
    inputs: { ...QUOTA, limitFiles: 100, softFiles: 200 },
    property: "softFiles",
    reason: /200 exceeds limitFiles 100/,
  },
  {
    title: "an unknown scope",
    type,
    inputs: { ...QUOTA, scope: "everyone" },
    property: "scope",
    reason: /must be one of user, group, default-user/,
  },
  {
    title: "a user quota without a uid",
    type,
    inputs: { share: "/export", scope: "user", limitBytes: "1GiB" },
    property: "identityId",
    reason: /needs the uid/,
  },
  {
    title: "a default-user quota with a uid",
    type,
    inputs: { ...QUOTA, scope: "default-user" },
    property: "identityId",
    reason: /leave identityId unset/,
  },
  {
    title: "a uid beyond 32 bits",
    type,
    inputs: { ...QUOTA, identityId: 4294967296 },
    property: "identityId",
    reason: /must be <= 4294967295/,
  },
  {
    title: "a quota on a share that does not exist (the server would store it)",
    type,
    inputs: { ...QUOTA, share: "/no-such-share" },
    property: "share",
    reason: /HTTP 404.*Share not found/,
    serverOnly: true,
  },
];

import type { BadInput } from "./types";

const type = "dittofs:index:SnapshotPolicy";
export const POLICY = { share: "/export", interval: "@daily", keepLast: 7 };

export const SNAPSHOT_POLICY_BAD_INPUTS: BadInput[] = [
  {
    title: "a cron schedule (the server has none)",
    type,
    inputs: { ...POLICY, interval: "0 3 * * *" },
    property: "interval",
    reason: /must match/,
  },
  {
    title: "an unknown @-shorthand",
    type,
    inputs: { ...POLICY, interval: "@yearly" },
    property: "interval",
    reason: /must match/,
  },
  {
    title: "a zero interval",
    type,
    inputs: { ...POLICY, interval: "0s" },
    property: "interval",
    reason: /not a positive duration/,
  },
  {
    title: "a negative interval",
    type,
    inputs: { ...POLICY, interval: "-1h" },
    property: "interval",
    reason: /must match/,
  },
  {
    title: "a policy without an interval",
    type,
    inputs: { share: "/export", keepLast: 7 },
    property: "interval",
    reason: /is required/,
  },
  {
    title: "keepLast below zero",
    type,
    inputs: { ...POLICY, keepLast: -1 },
    property: "keepLast",
    reason: /must be >= 0/,
  },
  {
    title: "a TTL in days (Go durations have no `d`)",
    type,
    inputs: { ...POLICY, ttl: "30d" },
    property: "ttl",
    reason: /must match/,
  },
  {
    title: "a name prefix with a path",
    type,
    inputs: { ...POLICY, namePrefix: "../nightly" },
    property: "namePrefix",
    reason: /must match/,
  },
  {
    title: "the share `/`",
    type,
    inputs: { ...POLICY, share: "/" },
    property: "share",
    reason: /must match/,
  },
  {
    title: "a policy for a share that does not exist",
    type,
    inputs: { ...POLICY, share: "/no-such-share" },
    property: "share",
    reason: /HTTP 404.*share not found/,
    serverOnly: true,
  },
];

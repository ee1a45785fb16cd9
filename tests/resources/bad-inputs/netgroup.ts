/** Netgroup inputs the provider refuses at `check`. */
import type { BadInput } from "./types";

const type = "dittofs:index:Netgroup";

export const NETGROUP_BAD_INPUTS: BadInput[] = [
  {
    title: "a name with a slash",
    type,
    inputs: { name: "lab/hosts" },
    property: "name",
    reason: /must match/,
  },
  {
    title: "an unknown member type",
    type,
    inputs: { name: "lab", members: [{ type: "subnet", value: "10.0.0.0/8" }] },
    property: "members[0].type",
    reason: /"subnet" must be one of ip, cidr, hostname/,
  },
  {
    title: "a CIDR prefix longer than the address",
    type,
    inputs: { name: "lab", members: [{ type: "cidr", value: "10.0.0.0/33" }] },
    property: "members[0].value",
    reason: /"10.0.0.0\/33" is not a CIDR range/,
  },
  {
    title: "an IP address out of range",
    type,
    inputs: {
      name: "lab",
      members: [
        { type: "ip", value: "10.0.0.1" },
        { type: "ip", value: "10.0.0.300" },
      ],
    },
    property: "members[1].value",
    reason: /"10.0.0.300" is not an IP address/,
  },
  {
    title: "a CIDR range given as an IP address",
    type,
    inputs: { name: "lab", members: [{ type: "ip", value: "10.0.0.0/24" }] },
    property: "members[0].value",
    reason: /is not an IP address/,
  },
  {
    title: "a member listed twice",
    type,
    inputs: {
      name: "lab",
      members: [
        { type: "hostname", value: "*.lab.example.com" },
        { type: "ip", value: "10.0.0.1" },
        { type: "hostname", value: "*.lab.example.com" },
      ],
    },
    property: "members[2]",
    reason: /is listed already at members\[0\]/,
  },
  {
    title: "a host name with a space",
    type,
    inputs: { name: "lab", members: [{ type: "hostname", value: "build host" }] },
    property: "members[0].value",
    reason: /is not a host name/,
  },
  {
    title: "a member without a value",
    type,
    inputs: { name: "lab", members: [{ type: "ip" }] },
    property: "members[0].value",
    reason: /is required/,
  },
];

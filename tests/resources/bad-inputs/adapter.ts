/** Adapter inputs the provider refuses at `check`. */
import type { BadInput } from "./types";

const type = "dittofs:index:Adapter";

export const ADAPTER_BAD_INPUTS: BadInput[] = [
  {
    title: "an adapter type v0.29 cannot run",
    type,
    inputs: { type: "nfs4" },
    property: "type",
    reason: /"nfs4" must be one of nfs, smb/,
  },
  {
    title:
      "port 0 (the server would read it as its built-in default, which differs from its start port for SMB)",
    type,
    inputs: { type: "nfs", port: 0 },
    property: "port",
    reason: /must be >= 1/,
  },
  {
    title: "a port above 65535",
    type,
    inputs: { type: "smb", port: 70000 },
    property: "port",
    reason: /must be <= 65535/,
  },
  {
    title: "a port as a string",
    type,
    inputs: { type: "nfs", port: "2049" },
    property: "port",
    reason: /must be an integer/,
  },
  {
    title: "a fractional port",
    type,
    inputs: { type: "nfs", port: 2049.5 },
    property: "port",
    reason: /must be an integer/,
  },
  {
    title: "an adapter setting given to the adapter (settings are an AdapterSettings)",
    type,
    inputs: { type: "nfs", portmapperEnabled: true },
    property: "portmapperEnabled",
    reason: /unknown field/,
  },
  {
    title: "enabled as a string",
    type,
    inputs: { type: "smb", enabled: "false" },
    property: "enabled",
    reason: /must be a boolean/,
  },
  {
    title: "no type",
    type,
    inputs: { port: 2049 },
    property: "type",
    reason: /is required/,
  },
  {
    title:
      "a port the pod already listens on (the REST API's): the server stores it and only logs that the adapter cannot listen",
    type,
    inputs: { type: "nfs", port: 8080 },
    property: "port",
    reason:
      /stored port 8080 for the nfs adapter, but the adapter does not serve there .*the port is probably taken/,
    serverOnly: true,
  },
];

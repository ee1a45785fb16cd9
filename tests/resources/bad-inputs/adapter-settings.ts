/** AdapterSettings inputs the provider refuses at `check`, and the one only the server can refuse. */
import type { BadInput } from "./types";

const type = "dittofs:index:AdapterSettings";

export const ADAPTER_SETTINGS_BAD_INPUTS: BadInput[] = [
  {
    title: "an unknown NFS setting",
    type,
    inputs: { type: "nfs", nfs: { portmapper: true } },
    property: "nfs.portmapper",
    reason: /unknown field/,
  },
  {
    title: "an NFSv4 minor-version setting the server's store does not save",
    type,
    inputs: { type: "nfs", nfs: { v4MaxMinorVersion: 1 } },
    property: "nfs.v4MaxMinorVersion",
    reason: /unknown field/,
  },
  {
    title: "NFS settings on the SMB adapter",
    type,
    inputs: { type: "smb", smb: {}, nfs: { udpEnabled: true } },
    property: "nfs",
    reason: /do not apply to an adapter of type smb/,
  },
  {
    title: "no settings block for the type",
    type,
    inputs: { type: "nfs" },
    property: "nfs",
    reason: /is required when type is nfs/,
  },
  {
    title: "a lease time below the server's range",
    type,
    inputs: { type: "nfs", nfs: { leaseTime: 5 } },
    property: "nfs.leaseTime",
    reason: /must be >= 10/,
  },
  {
    title: "an NFS version the server does not serve",
    type,
    inputs: { type: "nfs", nfs: { maxVersion: "4.2" } },
    property: "nfs.maxVersion",
    reason: /"4.2" must be one of 3, 4.0, 4.1/,
  },
  {
    title: "a lowest NFS version above the highest",
    type,
    inputs: { type: "nfs", nfs: { minVersion: "4.1", maxVersion: "3" } },
    property: "nfs.minVersion",
    reason: /is above nfs.maxVersion/,
  },
  {
    title: "a blocked operation listed twice",
    type,
    inputs: { type: "nfs", nfs: { blockedOperations: ["WRITE", "REMOVE", "WRITE"] } },
    property: "nfs.blockedOperations",
    reason: /lists WRITE more than once/,
  },
  {
    title: "an NFS operation blocked on the SMB adapter",
    type,
    inputs: { type: "smb", smb: { blockedOperations: ["GETATTR"] } },
    property: "smb.blockedOperations[0]",
    reason: /"GETATTR" must be one of NEGOTIATE/,
  },
  {
    title: "portmapper port 0",
    type,
    inputs: { type: "nfs", nfs: { portmapperEnabled: true, portmapperPort: 0 } },
    property: "nfs.portmapperPort",
    reason: /must be >= 1/,
  },
  {
    title: "an SMB signing mode the server does not know",
    type,
    inputs: { type: "smb", smb: { signing: "mandatory" } },
    property: "smb.signing",
    reason: /must be one of inherit, disabled, enabled, required/,
  },
  {
    title: "a lowest SMB dialect above the highest",
    type,
    inputs: { type: "smb", smb: { minDialect: "SMB3.1.1", maxDialect: "SMB2.1" } },
    property: "smb.minDialect",
    reason: /is above smb.maxDialect/,
  },
  {
    title: "settings of an adapter the server no longer has",
    type,
    inputs: { type: "smb", smb: { mdnsEnabled: false } },
    property: "type",
    reason:
      /the server has no smb adapter, so no smb settings: create it with an Adapter of type smb/,
    serverOnly: true,
  },
];

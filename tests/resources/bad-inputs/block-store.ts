/** Bad inputs of `dittofs:index:BlockStore`: each refused at check with its field path, or by the server. */
import type { BadInput } from "./types";

const T = "dittofs:index:BlockStore";
/** Credentials no failure may show. */
export const S3_ACCESS_KEY_ID = "AKIAEXAMPLE7Q2W";
export const S3_SECRET_ACCESS_KEY = "s3-secret-Kp42vR9";
const s3 = {
  bucket: "dittofs-blocks",
  accessKeyId: S3_ACCESS_KEY_ID,
  secretAccessKey: S3_SECRET_ACCESS_KEY,
};

export const BLOCK_STORE_BAD_INPUTS: BadInput[] = [
  {
    title: "an unknown store type",
    type: T,
    inputs: { kind: "remote", name: "blocks", type: "gcs" },
    property: "type",
    reason: /must be one of fs, memory, s3/,
  },
  {
    title: "an unknown store kind",
    type: T,
    inputs: { kind: "cache", name: "blocks", type: "memory" },
    property: "kind",
    reason: /must be one of local, remote/,
  },
  {
    title: "a local s3 store (kind and type do not match)",
    type: T,
    inputs: { kind: "local", name: "blocks", type: "s3", s3 },
    property: "type",
    reason: /s3 is not a type of a local store \(a local store is fs or memory\)/,
  },
  {
    title: "a remote fs store (kind and type do not match)",
    type: T,
    inputs: { kind: "remote", name: "blocks", type: "fs", fs: { path: "/data/blocks" } },
    property: "type",
    reason: /fs is not a type of a remote store/,
  },
  {
    title: "s3 without a bucket",
    type: T,
    inputs: { kind: "remote", name: "blocks", type: "s3", s3: { ...s3, bucket: undefined } },
    property: "s3.bucket",
    reason: /is required/,
  },
  {
    title: "an s3 store without its settings",
    type: T,
    inputs: { kind: "remote", name: "blocks", type: "s3" },
    property: "s3",
    reason: /is required when type is s3/,
  },
  {
    title: "s3 without the secret access key",
    type: T,
    inputs: {
      kind: "remote",
      name: "blocks",
      type: "s3",
      s3: { ...s3, secretAccessKey: undefined },
    },
    property: "s3.secretAccessKey",
    reason: /is required/,
  },
  {
    title: "a bucket written as a URL",
    type: T,
    inputs: { kind: "remote", name: "blocks", type: "s3", s3: { ...s3, bucket: "s3://blocks" } },
    property: "s3.bucket",
    reason: /must match/,
  },
  {
    title: "the cloud metadata address as endpoint",
    type: T,
    inputs: {
      kind: "remote",
      name: "blocks",
      type: "s3",
      s3: { ...s3, endpoint: "http://169.254.169.254", allowPrivateEndpoint: true },
    },
    property: "s3.endpoint",
    reason: /169.254.169.254 is link-local.*never allows it/,
  },
  {
    title: "a private endpoint without allowPrivateEndpoint",
    type: T,
    inputs: {
      kind: "remote",
      name: "blocks",
      type: "s3",
      s3: { ...s3, endpoint: "http://10.0.0.5:9000" },
    },
    property: "s3.endpoint",
    reason: /10.0.0.5 is a private or loopback address; set s3.allowPrivateEndpoint: true/,
  },
  {
    title: "a compression the server does not have",
    type: T,
    inputs: { kind: "remote", name: "blocks", type: "s3", s3: { ...s3, compression: "gzip" } },
    property: "s3.compression",
    reason: /must be one of zstd, lz4/,
  },
  {
    title: "a relative fs path",
    type: T,
    inputs: { kind: "local", name: "blocks", type: "fs", fs: { path: "blocks" } },
    property: "fs.path",
    reason: /must match \^\//,
  },
  {
    title: "fs settings on a memory store",
    type: T,
    inputs: { kind: "local", name: "blocks", type: "memory", fs: { path: "/data/blocks" } },
    property: "fs",
    reason: /is for type fs; this store's type is memory/,
  },
  {
    title: "a parallel upload count above the server's bound",
    type: T,
    inputs: { kind: "remote", name: "blocks", type: "s3", s3: { ...s3, parallelUploads: 1000 } },
    property: "s3.parallelUploads",
    reason: /256/,
  },
  {
    title: "a name with whitespace",
    type: T,
    inputs: { kind: "local", name: "my blocks", type: "memory" },
    property: "name",
    reason: /must match/,
  },
  {
    title: "an endpoint host the server cannot resolve",
    type: T,
    inputs: {
      kind: "remote",
      name: "bad-s3",
      type: "s3",
      s3: { ...s3, endpoint: "https://minio.dittofs.invalid:9000" },
    },
    property: "s3.endpoint",
    reason: /HTTP 400.*Invalid block store config.*resolve host/,
    serverOnly: true,
  },
  {
    title: "an fs directory the server cannot create",
    type: T,
    inputs: { kind: "local", name: "bad-fs", type: "fs", fs: { path: "/proc/dittofs-blocks" } },
    property: "fs.path",
    reason: /HTTP 400.*Invalid block store config.*failed to create block store directory/,
    serverOnly: true,
  },
];

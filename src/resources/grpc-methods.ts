/**
 * The provider's gRPC methods for the server's resources and its own configuration. `@pulumi/pulumi` 3.248's
 * provider server answers Configure without reading the configuration, has no CheckConfig or DiffConfig, no detailed
 * diff and no import-friendly Read; these replace its methods (src/plugin.ts installs them), while Construct (the
 * DittoServer component) stays the stock one.
 */
import * as grpc from "@grpc/grpc-js";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { checkInputs } from "./check";
import { inputSchemas } from "./common-inputs";
import { diffInputs, type ChangeKind } from "./diff";
import type { ResourceKind } from "./kind";
import {
  InitFailed,
  createResource,
  deleteResource,
  readResource,
  updateResource,
} from "./lifecycle";
import { apiOf, checkConfig, configure, diffConfig, type ConnectionState } from "./provider-config";
import { kindOf } from "./kinds";
import { sealBySchema, secretNames } from "./seal";
import { UNKNOWN, revealProperties, type Plain } from "./wire";

type Unary = (
  call: { request: any },
  callback: (error: unknown, response?: unknown) => void,
) => void;

const DIFF_KIND: Record<ChangeKind, provproto.PropertyDiff.Kind> = {
  add: provproto.PropertyDiff.Kind.ADD,
  "add-replace": provproto.PropertyDiff.Kind.ADD_REPLACE,
  delete: provproto.PropertyDiff.Kind.DELETE,
  "delete-replace": provproto.PropertyDiff.Kind.DELETE_REPLACE,
  update: provproto.PropertyDiff.Kind.UPDATE,
  "update-replace": provproto.PropertyDiff.Kind.UPDATE_REPLACE,
};

const toStruct = (value: Plain): structproto.Struct =>
  structproto.Struct.fromJavaScript(value as any);
const fromStruct = (struct: structproto.Struct | undefined): Plain =>
  (struct?.toJavaScript() as Plain | undefined) ?? {};

/** The type token of a request: its `type` field, else the last type of the URN (`...$dittofs:index:User::name`). */
function typeOf(request: { getType?: () => string; getUrn: () => string }): string {
  const type = request.getType?.();
  if (type) return type;
  const qualified = request.getUrn().split("::")[2] ?? "";
  return qualified.split("$").pop() ?? "";
}

function kindFor(request: { getType?: () => string; getUrn: () => string }): ResourceKind<any> {
  const token = typeOf(request);
  const kind = kindOf(token);
  if (!kind) throw new Error(`unknown resource type ${token}`);
  return kind;
}

/** An error as the engine shows it: the message only (ApiError messages carry the method, path, status, server text). */
function failure(e: unknown): { code: grpc.status; details: string; metadata?: grpc.Metadata } {
  const message = e instanceof Error ? e.message : String(e);
  if (!(e instanceof InitFailed)) return { code: grpc.status.UNKNOWN, details: message };
  const detail = new provproto.ErrorResourceInitFailed();
  detail.setId(e.id);
  detail.setProperties(toStruct(e.outputs));
  detail.setReasonsList(e.reasons);
  const packed = new anyproto.Any();
  packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
  const status = new statusproto.Status();
  status.setCode(grpc.status.UNKNOWN);
  status.setMessage(message);
  status.addDetails(packed);
  const metadata = new grpc.Metadata();
  metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

function unary<Req, Res>(handler: (request: Req) => Promise<Res>): Unary {
  return (call, callback) => {
    handler(call.request as Req).then(
      (response) => callback(null, response),
      (e: unknown) => {
        const f = failure(e);
        callback(f, undefined);
      },
    );
  };
}

/** Outputs of a kind, sealed: schema secrets, and whatever came in secret. */
function sealed(kind: ResourceKind<any>, plain: Plain, ...sources: Plain[]): structproto.Struct {
  return toStruct(
    sealBySchema(plain, { ...inputSchemas(kind), ...kind.outputs }, secretNames(...sources)),
  );
}

/** The methods that replace the stock ones, sharing one connection state per plugin process. */
export function resourceMethods(): Record<string, Unary> {
  let connection: ConnectionState = {
    kind: "missing",
    reason: "the dittofs provider was not configured",
  };

  return {
    checkConfig: unary(async (req: provproto.CheckRequest) => {
      const { inputs, failures } = checkConfig(fromStruct(req.getNews()));
      const resp = new provproto.CheckResponse();
      resp.setInputs(toStruct(inputs));
      resp.setFailuresList(failures.map(checkFailure));
      return resp;
    }),

    diffConfig: unary(async (req: provproto.DiffRequest) => {
      const olds = req.getOldInputs() ? fromStruct(req.getOldInputs()) : fromStruct(req.getOlds());
      const changed = diffConfig(olds, fromStruct(req.getNews()));
      const resp = new provproto.DiffResponse();
      resp.setChanges(
        changed.length > 0
          ? provproto.DiffResponse.DiffChanges.DIFF_SOME
          : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      resp.setDiffsList(changed);
      return resp;
    }),

    configure: unary(async (req: provproto.ConfigureRequest) => {
      const args = req.getArgs();
      const config: Plain = args
        ? fromStruct(args)
        : Object.fromEntries(req.getVariablesMap().getEntryList() as [string, string][]);
      connection = configure(config);
      const resp = new provproto.ConfigureResponse();
      resp.setAcceptsecrets(true);
      resp.setAcceptresources(true);
      resp.setAcceptoutputs(true);
      return resp;
    }),

    check: unary(async (req: provproto.CheckRequest) => {
      const kind = kindFor(req);
      const news = fromStruct(req.getNews());
      const { plain, secrets } = revealProperties(news);
      const { inputs, failures } = checkInputs(kind, plain);
      const resp = new provproto.CheckResponse();
      resp.setInputs(toStruct(sealBySchema(inputs, inputSchemas(kind), secrets)));
      resp.setFailuresList(failures.map(checkFailure));
      return resp;
    }),

    diff: unary(async (req: provproto.DiffRequest) => {
      const kind = kindFor(req);
      const olds = req.getOldInputs() ? fromStruct(req.getOldInputs()) : fromStruct(req.getOlds());
      const answer = diffInputs(kind, olds, fromStruct(req.getNews()));
      const keys = Object.keys(answer.changes);
      const resp = new provproto.DiffResponse();
      resp.setChanges(
        keys.length > 0
          ? provproto.DiffResponse.DiffChanges.DIFF_SOME
          : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      resp.setDiffsList(keys);
      resp.setReplacesList(answer.replaces);
      resp.setDeletebeforereplace(answer.deleteBeforeReplace);
      resp.setHasdetaileddiff(true);
      const detailed = resp.getDetaileddiffMap();
      for (const [key, change] of Object.entries(answer.changes)) {
        const d = new provproto.PropertyDiff();
        d.setKind(DIFF_KIND[change]);
        d.setInputdiff(true);
        detailed.set(key, d);
      }
      return resp;
    }),

    create: unary(async (req: provproto.CreateRequest) => {
      const kind = kindFor(req);
      const news = fromStruct(req.getProperties());
      const { plain } = revealProperties(news);
      const resp = new provproto.CreateResponse();
      if (req.getPreview()) {
        const computed = Object.fromEntries(
          Object.keys(kind.outputs ?? {}).map((k) => [k, UNKNOWN]),
        );
        resp.setProperties(sealed(kind, { ...plain, ...computed }, news));
        return resp;
      }
      const created = await createResource(kind, apiOf(connection), plain);
      resp.setId(created.id);
      resp.setProperties(sealed(kind, created.outputs, news));
      return resp;
    }),

    read: unary(async (req: provproto.ReadRequest) => {
      const kind = kindFor(req);
      const id = req.getId();
      const oldOutputs = fromStruct(req.getProperties());
      const oldInputs = fromStruct(req.getInputs());
      const known = revealProperties(
        Object.keys(oldInputs).length > 0 ? oldInputs : oldOutputs,
      ).plain;
      kind.keyOf(id);
      const found = await readResource(kind, apiOf(connection), id, known);
      const resp = new provproto.ReadResponse();
      if (!found) return resp; // no id: gone, the engine drops it from the state
      resp.setId(id);
      resp.setProperties(sealed(kind, found.outputs, oldOutputs, oldInputs));
      resp.setInputs(
        toStruct(sealBySchema(found.inputs, inputSchemas(kind), secretNames(oldInputs))),
      );
      return resp;
    }),

    update: unary(async (req: provproto.UpdateRequest) => {
      const kind = kindFor(req);
      const olds = fromStruct(req.getOlds());
      const news = fromStruct(req.getNews());
      const resp = new provproto.UpdateResponse();
      const oldPlain = revealProperties(olds).plain;
      const newPlain = revealProperties(news).plain;
      if (req.getPreview()) {
        const kept = Object.fromEntries(
          Object.keys(kind.outputs ?? {}).map((k) => [k, oldPlain[k]]),
        );
        resp.setProperties(sealed(kind, { ...kept, ...newPlain }, news));
        return resp;
      }
      const outputs = await updateResource(
        kind,
        apiOf(connection),
        req.getId(),
        oldPlain,
        newPlain,
      );
      resp.setProperties(sealed(kind, outputs, news));
      return resp;
    }),

    delete: unary(async (req: provproto.DeleteRequest) => {
      const kind = kindFor(req);
      const props = revealProperties(fromStruct(req.getProperties())).plain;
      await deleteResource(kind, apiOf(connection), req.getId(), props);
      return new emptyproto.Empty();
    }),
  };
}

function checkFailure(f: { property: string; reason: string }): provproto.CheckFailure {
  const out = new provproto.CheckFailure();
  out.setProperty(f.property);
  out.setReason(f.reason);
  return out;
}

/**
 * The dittofs plugin as the engine talks to it: the plugin process started from source (src/plugin.ts under
 * ts-node), and its ResourceProvider gRPC service called method by method with Struct values, secrets tagged as the
 * engine tags them.
 */
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { secret, type Plain } from "../../src/resources/wire";

const ROOT = path.join(__dirname, "..", "..");

export { secret };
export type Props = Plain;

export interface CheckAnswer {
  inputs: Props;
  failures: { property: string; reason: string }[];
}

export interface DiffAnswer {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
  detailed: Record<string, number>;
}

const urn = (type: string, name: string) => `urn:pulumi:test::dittofs::${type}::${name}`;
const struct = (p: Props) => structproto.Struct.fromJavaScript(p as any);
const plain = (s: structproto.Struct | undefined): Props => (s?.toJavaScript() as Props) ?? {};

/** Detailed diff kinds by property (provproto.PropertyDiff.Kind values). */
function detailedOf(res: provproto.DiffResponse): Record<string, number> {
  const out: Record<string, number> = {};
  res
    .getDetaileddiffMap()
    .forEach((v: provproto.PropertyDiff, k: string) => (out[k] = v.getKind()));
  return out;
}

export class PluginClient {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: ResourceProviderClient,
    /** Everything the plugin wrote to stderr (the leak scans read it). */
    readonly stderr: string[],
  ) {}

  static async start(): Promise<PluginClient> {
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "-e", "require('./src/plugin.ts')()"],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    const stderr: string[] = [];
    child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const line = out.split("\n")[0].trim();
        if (out.includes("\n") && /^\d+$/.test(line)) resolve(line);
      });
      child.on("exit", (code) =>
        reject(new Error(`plugin exited with ${code}: ${stderr.join("")}`)),
      );
    });
    const client = new ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    return new PluginClient(child, client, stderr);
  }

  private unary<Req, Res>(method: string, request: Req): Promise<Res> {
    return new Promise((resolve, reject) =>
      (this.client as any)[method](request, (err: grpc.ServiceError | null, res: Res) =>
        err
          ? reject(
              Object.assign(new Error(err.details), { code: err.code, metadata: err.metadata }),
            )
          : resolve(res),
      ),
    );
  }

  async checkConfig(news: Props): Promise<CheckAnswer> {
    const req = new provproto.CheckRequest();
    req.setUrn(urn("pulumi:providers:dittofs", "default"));
    req.setNews(struct(news));
    req.setOlds(struct({}));
    const res = await this.unary<provproto.CheckRequest, provproto.CheckResponse>(
      "checkConfig",
      req,
    );
    return {
      inputs: plain(res.getInputs()),
      failures: res
        .getFailuresList()
        .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async configure(args: Props): Promise<void> {
    const req = new provproto.ConfigureRequest();
    req.setArgs(struct(args));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    await this.unary("configure", req);
  }

  async check(type: string, news: Props, olds: Props = {}): Promise<CheckAnswer> {
    const req = new provproto.CheckRequest();
    req.setUrn(urn(type, "r"));
    req.setType(type);
    req.setNews(struct(news));
    req.setOlds(struct(olds));
    const res = await this.unary<provproto.CheckRequest, provproto.CheckResponse>("check", req);
    return {
      inputs: plain(res.getInputs()),
      failures: res
        .getFailuresList()
        .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(type: string, id: string, oldInputs: Props, news: Props): Promise<DiffAnswer> {
    const req = new provproto.DiffRequest();
    req.setUrn(urn(type, "r"));
    req.setType(type);
    req.setId(id);
    req.setOlds(struct(oldInputs));
    req.setOldInputs(struct(oldInputs));
    req.setNews(struct(news));
    const res = await this.unary<provproto.DiffRequest, provproto.DiffResponse>("diff", req);
    const changes = res.getChanges();
    return {
      changes:
        changes === provproto.DiffResponse.DiffChanges.DIFF_NONE
          ? "none"
          : changes === provproto.DiffResponse.DiffChanges.DIFF_SOME
            ? "some"
            : "unknown",
      replaces: res.getReplacesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
      detailed: detailedOf(res),
    };
  }

  async create(
    type: string,
    props: Props,
    preview = false,
  ): Promise<{ id: string; outputs: Props }> {
    const req = new provproto.CreateRequest();
    req.setUrn(urn(type, "r"));
    req.setType(type);
    req.setProperties(struct(props));
    req.setPreview(preview);
    const res = await this.unary<provproto.CreateRequest, provproto.CreateResponse>("create", req);
    return { id: res.getId(), outputs: plain(res.getProperties()) };
  }

  async read(
    type: string,
    id: string,
    outputs: Props = {},
    inputs: Props = {},
  ): Promise<{ id: string; outputs: Props; inputs: Props }> {
    const req = new provproto.ReadRequest();
    req.setUrn(urn(type, "r"));
    req.setType(type);
    req.setId(id);
    req.setProperties(struct(outputs));
    req.setInputs(struct(inputs));
    const res = await this.unary<provproto.ReadRequest, provproto.ReadResponse>("read", req);
    return { id: res.getId(), outputs: plain(res.getProperties()), inputs: plain(res.getInputs()) };
  }

  async update(
    type: string,
    id: string,
    olds: Props,
    news: Props,
    preview = false,
  ): Promise<Props> {
    const req = new provproto.UpdateRequest();
    req.setUrn(urn(type, "r"));
    req.setType(type);
    req.setId(id);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    req.setPreview(preview);
    const res = await this.unary<provproto.UpdateRequest, provproto.UpdateResponse>("update", req);
    return plain(res.getProperties());
  }

  async delete(type: string, id: string, outputs: Props): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setUrn(urn(type, "r"));
    req.setType(type);
    req.setId(id);
    req.setProperties(struct(outputs));
    await this.unary("delete", req);
  }

  /** Check that must pass, as `pulumi up` runs it first: the checked inputs. */
  async checked(type: string, news: Props): Promise<Props> {
    const c = await this.check(type, news);
    if (c.failures.length > 0)
      throw new Error(`${type}: check failed: ${JSON.stringify(c.failures)}`);
    return c.inputs;
  }

  /** Check, then create, as `pulumi up` does; the state's inputs and outputs. */
  async make(type: string, news: Props): Promise<{ id: string; inputs: Props; outputs: Props }> {
    const inputs = await this.checked(type, news);
    const created = await this.create(type, inputs);
    return { id: created.id, inputs, outputs: created.outputs };
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once("exit", r));
      this.child.kill();
      await exited;
    }
  }
}

/** Failing calls' messages, kept for a suite's final leak scan. */
export function failureRecorder(): {
  errors: string[];
  failureOf(p: Promise<unknown>): Promise<string>;
} {
  const errors: string[] = [];
  return {
    errors,
    async failureOf(p) {
      try {
        await p;
      } catch (e) {
        errors.push((e as Error).message);
        return (e as Error).message;
      }
      throw new Error("expected the call to fail");
    },
  };
}

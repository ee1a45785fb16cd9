/** A Pulumi project driven through the real CLI, with a per-run local backend. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { K8S_PROVIDER_VERSION, RANDOM_PROVIDER_VERSION, TC, pulumiEnv } from "./toolchain";
import { must, runAsync, runSync, type Result } from "./shell";

const COMMON = ["--non-interactive", "--color=never"];

export class Stack {
  readonly env: NodeJS.ProcessEnv;
  private stackFile?: string;

  /** Removes the stack's config file from the project folder. */
  cleanup(): void {
    if (this.stackFile) fs.rmSync(this.stackFile, { force: true });
  }

  constructor(
    readonly dir: string,
    stateDir: string,
    kubeconfig?: string,
  ) {
    fs.mkdirSync(stateDir, { recursive: true });
    this.env = pulumiEnv(stateDir, kubeconfig);
  }

  pulumi(...args: string[]): Result {
    return runSync("pulumi", [...args, ...COMMON], { cwd: this.dir, env: this.env });
  }

  pulumiAsync(...args: string[]): Promise<Result> {
    return runAsync("pulumi", [...args, ...COMMON], { cwd: this.dir, env: this.env });
  }

  /** Installs the providers from the toolchain (never downloaded), then creates the stack. */
  init(stack = "e2e"): this {
    // A stack's config lives beside the project: start from none, whatever an earlier run left.
    fs.rmSync(path.join(this.dir, `Pulumi.${stack}.yaml`), { force: true });
    this.stackFile = path.join(this.dir, `Pulumi.${stack}.yaml`);
    for (const [name, version] of [
      ["kubernetes", K8S_PROVIDER_VERSION],
      ["random", RANDOM_PROVIDER_VERSION],
    ]) {
      if (!fs.existsSync(path.join(TC, "pulumi-home", "plugins", `resource-${name}-v${version}`))) {
        const file = path.join(TC, "providers", `pulumi-resource-${name}`);
        // From a neutral folder: the CLI refuses plugin commands where Pulumi.yaml and PulumiPlugin.yaml sit together.
        const install = ["plugin", "install", "resource", name, version, "--file", file, ...COMMON];
        must(runSync("pulumi", install, { cwd: os.tmpdir(), env: this.env }), `install ${name}`);
      }
    }
    must(this.pulumi("stack", "init", stack, "--secrets-provider=passphrase"), "stack init");
    return this;
  }

  config(key: string, value: string, secret = false): this {
    must(
      this.pulumi("config", "set", ...(secret ? ["--secret"] : []), key, value),
      `config set ${key}`,
    );
    return this;
  }

  preview(): Result {
    return must(this.pulumi("preview", "--diff", "--suppress-progress"), "preview");
  }

  up(...extra: string[]): Result {
    return must(
      this.pulumi("up", "--yes", "--skip-preview", "--suppress-progress", ...extra),
      "up",
    );
  }

  outputs(): Record<string, unknown> {
    return JSON.parse(
      must(this.pulumi("stack", "output", "--json", "--show-secrets"), "stack output").stdout,
    );
  }
}

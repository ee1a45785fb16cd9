import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { deploy, deployV029 } from "../helpers/component";
import { fakeRandom, putClusterSecret, valueOf } from "../helpers/mocks";
import { captureWarnings } from "../helpers/mocked-program";
import { MINIMAL } from "../helpers/specs";

/** The outputs a `dittofs.Provider` is wired from: where the API answers, and how the admin logs in. */
async function login(d: Awaited<ReturnType<typeof deploy>>) {
  const [apiUrl, adminUsername, adminPassword] = await Promise.all([
    valueOf(d.server.apiUrl),
    valueOf(d.server.adminUsername),
    valueOf(d.server.adminPassword),
  ]);
  expect(await pulumi.isSecret(d.server.adminPassword), "adminPassword is secret").to.equal(true);
  return { apiUrl, adminUsername, adminPassword };
}

describe("DittoServer outputs that wire a dittofs.Provider", () => {
  const warnings = captureWarnings();

  it("2026-02 defaults: the API Service over HTTP, admin, the generated initial password", async () => {
    const d = await deploy("wired", { ...MINIMAL });
    expect(await login(d)).to.deep.equal({
      apiUrl: "http://wired-api.default.svc.cluster.local:8080",
      adminUsername: "admin",
      adminPassword: fakeRandom("wired-admin-password", 24),
    });
  });

  it("v0.29 defaults: the same, from the v0.29 model", async () => {
    const d = await deployV029("wired29", { ...MINIMAL });
    expect(await login(d)).to.deep.equal({
      apiUrl: "http://wired29-api.default.svc.cluster.local:8080",
      adminUsername: "admin",
      adminPassword: fakeRandom("wired29-admin-password", 24),
    });
  });

  it("a password passed in secretValues, a custom username and API port", async () => {
    const d = await deploy("passed", {
      ...MINIMAL,
      namespace: "files",
      controlPlane: { port: 8181 },
      identity: { admin: { username: "root-admin" } },
      secretValues: { adminInitialPassword: pulumi.secret("Passed-In-Password-1") },
    });
    expect(await login(d)).to.deep.equal({
      apiUrl: "http://passed-api.files.svc.cluster.local:8181",
      adminUsername: "root-admin",
      adminPassword: "Passed-In-Password-1",
    });
  });

  it("2026-02: the initial password from the user's Secret (initialPasswordSecretRef)", async () => {
    putClusterSecret("default", "admin-creds", { initial: "From-The-Secret-1" });
    const d = await deploy("fromref", {
      ...MINIMAL,
      identity: { admin: { initialPasswordSecretRef: { name: "admin-creds", key: "initial" } } },
    });
    expect((await login(d)).adminPassword).to.equal("From-The-Secret-1");
  });

  it("v0.29: the password from the user's Secret (passwordSecretRef), HTTPS when the API serves TLS", async () => {
    const d = await deployV029(
      "tls29",
      {
        ...MINIMAL,
        controlPlane: { certSecretName: "api-cert" },
        identity: { admin: { passwordSecretRef: { name: "admin-creds", key: "pw" } } },
      },
      {
        "admin-creds": { pw: "V029-From-Secret-1" },
        "api-cert": { "tls.crt": "certificate", "tls.key": "key" },
      },
    );
    expect(await login(d)).to.deep.equal({
      apiUrl: "https://tls29-api.default.svc.cluster.local:8080",
      adminUsername: "admin",
      adminPassword: "V029-From-Secret-1",
    });
    expect(warnings.messages.join("\n")).to.include("controlPlane.certSecretName is set");
  });
});

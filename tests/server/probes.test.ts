/**
 * The probe runner and the socket table reader of the server contract tests (runs in `npm test`, no server needed):
 * HTTPS probes pass without verifying the certificate as the kubelet's do, tcpSocket probes need a listener, and the
 * listeners of a process are read with their protocol and whether they are loopback-only.
 */
import { expect } from "chai";
import * as dgram from "dgram";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as net from "net";
import type { AddressInfo } from "net";
import { httpRequest, isListening, listeningSockets, runProbe } from "./probes";
import { pkiUnavailable, serviceDnsNames, TestPki } from "./test-pki";

type Server = http.Server | net.Server;

const listen = <S extends Server>(server: S, host: string): Promise<number> =>
  new Promise((resolve) =>
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port)),
  );
const close = (server: Server) => new Promise((r) => server.close(r));

describe("server contract: probes and listeners", () => {
  const container = { ports: [{ name: "api", containerPort: 1 }] };

  describe("HTTPS", function () {
    const noPki = pkiUnavailable();
    let pki: TestPki;
    let server: https.Server;
    let port = 0;

    before(async function () {
      if (noPki) {
        console.log(`      skipped: ${noPki}`);
        this.skip();
      }
      this.timeout(20000);
      pki = new TestPki();
      const pair = pki.server(serviceDnsNames("x-api", "default"));
      server = https.createServer(pair, (req, res) => {
        res.writeHead(req.url === "/health" ? 200 : 503).end("ok");
      });
      port = await listen(server, "127.0.0.1");
    });
    after(async () => {
      if (server) await close(server);
      pki?.dispose();
    });

    it("an HTTPS probe passes without trusting the certificate; an HTTP probe on it does not", async () => {
      const probe = (scheme?: string) => ({
        httpGet: { path: "/health", port, ...(scheme ? { scheme } : {}) },
      });
      expect(await runProbe(probe("HTTPS"), container, "127.0.0.1", "p")).to.match(
        /HTTPS GET .* 200/,
      );
      let failed = false;
      await runProbe(probe(), container, "127.0.0.1", "p").catch(() => (failed = true));
      expect(failed, "HTTP to an HTTPS port").to.equal(true);
    });

    it("a failing path fails the probe", async () => {
      const probe = { httpGet: { path: "/ready", port, scheme: "HTTPS" } };
      let message = "";
      await runProbe(probe, container, "127.0.0.1", "readinessProbe").catch(
        (e) => (message = e.message),
      );
      expect(message).to.equal("readinessProbe: GET /ready → 503");
    });

    it("a client verifies the certificate against the CA and the Service name it asked for", async () => {
      const ok = await httpRequest("127.0.0.1", port, "GET", "/health", {
        tls: { ca: pki.caCert, servername: "x-api.default.svc" },
      });
      expect(ok.status).to.equal(200);
      const wrongName = httpRequest("127.0.0.1", port, "GET", "/health", {
        tls: { ca: pki.caCert, servername: "y-api.default.svc" },
      });
      let code = "";
      await wrongName.catch((e) => (code = e.code));
      expect(code).to.equal("ERR_TLS_CERT_ALTNAME_INVALID");
    });
  });

  it("a tcpSocket probe needs a listener on its port", async () => {
    const server = net.createServer((s) => s.end());
    const port = await listen(server, "127.0.0.1");
    expect(await runProbe({ tcpSocket: { port } }, container, "127.0.0.1", "p")).to.equal(
      `TCP :${port} open`,
    );
    await close(server);
    let message = "";
    await runProbe({ tcpSocket: { port } }, container, "127.0.0.1", "p").catch(
      (e) => (message = e.message),
    );
    expect(message).to.equal(`p: nothing accepts TCP on ${port}`);
  });

  it("reads a process's TCP and UDP listeners, loopback-only ones marked", async function () {
    if (!fs.existsSync(`/proc/${process.pid}/net/tcp`)) {
      console.log("      skipped: no /proc/<pid>/net (not Linux)");
      this.skip();
    }
    const loopback = net.createServer();
    const everywhere = net.createServer();
    const udp = dgram.createSocket("udp4");
    const lo = await listen(loopback, "127.0.0.1");
    const any = await listen(everywhere, "0.0.0.0");
    const udpPort = await new Promise<number>((r) =>
      udp.bind(0, "0.0.0.0", () => r(udp.address().port)),
    );
    try {
      const sockets = listeningSockets(process.pid);
      expect(sockets).to.deep.include({ protocol: "TCP", port: lo, loopback: true });
      expect(sockets).to.deep.include({ protocol: "TCP", port: any, loopback: false });
      expect(sockets).to.deep.include({ protocol: "UDP", port: udpPort, loopback: false });
      expect(isListening(sockets, "TCP", lo), "loopback-only is not reachable").to.equal(false);
      expect(isListening(sockets, "TCP", any)).to.equal(true);
      expect(isListening(sockets, "UDP", any), "a TCP listener is not a UDP one").to.equal(false);
    } finally {
      await close(loopback);
      await close(everywhere);
      udp.close();
    }
  });
});

import { expect } from "chai";
import { seg } from "../../src/resources/api-client";

// Go's url.URL keeps a raw path only when it differs from Go's own escaping; the router then passes still-escaped
// segments to handlers that do not unescape them. seg() must escape exactly what Go escapes in a path, and `/`.
describe("seg: a path segment escaped as the server's Go router expects", () => {
  it("leaves what Go leaves in a path (so the router hands over the decoded name)", () => {
    expect(seg("first.last+x@corp")).to.equal("first.last+x@corp");
    expect(seg("a$b&c,d:e;f=g~h_i-j")).to.equal("a$b&c,d:e;f=g~h_i-j");
  });

  it("escapes what Go escapes, in its upper-case hex", () => {
    expect(seg("a b!c'd(e)f*g")).to.equal("a%20b%21c%27d%28e%29f%2Ag");
    expect(seg("50%?#")).to.equal("50%25%3F%23");
    expect(seg("é")).to.equal("%C3%A9");
  });

  it("escapes a slash, which would split the segment", () => {
    expect(seg("/export")).to.equal("%2Fexport");
    expect(seg("nfs/host@EXAMPLE.COM")).to.equal("nfs%2Fhost@EXAMPLE.COM");
  });

  it("round-trips through decodeURIComponent", () => {
    for (const v of ["/export", "a b!c'd(e)f*g", "first.last+x@corp", "50%?#", "CORP\\\\alice"])
      expect(decodeURIComponent(seg(v))).to.equal(v);
  });
});

import { expect } from "chai";
import { seg } from "../../src/resources/api-client";

// Go's url.URL keeps a raw path only when it differs from Go's own escaping; the router then passes still-escaped
// segments to handlers that do not unescape them. seg() must escape exactly what Go escapes in a path, and `/`.
describe("seg: a path segment escaped as the server's Go router expects", () => {
  it("leaves what Go leaves in a path", () => {
    expect(seg("alice@corp")).to.equal("alice@corp");
    expect(seg("a-b_c.d~e$f&g+h,i:j;k=l")).to.equal("a-b_c.d~e$f&g+h,i:j;k=l");
  });

  it("escapes the rest, `/` included, in upper-case hex and UTF-8", () => {
    expect(seg("a b")).to.equal("a%20b");
    expect(seg("/export")).to.equal("%2Fexport");
    expect(seg("50%?#")).to.equal("50%25%3F%23");
    expect(seg("é")).to.equal("%C3%A9");
  });
});

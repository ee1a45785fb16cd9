/**
 * Just enough of Python and Go to read the DittoServer the examples construct: SDK args classes (objects), dict /
 * map literals (maps), and anything else as an opaque leaf.
 */

export type Node =
  | { kind: "object"; type: string; props: Record<string, Node> }
  | { kind: "map"; entries: Record<string, Node> }
  | { kind: "leaf"; text: string };

export interface ParsedExample {
  /** The DittoServer's args. */
  server: Node;
  /** Stack output names, in order. */
  exports: string[];
}

type Token = { t: "name" | "str" | "num" | "op"; v: string };

function tokenize(src: string, lineComment: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (src.startsWith(lineComment, i)) {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (src.startsWith('"""', i)) {
      const end = src.indexOf('"""', i + 3);
      out.push({ t: "str", v: src.slice(i + 3, end) });
      i = end + 3;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      out.push({ t: "str", v: src.slice(i + 1, j) });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i))!;
      out.push({ t: "name", v: m[0] });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9.]*/.exec(src.slice(i))!;
      out.push({ t: "num", v: m[0] });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      const op = [":=", "==", "!=", "&&", "||"].includes(two) ? two : c;
      out.push({ t: "op", v: op });
      i += op.length;
    }
  }
  return out;
}

class Parser {
  i = 0;
  constructor(
    readonly tokens: Token[],
    readonly sdkPrefix: string,
  ) {}

  peek(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }
  next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new Error("unexpected end of example");
    return t;
  }
  expect(v: string): void {
    const t = this.next();
    if (t.v !== v) throw new Error(`expected ${v}, found ${t.v}`);
  }
  /** Moves past the first `name` token equal to `name` followed by `(`. */
  seekCall(name: string): void {
    while (this.i < this.tokens.length) {
      if (this.peek()?.t === "name" && this.peek()?.v === name && this.peek(1)?.v === "(") {
        this.i += 2;
        return;
      }
      this.i++;
    }
    throw new Error(`no call to ${name}`);
  }
  /** An opaque expression: tokens up to a `,` or an unmatched closing bracket. */
  leaf(): Node {
    const start = this.i;
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (depth === 0 && (t.v === "," || t.v === ")" || t.v === "}" || t.v === "]")) break;
      if (["(", "{", "["].includes(t.v)) depth++;
      if ([")", "}", "]"].includes(t.v)) depth--;
      this.i++;
    }
    return {
      kind: "leaf",
      text: this.tokens
        .slice(start, this.i)
        .map((t) => t.v)
        .join(" "),
    };
  }
  /** `{ "key": value, ... }` after the opening brace. */
  mapEntries(value: () => Node): Node {
    const entries: Record<string, Node> = {};
    while (this.peek()?.v !== "}") {
      const key = this.next();
      if (key.t !== "str") throw new Error(`map key must be a string literal, found ${key.v}`);
      this.expect(":");
      entries[key.v] = value();
      if (this.peek()?.v === ",") this.next();
    }
    this.expect("}");
    return { kind: "map", entries };
  }
}

/** `pulumi_dittofs` imported as `dittofs`: `dittofs.DittoServer("demo", key=value, ...)`. */
export function parsePythonExample(src: string): ParsedExample {
  const p = new Parser(tokenize(src, "#"), "dittofs.");
  const value = (): Node => {
    const t = p.peek();
    if (t?.v === "{") {
      p.next();
      return p.mapEntries(value);
    }
    if (t?.t === "name" && t.v.startsWith(p.sdkPrefix) && p.peek(1)?.v === "(") {
      p.i += 2;
      return call(t.v.slice(p.sdkPrefix.length));
    }
    return p.leaf();
  };
  /** Keyword arguments of a call, after its `(`; positional ones are skipped. */
  const call = (type: string): Node => {
    const props: Record<string, Node> = {};
    while (p.peek()?.v !== ")") {
      if (p.peek()?.t === "name" && p.peek(1)?.v === "=") {
        const key = p.next().v;
        p.next();
        props[key] = value();
      } else {
        p.leaf();
      }
      if (p.peek()?.v === ",") p.next();
    }
    p.expect(")");
    return { kind: "object", type, props };
  };
  p.seekCall("dittofs.DittoServer");
  const server = call("DittoServer");
  const exports = [...src.matchAll(/^pulumi\.export\("(\w+)"/gm)].map((m) => m[1]);
  return { server, exports };
}

/** `dittofs.NewDittoServer(ctx, "demo", &dittofs.DittoServerArgs{Field: value, ...})`. */
export function parseGoExample(src: string): ParsedExample {
  const p = new Parser(tokenize(src, "//"), "dittofs.");
  const value = (): Node => {
    if (p.peek()?.v === "&") p.next();
    const t = p.peek();
    if (t?.t === "name" && p.peek(1)?.v === "{") {
      p.i += 2;
      if (t.v.startsWith(p.sdkPrefix)) return struct(t.v.slice(p.sdkPrefix.length));
      return p.mapEntries(value);
    }
    return p.leaf();
  };
  /** `Field: value` pairs of a struct literal, after its `{`. */
  const struct = (type: string): Node => {
    const props: Record<string, Node> = {};
    while (p.peek()?.v !== "}") {
      const key = p.next();
      if (key.t !== "name") throw new Error(`expected a field name, found ${key.v}`);
      p.expect(":");
      props[key.v] = value();
      if (p.peek()?.v === ",") p.next();
    }
    p.expect("}");
    return { kind: "object", type, props };
  };
  p.seekCall("dittofs.NewDittoServer");
  p.leaf(); // ctx
  p.expect(",");
  p.leaf(); // the name
  p.expect(",");
  const server = value();
  const exports = [...src.matchAll(/ctx\.Export\("(\w+)"/g)].map((m) => m[1]);
  return { server, exports };
}

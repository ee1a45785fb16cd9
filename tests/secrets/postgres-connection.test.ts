/**
 * parsePostgresConnection (operator-behavior.md §10.2.4): a URL or a libpq key=value string → the six parts the
 * server reads. Errors must never carry the password or the input text.
 */
import { expect } from "chai";
import {
  parsePostgresConnection,
  PostgresConnectionError,
  type PostgresParts,
} from "../../src/secrets/postgres-connection";

function parts(p: Partial<PostgresParts>): PostgresParts {
  return { host: "", port: "5432", database: "", user: "", password: "", sslmode: "", ...p };
}

/** Parses `input`, expects a PostgresConnectionError, and checks the message leaks neither input nor password. */
function parseError(input: string, secret?: string): string {
  let caught: unknown;
  try {
    parsePostgresConnection(input);
  } catch (e) {
    caught = e;
  }
  expect(caught, `no error for ${JSON.stringify(input)}`).to.be.instanceOf(PostgresConnectionError);
  const message = (caught as Error).message;
  expect(message).to.be.a("string").and.not.equal("");
  if (input.trim() !== "") expect(message).to.not.include(input.trim());
  if (secret !== undefined) expect(message).to.not.include(secret);
  return message;
}

describe("parsePostgresConnection: URL form", () => {
  it("splits a postgres:// URL into host, port, database, user, password and sslmode", () => {
    expect(
      parsePostgresConnection("postgres://dittofs:pw@pg.example.com:6543/ditto?sslmode=require"),
    ).to.deep.equal(
      parts({
        host: "pg.example.com",
        port: "6543",
        database: "ditto",
        user: "dittofs",
        password: "pw",
        sslmode: "require",
      }),
    );
  });

  it("accepts the postgresql:// scheme the same way", () => {
    expect(parsePostgresConnection("postgresql://u:p@db:5433/app?sslmode=disable")).to.deep.equal(
      parts({
        host: "db",
        port: "5433",
        database: "app",
        user: "u",
        password: "p",
        sslmode: "disable",
      }),
    );
  });

  it("decodes a percent-encoded user and password", () => {
    const got = parsePostgresConnection("postgres://us%40er:p%40ss%3Aw%2Frd%3F%23%20x@db/app");
    expect(got.user).to.equal("us@er");
    expect(got.password).to.equal("p@ss:w/rd?# x");
  });

  it("decodes a percent-encoded database name", () => {
    expect(parsePostgresConnection("postgres://u:p@db/my%20db").database).to.equal("my db");
  });

  it("takes an IPv6 host in brackets and returns it without the brackets", () => {
    const got = parsePostgresConnection("postgres://u:p@[2001:db8::1]:6543/app");
    expect(got.host).to.equal("2001:db8::1");
    expect(got.port).to.equal("6543");
  });

  it("uses port 5432 when the URL has no port", () => {
    expect(parsePostgresConnection("postgres://u:p@db/app").port).to.equal("5432");
  });

  it("uses port 5432 for an IPv6 host without a port", () => {
    const got = parsePostgresConnection("postgres://u:p@[::1]/app");
    expect(got.host).to.equal("::1");
    expect(got.port).to.equal("5432");
  });

  it("reads sslmode from the query among other parameters", () => {
    const got = parsePostgresConnection(
      "postgres://u:p@db/app?connect_timeout=10&sslmode=verify-full&application_name=x",
    );
    expect(got.sslmode).to.equal("verify-full");
  });

  it("leaves sslmode empty when the query has none", () => {
    expect(parsePostgresConnection("postgres://u:p@db/app?connect_timeout=10").sslmode).to.equal(
      "",
    );
  });

  it("leaves the password empty when the URL has none", () => {
    expect(parsePostgresConnection("postgres://u@db/app").password).to.equal("");
  });

  it("ignores whitespace around the value", () => {
    expect(parsePostgresConnection("  postgres://u:p@db/app\n").host).to.equal("db");
  });
});

describe("parsePostgresConnection: libpq key=value form", () => {
  it("splits plain key=value pairs", () => {
    expect(
      parsePostgresConnection(
        "host=db.example.com port=6543 dbname=app user=me password=secret sslmode=require",
      ),
    ).to.deep.equal(
      parts({
        host: "db.example.com",
        port: "6543",
        database: "app",
        user: "me",
        password: "secret",
        sslmode: "require",
      }),
    );
  });

  it("maps dbname to database", () => {
    expect(parsePostgresConnection("host=h dbname=the_db user=u").database).to.equal("the_db");
  });

  it("uses port 5432 when no port is given", () => {
    expect(parsePostgresConnection("host=h dbname=d user=u").port).to.equal("5432");
  });

  it("leaves sslmode and password empty when they are not given", () => {
    const got = parsePostgresConnection("host=h dbname=d user=u");
    expect(got.sslmode).to.equal("");
    expect(got.password).to.equal("");
  });

  it("reads a quoted value with spaces", () => {
    expect(
      parsePostgresConnection("host=h dbname=d user=u password='with some spaces'").password,
    ).to.equal("with some spaces");
  });

  it("unescapes backslash-escaped quotes inside a quoted value", () => {
    expect(
      parsePostgresConnection("host=h dbname=d user=u password='it\\'s a \\'test\\''").password,
    ).to.equal("it's a 'test'");
  });

  it("unescapes a backslash-escaped backslash inside a quoted value", () => {
    expect(parsePostgresConnection("host=h dbname=d user=u password='a\\\\b'").password).to.equal(
      "a\\b",
    );
  });

  it("accepts an empty quoted value", () => {
    expect(parsePostgresConnection("host=h dbname=d user=u password=''").password).to.equal("");
  });

  it("allows spaces around the equals sign", () => {
    const got = parsePostgresConnection("host = h  dbname =d user= u");
    expect([got.host, got.database, got.user]).to.deep.equal(["h", "d", "u"]);
  });

  it("falls back to hostaddr when host is absent", () => {
    expect(parsePostgresConnection("hostaddr=10.0.0.5 dbname=d user=u").host).to.equal("10.0.0.5");
  });
});

describe("parsePostgresConnection: errors", () => {
  it("rejects a URL without a host", () => {
    parseError("postgres://u:topsecret@/app", "topsecret");
  });

  it("rejects a URL without a database", () => {
    expect(parseError("postgres://u:topsecret@db:5432", "topsecret")).to.match(/database/);
  });

  it("rejects a URL without a user", () => {
    expect(parseError("postgres://db:5432/app")).to.match(/user/);
  });

  it("rejects key=value pairs without a host", () => {
    expect(parseError("dbname=d user=u password=topsecret", "topsecret")).to.match(/host/);
  });

  it("rejects key=value pairs without a database", () => {
    expect(parseError("host=h user=u password=topsecret", "topsecret")).to.match(/database/);
  });

  it("rejects key=value pairs without a user", () => {
    expect(parseError("host=h dbname=d password=topsecret", "topsecret")).to.match(/user/);
  });

  it("rejects a URL port above 65535", () => {
    parseError("postgres://u:topsecret@db:70000/app", "topsecret");
  });

  it("rejects a URL port that is not a number", () => {
    parseError("postgres://u:topsecret@db:abc/app", "topsecret");
  });

  it("rejects port 0 in a URL", () => {
    expect(parseError("postgres://u:topsecret@db:0/app", "topsecret")).to.match(/port/);
  });

  it("rejects a key=value port that is not a number", () => {
    expect(parseError("host=h port=abc dbname=d user=u password=topsecret", "topsecret")).to.match(
      /port/,
    );
  });

  it("rejects a key=value port above 65535", () => {
    expect(
      parseError("host=h port=65536 dbname=d user=u password=topsecret", "topsecret"),
    ).to.match(/port/);
  });

  it("rejects an unterminated quoted value without echoing it", () => {
    expect(parseError("host=h dbname=d user=u password='topsecret", "topsecret")).to.match(
      /unterminated/,
    );
  });

  it("rejects a quoted value whose closing quote is escaped", () => {
    parseError("host=h dbname=d user=u password='topsecret\\'", "topsecret");
  });

  it("rejects an invalid percent-encoding in the password", () => {
    parseError("postgres://u:top%ZZsecret@db/app", "top%ZZsecret");
  });

  it("rejects free text", () => {
    parseError("this is not a connection string");
  });

  it("rejects another database's URL scheme", () => {
    parseError("mysql://u:topsecret@db/app", "topsecret");
  });

  it("rejects a key without a value separator", () => {
    parseError("host=h dbname=d user=u topsecret", "topsecret");
  });

  it("rejects an empty string", () => {
    parseError("");
  });
});

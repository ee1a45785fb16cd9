/** The init container that waits for Percona's PostgreSQL; the script text is the operator's, byte for byte. */
import type * as k8s from "@pulumi/kubernetes";
import { PERCONA } from "../defaults";

export const WAIT_FOR_POSTGRES_SCRIPT = `echo "Waiting for PostgreSQL at $PGHOST:$PGPORT..."
timeout=300
elapsed=0
while ! pg_isready -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$PGDATABASE" -t 5; do
  echo "PostgreSQL not ready, waiting... ($elapsed/$timeout seconds)"
  sleep 2
  elapsed=$((elapsed + 2))
  if [ $elapsed -ge $timeout ]; then
    echo "Timeout waiting for PostgreSQL"
    exit 1
  fi
done
echo "PostgreSQL is ready!"`;

/** `secret`: Percona's user Secret for the server's database user. */
export function waitForPostgres(secret: string): k8s.types.input.core.v1.Container {
  const env = (name: string, key: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key } },
  });
  return {
    name: "wait-for-postgres",
    image: PERCONA.initImage,
    command: ["/bin/sh", "-c", WAIT_FOR_POSTGRES_SCRIPT],
    env: [
      env("PGHOST", "host"),
      env("PGPORT", "port"),
      env("PGUSER", "user"),
      env("PGPASSWORD", "password"),
      env("PGDATABASE", "dbname"),
    ],
  };
}

// local-env:// (score-compose's environment provisioner), made pure: instead of reading the process
// environment at compile time, each requested output becomes a reference the target renders (Compose:
// `${NAME}`, resolved by `docker compose` from the user's environment or .env); the names asked for go
// into a .env skeleton.
import { envRefToken } from "../emit/env-refs.js";
import type { ProvisionerRunner } from "./provision-context.js";

export const ENV_KEYS_FRAGMENT = "envKeys";

export const runLocalEnv: ProvisionerRunner = () => {
  const asked = new Set<string>();
  const fragments: Record<string, unknown> = { [ENV_KEYS_FRAGMENT]: asked };
  return {
    outputs: {},
    fragments,
    dynamicOutput: (name) => {
      asked.add(name);
      return envRefToken(name);
    },
  };
};

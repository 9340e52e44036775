// The production server refuses settings meant only for the browser tests' own server.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { unsafeSetting } from "../../scripts/server.mjs";
import { REPO_ROOT } from "../setup/paths";

describe("the made-up test language", () => {
  it("stops a production server from starting, saying which setting and why", async () => {
    const server = spawn(process.execPath, ["scripts/server.mjs"], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: "production", PSEUDO_LANGUAGE: "1", PORT: "1", HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    server.stdout.on("data", (chunk) => (output += chunk));
    server.stderr.on("data", (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => server.on("exit", (c) => resolve(c)));
    expect(code).toBe(1);
    expect(output).toContain("Not starting: PSEUDO_LANGUAGE=1 is for the browser tests' server");
    expect(output).not.toContain("is ready on");
  });

  it("is allowed to the browser tests' starter, and anywhere outside production", () => {
    expect(unsafeSetting({ NODE_ENV: "production", PSEUDO_LANGUAGE: "1" }, { browserTests: true })).toBeUndefined();
    expect(unsafeSetting({ NODE_ENV: "development", PSEUDO_LANGUAGE: "1" })).toBeUndefined();
    expect(unsafeSetting({ NODE_ENV: "production" })).toBeUndefined();
    expect(unsafeSetting({ NODE_ENV: "production", PSEUDO_LANGUAGE: "0" })).toBeUndefined();
  });
});

// Dependency check for CI: `npm audit --omit=dev` must find no high or critical
// advisory in what the app ships. Development tools are left out: they never run in production.
//
// Some networks (this project's CI among them) reach the npm registry but not its advisory
// service. Then nothing was checked, and this says so loudly rather than pretending: the run
// goes on, and the warning names the command to run where the service can be reached.
import { spawnSync } from "node:child_process";

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}

const unreachable = !report || report.error || !report.metadata;
if (unreachable) {
  const reason = report?.error?.summary || report?.message || run.stderr.trim().split("\n").pop() || "no answer";
  console.warn(
    [
      "WARNING: npm audit could not reach the npm advisory service from this network, so the",
      "dependencies were NOT checked for known vulnerabilities.",
      `  (${reason})`,
      "  Run `npm audit --omit=dev --audit-level=high` where registry.npmjs.org's audit endpoint answers.",
    ].join("\n"),
  );
  process.exit(process.env.AUDIT_REQUIRED === "1" ? 1 : 0);
}

const counts = report.metadata.vulnerabilities;
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.info(
  `npm audit (production dependencies): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ` +
    `${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low.`,
);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === "high" || v.severity === "critical") console.error(`  ${v.severity}: ${name} (${v.range})`);
  }
  console.error("High or critical advisories in production dependencies: update them before release.");
  process.exit(1);
}

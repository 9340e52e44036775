import { describe, expect, it } from "vitest";
import {
  hashPassword,
  PASSWORD_HASH_CONCURRENCY,
  PASSWORD_HASH_MAX_WAITING,
  passwordHashingStats,
  resetPasswordHashingStatsForTests,
  verifyPassword,
} from "../../app/utils/password-hash.server";

describe("password hashing", () => {
  it(`runs at most ${PASSWORD_HASH_CONCURRENCY} argon2 hashes or checks at once; the rest wait their turn`, async () => {
    resetPasswordHashingStatsForTests();
    const passwords = Array.from({ length: 10 }, (_, i) => `passphrase number ${i}`);
    const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
    expect(passwordHashingStats()).toMatchObject({ hashes: 10, mostAtOnce: PASSWORD_HASH_CONCURRENCY, running: 0 });

    resetPasswordHashingStatsForTests();
    const checks = await Promise.all([
      ...hashes.map((h, i) => verifyPassword(h, passwords[i]!)),
      ...hashes.map((h, i) => verifyPassword(h, `${passwords[i]!} and a typo`)),
    ]);
    expect(checks).toEqual([...hashes.map(() => true), ...hashes.map(() => false)]);
    expect(passwordHashingStats()).toMatchObject({ verifications: 20, mostAtOnce: PASSWORD_HASH_CONCURRENCY });
  });

  it("a stored hash that is not argon2 matches nothing and frees its turn", async () => {
    resetPasswordHashingStatsForTests();
    const results = await Promise.all(
      Array.from({ length: PASSWORD_HASH_CONCURRENCY * 3 }, () => verifyPassword("not a hash", "anything")),
    );
    expect(results.every((r) => r === false)).toBe(true);
    expect(passwordHashingStats().running).toBe(0);
    const hash = await hashPassword("still works afterwards");
    expect(await verifyPassword(hash, "still works afterwards")).toBe(true);
  });

  it(`turns work away with a 503 once ${PASSWORD_HASH_MAX_WAITING} are waiting, and takes it again after`, async () => {
    const lineFull = Array.from({ length: PASSWORD_HASH_CONCURRENCY + PASSWORD_HASH_MAX_WAITING }, (_, i) =>
      hashPassword(`in line ${i}`),
    );
    const refused = await hashPassword("one too many").then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(503);
    expect(await (refused as Response).text()).toContain("Please wait a minute");
    await Promise.all(lineFull);
    expect(await verifyPassword(await hashPassword("after the rush"), "after the rush")).toBe(true);
  });
});

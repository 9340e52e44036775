// What the server sends with every page, checked on a real response.
import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";

test("the sign-in page is served with the security headers", async ({ request }) => {
  const response = await request.get("/login");
  expect(response.status()).toBe(200);
  const headers = response.headers();

  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  const nonce = /'nonce-([A-Za-z0-9+/=]{16,})'/.exec(csp)?.[1];
  expect(nonce, `a script nonce in: ${csp}`).toBeTruthy();
  // The page's own scripts carry that nonce, so they run under the policy.
  expect(await response.text()).toContain(`nonce="${nonce}"`);

  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-powered-by"]).toBeUndefined();

  // A new nonce for every response.
  const again = (await request.get("/login")).headers()["content-security-policy"] ?? "";
  expect(again).not.toContain(`'nonce-${nonce}'`);
});

test("a sign-in posted from another site is refused", async ({ request }) => {
  const response = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    form: { email: DEMO.staff, password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

// No loader work: used by the test server to know it is up, and as the benchmark's baseline.
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}

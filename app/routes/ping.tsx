// No loader work, not even the database: the benchmark's empty baseline (the cost of the server itself).
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}

import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** The client's address as the HTTP server saw it (see scripts/server.mjs). */
    clientIp?: string;
  }
}

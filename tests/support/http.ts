import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

type RequestOptions = {
  method?: string;
  cookie?: string;
  form?: Record<string, string | string[]>;
  headers?: Record<string, string>;
};

export function makeRequest(path: string, options: RequestOptions = {}) {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: URLSearchParams | undefined;
  if (options.form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
  }
  return new Request(new URL(path, "http://localhost").toString(), {
    method: options.method ?? (options.form ? "POST" : "GET"),
    headers,
    body,
  });
}

export type RouteResult = {
  status: number;
  headers: Headers;
  /** Parsed data for plain returns and data(); text for Responses with a body. */
  data: unknown;
  location: string | null;
};

type RouteFunction = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

function isDataWithInit(value: unknown): value is { data: unknown; init?: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: string }).type === "DataWithResponseInit";
}

async function fromResponse(response: Response): Promise<RouteResult> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, data: text, location: response.headers.get("Location") };
}

/** Calls a loader or action the way Remix would and normalises what it returned or threw. */
export async function callRoute(
  fn: unknown,
  request: Request,
  params: Record<string, string> = {},
  context: AppLoadContext = { clientIp: "203.0.113.1" },
): Promise<RouteResult> {
  try {
    const result = await (fn as RouteFunction)({ request, params, context });
    if (result instanceof Response) return fromResponse(result);
    if (isDataWithInit(result)) {
      return {
        status: result.init?.status ?? 200,
        headers: new Headers(result.init?.headers),
        data: result.data,
        location: null,
      };
    }
    return { status: 200, headers: new Headers(), data: result, location: null };
  } catch (thrown) {
    if (thrown instanceof Response) return fromResponse(thrown);
    throw thrown;
  }
}

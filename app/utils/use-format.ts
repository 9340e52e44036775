import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import type { loader as portalLoader } from "~/routes/portal";
import type { loader as staffLoader } from "~/routes/_staff";
import { formattersFor, type Formatters } from "./format";

/**
 * The formatters for whoever is looking at the page, from the staff or portal layout's data: every
 * moment is shown in the organization's time zone, in the reader's language.
 */
export function useFormat(): Formatters {
  const staff = useRouteLoaderData<typeof staffLoader>("routes/_staff");
  const portal = useRouteLoaderData<typeof portalLoader>("routes/portal");
  const timeZone = staff?.timeZone ?? portal?.timeZone;
  const language = staff?.language ?? portal?.language;
  if (!timeZone || !language) throw new Error("useFormat is for pages inside the staff or portal layout.");
  return useMemo(() => formattersFor(timeZone, language), [timeZone, language]);
}

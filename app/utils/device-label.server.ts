import Bowser from "bowser";

/**
 * "Chrome on Windows", from a User-Agent header, for the sessions page. Only this label is kept:
 * the full header says far more about a device than a person needs to recognise it.
 */
export function deviceLabelFrom(userAgent: string | null) {
  if (!userAgent) return "Unknown device";
  const parser = Bowser.getParser(userAgent.slice(0, 512));
  const browser = parser.getBrowserName();
  const os = parser.getOSName();
  if (browser && os) return `${browser} on ${os}`.slice(0, 80);
  return (browser || os || "Unknown device").slice(0, 80);
}

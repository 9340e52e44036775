// How much a request may send, checked by the HTTP server before Remix reads a byte of it: without
// a limit, a multi-gigabyte POST would be held in memory in full by request.formData(). Plain
// JavaScript so that the server can load it without a build step.

const MB = 1024 * 1024;

/** Enough for any form in the app, many times over. */
export const FORM_BODY_LIMIT = 1 * MB;

/**
 * Pages that take more than a form, each with its own limit. Empty for now; a spreadsheet import
 * would add `{ path: "/consultants/import", limit: 5 * MB }`. The path is matched exactly, with or
 * without the ".data" that Remix adds when the page posts with JavaScript on.
 * @type {readonly { path: string, limit: number }[]}
 */
export const BODY_LIMIT_EXCEPTIONS = [];

/** The most bytes a request to this path may send. */
export function bodyLimitFor(pathname, exceptions = BODY_LIMIT_EXCEPTIONS) {
  const path = pathname.replace(/\.data$/, "");
  return exceptions.find((exception) => exception.path === path)?.limit ?? FORM_BODY_LIMIT;
}

/** The answer (413) to a body over the limit. */
export function tooLargeMessage(limit) {
  const size = limit % MB === 0 ? `${limit / MB} MB` : `${Math.round(limit / 1024)} KB`;
  return `That was more than this form can take (${size}). Nothing was saved.\n\nPlease go back and try again with less.\n`;
}

/**
 * Reads a body as it arrives and counts its bytes, for bodies sent without a length (chunked).
 * Returns null as soon as it passes the limit, having held at most `limit` bytes; the rest is left
 * unread. The reader is released, not cancelled: cancelling would destroy the socket before the
 * 413 could be sent.
 * @param {ReadableStream<Uint8Array>} stream
 * @param {number} limit
 */
export async function readBodyWithin(stream, limit) {
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
}

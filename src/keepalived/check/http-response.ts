/**
 * Reading an HTTP response the way keepalived's HTTP checker does (check_http.c
 * http_process_response, html.c extract_html / extract_status_code / extract_content_length): the
 * head ends at the first empty line; the status is the number after the first space of the status
 * line; the body is what follows the head, cut at Content-Length when the server sent one. Without
 * an empty line there is no response ("no data received").
 */

/** A parsed response: its status and its body (a view, no copy). */
export interface HttpResponse {
  readonly status: number;
  readonly body: Uint8Array;
}

function headEnd(b: Uint8Array): number {
  for (let i = 0; i + 1 < b.length; i++) {
    if (b[i] === 0x0a && b[i + 1] === 0x0a) return i + 2;
    if (b[i] === 0x0d && b[i + 1] === 0x0a && b[i + 2] === 0x0d && b[i + 3] === 0x0a) return i + 4;
  }
  return -1;
}

/** The status and body of `bytes`, or null when the head never ends or has no status. */
export function parseHttpResponse(bytes: Uint8Array): HttpResponse | null {
  const end = headEnd(bytes);
  if (end < 0) return null;
  const head = String.fromCharCode(...bytes.subarray(0, end));
  const m = /^HTTP\/\d+\.\d+ +(\d{3})/.exec(head);
  if (m === null) return null;
  let body = bytes.subarray(end);
  const len = /\r?\ncontent-length: *(\d+)/i.exec(head);
  if (len !== null) {
    const n = Number(len[1]);
    if (n < body.length) body = body.subarray(0, n);
  }
  return { status: Number(m[1]), body };
}

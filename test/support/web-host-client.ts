/**
 * Talks to the web host from Node. Browsers resolve `*.localhost` names to loopback themselves; Node asks the
 * system resolver, which often does not know them, and Node's fetch ignores a Host header. So these requests
 * connect to 127.0.0.1 and name the host in the Host header, exactly as a browser on the printed address does.
 */
import dns, { type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';

/** A DNS lookup that answers 127.0.0.1 for any name. */
export const loopbackLookup: LookupFunction = (_hostname, options, callback) => {
  if (options.all)
    (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  else callback(null, '127.0.0.1', 4);
};

export interface WebHostRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface WebHostResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): unknown;
}

/** Opens `url` (on the console's own name unless a Host header says otherwise) and resolves once headers arrive. */
export function openWebHost(url: string, init: WebHostRequest = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: init.method ?? 'GET', headers: init.headers, lookup: loopbackLookup });
    request.once('response', resolve);
    request.once('error', reject);
    request.end(init.body);
  });
}

/** The whole answer to one request. */
export async function requestWebHost(url: string, init: WebHostRequest = {}): Promise<WebHostResponse> {
  const response = await openWebHost(url, init);
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return { status: response.statusCode ?? 0, headers: response.headers, text, json: () => JSON.parse(text) };
}

const isLocalhostName = (hostname: string) => /(^|\.)localhost\.?$/i.test(hostname);

/**
 * Lets this Node process resolve `*.localhost` to loopback, as browsers do (RFC 6761; the WHATWG Fetch standard).
 * For Playwright, which makes some requests from Node rather than from the browser (`route.fetch()`, the
 * `request` fixture) through `dns.promises.lookup`. Other names are looked up as before.
 */
export function resolveLocalhostNamesToLoopback(): void {
  const promises = dns.promises as { lookup: (hostname: string, options?: unknown) => Promise<unknown> };
  const lookup = promises.lookup.bind(dns.promises);
  promises.lookup = (hostname, options) => {
    if (!isLocalhostName(hostname)) return lookup(hostname, options);
    const family = typeof options === 'number' ? options : ((options as { family?: number } | undefined)?.family ?? 0);
    const addresses: LookupAddress[] = [
      ...(family === 6 ? [] : [{ address: '127.0.0.1', family: 4 }]),
      ...(family === 4 ? [] : [{ address: '::1', family: 6 }]),
    ];
    return Promise.resolve((options as { all?: boolean } | undefined)?.all ? addresses : addresses[0]);
  };
}

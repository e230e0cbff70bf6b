import { createServer, STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type Koa from 'koa';

/** An RFC 9457 problem for what Node's HTTP parser refuses before any route sees the request. */
function problemBody(status: number, detail: string): string {
  return JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status], status, detail });
}

function clientErrorProblem(code: string | undefined): { status: number; detail: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, detail: 'the request headers are too large' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_REQUEST_HEADERS_TIMEOUT') {
    return { status: 408, detail: 'the request did not arrive in time' };
  }
  return { status: 400, detail: `the request is not valid HTTP/1.1 (${code ?? 'parse error'})` };
}

function rawProblem(status: number, detail: string): string {
  const body = problemBody(status, detail);
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

function respondProblem(response: ServerResponse, status: number, detail: string): void {
  const body = problemBody(status, detail);
  response
    .writeHead(status, {
      'Content-Type': 'application/problem+json',
      'Content-Length': Buffer.byteLength(body),
      Connection: 'close',
    })
    .end(body);
}

/** Answers a request Node could not parse with a problem+json instead of a bare status line. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, detail } = clientErrorProblem(error.code);
  socket.end(rawProblem(status, detail));
}

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /**
   * Stops accepting connections and resolves once in-flight requests have finished. Keep-alive
   * connections are closed as soon as they are idle (their last response says `Connection:
   * close`); any still open after `graceMs` are cut.
   */
  close(graceMs?: number): Promise<void>;
}

export interface ListenOptions {
  /** Longest a client may take to send its headers (then 408). */
  readonly headersTimeoutMs?: number;
  /** Longest a client may take to send its whole request (then 408). Node's default is 300 s. */
  readonly requestTimeoutMs?: number;
}

/**
 * Listens with a Koa app, with a `close()` that drains in-flight requests. Slow clients get a 408
 * instead of holding a connection, and a request Node's parser refuses (a bad header, headers too
 * large) gets a problem+json answer like every other error.
 */
export async function listen(
  app: Koa,
  port: number,
  host = '0.0.0.0',
  { headersTimeoutMs = 10_000, requestTimeoutMs = 30_000 }: ListenOptions = {},
): Promise<RunningServer> {
  const handle = app.callback();
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  // Node checks these timeouts every connectionsCheckingInterval (30 s by default).
  const checkEveryMs = Math.min(1_000, Math.ceil(headersTimeoutMs / 2));
  // Node answers a request without Host with a bare 400 of its own; this server answers it instead.
  const options = { connectionsCheckingInterval: checkEveryMs, requireHostHeader: false };
  const server = createServer(options, (request, response) => {
    if (
      request.httpVersionMajor === 1 &&
      request.httpVersionMinor >= 1 &&
      request.headers.host === undefined
    ) {
      respondProblem(response, 400, 'an HTTP/1.1 request must have a Host header');
      return;
    }
    if (closing) response.shouldKeepAlive = false;
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    void handle(request, response);
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = headersTimeoutMs;
  server.requestTimeout = requestTimeoutMs;
  server.on('clientError', answerClientError);
  // CONNECT (a tunnel) is not for this server; without a listener Node closes without an answer.
  server.on('connect', (_request, socket: Duplex) => {
    socket.end(rawProblem(501, 'CONNECT is not supported: this is not a proxy'));
  });
  server.on('checkExpectation', (_request, response: ServerResponse) => {
    respondProblem(response, 417, 'only Expect: 100-continue is supported');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    port: actualPort,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        // Responses not yet written end with `Connection: close`.
        for (const response of inFlight) if (!response.headersSent) response.shouldKeepAlive = false;
        const sweep = setInterval(() => {
          server.closeIdleConnections();
        }, 50);
        const cut = setTimeout(() => {
          server.closeAllConnections();
        }, graceMs);
        server.close((error) => {
          clearInterval(sweep);
          clearTimeout(cut);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

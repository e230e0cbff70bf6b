import { createServer, type Server, type ServerResponse } from 'node:http';
import type Koa from 'koa';

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

/** Listens with a Koa app, with a `close()` that drains in-flight requests. */
export async function listen(app: Koa, port: number, host = '0.0.0.0'): Promise<RunningServer> {
  const handle = app.callback();
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    if (closing) response.shouldKeepAlive = false;
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    void handle(request, response);
  });
  server.keepAliveTimeout = 65_000;
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

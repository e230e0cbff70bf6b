import { createServer, type Server } from 'node:http';
import type Koa from 'koa';

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /** Stops accepting connections and resolves when in-flight requests have finished. */
  close(): Promise<void>;
}

/** Listens with a Koa app; `close()` drains in-flight requests and closes idle keep-alive sockets. */
export async function listen(app: Koa, port: number, host = '0.0.0.0'): Promise<RunningServer> {
  const handle = app.callback();
  const server = createServer((request, response) => {
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

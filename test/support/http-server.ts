import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';

/** Serves an app on a free loopback port; returns its base URL and a stopper. */
export async function startHttpServer(app: { fetch: (req: Request) => Response | Promise<Response> }): Promise<{ url: string; close: () => Promise<void> }> {
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server!.close(() => resolve());
      }),
  };
}

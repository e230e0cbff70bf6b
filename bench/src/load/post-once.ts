import { request, type Agent } from 'node:http';

/** What became of one POST: a status (2xx or not), or no answer at all (an error, a 10 s timeout). */
export type PostOutcome = 'accepted' | 'refused' | 'failed';

/** Sends one JSON POST on `agent` and resolves, never rejects, with its outcome. */
export function postOnce(
  url: URL | string,
  agent: Agent,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          resolve(status >= 200 && status < 300 ? 'accepted' : 'refused');
        });
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      resolve('failed');
    });
    req.end(body);
  });
}

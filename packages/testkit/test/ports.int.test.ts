import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import test from 'ava';
import { freePort } from '@prequal/testkit';

test('freePort gives a port below the ephemeral range that a server can then listen on', async (t) => {
  const ephemeralStart = Number(
    readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
  );
  for (let round = 0; round < 10; round++) {
    const port = await freePort();
    t.true(port >= 10_000 && port < ephemeralStart, String(port));
    const server = createServer().listen(port, '127.0.0.1');
    await once(server, 'listening');
    server.close();
    await once(server, 'close');
  }
});

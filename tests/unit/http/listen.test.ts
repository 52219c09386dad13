// Issue 10: a client sending its headers a byte at a time held a connection ~75 s. The server's
// deadlines are set on purpose (src/http/listen.ts); here with short ones, checked by behaviour.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createHttpServer, SERVER_TIMEOUTS } from '../../../src/http/listen.ts';

describe('createHttpServer', () => {
  it('sets deliberate deadlines: headers well under Node’s 60 s, checked every second', () => {
    assert.ok(SERVER_TIMEOUTS.headersTimeoutMs <= 10_000);
    assert.ok(SERVER_TIMEOUTS.checkIntervalMs <= 1_000);
    const server = createHttpServer(() => {});
    assert.equal(server.headersTimeout, SERVER_TIMEOUTS.headersTimeoutMs);
    assert.equal(server.requestTimeout, SERVER_TIMEOUTS.requestTimeoutMs);
    assert.equal(server.keepAliveTimeout, SERVER_TIMEOUTS.keepAliveTimeoutMs);
  });

  it('closes a connection whose headers never end, answering 408', async () => {
    const server = createHttpServer((_req, res) => res.end('ok'), { ...SERVER_TIMEOUTS, headersTimeoutMs: 500, requestTimeoutMs: 1000, checkIntervalMs: 100 });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
      // Trickle a header byte now and then, as a slow-header attacker does.
      const trickle = setInterval(() => socket.writable && socket.write('X'), 200);
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      // The server must end it on its own; the generous bound only keeps a broken server from
      // hanging the suite (unref'd, so that it does not keep the unit process alive 30 s more).
      const closed = await Promise.race([once(socket, 'close').then(() => true), new Promise((r) => setTimeout(() => r(false), 30_000).unref())]);
      clearInterval(trickle);
      socket.destroy();
      assert.equal(closed, true, 'the server closed the connection');
      assert.match(answer, /^HTTP\/1\.1 408/);
    } finally {
      server.close();
    }
  });
});

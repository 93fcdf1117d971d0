import { connect } from 'node:net';
import { startTestApp } from '../support/test-app';

describe('graceful shutdown', () => {
  it('finishes a request in flight before it stops', async () => {
    const t = await startTestApp(process.env.DATABASE_URL ? 'postgres' : 'embedded');
    try {
      await t.app.listen(0, '127.0.0.1');
      const port = Number(new URL(await t.app.getUrl()).port);
      const body = JSON.stringify({ username: 'nobody', password: 'wrong-password' });
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const response = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
      });
      // The request's head arrives; its body is still on its way when shutdown begins.
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      let closed = false;
      const closing = t.app.close().then(() => (closed = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(closed).toBe(false);

      socket.write(body);
      expect(await response).toMatch(/^HTTP\/1\.1 401 /);
      await closing;
      expect(closed).toBe(true);
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});

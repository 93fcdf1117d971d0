import { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, Observable } from 'rxjs';
import { noteReadModelsBehind, READ_MODELS_BEHIND_HEADER, ReadModelsBehindInterceptor } from './read-your-writes';

function httpContext(headers: Map<string, string>): ExecutionContext {
  const reply = { header: (name: string, value: string) => headers.set(name, value) };
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => reply }),
  } as unknown as ExecutionContext;
}

/** A handler that awaits (as a controller waiting for the read models does) before answering. */
const handler = (behind: bigint[]): CallHandler => ({
  handle: () =>
    new Observable((subscriber) => {
      void (async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        for (const position of behind) noteReadModelsBehind(position);
        subscriber.next({ ok: true });
        subscriber.complete();
      })();
    }),
});

describe('ReadModelsBehindInterceptor', () => {
  it('names the highest position a wait of the request gave up on', async () => {
    const headers = new Map<string, string>();
    const body = await lastValueFrom(
      new ReadModelsBehindInterceptor().intercept(httpContext(headers), handler([7n, 42n, 9n])),
    );
    expect(body).toEqual({ ok: true });
    expect(headers.get(READ_MODELS_BEHIND_HEADER)).toBe('42');
  });

  it('adds nothing when the read models caught up, and keeps requests apart', async () => {
    const interceptor = new ReadModelsBehindInterceptor();
    const [caughtUp, behind] = [new Map<string, string>(), new Map<string, string>()];
    await Promise.all([
      lastValueFrom(interceptor.intercept(httpContext(caughtUp), handler([]))),
      lastValueFrom(interceptor.intercept(httpContext(behind), handler([3n]))),
    ]);
    expect(caughtUp.has(READ_MODELS_BEHIND_HEADER)).toBe(false);
    expect(behind.get(READ_MODELS_BEHIND_HEADER)).toBe('3');
  });

  it('is a no-op outside a request', () => {
    expect(() => noteReadModelsBehind(1n)).not.toThrow();
  });
});

import { AsyncLocalStorage } from 'node:async_hooks';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';

/** The response header a write answers with when the read models had not reached it in time. */
export const READ_MODELS_BEHIND_HEADER = 'X-Read-Models-Behind';

interface RequestState {
  /** The highest log position a wait of this request gave up on. */
  behind?: bigint;
}

const requests = new AsyncLocalStorage<RequestState>();

/** Called when a read-your-writes wait timed out: the current request's answer says so (no-op outside a request). */
export function noteReadModelsBehind(position: bigint): void {
  const state = requests.getStore();
  if (state && (state.behind === undefined || position > state.behind)) state.behind = position;
}

/**
 * A write whose read models did not catch up within the configured wait still answers with its usual
 * status and body (the write is durable), and with `X-Read-Models-Behind: <position>`: a read right
 * after it may not show it yet; a client can poll until `/health` shows the followers past that position.
 */
@Injectable()
export class ReadModelsBehindInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const state: RequestState = {};
    const reply = context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>();
    return new Observable((subscriber) =>
      requests.run(state, () =>
        next
          .handle()
          .pipe(
            tap(() => {
              if (state.behind !== undefined) reply.header(READ_MODELS_BEHIND_HEADER, state.behind.toString());
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}

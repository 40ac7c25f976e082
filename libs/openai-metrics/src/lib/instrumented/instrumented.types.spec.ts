import type { Stream } from 'openai/core/streaming';
import { Instrumented } from './instrumented.decorator';

// Compiled with the suite (ts-jest type-checks): each `@ts-expect-error` line must be a type error,
// or compilation fails. `@Instrumented` makes every call asynchronous, so a method that is not
// declared to return a Promise must not compile with it.
class TypedService {
  @Instrumented('types', 'async_value')
  async value(): Promise<number> {
    return 1;
  }

  @Instrumented('types', 'promise_of_stream')
  stream(): Promise<Stream<string>> {
    return Promise.reject(new Error('not called'));
  }

  // @ts-expect-error a sync method would lie about its result: it returns a Promise at run time
  @Instrumented('types', 'sync_value')
  syncValue(): number {
    return 1;
  }

  // @ts-expect-error neither may a method that returns an async iterable directly
  @Instrumented('types', 'iterable')
  iterable(): AsyncIterable<number> {
    return (async function* () {
      yield 1;
    })();
  }
}

describe('@Instrumented types', () => {
  it('keeps the declared Promise type of a decorated method', async () => {
    const service = new TypedService();
    const value: number = await service.value();
    expect(value).toBe(1);
    await expect(service.stream()).rejects.toThrow('not called');
    // The rejected sync method still runs (the type error is the guard), now returning a Promise.
    expect(service.syncValue()).toBeInstanceOf(Promise);
    expect(service.iterable()).toBeInstanceOf(Promise);
  });
});

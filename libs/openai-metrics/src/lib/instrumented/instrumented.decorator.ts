import { assertValidLabelValue } from '../labels/label-name.validator';
import { copyMethodIdentity } from './copy-method-identity';
import { InstrumentedOperation } from './instrumented-operation';

export const INSTRUMENTED_METADATA = 'openai-monitoring:instrumented';

export interface InstrumentedMetadata {
  capability: string;
  operation: string;
}

/** A method `@Instrumented` accepts: one that returns a Promise (a streamed answer is a Promise of a stream). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AsyncMethod = (...args: any[]) => PromiseLike<unknown>;

/** The decorator `@Instrumented` returns; it type-checks only on methods declared to return a Promise. */
export type InstrumentedDecorator = <T extends AsyncMethod>(
  target: object,
  propertyKey: string | symbol,
  descriptor: TypedPropertyDescriptor<T>,
) => TypedPropertyDescriptor<T>;

/**
 * Makes one logical OpenAI operation of a provider method: transient failures are retried, the
 * whole operation is timed (waits included) and exactly one outcome is recorded. The method must
 * be declared to return a Promise (a method returning anything else is a compile error), because
 * retries make every call asynchronous. Capability and operation become label values, so they must
 * match `^[a-z][a-z0-9_]*$`; a bad one throws when the class is defined.
 */
export function Instrumented(capability: string, operation: string): InstrumentedDecorator {
  assertValidLabelValue('capability', capability);
  assertValidLabelValue('operation', operation);
  return (target, propertyKey, descriptor) => {
    const method: unknown = descriptor.value;
    if (typeof method !== 'function') {
      throw new TypeError(`@Instrumented can only decorate methods; ${String(propertyKey)} is not a function`);
    }
    const instrumented = new InstrumentedOperation(capability, operation, method as (...args: unknown[]) => unknown);
    const wrapper = function (this: unknown, ...args: unknown[]): Promise<unknown> {
      return instrumented.run(this, args);
    };
    copyMethodIdentity(method as (...args: never[]) => unknown, wrapper);
    Reflect.defineMetadata?.(INSTRUMENTED_METADATA, { capability, operation } satisfies InstrumentedMetadata, wrapper);
    descriptor.value = wrapper as unknown as typeof descriptor.value;
    return descriptor;
  };
}

import { assertValidLabelValue } from '../labels/label-name.validator';
import { copyMethodIdentity } from './copy-method-identity';
import { InstrumentedOperation } from './instrumented-operation';

export const INSTRUMENTED_METADATA = 'openai-monitoring:instrumented';

export interface InstrumentedMetadata {
  capability: string;
  operation: string;
}

/**
 * Makes one logical OpenAI operation of a provider method: transient failures are retried, the
 * whole operation is timed (waits included) and exactly one outcome is recorded. The decorated
 * method always returns a Promise. Capability and operation become label values, so they must match
 * `^[a-z][a-z0-9_]*$`; a bad one throws when the class is defined.
 */
export function Instrumented(capability: string, operation: string): MethodDecorator {
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
    descriptor.value = wrapper as typeof descriptor.value;
    return descriptor;
  };
}

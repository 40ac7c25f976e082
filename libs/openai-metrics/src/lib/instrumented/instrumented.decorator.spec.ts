import 'reflect-metadata';
import { INSTRUMENTED_METADATA, Instrumented } from './instrumented.decorator';

const CUSTOM_KEY = 'custom:key';
const Tag = (value: string): MethodDecorator => (_target, _key, descriptor) => {
  Reflect.defineMetadata(CUSTOM_KEY, value, descriptor.value as object);
};

// No metrics module is active here: the decorator must still behave like the method it wraps.
class PlainService {
  readonly factor = 3;

  @Instrumented('plain', 'multiply')
  @Tag('kept')
  async multiply(value: number): Promise<number> {
    return value * this.factor;
  }


  @Instrumented('plain', 'fail')
  async fail(error: Error): Promise<never> {
    throw error;
  }

  @Instrumented('plain', 'throws_synchronously')
  throwsSynchronously(error: Error): Promise<never> {
    throw error;
  }
}

describe('@Instrumented on a plain class', () => {
  const service = new PlainService();

  it('keeps the method name', () => {
    expect(PlainService.prototype.multiply.name).toBe('multiply');
    expect(PlainService.prototype.throwsSynchronously.name).toBe('throwsSynchronously');
  });

  it('keeps metadata set by decorators applied before it and records its own', () => {
    expect(Reflect.getMetadata(CUSTOM_KEY, PlainService.prototype.multiply)).toBe('kept');
    expect(Reflect.getMetadata(INSTRUMENTED_METADATA, PlainService.prototype.multiply)).toEqual({
      capability: 'plain',
      operation: 'multiply',
    });
  });

  it('passes the result through with `this` bound', async () => {
    await expect(service.multiply(4)).resolves.toBe(12);
  });

  it('rethrows the very error, from async and sync methods alike', async () => {
    const error = new Error('boom');
    await expect(service.fail(error)).rejects.toBe(error);
    const thrown = service.throwsSynchronously(error);
    expect(thrown).toBeInstanceOf(Promise);
    await expect(thrown).rejects.toBe(error);
  });

  it('refuses to decorate something that is not a method', () => {
    const decorate = () => {
      const descriptor: PropertyDescriptor = { value: 42 };
      Instrumented('plain', 'value')({}, 'value', descriptor);
    };
    expect(decorate).toThrow(TypeError);
  });

  it('fails at class definition on label values that could explode cardinality', () => {
    expect(() => Instrumented('Summaries', 'x')).toThrow(/capability "Summaries" must match/);
    expect(() => Instrumented('summaries', 'user-42')).toThrow(/operation "user-42" must match/);
  });
});

import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { INSTRUMENTED_METADATA, type InstrumentedMetadata } from './instrumented.decorator';

export interface DecoratedInstances {
  instances: object[];
  operations: InstrumentedMetadata[];
}

/** Finds the application's singleton providers and controllers that have `@Instrumented` methods. */
@Injectable()
export class InstrumentedExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  explore(): DecoratedInstances {
    const instances: object[] = [];
    const operations = new Map<string, InstrumentedMetadata>();
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    for (const wrapper of wrappers) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic() || typeof instance !== 'object' || instance === null) continue;
      const prototype = Object.getPrototypeOf(instance) as object | null;
      if (!prototype) continue;
      let decorated = false;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (prototype as Record<string, unknown>)[name];
        const metadata =
          typeof method === 'function' ? (Reflect.getMetadata?.(INSTRUMENTED_METADATA, method) as InstrumentedMetadata | undefined) : undefined;
        if (!metadata) continue;
        decorated = true;
        operations.set(`${metadata.capability}\u0000${metadata.operation}`, metadata);
      }
      if (decorated) instances.push(instance);
    }
    return { instances, operations: [...operations.values()] };
  }
}

/** Keeps what frameworks read off a method: its name and every reflect-metadata entry on it. */
export function copyMethodIdentity(source: (...args: never[]) => unknown, target: (...args: never[]) => unknown): void {
  Object.defineProperty(target, 'name', { value: source.name, configurable: true });
  const reflect = Reflect as typeof Reflect & {
    getMetadataKeys?: (target: object) => unknown[];
    getMetadata?: (key: unknown, target: object) => unknown;
    defineMetadata?: (key: unknown, value: unknown, target: object) => void;
  };
  if (!reflect.getMetadataKeys || !reflect.getMetadata || !reflect.defineMetadata) return;
  for (const key of reflect.getMetadataKeys(source)) {
    reflect.defineMetadata(key, reflect.getMetadata(key, source), target);
  }
}

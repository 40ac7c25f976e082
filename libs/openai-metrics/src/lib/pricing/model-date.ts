/** `gpt-4o-2024-08-06` and `gpt-4o-20240806` → `gpt-4o`; any other name → itself. */
export function withoutDateSuffix(model: string): string {
  const stripped = model.replace(/-(?:\d{4}-\d{2}-\d{2}|\d{8})$/, '');
  return stripped === '' ? model : stripped;
}

const SNAPSHOT_DATE = /-(?:\d{4}-\d{2}-\d{2}|\d{8})$/;

/** `o4-mini-2025-04-16` → `o4-mini`: the model a response reports, as a request would name it. */
export function withoutSnapshotDate(model: string): string {
  return model.replace(SNAPSHOT_DATE, '');
}

// The bench's correctness checks: what must hold for its figures to mean anything (identical
// renders, every call counted, the peer really patched). They are enforced in every mode, --quick
// included: one failed check fails the run. Timings are never checked.

export function createChecks() {
  const results = [];
  return {
    /** Records one check; `detail` says what was compared. */
    check(name, ok, detail) {
      results.push({ name, ok: Boolean(ok), detail });
    },
    results,
    failed: () => results.filter((r) => !r.ok),
    summary() {
      const lines = results.map((r) => `${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}: ${r.detail}`);
      const failed = results.filter((r) => !r.ok).length;
      return `${lines.join('\n')}\nbench checks: ${results.length - failed} passed, ${failed} failed`;
    },
  };
}

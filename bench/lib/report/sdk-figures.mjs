// Figures of case 2 derived from the processes' medians: the floor, what ours adds above it, and
// the parts (recording, pricing, the tenant resolver) told apart by the module configurations.

export function sdkFigures(peer) {
  const floor = { generation: peer.peer.generation.added.als, embeddings: peer.peer.embeddings.added.als };
  const full = peer.ours.full;
  const above = {
    generation: full.generation.aboveFloor,
    unpriced: full.unpriced.aboveFloor,
    embeddings: full.embeddings.aboveFloor,
    off: peer.ours.off.generation.aboveFloor,
    tenant: peer.ours.tenant.generation.aboveFloor,
  };
  const added = { generation: above.generation + floor.generation, embeddings: above.embeddings + floor.embeddings };
  const otel = { generation: peer.peer.generation.added.otel, embeddings: peer.peer.embeddings.added.otel };
  const bytes = {
    sdk: peer.peer.generation.bytes.bare,
    otel: peer.peer.generation.bytes.otel - peer.peer.generation.bytes.bare,
    generation: full.generation.bytesAbove,
    embeddings: full.embeddings.bytesAbove,
    off: peer.ours.off.generation.bytesAbove,
    tenant: peer.ours.tenant.generation.bytesAbove,
    unpriced: full.unpriced.bytesAbove,
  };
  return {
    bytes,
    floor,
    above,
    added,
    otel,
    otelAls: { generation: peer.peer.generation.added.otelAls, embeddings: peer.peer.embeddings.added.otelAls },
    ratio: { generation: added.generation / otel.generation, embeddings: added.embeddings / otel.embeddings },
    parts: {
      recording: above.generation - above.off,
      unpricedMinusPriced: above.unpriced - above.generation,
      tenant: above.tenant - above.generation,
    },
  };
}

// Figures of case 2 derived from the processes' medians: the floor, what ours adds above it, and
// the parts (recording, pricing, the tenant resolver) told apart by the module configurations; then
// the same with the garbage collector's pauses of the collections processes added.
import { TARGETS } from './markdown.mjs';

const MIXES = ['generation', 'embeddings'];

export function sdkFigures(peer, collections) {
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
  const pause = (mix, variant) => collections.byMix[mix][variant].gcPauseUsPerCall;
  const perMix = (figure) => Object.fromEntries(MIXES.map((mix) => [mix, figure(mix)]));
  /** Collections added per call over the bare SDK's own, and ours over the floor's. */
  const gc = {
    otel: perMix((mix) => pause(mix, 'peer') - pause(mix, 'bare')),
    ours: perMix((mix) => pause(mix, 'ours') - pause(mix, 'bare')),
    floor: perMix((mix) => pause(mix, 'bare-als') - pause(mix, 'bare')),
    above: perMix((mix) => pause(mix, 'ours') - pause(mix, 'bare-als')),
  };
  const floorWithGc = perMix((mix) => floor[mix] + gc.floor[mix]);
  const aboveWithGc = perMix((mix) => above[mix] + gc.above[mix]);
  const addedWithGc = perMix((mix) => floorWithGc[mix] + aboveWithGc[mix]);
  const otelWithGc = perMix((mix) => otel[mix] + gc.otel[mix]);
  return {
    withCollections: {
      gc,
      floor: floorWithGc,
      above: aboveWithGc,
      added: addedWithGc,
      otel: otelWithGc,
      ratio: perMix((mix) => addedWithGc[mix] / otelWithGc[mix]),
      /** The rule: where the floor alone reaches 0.5× the peer, only the target above the floor applies. */
      peerTargetRuledOut: perMix((mix) => floorWithGc[mix] >= otelWithGc[mix] * TARGETS.peer),
    },
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

import { TokenUsage } from './token-usage';

/** Everything the endpoint builders need to render one successful answer, streamed or not. */
export interface GeneratedAnswer {
  id: string;
  itemId: string;
  /** Unix seconds. */
  createdAt: number;
  /** The snapshot name reported back (see snapshotModelName). */
  model: string;
  text: string;
  usage: TokenUsage;
}

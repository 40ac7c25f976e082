import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'auth:isPublic';

/** Exempts a route or a whole controller from the API-key guard. Writes metadata only. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

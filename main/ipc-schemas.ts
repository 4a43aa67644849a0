// One zod schema per channel for the renderer's `unknown` payload. Strict objects: an unexpected
// field is refused rather than ignored, so a confused or compromised renderer is noticed.
import { z } from 'zod';
import type { Channel, ChannelRequest } from '../preload/contract';

const empty = z.strictObject({});

export const REQUEST_SCHEMAS: { [C in Channel]: z.ZodType<ChannelRequest<C>> } = {
  'app:info': empty as z.ZodType<ChannelRequest<'app:info'>>,
  'catalog:list': empty as z.ZodType<ChannelRequest<'catalog:list'>>,
};

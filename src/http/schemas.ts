/** zod pieces shared by route schemas. */
import { z } from 'zod';

export const IdParams = z.object({ id: z.uuid() });
export const CalendarDate = z.iso.date();
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageZh: z.string(),
    rule: z.string().optional(),
    details: z.unknown().optional(),
  }),
});
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
} as const;

import { z } from 'zod';
import { API_ERROR_CODES } from './api-error.js';

/** The body of every error response (documented in the OpenAPI document). */
export const ApiErrorBodySchema = z
  .object({
    error: z.string(),
    code: z.enum(API_ERROR_CODES),
    field: z.string().optional(),
    in: z.enum(['body', 'querystring', 'params', 'headers']).optional(),
  })
  .meta({ id: 'ApiError' });

/** The error responses a route may give, for its `schema.response`. */
export function errorResponses(
  ...statuses: Array<400 | 401 | 403 | 404 | 409 | 429>
): Record<number, typeof ApiErrorBodySchema> {
  return Object.fromEntries(statuses.map((status) => [status, ApiErrorBodySchema]));
}

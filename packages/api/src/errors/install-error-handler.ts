import { formatIssuePath } from '@callfwd/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, type ApiErrorBody } from './api-error.js';

type Part = NonNullable<ApiErrorBody['in']>;

/** `/extensions/0` -> `extensions[0]` (the domain's way of writing a path). */
function pathOf(instancePath: string): string {
  const keys = instancePath.split('/').filter((key) => key !== '');
  return formatIssuePath(keys.map((key) => (/^\d+$/.test(key) ? Number(key) : key)));
}

function partOf(context: string | undefined): Part {
  return context === 'querystring' || context === 'params' || context === 'headers' ? context : 'body';
}

/**
 * Every error leaves as JSON `{ error, code, field? }`: a failed schema names the first field at
 * fault (and lists every problem in `error`), an ApiError carries its own status and code, other
 * client errors (bad JSON, too large) are BAD_REQUEST, anything else is logged and INTERNAL.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    const body: ApiErrorBody = {
      error: `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
      code: 'NOT_FOUND',
    };
    return reply.status(404).send(body);
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ApiError) {
      // mod_xml_curl (curl with CURLAUTH_ANY) sends its credentials only when challenged. Only there:
      // a Basic challenge on the API would make a browser pop up its own login over the console.
      if (err.status === 401 && request.url.startsWith('/freeswitch/')) {
        void reply.header('www-authenticate', 'Basic realm="callfwd"');
      }
      return reply.status(err.status).send(err.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const part = partOf(err.validationContext);
      const issues = err.validation.map((v) => ({
        path: pathOf(v.instancePath),
        message: v.message ?? 'is invalid',
      }));
      const first = issues[0];
      const body: ApiErrorBody = {
        error: issues
          .map((i) => `${part}${i.path === '(root)' ? '' : `.${i.path}`}: ${i.message}`)
          .join('; '),
        code: 'BAD_REQUEST',
        field: first?.path ?? '(root)',
        in: part,
      };
      return reply.status(400).send(body);
    }
    const status = err.statusCode ?? 500;
    if (status === 429)
      return reply.status(429).send({ error: err.message, code: 'RATE_LIMITED' } satisfies ApiErrorBody);
    if (status >= 400 && status < 500)
      return reply.status(status).send({ error: err.message, code: 'BAD_REQUEST' } satisfies ApiErrorBody);
    request.log.error({ err }, 'api request failed');
    return reply.status(500).send({ error: 'internal error', code: 'INTERNAL' } satisfies ApiErrorBody);
  });
}

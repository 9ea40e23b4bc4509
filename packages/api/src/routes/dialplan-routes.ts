import type { Employee } from '@callfwd/domain';
import { DialplanRequestSchema, readDialplanRequest } from '../dialplan/dialplan-request.js';
import { DEFAULT_CONTEXTS, renderDialplan, renderNotFound } from '../dialplan/render-dialplan.js';
import type { ApiApp, ApiContext } from '../http/api-context.js';

function ownerOf(employees: readonly Employee[], destination: string): Employee | undefined {
  const digits = destination.replace(/^\+/, '');
  if (!/^\d{1,20}$/.test(digits)) return undefined;
  return employees.find((employee) => employee.extensions.some((ext) => ext.replace(/^\+/, '') === digits));
}

/**
 * POST /freeswitch/dialplan: mod_xml_curl's dialplan binding. A number of a live employee in a
 * context callfwd owns gets the loop guard and that employee's extension; anything else (another
 * section or context, a number nobody has, a forwarded leg) gets "not found", so FreeSWITCH reads
 * its file dialplan as it would without callfwd.
 */
export function registerDialplanRoutes(app: ApiApp, ctx: ApiContext): void {
  const contexts = ctx.dialplan.contexts ?? DEFAULT_CONTEXTS;

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 * 1024 },
    (_request, body, done) => {
      done(
        null,
        Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))),
      );
    },
  );

  app.post('/freeswitch/dialplan', {
    config: { scope: 'read' },
    schema: {
      tags: ['freeswitch'],
      summary: "mod_xml_curl's dialplan lookup (form-encoded, answered with text/xml)",
      consumes: ['application/x-www-form-urlencoded'],
      body: DialplanRequestSchema,
    },
    handler: async (request, reply) => {
      const lookup = readDialplanRequest(request.body);
      let xml = renderNotFound();
      if (lookup.section === 'dialplan' && contexts.includes(lookup.context) && !lookup.forwardedLeg) {
        const owner = ownerOf(await ctx.employeeCache.employees(), lookup.destination);
        if (owner !== undefined)
          xml = renderDialplan([owner], { form: 'xml_curl', context: lookup.context }, ctx.dialplan);
      }
      return reply.type('text/xml; charset=utf-8').send(xml);
    },
  });
}

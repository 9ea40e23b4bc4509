import { EmployeeSchema, IdSchema } from '@callfwd/domain';
import { z } from 'zod';
import { tokenOf } from '../auth/install-auth.js';
import { checkEmployee } from '../employees/check-employee.js';
import { ApiError } from '../errors/api-error.js';
import { errorResponses } from '../errors/error-schema.js';
import type { ApiApp, ApiContext } from '../http/api-context.js';
import { readLiveConfig } from '../lines/read-live-config.js';

/** An employee as stored (after the domain's schema: `target` always set); the input is the domain's EmployeeSchema. */
const EmployeeOutSchema = z
  .looseObject({
    id: z.string(),
    name: z.string().optional(),
    connection: z.string(),
    extensions: z.array(z.string()),
    target: z.string(),
    triggers: z.array(z.string()),
    noAnswerSeconds: z.int(),
  })
  .meta({ id: 'Employee' });
const ParamsSchema = z.strictObject({ id: IdSchema });

/** /v1/employees: the live set (seeded from the config file), changed at run time, each change kept. */
export function registerEmployeeRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get('/v1/employees', {
    config: { scope: 'read' },
    schema: {
      tags: ['employees'],
      summary: 'The live employees',
      response: { 200: z.object({ employees: z.array(EmployeeOutSchema) }), ...errorResponses(401, 403) },
    },
    handler: async () => ({ employees: await ctx.employees.list() }),
  });

  app.get('/v1/employees/:id', {
    config: { scope: 'read' },
    schema: {
      tags: ['employees'],
      summary: 'One employee',
      params: ParamsSchema,
      response: { 200: EmployeeOutSchema, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const employee = await ctx.employees.get(request.params.id);
      if (employee === null)
        throw new ApiError(404, 'UNKNOWN_EMPLOYEE', `there is no employee "${request.params.id}"`);
      return employee;
    },
  });

  app.put('/v1/employees/:id', {
    config: { scope: 'write' },
    schema: {
      tags: ['employees'],
      summary: 'Create or replace an employee (checked by the domain schema and the config cross-checks)',
      params: ParamsSchema,
      body: EmployeeSchema,
      response: { 200: EmployeeOutSchema, 201: EmployeeOutSchema, ...errorResponses(400, 401, 403, 409) },
    },
    handler: async (request, reply) => {
      const { id } = request.params;
      const employee = request.body;
      if (employee.id !== id)
        throw new ApiError(400, 'ID_MISMATCH', `id: the body says "${employee.id}", the path "${id}"`, 'id');
      // Its connection must be a live line (lines change at run time too).
      const live = await readLiveConfig({ config: ctx.config, lines: ctx.lines, employees: ctx.employees, settings: ctx.settings });
      const refusal = checkEmployee(live.config, employee, await ctx.employees.list());
      if (refusal !== undefined) throw refusal;
      const token = tokenOf(request);
      const { previous } = await ctx.employees.set(employee);
      await ctx.changes.record(
        { kind: 'employee', subject: id, by: token.name, old: previous, new: employee },
        ctx.now(),
      );
      request.log.info({ by: token.name, employee: id, created: previous === null }, 'employee set');
      return reply.status(previous === null ? 201 : 200).send(employee);
    },
  });

  app.delete('/v1/employees/:id', {
    config: { scope: 'write' },
    schema: {
      tags: ['employees'],
      summary: 'Remove an employee: their calls are no longer forwarded',
      params: ParamsSchema,
      response: { 200: z.object({ removed: EmployeeOutSchema }), ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (request) => {
      const { id } = request.params;
      const token = tokenOf(request);
      const { previous } = await ctx.employees.remove(id);
      if (previous === null)
        throw new ApiError(404, 'UNKNOWN_EMPLOYEE', `there is no employee "${id}"; nothing changed`);
      await ctx.changes.record(
        { kind: 'employee', subject: id, by: token.name, old: previous, new: null },
        ctx.now(),
      );
      request.log.info({ by: token.name, employee: id }, 'employee removed');
      return { removed: previous };
    },
  });
}

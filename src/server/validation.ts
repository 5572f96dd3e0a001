import type { FastifySchemaValidationError } from 'fastify';

const contextNames: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

/**
 * Turns schema validation errors (zod issues as the type provider reports them) into one message naming the field:
 * `body.email: Invalid email address`, or `body: unknown field "admin"` for a field the schema does not have.
 */
export function describeValidationFailure(
  errors: FastifySchemaValidationError[],
  context: string | undefined,
): { field: string; message: string } {
  const where = contextNames[context ?? 'body'] ?? String(context);
  const first = errors[0];
  const path = (first?.instancePath ?? '')
    .split('/')
    .filter((p) => p !== '')
    .join('.');
  const keys = (first?.params as { keys?: unknown } | undefined)?.keys;
  if (first?.keyword === 'unrecognized_keys' && Array.isArray(keys) && keys.length > 0) {
    const names = keys.map((k) => `"${String(k)}"`).join(', ');
    return {
      field: [path, String(keys[0])].filter(Boolean).join('.'),
      message: `${where}${path ? `.${path}` : ''}: unknown field${keys.length > 1 ? 's' : ''} ${names}`,
    };
  }
  const message = first?.message ?? 'is not valid';
  const extra = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  return { field: path || where, message: `${where}${path ? `.${path}` : ''}: ${message}${extra}` };
}

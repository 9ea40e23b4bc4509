// A module resolve hook: resolves workspace packages to their sources (the @callfwd/source export
// condition), as `node --conditions=@callfwd/source` does. Registered by callfwd.js.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('@callfwd/source')
    ? context.conditions
    : ['@callfwd/source', ...context.conditions];
  return nextResolve(specifier, { ...context, conditions });
}

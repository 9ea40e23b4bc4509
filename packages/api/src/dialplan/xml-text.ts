/** Text safe inside an XML attribute value (double-quoted) or element. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name a="1" b="2"/>` with escaped values. */
export function element(name: string, attributes: Record<string, string>): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${xmlEscape(value)}"`)
    .join('');
  return `<${name}${attrs}/>`;
}

/** An element with children, indented one step per level. */
export function wrap(
  name: string,
  attributes: Record<string, string>,
  children: readonly string[],
  indent: string,
): string {
  const open = element(name, attributes).replace(/\/>$/, '>');
  return [`${indent}${open}`, ...children, `${indent}</${name}>`].join('\n');
}

// Parses XML with Chromium's XML parser (DOMParser, application/xml): a real, strict parser. Not
// well formed is an error; the tree keeps elements and attributes in document order.
import type { Page } from 'playwright-core';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
}

/**
 * Runs in the page. A string, not a function: tsx (esbuild keepNames) would wrap a function's
 * inner functions in a helper the page does not have.
 */
const PARSE_IN_PAGE = `(xml) => {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error !== undefined) return { error: error.textContent || 'parse error' };
  const walk = (element) => ({
    name: element.tagName,
    attributes: Object.fromEntries([...element.attributes].map((a) => [a.name, a.value])),
    children: [...element.children].map(walk),
  });
  return { tree: walk(doc.documentElement) };
}`;

export async function parseXml(page: Page, text: string): Promise<XmlElement> {
  const result = await page.evaluate<{ error: string } | { tree: XmlElement }>(
    `(${PARSE_IN_PAGE})(${JSON.stringify(text)})`,
  );
  if ('error' in result) throw new Error(`not well-formed XML: ${result.error}`);
  return result.tree;
}

export function findAll(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (element: XmlElement): void => {
    if (element.name === name) found.push(element);
    element.children.forEach(visit);
  };
  visit(root);
  return found;
}

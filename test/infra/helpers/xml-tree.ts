import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An XML element with its attributes and child elements, in document order (text and comments dropped). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseAttributeValue: false,
  commentPropName: '#comment',
});

function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const elements: XmlElement[] = [];
  for (const node of nodes as OrderedNode[]) {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (name === undefined || name.startsWith('#') || name.startsWith('?')) continue;
    const attributes = (node[':@'] ?? {}) as Record<string, string>;
    elements.push({ name, attributes, children: toElements(node[name]) });
  }
  return elements;
}

/** `true` when well formed, else the validator's message with its line. */
export function validateXml(text: string): true | string {
  const result = XMLValidator.validate(text);
  return result === true ? true : `${result.err.msg} (line ${result.err.line})`;
}

/** The document's root element. Throws on XML that is not well formed (a bug in the file under test). */
export function parseXmlRoot(text: string): XmlElement {
  const valid = validateXml(text);
  if (valid !== true) throw new Error(`not well formed: ${valid}`);
  const [root, ...others] = toElements(parser.parse(text));
  if (root === undefined || others.length > 0) throw new Error('expected exactly one root element');
  return root;
}

/** Every descendant element (depth first, document order) named `name`. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}

/** The text of every XML comment in a document. */
export function xmlComments(text: string): string[] {
  return [...text.matchAll(/<!--([\s\S]*?)-->/g)].map((match) => match[1] ?? '');
}

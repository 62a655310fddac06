/** Just enough XML writing for an MPD: elements with escaped attributes and nested children. */

export type XmlAttributes = Record<string, string | number | boolean | undefined>;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for an attribute value or element content (XML 1.0 §2.4, §3.3.3).
 * @example escapeXml('a&b<"c">') // 'a&amp;b&lt;&quot;c&quot;&gt;'
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** One element: attributes whose value is undefined are left out; children are indented two spaces. */
export interface XmlElement {
  name: string;
  attrs?: XmlAttributes;
  children?: readonly XmlElement[];
  text?: string;
}

function attributes(attrs: XmlAttributes | undefined): string {
  if (attrs === undefined) return '';
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

/**
 * Writes an element tree as indented XML.
 * @example writeXml({ name: 'BaseURL', text: 'subs/en.vtt' }) // '<BaseURL>subs/en.vtt</BaseURL>'
 */
export function writeXml(element: XmlElement, indent = ''): string {
  const open = `${indent}<${element.name}${attributes(element.attrs)}`;
  if (element.text !== undefined) return `${open}>${escapeXml(element.text)}</${element.name}>`;
  const children = element.children ?? [];
  if (children.length === 0) return `${open}/>`;
  const inner = children.map((c) => writeXml(c, `${indent}  `)).join('\n');
  return `${open}>\n${inner}\n${indent}</${element.name}>`;
}

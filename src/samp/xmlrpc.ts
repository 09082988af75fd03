/**
 * The XML-RPC SAMP needs, over fetch: SAMP values are only strings, lists and maps (SAMP 1.3 §3.3), so this
 * encodes those three and decodes whatever a hub answers (ints and booleans are read as strings too).
 */

export type SampValue = string | SampValue[] | { [key: string]: SampValue };

function escapeXML(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function encodeValue(value: SampValue): string {
  if (Array.isArray(value)) {
    return `<value><array><data>${value.map(encodeValue).join('')}</data></array></value>`;
  }
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .map(
        ([k, v]) =>
          `<member><name>${escapeXML(k)}</name>${encodeValue(v)}</member>`
      )
      .join('');
    return `<value><struct>${members}</struct></value>`;
  }
  return `<value><string>${escapeXML(String(value ?? ''))}</string></value>`;
}

export function encodeCall(method: string, params: SampValue[]): string {
  const body = params.map(p => `<param>${encodeValue(p)}</param>`).join('');
  return `<?xml version="1.0"?><methodCall><methodName>${escapeXML(
    method
  )}</methodName><params>${body}</params></methodCall>`;
}

/** A <fault> answer: the hub's own words. */
export class XMLRPCFault extends Error {}

function child(el: Element, name: string): Element | null {
  for (const c of Array.from(el.children)) {
    if (c.localName === name) {
      return c;
    }
  }
  return null;
}

export function decodeValue(valueEl: Element): SampValue {
  const typed = valueEl.firstElementChild;
  if (!typed) {
    return valueEl.textContent ?? '';
  }
  switch (typed.localName) {
    case 'array': {
      const data = child(typed, 'data');
      return data
        ? Array.from(data.children)
            .filter(c => c.localName === 'value')
            .map(decodeValue)
        : [];
    }
    case 'struct': {
      const out: { [key: string]: SampValue } = {};
      for (const member of Array.from(typed.children)) {
        const name = child(member, 'name')?.textContent ?? '';
        const value = child(member, 'value');
        out[name] = value ? decodeValue(value) : '';
      }
      return out;
    }
    default:
      return typed.textContent ?? '';
  }
}

export function decodeResponse(text: string): SampValue {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  if (doc.getElementsByTagName('parsererror').length) {
    throw new XMLRPCFault(
      'the SAMP hub answered with something that is not XML-RPC'
    );
  }
  const fault = doc.getElementsByTagName('fault')[0];
  if (fault) {
    const value = child(fault, 'value');
    const decoded = value ? decodeValue(value) : {};
    const message =
      typeof decoded === 'object' && !Array.isArray(decoded)
        ? String(decoded['faultString'] ?? 'SAMP hub fault')
        : String(decoded);
    throw new XMLRPCFault(message);
  }
  const value = doc.querySelector('params > param > value');
  return value ? decodeValue(value) : '';
}

// SPDX-License-Identifier: MIT
// The subset of Markdown the project's documents use (headings, paragraphs, lists, tables, fenced code, `code`,
// **bold**, *emphasis*, [links](url)) turned into DOM nodes. Text is never parsed as HTML, so a document cannot
// inject markup; links keep only http(s), relative and fragment targets.
import { h } from './dom';

function safeHref(url: string): string | null {
  if (/^(https?:\/\/|#|\.{0,2}\/|[\w.-]+(\/|$))/i.test(url) && !/^\s*javascript:/i.test(url)) return url;
  return null;
}

export function inline(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    if (m[1] !== undefined) out.push(h('code', null, m[1]));
    else if (m[2] !== undefined) out.push(h('strong', null, ...inline(m[2])));
    else if (m[3] !== undefined) out.push(h('em', null, ...inline(m[3])));
    else {
      const href = safeHref(m[5]);
      out.push(href ? h('a', { href }, ...inline(m[4])) : m[4]);
    }
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

// `headingOffset` shifts the levels, so a document's `#` can sit under the page's own h1.
export function renderMarkdown(source: string, headingOffset = 1): HTMLElement[] {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const out: HTMLElement[] = [];
  let i = 0;
  const isBlockStart = (l: string) => /^(#{1,6}\s|```|\s*[-*]\s|\s*\d+\.\s|\|)/.test(l);
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, heading[1].length + headingOffset);
      out.push(h(`h${level}` as 'h2', null, ...inline(heading[2])));
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].startsWith('```')) body.push(lines[i++]);
      i++;
      out.push(h('pre', { tabindex: 0 }, h('code', null, body.join('\n'))));
      continue;
    }
    if (line.startsWith('|') && i + 1 < lines.length && /^\|?\s*:?-{3,}/.test(lines[i + 1])) {
      const head = cells(line);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && lines[i].startsWith('|')) rows.push(cells(lines[i++]));
      out.push(h('table', null,
        h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col' }, ...inline(c))))),
        h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, ...inline(c))))))));
      continue;
    }
    const item = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]);
      const list = h(ordered ? 'ol' : 'ul', null);
      const indent = item[1].length;
      while (i < lines.length) {
        const m = /^(\s*)([-*]|\d+\.)\s+(.*)$/.exec(lines[i]);
        if (!m || m[1].length < indent) break;
        if (m[1].length > indent) {
          // A nested item: joined to the previous one as its own line.
          const prev = list.lastElementChild;
          prev?.append(h('br'), '– ', ...inline(m[3]));
          i++;
          continue;
        }
        let text = m[3];
        i++;
        while (i < lines.length && lines[i].trim() !== '' && !isBlockStart(lines[i])) text += ` ${lines[i++].trim()}`;
        list.append(h('li', null, ...inline(text)));
      }
      out.push(list);
      continue;
    }
    let text = line.trim();
    i++;
    while (i < lines.length && lines[i].trim() !== '' && !isBlockStart(lines[i])) text += ` ${lines[i++].trim()}`;
    out.push(h('p', null, ...inline(text)));
  }
  return out;
}

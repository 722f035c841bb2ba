// SPDX-License-Identifier: MIT
// One agreement (?id=N): its progress (the server's; a parent's is its children's roll-up), its decision
// traceability links (the meeting, the approved minutes, the figures the Mesa had that day, the convenio clauses),
// its children with their weights, its timeline (progress updates with their evidence, and every field change
// from the audit log), and for the responsible organisation's editors the form to report progress with a link or
// a file (sent with If-Match: the version the page was opened on).
import { h } from '../../dom';
import { Problem } from '../../access/client';
import { busy, field, FormMessages, refusal, selectField } from '../../access/forms';
import { bi, biText, formatWhen } from '../../access/labels';
import { main, pageTitle, setTitle } from '../../access/shell';
import type { SessionBody } from '../../access/types';
import { listStatuses, readAgreement, readTimeline, reportProgress } from './api';
import type { AgreementDetail, ProgressUpdate, Status, TimelineEntry } from './api';
import { formatDay, mayReport, placeNames, placeText, progressBar, statusLabel } from './shared';

function links(a: AgreementDetail): HTMLElement {
  const l = a.links;
  const item = (label: (Node | string)[], value: (Node | string)[] | Node | string | null) =>
    h('li', null, h('span', { class: 'link-label' }, label, ': '), value ?? bi('no hay', 'none'));
  return h('section', { class: 'agreement-links', 'aria-labelledby': 'links-title' },
    h('h2', { id: 'links-title' }, bi('De dónde viene', 'Where it comes from')),
    h('ul', { id: 'agreement-links' },
      item(bi('Reunión', 'Meeting'), l.meeting ? `${l.meeting.title} (${formatDay(l.meeting.date)})` : a.imported ? bi('importado', 'imported') : null),
      item(bi('Acta aprobada', 'Approved minutes'), l.minutes ? h('a', { href: `api/v1/minutes/${l.minutes.id}`, id: 'link-minutes' }, `${biText('Acta', 'Minutes')} ${l.minutes.id}`) : null),
      item(bi('Cifras de ese día', 'Figures of that day'), l.assessment
        ? h('a', { href: `./#/?date=${l.assessment.date}`, id: 'link-figures' }, bi(`Panorama del ${formatDay(l.assessment.date)}`, `Overview of ${l.assessment.date}`))
        : null),
      item(bi('Cláusula del convenio', 'Convenio clause'), l.clauses.length
        ? l.clauses.map((c) => `${c.convenio_title}, ${c.number}: ${c.title}`).join('; ')
        : null)));
}

function children(a: AgreementDetail): HTMLElement | null {
  if (!a.links.children.length) return null;
  return h('section', { 'aria-labelledby': 'children-title', class: 'agreement-children' },
    h('h2', { id: 'children-title' }, bi('Acuerdos hijos y su avance', 'Children and their progress')),
    h('p', null, bi('El avance de este acuerdo es la suma ponderada de sus hijos (o su promedio si no todos tienen peso); lo calcula el servidor.',
      'This agreement\'s progress is the weighted sum of its children (or their mean when not all carry a weight); the server computes it.')),
    h('ul', { id: 'agreement-children' }, a.links.children.map((c) =>
      h('li', { 'data-child': c.reference },
        h('a', { href: `acuerdos.html?id=${c.id}` }, `${c.reference} · ${c.title}`),
        c.weight !== null ? h('span', { class: 'child-weight' }, ` (${biText('peso', 'weight')} ${c.weight})`) : '',
        progressBar(c.progress, `${biText('Avance', 'Progress')} ${c.reference}`)))));
}

function evidence(u: ProgressUpdate): (Node | string)[] {
  const out: (Node | string)[] = [];
  if (u.evidence_url) out.push(h('a', { href: u.evidence_url, rel: 'noopener', class: 'evidence-link' }, bi('Evidencia', 'Evidence')));
  if (u.document) out.push(h('a', { href: `api/v1/documents/${u.document.id}`, class: 'evidence-document' }, `${u.document.name} (SHA-256 ${u.document.sha256.slice(0, 12)}…)`));
  return out;
}

function changeText(changes: Record<string, { before?: unknown; after?: unknown }>): string {
  return Object.entries(changes)
    .map(([k, v]) => `${k}: ${JSON.stringify(v?.before ?? null)} → ${JSON.stringify(v?.after ?? null)}`)
    .join('; ');
}

function timeline(entries: TimelineEntry[]): HTMLElement {
  return h('section', { 'aria-labelledby': 'timeline-title', class: 'agreement-timeline' },
    h('h2', { id: 'timeline-title' }, bi('Historia', 'Timeline')),
    h('ol', { id: 'agreement-timeline' }, entries.map((e) => {
      if (e.kind === 'progress') {
        const u = e.detail as unknown as ProgressUpdate;
        return h('li', { class: 'timeline-progress' },
          h('strong', null, `${formatDay(u.reported_on)} · ${u.progress} %`), u.text ? ` — ${u.text} ` : ' ', ...evidence(u),
          h('span', { class: 'timeline-who' }, ` (${u.reported_by})`));
      }
      const d = e.detail as { action?: string; actor?: string; changes?: Record<string, { before?: unknown; after?: unknown }> };
      return h('li', { class: 'timeline-change' },
        h('strong', null, `${formatWhen(e.at)} · ${d.action ?? ''}`), ` (${d.actor ?? ''}) `,
        h('span', { class: 'timeline-fields' }, changeText(d.changes ?? {})));
    })));
}

function toBase64(bytes: ArrayBuffer): string {
  let text = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) text += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(text);
}

function progressForm(a: AgreementDetail, etag: string, statuses: Status[], reload: () => Promise<void>): HTMLElement {
  const today = new Date().toISOString().slice(0, 10);
  const day = field(bi('Fecha del avance', 'Day of the report'), { id: 'progress-day', name: 'reported_on', type: 'date', required: true, value: today });
  const value = field(bi('Avance (0 a 100)', 'Progress (0 to 100)'), { id: 'progress-value', name: 'progress', type: 'number', min: 0, max: 100, step: 'any', required: true, value: String(a.progress) });
  const status = selectField(bi('Estado', 'Status'), { id: 'progress-status', name: 'status' },
    [['', biText('Según el avance', 'From the progress')], ...statuses.map((s): [string, string] => [s.key, biText(s.name_es, s.name_en)])]);
  const text = field(bi('Qué se hizo', 'What was done'), { id: 'progress-text', name: 'text' });
  const url = field(bi('Enlace a la evidencia', 'Link to the evidence'), { id: 'progress-url', name: 'evidence_url', type: 'url', placeholder: 'https://' });
  const file = field(bi('O un archivo (PDF, imagen, hoja; hasta 10 MiB)', 'Or a file (PDF, image, sheet; up to 10 MiB)'), { id: 'progress-file', name: 'document', type: 'file' });
  const messages = new FormMessages();
  const inputs: Record<string, HTMLElement> = { reported_on: day.input, progress: value.input, status: status.input, text: text.input, evidence_url: url.input, document: file.input };
  messages.describe(...Object.values(inputs));
  const form = h('form', { class: 'form', id: 'progress-form', novalidate: true },
    h('h2', null, bi('Reportar avance', 'Report progress')),
    day.row, value.row, status.row, text.row, url.row, file.row,
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'progress-submit' }, bi('Reportar', 'Report')),
    messages.element);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(form, async () => {
      messages.clear();
      const body: Record<string, unknown> = { reported_on: day.input.value, progress: Number(value.input.value), text: text.input.value };
      if (status.input.value) body.status = status.input.value;
      if (url.input.value) body.evidence_url = url.input.value.trim();
      const chosen = file.input.files?.[0];
      if (chosen) body.document = { name: chosen.name, media_type: chosen.type || 'application/octet-stream', content_base64: toBase64(await chosen.arrayBuffer()) };
      try {
        await reportProgress(a.id, body, etag);
        await reload();
        document.getElementById('agreement-status-line')?.focus();
      } catch (err) {
        if (err instanceof Problem && err.status === 412) {
          messages.error(bi('Alguien cambió este acuerdo mientras tanto; recargue la página.', 'Someone changed this agreement meanwhile; reload the page.'));
          return;
        }
        const named = err instanceof Problem ? /^\/([a-z_]+)/.exec(err.said) : null;
        const target = named ? inputs[named[1]] : undefined;
        messages.error(refusal(err), target ? [target] : []);
        target?.focus();
      }
    });
  });
  return form;
}

export async function showDetail(id: number, session: SessionBody | null): Promise<void> {
  const [{ agreement: a, etag }, entries, names, statuses] = await Promise.all([readAgreement(id), readTimeline(id), placeNames(), listStatuses()]);
  setTitle(`Acuerdo ${a.reference}`, `Agreement ${a.reference}`);
  const reload = () => showDetail(id, session);
  main.replaceChildren(
    h('div', { class: 'page agreements-page' },
      h('p', null, h('a', { href: 'acuerdos.html' }, bi('← Todos los acuerdos', '← All agreements'))),
      pageTitle([`${a.reference} · ${a.title}`]),
      a.example ? h('p', { class: 'agreement-example' }, bi('Ejemplo de demostración: la Mesa lo edita o lo borra.', 'Demo example: the Mesa edits or removes it.')) : null,
      h('p', { id: 'agreement-status-line', tabindex: -1, class: 'agreement-status-line' }, statusLabel(a.status)),
      progressBar(a.progress, biText('Avance', 'Progress')),
      a.text ? h('p', { class: 'agreement-text' }, a.text) : null,
      h('dl', { class: 'facts' },
        h('dt', null, bi('Responsable', 'Responsible')), h('dd', { id: 'agreement-responsible' }, a.responsible.name),
        a.coresponsibles.length ? [h('dt', null, bi('Corresponsables', 'Co-responsible')), h('dd', null, a.coresponsibles.map((c) => c.name).join(', '))] : null,
        h('dt', null, bi('Inicio', 'Start')), h('dd', null, formatDay(a.start_date)),
        h('dt', null, bi('Vence', 'Due')), h('dd', null, formatDay(a.due_date)),
        h('dt', null, bi('Municipios', 'Municipalities')), h('dd', null, a.jurisdictions.length ? a.jurisdictions.map((c) => placeText(names, c)).join(', ') : '—')),
      links(a),
      children(a),
      mayReport(session, a.responsible.id) && a.children.length === 0 ? progressForm(a, etag, statuses, reload) : null,
      timeline(entries)));
}

// SPDX-License-Identifier: MIT
// The public list of agreements with their progress bars, filtered by the server (organisation, status,
// municipality; in the page's address too, so a view can be shared), and, for a coordinator, the forms to record
// an agreement from a meeting and to import a CSV file with the server's row report.
import { h } from '../../dom';
import { Problem } from '../../access/client';
import { busy, field, FormMessages, refusal, selectField } from '../../access/forms';
import { bi, biText } from '../../access/labels';
import { listOrganisations } from '../../access/organisations';
import { main, pageTitle } from '../../access/shell';
import type { SessionBody } from '../../access/types';
import { createAgreement, importCsv, listAgreements, listStatuses } from './api';
import type { Agreement, Filter, Status } from './api';
import { formatDay, isCoordinator, placeNames, placeText, progressBar, statusLabel } from './shared';

function readFilter(): Filter {
  const q = new URLSearchParams(location.search);
  return {
    organisation: q.get('organisation') || undefined,
    status: q.get('status') || undefined,
    municipality: q.get('municipality') || undefined,
    meeting: q.get('meeting') || undefined,
  };
}

function writeFilter(filter: Filter): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  const s = q.toString();
  history.replaceState(null, '', `${location.pathname}${s ? `?${s}` : ''}`);
}

function row(a: Agreement, names: Map<string, string>): HTMLLIElement {
  return h('li', { class: 'card agreement-card', 'data-agreement': a.reference },
    h('h2', { class: 'card-title' }, h('a', { href: `acuerdos.html?id=${a.id}`, class: 'agreement-link' }, `${a.reference} · ${a.title}`)),
    progressBar(a.progress, biText('Avance', 'Progress')),
    h('dl', { class: 'facts' },
      h('dt', null, bi('Responsable', 'Responsible')), h('dd', null, a.responsible.name),
      h('dt', null, bi('Estado', 'Status')), h('dd', { class: 'agreement-status' }, statusLabel(a.status)),
      h('dt', null, bi('Vence', 'Due')), h('dd', null, formatDay(a.due_date)),
      a.jurisdictions.length ? [h('dt', null, bi('Municipios', 'Municipalities')), h('dd', null, a.jurisdictions.map((c) => placeText(names, c)).join(', '))] : null,
      a.children.length ? [h('dt', null, bi('Acuerdos hijos', 'Children')), h('dd', null, String(a.children.length))] : null),
    a.example ? h('p', { class: 'agreement-example' }, bi('Ejemplo de demostración', 'Demo example')) : null);
}

async function renderRows(list: HTMLElement, summary: HTMLElement, filter: Filter): Promise<Agreement[]> {
  const [agreements, names] = await Promise.all([listAgreements(filter), placeNames()]);
  list.replaceChildren(...agreements.map((a) => row(a, names)));
  summary.replaceChildren(...bi(`${agreements.length} acuerdos`, `${agreements.length} agreements`));
  return agreements;
}

function createForm(statuses: Status[], organisations: [string, string][], agreements: Agreement[], reload: () => Promise<void>): HTMLElement {
  const meeting = field(bi('Reunión (número)', 'Meeting (id)'), { id: 'new-meeting', name: 'meeting', type: 'number', min: 1, required: true, value: new URLSearchParams(location.search).get('meeting') ?? '' });
  const reference = field(bi('Referencia', 'Reference'), { id: 'new-reference', name: 'reference', required: true, placeholder: 'MSL-2020-05-04-01' });
  const title = field(bi('Acuerdo', 'Agreement'), { id: 'new-title', name: 'title', required: true });
  const responsible = selectField(bi('Organización responsable', 'Responsible organisation'), { id: 'new-responsible', name: 'responsible', required: true }, organisations);
  const parent = selectField(bi('Acuerdo padre', 'Parent agreement'), { id: 'new-parent', name: 'parent' },
    [['', biText('Ninguno', 'None')], ...agreements.map((a): [string, string] => [String(a.id), `${a.reference} · ${a.title}`])]);
  const weight = field(bi('Peso entre sus hermanos', 'Weight among its siblings'), { id: 'new-weight', name: 'weight', type: 'number', min: 0, step: 'any' });
  const due = field(bi('Fecha límite', 'Due date'), { id: 'new-due', name: 'due_date', type: 'date' });
  const jurisdictions = field(bi('Municipios (códigos INEGI separados por ;)', 'Municipalities (INEGI codes separated by ;)'), { id: 'new-jurisdictions', name: 'jurisdictions', placeholder: '05035;10007' });
  const status = selectField(bi('Estado', 'Status'), { id: 'new-status', name: 'status' }, statuses.map((s): [string, string] => [s.key, biText(s.name_es, s.name_en)]));
  const messages = new FormMessages();
  const inputs: Record<string, HTMLElement> = {
    meeting: meeting.input, reference: reference.input, title: title.input, responsible: responsible.input, parent: parent.input,
    weight: weight.input, due_date: due.input, jurisdictions: jurisdictions.input, status: status.input,
  };
  messages.describe(...Object.values(inputs));
  const form = h('form', { class: 'form', id: 'agreement-create', novalidate: true },
    h('h2', null, bi('Registrar un acuerdo de una reunión', 'Record an agreement from a meeting')),
    meeting.row, reference.row, title.row, responsible.row, parent.row, weight.row, due.row, jurisdictions.row, status.row,
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'agreement-create-submit' }, bi('Registrar', 'Record')),
    messages.element);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(form, async () => {
      messages.clear();
      const body: Record<string, unknown> = {
        reference: reference.input.value.trim(),
        title: title.input.value.trim(),
        meeting: Number(meeting.input.value),
        responsible: Number(responsible.input.value),
        status: status.input.value,
        jurisdictions: jurisdictions.input.value.split(';').map((c) => c.trim()).filter(Boolean),
      };
      if (parent.input.value) body.parent = Number(parent.input.value);
      if (weight.input.value) body.weight = Number(weight.input.value);
      if (due.input.value) body.due_date = due.input.value;
      try {
        const made = await createAgreement(body);
        messages.ok(bi(`Acuerdo ${made.reference} registrado.`, `Agreement ${made.reference} recorded.`));
        reference.input.value = '';
        title.input.value = '';
        await reload();
      } catch (err) {
        // The server names the field ("/due_date: ..."): mark it.
        const named = err instanceof Problem ? /^\/([a-z_]+)/.exec(err.said) : null;
        const target = named ? inputs[named[1]] : undefined;
        messages.error(refusal(err), target ? [target] : []);
        target?.focus();
      }
    });
  });
  return form;
}

function importForm(reload: () => Promise<void>): HTMLElement {
  const file = field(bi('Archivo CSV de acuerdos', 'CSV file of agreements'), { id: 'import-file', name: 'file', type: 'file', accept: '.csv,text/csv', required: true },
    bi('Columnas: reference, title, responsible; opcionales text, meeting, parent, weight, coresponsibles, jurisdictions, status, start_date, due_date. Todas las filas o ninguna.',
      'Columns: reference, title, responsible; optional text, meeting, parent, weight, coresponsibles, jurisdictions, status, start_date, due_date. All rows or none.'));
  const messages = new FormMessages();
  messages.describe(file.input);
  const report = h('ul', { class: 'import-report', id: 'import-report' });
  const form = h('form', { class: 'form', id: 'agreement-import', novalidate: true },
    h('h2', null, bi('Importar acuerdos (CSV)', 'Import agreements (CSV)')),
    file.row,
    h('button', { type: 'submit', class: 'btn', id: 'import-submit' }, bi('Importar', 'Import')),
    messages.element, report);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(form, async () => {
      messages.clear();
      report.replaceChildren();
      const chosen = file.input.files?.[0];
      if (!chosen) {
        messages.error(bi('Elija un archivo CSV.', 'Choose a CSV file.'), [file.input]);
        return;
      }
      try {
        const result = await importCsv(await chosen.text());
        if (result.ok) {
          messages.ok(bi(`${result.agreements} acuerdos importados.`, `${result.agreements} agreements imported.`));
          await reload();
          return;
        }
        messages.error(bi(`Nada importado: ${result.problems.length} fila(s) con errores.`, `Nothing imported: ${result.problems.length} bad row(s).`), [file.input]);
        report.replaceChildren(...result.problems.map((p) =>
          h('li', null, h('strong', null, `${biText('Línea', 'Line')} ${p.line}`), p.column ? ` · ${p.column}` : '', `: ${p.why}`)));
      } catch (err) {
        messages.error(refusal(err));
      }
    });
  });
  return form;
}

export async function showList(session: SessionBody | null): Promise<void> {
  const filter = readFilter();
  const [statuses, organisations, all] = await Promise.all([listStatuses(), listOrganisations(), listAgreements({})]);
  const names = await placeNames();
  const orgOptions = organisations.map((o): [string, string] => [String(o.id), o.name]);
  const municipalities = [...new Set(all.flatMap((a) => a.jurisdictions))].sort();
  const organisation = selectField(bi('Organización', 'Organisation'), { id: 'filter-organisation', name: 'organisation' }, [['', biText('Todas', 'All')], ...orgOptions]);
  const status = selectField(bi('Estado', 'Status'), { id: 'filter-status', name: 'status' },
    [['', biText('Todos', 'All')], ...statuses.map((s): [string, string] => [s.key, biText(s.name_es, s.name_en)])]);
  const municipality = selectField(bi('Municipio', 'Municipality'), { id: 'filter-municipality', name: 'municipality' },
    [['', biText('Todos', 'All')], ...municipalities.map((c): [string, string] => [c, placeText(names, c)])]);
  organisation.input.value = filter.organisation ?? '';
  status.input.value = filter.status ?? '';
  municipality.input.value = filter.municipality ?? '';
  const list = h('ul', { class: 'cards agreement-list', id: 'agreement-list', 'aria-live': 'polite' });
  const summary = h('p', { class: 'agreement-summary', role: 'status', id: 'agreement-summary' });
  const filters = h('form', { class: 'filters', id: 'agreement-filters', role: 'search', 'aria-label': biText('Filtrar acuerdos', 'Filter agreements') },
    organisation.row, status.row, municipality.row);
  const current = (): Filter => ({
    organisation: organisation.input.value || undefined,
    status: status.input.value || undefined,
    municipality: municipality.input.value || undefined,
    meeting: filter.meeting,
  });
  const reload = async () => {
    const f = current();
    writeFilter(f);
    await renderRows(list, summary, f);
  };
  for (const select of [organisation.input, status.input, municipality.input]) select.addEventListener('change', () => void reload());
  filters.addEventListener('submit', (e) => e.preventDefault());
  const canEdit = session !== null && isCoordinator(session.account.grants);
  main.replaceChildren(
    h('div', { class: 'page agreements-page' },
      pageTitle(bi('Acuerdos de la Mesa de Salud', 'Agreements of the Mesa de Salud')),
      h('p', { class: 'lead' }, bi('Quién se comprometió a qué, para cuándo, y cuánto ha avanzado, con su evidencia.', 'Who promised what, by when, and how far it has come, with its evidence.')),
      h('p', null, h('a', { href: 'acuerdos.html?vista=seguimiento', id: 'follow-up-link' }, bi('Seguimiento: vencidos y por vencer, y cumplimiento por organización', 'Follow-up: late and due, and each organisation\'s scorecard')),
        ' · ', h('a', { href: 'api/v1/agreements/export.csv', download: 'acuerdos.csv' }, 'CSV'),
        ' · ', h('a', { href: 'api/v1/agreements/export.xlsx', download: 'acuerdos.xlsx' }, 'XLSX'),
        ' · ', h('a', { href: 'api/v1/agreements/export.json' }, 'JSON')),
      filters, summary, list,
      canEdit ? h('section', { class: 'agreement-forms', 'aria-label': biText('Coordinación', 'Coordination') },
        createForm(statuses, orgOptions, all, reload), importForm(reload)) : null));
  await renderRows(list, summary, filter);
}

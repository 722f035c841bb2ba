// SPDX-License-Identifier: MIT
// The form that enters an observation with its source document. Every choice comes from the server's codebook
// answer (indicators with their scale, flag kind and labels; the region's jurisdictions; the words of each
// choice); each control is named by the JSON pointer the server uses for it ("source/url",
// "extensions/curfew_from"), so a refusal marks and focuses the very field it names. Nothing is checked here that
// the server does not check: the page sends what was entered and shows what the server said.
import { h } from '../dom';
import { FormMessages, busy } from '../access/forms';
import { bi, biText } from '../access/labels';
import { Refusal, createObservation } from './observation_api';
import type { Choice, Codebook, Indicator, Observation } from './observation_types';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

let serial = 0;

function row(label: (Node | string)[], control: Control, hint?: (Node | string)[]): HTMLElement {
  const id = control.id || `obs-${++serial}`;
  control.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'field-hint', id: hintId }, hint) : '', control);
}

const input = (name: string, type = 'text', attrs: Record<string, string | number | boolean> = {}) =>
  h('input', { name, type, id: `obs-${name.replace('/', '-')}`, ...attrs });

function select(name: string, choices: Choice[], empty?: string): HTMLSelectElement {
  const s = h('select', { name, id: `obs-${name.replace('/', '-')}` });
  if (empty !== undefined) s.append(h('option', { value: '' }, empty));
  for (const c of choices) s.append(h('option', { value: c.value }, biText(c.es, c.en)));
  return s;
}

// The value control of an indicator: its ordinal levels with their labels, or a free field for an amount or text.
function valueChoices(indicator: Indicator | undefined): Choice[] {
  return (indicator?.labels ?? []).map((l) => ({ value: String(l.value), es: `${l.value} — ${l.es}`, en: l.en }));
}

export function observationForm(codebook: Codebook, created: (o: Observation) => void): HTMLFormElement {
  const messages = new FormMessages();
  const jurisdiction = select('jurisdiction', codebook.jurisdictions.map((j) => ({ value: j.code, es: `${j.name} (${j.code})`, en: j.kind })));
  const scope = select('scope', codebook.choices.scope);
  const indicator = select('indicator', codebook.indicators.map((i) => ({ value: i.code, es: `${i.code} ${i.name.es}`, en: i.name.en })));
  const value = h('select', { name: 'value', id: 'obs-value' });
  const freeValue = input('value-text', 'text', { 'aria-label': biText('Valor (monto o texto)', 'Value (amount or text)') });
  const flag = select('flag', codebook.choices.flag, biText('Sin bandera', 'No flag'));
  const segment = select('segment', codebook.choices.segment);
  const scale = h('p', { class: 'field-hint', id: 'obs-scale', 'aria-live': 'polite' });
  const refresh = () => {
    const def = codebook.indicators.find((i) => i.code === indicator.value);
    const choices = valueChoices(def);
    value.replaceChildren(...choices.map((c) => h('option', { value: c.value }, biText(c.es, c.en))));
    const ordinal = choices.length > 0;
    value.hidden = !ordinal;
    freeValue.hidden = ordinal;
    flag.disabled = def?.flag === 'none';
    if (flag.disabled) flag.value = '';
    else if (!flag.value) flag.value = '1';
    scale.replaceChildren(...(def ? bi(`Escala ${def.scale}${ordinal ? ` 0–${def.max_value}` : ''}; bandera: ${def.flag}; en el libro de códigos desde ${def.entered}`,
      `${def.scale} scale${ordinal ? ` 0–${def.max_value}` : ''}; flag: ${def.flag}; in the codebook since ${def.entered}`) : []));
  };
  indicator.addEventListener('change', refresh);
  indicator.value = 'C6';
  refresh();

  const dates = (['start_date', 'end_date', 'announced_on', 'implemented_on'] as const).map((n) => input(n, 'date'));
  const [start, end, announced, implemented] = dates;
  start.required = true;
  const sourceKind = select('source/kind', codebook.choices.source_kind);
  const sourceTitle = input('source/title', 'text', { required: true, maxlength: 1000 });
  const sourceIssuer = input('source/issuer', 'text', { required: true, maxlength: 500 });
  const sourceDate = input('source/issued_on', 'date');
  const sourceUrl = input('source/url', 'url', { required: true, placeholder: 'https://' });
  const curfewFrom = input('extensions/curfew_from', 'time');
  const curfewTo = input('extensions/curfew_to', 'time');
  const capacity = input('extensions/capacity_pct', 'number', { min: 0, max: 100, step: 1 });
  const closing = input('extensions/closing_time', 'time');
  const alcohol = select('extensions/alcohol_sales', codebook.choices.alcohol_sales, biText('Sin regla', 'No rule'));
  const alcoholUntil = input('extensions/alcohol_until', 'time');
  const group = input('extensions/max_group_size', 'number', { min: 1, step: 1 });
  const notes = h('textarea', { name: 'notes', id: 'obs-notes', rows: 3, maxlength: 4000 });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'obs-save' }, bi('Guardar borrador', 'Save draft'));

  const form = h('form', { id: 'observation-form', class: 'stack-form', novalidate: true, 'aria-labelledby': 'observation-form-title' },
    h('h2', { id: 'observation-form-title' }, bi('Nueva observación', 'New observation')),
    h('fieldset', null, h('legend', null, bi('Medida', 'Measure')),
      row(bi('Jurisdicción', 'Jurisdiction'), jurisdiction),
      row(bi('Alcance', 'Scope'), scope),
      row(bi('Indicador', 'Indicator'), indicator),
      scale,
      row(bi('Valor', 'Value'), value),
      freeValue,
      row(bi('Bandera', 'Flag'), flag),
      row(bi('Segmento de población', 'Population segment'), segment)),
    h('fieldset', null, h('legend', null, bi('Fechas', 'Dates')),
      row(bi('Inicio', 'Start'), start),
      row(bi('Fin', 'End'), end, bi('Vacío: hasta nuevo aviso', 'Empty: until further notice')),
      row(bi('Anunciada', 'Announced'), announced),
      row(bi('En vigor', 'Implemented'), implemented, bi('Vacío: el día de inicio', 'Empty: the start day'))),
    h('fieldset', null, h('legend', null, bi('Campos locales', 'Local fields')),
      row(bi('Toque de queda desde', 'Curfew from'), curfewFrom),
      row(bi('Toque de queda hasta', 'Curfew until'), curfewTo),
      row(bi('Aforo (%)', 'Capacity (%)'), capacity),
      row(bi('Hora de cierre', 'Closing time'), closing),
      row(bi('Venta de alcohol', 'Alcohol sales'), alcohol),
      row(bi('Alcohol hasta', 'Alcohol until'), alcoholUntil),
      row(bi('Reunión máxima (personas)', 'Largest gathering (people)'), group)),
    h('fieldset', null, h('legend', null, bi('Documento fuente', 'Source document')),
      row(bi('Tipo', 'Kind'), sourceKind),
      row(bi('Título', 'Title'), sourceTitle),
      row(bi('Emisor', 'Issuer'), sourceIssuer),
      row(bi('Fecha', 'Date'), sourceDate),
      row(bi('Dirección (URL)', 'Address (URL)'), sourceUrl)),
    row(bi('Notas', 'Notes'), notes),
    messages.element,
    h('div', { class: 'form-actions' }, submit));
  messages.describe(...[...form.querySelectorAll<HTMLElement>('input, select, textarea')]);

  const text = (c: Control) => c.value.trim();
  const optional = (c: Control) => (text(c) ? text(c) : undefined);
  const body = () => {
    const extensions: Record<string, string | number> = {};
    for (const c of [curfewFrom, curfewTo, closing, alcohol, alcoholUntil]) if (text(c)) extensions[c.name.split('/')[1]] = text(c);
    for (const c of [capacity, group]) if (text(c)) extensions[c.name.split('/')[1]] = Number(text(c));
    return {
      jurisdiction: jurisdiction.value,
      scope: scope.value,
      indicator: indicator.value,
      segment: segment.value,
      value: value.hidden ? text(freeValue) : value.value,
      flag: flag.disabled || !flag.value ? null : Number(flag.value),
      start_date: optional(start),
      end_date: optional(end),
      announced_on: optional(announced),
      implemented_on: optional(implemented),
      notes: text(notes),
      source: { kind: sourceKind.value, title: text(sourceTitle), issuer: text(sourceIssuer), issued_on: optional(sourceDate), url: text(sourceUrl) },
      extensions,
    };
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    messages.clear();
    void busy(form, async () => {
      try {
        const o = await createObservation(body());
        messages.ok(bi(`Borrador ${o.id} guardado: envíelo a revisión desde la lista.`, `Draft ${o.id} saved: submit it for review from the list.`));
        created(o);
      } catch (err) {
        const refusal = err instanceof Refusal ? err : new Refusal(0, String(err), []);
        // The server names its field as a JSON pointer; the control carries that name ("/value" is the shown one).
        const invalid = refusal.fields
          .map((p) => p.slice(1))
          .map((name) => (name === 'value' && value.hidden ? freeValue : form.querySelector<HTMLElement>(`[name="${name}"]`)))
          .filter((c): c is HTMLElement => c !== null);
        messages.error([h('span', { class: 'server-said' }, refusal.said)], invalid);
        invalid[0]?.focus();
      }
    });
  });
  return form;
}

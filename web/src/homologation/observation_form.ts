// SPDX-License-Identifier: MIT
// The form that enters an observation with its source document. Every choice comes from the server's codebook
// answer (indicators with their scale, flag kind and labels; the region's jurisdictions; the words of each
// choice); each control is named by the JSON pointer the server uses for it ("source/url",
// "extensions/curfew_from"), so a refusal marks and focuses the very field it names. Nothing is checked here that
// the server does not check: the page sends what was entered and shows what the server said.
// Three uses: a new draft (POST); the edit of a draft or rejected observation at the version read (PUT with
// If-Match: every field, the ones the form does not show — applies_to, unverified — carried as they were); and the
// correction of an approved one (POST with `supersedes`: a new draft coding the same jurisdiction, scope,
// indicator and segment, filled with the approved values to change). The local fields are labelled with the
// server's words (the codebook's `extensions`).
import { h } from '../dom';
import { FormMessages, busy } from '../access/forms';
import { bi, biText } from '../access/labels';
import { Refusal, createObservation, updateObservation } from './observation_api';
import type { Choice, Codebook, Indicator, Observation } from './observation_types';

// What the form is for: a new observation, the edit of a draft, or the correction of an approved one.
export type FormMode = { kind: 'new' } | { kind: 'edit'; observation: Observation } | { kind: 'correct'; observation: Observation };

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

export function observationForm(codebook: Codebook, created: (o: Observation) => void, mode: FormMode = { kind: 'new' }, cancel?: () => void): HTMLFormElement {
  const messages = new FormMessages();
  const initial = mode.kind === 'new' ? null : mode.observation;
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
  indicator.value = initial?.indicator ?? 'C6';
  refresh();

  const dates = (['start_date', 'end_date', 'announced_on', 'implemented_on'] as const).map((n) => input(n, 'date'));
  const [start, end, announced, implemented] = dates;
  start.required = true;
  const sourceKind = select('source/kind', codebook.choices.source_kind);
  const sourceTitle = input('source/title', 'text', { required: true, maxlength: 1000 });
  const sourceIssuer = input('source/issuer', 'text', { required: true, maxlength: 500 });
  const sourceDate = input('source/issued_on', 'date');
  const sourceUrl = input('source/url', 'url', { required: true, placeholder: 'https://' });
  const label = (key: string, es: string, en: string) => {
    const f = codebook.extensions?.find((x) => x.key === key);
    return f ? bi(f.es, f.en) : bi(es, en);
  };
  const curfewFrom = input('extensions/curfew_from', 'time');
  const curfewTo = input('extensions/curfew_to', 'time');
  const capacity = input('extensions/capacity_pct', 'number', { min: 0, max: 100, step: 1 });
  const closing = input('extensions/closing_time', 'time');
  const alcohol = select('extensions/alcohol_sales', codebook.choices.alcohol_sales, biText('Sin regla', 'No rule'));
  const alcoholUntil = input('extensions/alcohol_until', 'time');
  const group = input('extensions/max_group_size', 'number', { min: 1, step: 1 });
  const notes = h('textarea', { name: 'notes', id: 'obs-notes', rows: 3, maxlength: 4000 });
  const [saveEs, saveEn] = mode.kind === 'edit' ? ['Guardar los cambios', 'Save the changes']
    : mode.kind === 'correct' ? ['Guardar la corrección (borrador)', 'Save the correction (draft)'] : ['Guardar borrador', 'Save draft'];
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'obs-save' }, bi(saveEs, saveEn));
  const [titleEs, titleEn] = mode.kind === 'edit' ? [`Editar la observación ${mode.observation.id} (${mode.observation.review_state === 'rejected' ? 'rechazada' : 'borrador'})`,
    `Edit observation ${mode.observation.id} (${mode.observation.review_state === 'rejected' ? 'rejected' : 'draft'})`]
    : mode.kind === 'correct' ? [`Corregir la observación aprobada ${mode.observation.id}`, `Correct approved observation ${mode.observation.id}`]
      : ['Nueva observación', 'New observation'];
  const lead = mode.kind === 'edit'
    ? h('p', { class: 'field-hint', id: 'observation-form-lead' }, bi(`Se guarda sobre la versión ${mode.observation.version} que leyó; si alguien la cambió, el servidor lo dice.${mode.observation.review_state === 'rejected' ? ' Al guardarla vuelve a borrador.' : ''}`,
      `Saved over version ${mode.observation.version}, the one you read; if someone changed it, the server says so.${mode.observation.review_state === 'rejected' ? ' Saving makes it a draft again.' : ''}`))
    : mode.kind === 'correct'
      ? h('p', { class: 'field-hint', id: 'observation-form-lead' }, bi(`Una corrección es una observación nueva que sustituye a la ${mode.observation.id} cuando se aprueba; codifica la misma jurisdicción, alcance, indicador y segmento. La ${mode.observation.id} sigue contando hasta entonces.`,
        `A correction is a new observation that replaces ${mode.observation.id} once approved; it codes the same jurisdiction, scope, indicator and segment. Observation ${mode.observation.id} counts until then.`))
      : '';
  const cancelButton = cancel ? h('button', { type: 'button', class: 'btn', id: 'obs-cancel', onclick: cancel }, bi('Cancelar', 'Cancel')) : '';

  const form = h('form', { id: 'observation-form', class: 'stack-form', novalidate: true, 'aria-labelledby': 'observation-form-title', 'data-mode': mode.kind },
    h('h2', { id: 'observation-form-title', tabindex: -1 }, bi(titleEs, titleEn)),
    lead,
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
      row(label('curfew_from', 'Toque de queda desde', 'Curfew from'), curfewFrom),
      row(label('curfew_to', 'Toque de queda hasta', 'Curfew until'), curfewTo),
      row(label('capacity_pct', 'Aforo', 'Capacity'), capacity, bi('Porcentaje, 0–100', 'Percent, 0–100')),
      row(label('closing_time', 'Hora de cierre', 'Closing time'), closing),
      row(label('alcohol_sales', 'Venta de alcohol', 'Alcohol sales'), alcohol),
      row(label('alcohol_until', 'Alcohol hasta', 'Alcohol until'), alcoholUntil),
      row(label('max_group_size', 'Reunión máxima (personas)', 'Largest gathering (people)'), group)),
    h('fieldset', null, h('legend', null, bi('Documento fuente', 'Source document')),
      row(bi('Tipo', 'Kind'), sourceKind),
      row(bi('Título', 'Title'), sourceTitle),
      row(bi('Emisor', 'Issuer'), sourceIssuer),
      row(bi('Fecha', 'Date'), sourceDate),
      row(bi('Dirección (URL)', 'Address (URL)'), sourceUrl)),
    row(bi('Notas', 'Notes'), notes),
    messages.element,
    h('div', { class: 'form-actions' }, submit, cancelButton));
  messages.describe(...[...form.querySelectorAll<HTMLElement>('input, select, textarea')]);

  // Edit and correction: the form starts from the observation's values.
  if (initial) {
    jurisdiction.value = initial.jurisdiction;
    scope.value = initial.scope;
    segment.value = initial.segment;
    if (value.hidden) freeValue.value = initial.value;
    else value.value = initial.value;
    flag.value = initial.flag === null ? '' : String(initial.flag);
    start.value = initial.start_date;
    end.value = initial.end_date ?? '';
    announced.value = initial.announced_on ?? '';
    implemented.value = initial.implemented_on ?? '';
    notes.value = initial.notes;
    sourceKind.value = initial.source.kind;
    sourceTitle.value = initial.source.title;
    sourceIssuer.value = initial.source.issuer;
    sourceDate.value = initial.source.issued_on ?? '';
    sourceUrl.value = initial.source.url;
    for (const c of [curfewFrom, curfewTo, capacity, closing, alcohol, alcoholUntil, group]) {
      const v = initial.extensions[c.name.split('/')[1]];
      c.value = v === undefined ? '' : String(v);
    }
    // A correction codes what the approved one codes: those four are shown, not changed.
    if (mode.kind === 'correct') for (const c of [jurisdiction, scope, indicator, segment]) c.disabled = true;
  }

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
      // What the form does not show, carried as the observation had it (an edit replaces every field).
      ...(initial ? { applies_to: initial.applies_to, unverified: initial.unverified, verification_note: initial.verification_note } : {}),
      ...(mode.kind === 'correct' ? { supersedes: mode.observation.id } : {}),
    };
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    messages.clear();
    void busy(form, async () => {
      try {
        const o = mode.kind === 'edit' ? await updateObservation(mode.observation, body()) : await createObservation(body());
        if (mode.kind === 'edit') messages.ok(bi(`Observación ${o.id} guardada (versión ${o.version}).`, `Observation ${o.id} saved (version ${o.version}).`));
        else if (mode.kind === 'correct') messages.ok(bi(`Corrección ${o.id} de la observación ${mode.observation.id} guardada como borrador: envíela a revisión desde la lista.`,
          `Correction ${o.id} of observation ${mode.observation.id} saved as a draft: submit it for review from the list.`));
        else messages.ok(bi(`Borrador ${o.id} guardado: envíelo a revisión desde la lista.`, `Draft ${o.id} saved: submit it for review from the list.`));
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

// SPDX-License-Identifier: MIT
// The form of an organisation's editable fields, used by the directory's "Editar" and by the admin area's create
// and edit. Sectors and jurisdictions (INEGI codes) are comma-separated lists. What happens on submit is the
// caller's (`save`); the form shows the caller's outcome in its own aria-live messages.
import { h } from '../dom';
import { busy, checkboxField, field, FormMessages, selectField } from './forms';
import { bi, biText, KINDS } from './labels';
import type { Organisation, OrganisationFields } from './types';

export interface OrganisationForm {
  element: HTMLFormElement;
  messages: FormMessages;
  first: HTMLInputElement;
}

const splitList = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

export function organisationForm(
  prefix: string,
  initial: Partial<Organisation> | null,
  submitLabel: (Node | string)[],
  save: (fields: OrganisationFields, messages: FormMessages) => Promise<void>,
  cancel?: () => void,
): OrganisationForm {
  const id = (name: string) => `${prefix}-${name}`;
  const name = field(bi('Nombre', 'Name'), { id: id('name'), required: true, value: initial?.name ?? '' });
  const short = field(bi('Nombre corto', 'Short name'), { id: id('short'), value: initial?.short_name ?? '' });
  const kind = selectField(bi('Tipo', 'Kind'), { id: id('kind') }, Object.entries(KINDS).map(([k, [es, en]]) => [k, biText(es, en)]));
  kind.input.value = initial?.kind ?? 'other';
  const sectors = field(bi('Sectores', 'Sectors'), { id: id('sectors'), value: (initial?.sectors ?? []).join(', ') },
    bi('Separados por comas, p. ej. «salud, seguridad».', 'Comma-separated, e.g. “health, security”.'));
  const jurisdictions = field(bi('Jurisdicciones (claves INEGI)', 'Jurisdictions (INEGI codes)'), { id: id('jurisdictions'), value: (initial?.jurisdictions ?? []).join(', '), inputmode: 'numeric' },
    bi('Separadas por comas, p. ej. «05035, 10007».', 'Comma-separated, e.g. “05035, 10007”.'));
  const coalition = checkboxField(bi('Forma parte de la coalición metropolitana', 'Member of the metro coalition'), { id: id('coalition') });
  coalition.input.checked = initial?.coalition ?? false;
  const contact = field(bi('Contacto', 'Contact'), { id: id('contact'), value: initial?.contact ?? '' });
  const website = field(bi('Sitio web', 'Website'), { id: id('website'), type: 'url', value: initial?.website ?? '', inputmode: 'url' });
  const messages = new FormMessages();
  messages.describe(name.input);

  const form = h('form', { id: id('form'), class: 'org-form', novalidate: true },
    h('fieldset', null,
      h('legend', { class: 'visually-hidden' }, initial?.name ?? biText('Nueva organización', 'New organisation')),
      name.row, short.row, kind.row, sectors.row, jurisdictions.row, coalition.row, contact.row, website.row),
    messages.element,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: id('save') }, submitLabel),
      cancel ? h('button', { type: 'button', class: 'btn', id: id('cancel'), onclick: () => cancel() }, bi('Cancelar', 'Cancel')) : ''));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      messages.clear();
      if (!name.input.value.trim()) {
        messages.error(bi('Escriba el nombre de la organización.', 'Enter the organisation’s name.'), [name.input]);
        name.input.focus();
        return;
      }
      await save(
        {
          name: name.input.value.trim(),
          short_name: short.input.value.trim(),
          kind: kind.input.value,
          sectors: splitList(sectors.input.value),
          jurisdictions: splitList(jurisdictions.input.value),
          coalition: coalition.input.checked,
          contact: contact.input.value.trim(),
          website: website.input.value.trim(),
        },
        messages,
      );
    });
  });
  return { element: form, messages, first: name.input };
}

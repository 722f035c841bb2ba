// SPDX-License-Identifier: MIT
// HXL CSV download (anyone) and upload (a coordinator): the upload sends the file as text/csv; the server
// imports every row or none and names each bad row and column, listed here.
import { h } from '../../dom';
import { busy, FormMessages, refusal } from '../../access/forms';
import { bi } from '../../access/labels';
import type { ActivityFilter } from './api';
import { exportUrl, importHxl, ImportRefused } from './api';

export function downloadLink(filter: ActivityFilter): HTMLElement {
  return h('p', null, h('a', { href: exportUrl(filter), id: 'hxl-download', download: '3w-actividades.csv', class: 'btn' },
    bi('Descargar CSV con etiquetas HXL', 'Download HXL-tagged CSV')));
}

export function uploadForm(imported: (n: number) => void): HTMLFormElement {
  const messages = new FormMessages();
  const input = h('input', { type: 'file', id: 'hxl-file', name: 'file', accept: '.csv,text/csv', required: true });
  const problems = h('ul', { class: 'named-list', id: 'hxl-problems' });
  const form = h('form', { id: 'hxl-form', class: 'form-narrow' },
    h('h3', null, bi('Importar CSV con etiquetas HXL', 'Import HXL-tagged CSV')),
    h('div', { class: 'field' }, h('label', { for: 'hxl-file' }, bi('Archivo CSV', 'CSV file')),
      h('p', { class: 'field-hint', id: 'hxl-file-hint' }, bi('Todas las filas o ninguna: si una fila tiene un error no se importa nada.', 'All rows or none: if a row has an error nothing is imported.')),
      input),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'hxl-submit' }, bi('Importar', 'Import'))),
    messages.element, problems);
  input.setAttribute('aria-describedby', 'hxl-file-hint');
  messages.describe(input);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      messages.clear();
      problems.replaceChildren();
      const file = input.files?.[0];
      if (!file) {
        messages.error(bi('Elija un archivo CSV.', 'Choose a CSV file.'), [input]);
        input.focus();
        return;
      }
      try {
        const n = await importHxl(await file.text());
        messages.ok(bi(`Importadas ${n} actividades.`, `Imported ${n} activities.`));
        imported(n);
      } catch (e) {
        if (e instanceof ImportRefused) {
          messages.error(bi(`Nada importado: ${e.errors.length} errores.`, `Nothing imported: ${e.errors.length} errors.`), [input]);
          problems.replaceChildren(...e.errors.map((x) => h('li', null, x.detail)));
        } else {
          messages.error(refusal(e), [input]);
        }
      }
    });
  });
  return form;
}

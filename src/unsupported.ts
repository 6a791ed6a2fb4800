/*
 * Where the browser cannot run <ak1-form>, this puts a notice with the office's name and address into each
 * <ak1-form> instead of a blank space. It is built twice: into the classic `<script nomodule>` fallback
 * (`dist/cdn/ak1-form-nomodule.js`, for browsers without module scripts) and as a lazy chunk that the module
 * entry loads when a required feature is missing. Written in ES5 on purpose: it runs in old browsers.
 */
import { UNSUPPORTED_TEXTS } from './i18n/unsupported.js';

export function showUnsupportedNotice(doc: Document): void {
  var forms = doc.getElementsByTagName('ak1-form');
  for (var i = 0; i < forms.length; i++) {
    var form = forms[i] as Element;
    if (form.getAttribute('data-ak1-unsupported') !== null) continue;
    form.setAttribute('data-ak1-unsupported', '');
    var lang: 'id' | 'en' = /^en\b/i.test(form.getAttribute('lang') || '') ? 'en' : 'id';
    var texts = UNSUPPORTED_TEXTS[lang];
    var office = [form.getAttribute('office-name'), form.getAttribute('office-address')]
      .filter(function (part) {
        return !!part;
      })
      .join(', ');
    var notice = doc.createElement('div');
    notice.setAttribute('role', 'alert');
    notice.setAttribute('lang', lang);
    var title = doc.createElement('p');
    var strong = doc.createElement('strong');
    strong.appendChild(doc.createTextNode(texts.title));
    title.appendChild(strong);
    var advice = doc.createElement('p');
    advice.appendChild(doc.createTextNode(texts.advice + ' ' + (office || texts.fallbackOffice) + '.'));
    notice.appendChild(title);
    notice.appendChild(advice);
    form.appendChild(notice);
  }
}

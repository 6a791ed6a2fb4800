// The one registration step every page of the peers bench renders: ak1-form's first step (src/components/
// steps/identity.ts) with its Indonesian texts and codes, read from the sources so that the peers never drift
// from the form. 20 controls: NIK, full name, birth place, the birth date (day, month, year), sex, religion,
// marital status, KK number, height, weight, "a disability?", its six kinds and a note (the last seven shown
// only after "Ya"). Each peer gets it in its own format, as its documentation describes one.
import { DISABILITY_KINDS, MARITAL_STATUSES, RELIGIONS, SEXES } from '../../../src/schema/codes.ts';
import { id } from '../../../src/i18n/id/form.ts';

const f = id.form.identity;
const options = (codes, labels) => codes.map((code) => [code, labels[code]]);

/** @typedef {{ name: string, kind: 'text' | 'date' | 'radio' | 'select' | 'checkboxes' | 'textarea', label: string, hint?: string, required: boolean, options?: [string, string][], digits?: [number, number], maxlength?: number, shownWhen?: [string, string] }} Field */

/** @type {{ title: string, submit: string, choose: string, months: string[], fields: Field[] }} */
export const STEP = {
  title: f.title,
  submit: id.form.continue,
  choose: id.form.choose,
  months: id.months,
  fields: [
    { name: 'nik', kind: 'text', label: f.nik, hint: f.nikHint, required: true, digits: [16, 16], maxlength: 24 },
    { name: 'fullName', kind: 'text', label: f.fullName, hint: f.fullNameHint, required: true, maxlength: 100 },
    { name: 'birthPlace', kind: 'text', label: f.birthPlace, required: true, maxlength: 60 },
    { name: 'birthDate', kind: 'date', label: f.birthDate, hint: f.birthDateHint, required: true },
    { name: 'sex', kind: 'radio', label: f.sex, required: true, options: options(SEXES, id.labels.sex) },
    { name: 'religion', kind: 'select', label: f.religion, required: true, options: options(RELIGIONS, id.labels.religion) },
    { name: 'maritalStatus', kind: 'select', label: f.maritalStatus, required: true, options: options(MARITAL_STATUSES, id.labels.maritalStatus) },
    { name: 'kkNumber', kind: 'text', label: f.kkNumber, hint: f.kkNumberHint, required: false, digits: [16, 16], maxlength: 24 },
    { name: 'heightCm', kind: 'text', label: f.heightCm, required: false, digits: [2, 3], maxlength: 3 },
    { name: 'weightKg', kind: 'text', label: f.weightKg, required: false, digits: [2, 3], maxlength: 3 },
    { name: 'hasDisability', kind: 'radio', label: f.disability, hint: f.disabilityHint, required: false, options: [['no', id.form.no], ['yes', id.form.yes]] },
    { name: 'disabilityKinds', kind: 'checkboxes', label: f.disabilityKinds, required: true, options: options(DISABILITY_KINDS, id.labels.disabilityKind), shownWhen: ['hasDisability', 'yes'] },
    { name: 'disabilityNote', kind: 'textarea', label: f.disabilityNote, hint: f.disabilityNoteHint, required: false, maxlength: 500, shownWhen: ['hasDisability', 'yes'] },
  ],
};

const digitsPattern = ([min, max]) => `^[0-9 ]{${min},${max + Math.floor(max / 4)}}$`;

/** SurveyJS: a survey JSON with one page (survey-core's question types, visibleIf for the disability's parts). */
export function surveyJson(step = STEP) {
  const elements = step.fields.map((field) => {
    const base = { name: field.name, title: field.label, description: field.hint, isRequired: field.required };
    if (field.shownWhen) base.visibleIf = `{${field.shownWhen[0]}} = '${field.shownWhen[1]}'`;
    const choices = field.options?.map(([value, text]) => ({ value, text }));
    switch (field.kind) {
      case 'text':
        return {
          ...base,
          type: 'text',
          maxLength: field.maxlength,
          ...(field.digits && { validators: [{ type: 'regex', regex: digitsPattern(field.digits) }] }),
        };
      case 'date':
        return { ...base, type: 'text', inputType: 'date' };
      case 'radio':
        return { ...base, type: 'radiogroup', choices, colCount: 0 };
      case 'select':
        return { ...base, type: 'dropdown', choices, placeholder: step.choose };
      case 'checkboxes':
        return { ...base, type: 'checkbox', choices };
      case 'textarea':
        return { ...base, type: 'comment', maxLength: field.maxlength };
    }
  });
  return { title: step.title, completeText: step.submit, showQuestionNumbers: 'off', pages: [{ name: 'identity', elements }] };
}

/** The Form.io renderer: a form JSON of its components (the day component for the date, conditional for the disability's parts). */
export function formioJson(step = STEP) {
  const components = step.fields.map((field) => {
    const base = {
      key: field.name,
      label: field.label,
      description: field.hint,
      input: true,
      validate: { required: field.required, ...(field.maxlength && { maxLength: field.maxlength }), ...(field.digits && { pattern: digitsPattern(field.digits) }) },
    };
    if (field.shownWhen) base.conditional = { show: true, when: field.shownWhen[0], eq: field.shownWhen[1] };
    const values = field.options?.map(([value, label]) => ({ value, label }));
    switch (field.kind) {
      case 'text':
        return { ...base, type: 'textfield' };
      case 'date':
        return { ...base, type: 'day', fields: { day: { placeholder: '' }, month: { placeholder: '' }, year: { placeholder: '' } } };
      case 'radio':
        return { ...base, type: 'radio', values, inline: true };
      case 'select':
        return { ...base, type: 'select', widget: 'choicesjs', placeholder: step.choose, data: { values } };
      case 'checkboxes':
        return { ...base, type: 'selectboxes', values };
      case 'textarea':
        return { ...base, type: 'textarea' };
    }
  });
  components.push({ type: 'button', action: 'submit', key: 'submit', label: step.submit, input: true });
  return { display: 'form', components };
}

/**
 * JSON Forms: a JSON Schema and a UI schema (a vertical layout, a SHOW rule for the disability's parts). The
 * vanilla renderers have no control for a multiple choice from an enum, so the kinds are a group of booleans.
 */
export function jsonForms(step = STEP) {
  const properties = {};
  const required = [];
  const elements = [];
  for (const field of step.fields) {
    const oneOf = field.options?.map(([value, title]) => ({ const: value, title }));
    const rule = field.shownWhen && {
      effect: 'SHOW',
      condition: { scope: `#/properties/${field.shownWhen[0]}`, schema: { const: field.shownWhen[1] } },
    };
    if (field.kind === 'checkboxes') {
      properties[field.name] = {
        type: 'object',
        properties: Object.fromEntries(field.options.map(([value, title]) => [value, { type: 'boolean', title }])),
      };
      const controls = field.options.map(([value]) => ({ type: 'Control', scope: `#/properties/${field.name}/properties/${value}` }));
      elements.push({ type: 'Group', label: field.label, elements: controls, ...(rule && { rule }) });
      continue;
    }
    properties[field.name] =
      field.kind === 'date'
        ? { type: 'string', format: 'date', title: field.label, description: field.hint }
        : {
            type: 'string',
            title: field.label,
            description: field.hint,
            ...(oneOf && { oneOf }),
            ...(field.maxlength && { maxLength: field.maxlength }),
            ...(field.digits && { pattern: digitsPattern(field.digits) }),
          };
    if (field.required && !field.shownWhen) required.push(field.name);
    const control = { type: 'Control', scope: `#/properties/${field.name}` };
    if (field.kind === 'radio') control.options = { format: 'radio' };
    if (field.kind === 'textarea') control.options = { multi: true };
    if (rule) control.rule = rule;
    elements.push(control);
  }
  return {
    schema: { type: 'object', properties, required },
    uischema: { type: 'VerticalLayout', elements: [{ type: 'Label', text: step.title }, ...elements] },
  };
}

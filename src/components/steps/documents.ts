import { html } from 'lit';
import '../ak1-photo-step.define.js';
export { photoStepStyles as styles } from '../ak1-photo-step.styles.js';
import type { Attachments } from '../form/answers.js';
import { questionStep } from '../form/layout.js';
import type { StepHost } from '../form/step-host.js';

/**
 * Step 5: the pas foto and the documents the district asks for. `<ak1-photo-step>` renders into this
 * shadow root (no shadow root of its own), so the error summary's links reach its inputs.
 */
export function render(host: StepHost) {
  const t = host.t;
  const errors = Object.fromEntries([...host.errors].filter(([path]) => path === 'photo' || path.startsWith('documents.')));
  return questionStep(
    host,
    host.j.documents.title,
    html`<ak1-photo-step
      .catalogue=${t}
      .texts=${host.j.media}
      .messages=${host.j.messages}
      .photoRules=${host.settings.photoRules ?? ''}
      .documents=${host.settings.documents}
      .photo=${host.attachments.photo}
      .documentFiles=${host.attachments.documents}
      .errors=${errors}
      @ak1-media-change=${(event: CustomEvent<Attachments>) => host.setAttachments(event.detail)}
    ></ak1-photo-step>`,
    host.j.documents.intro,
  );
}

import { css, html } from 'lit';
import { choiceField } from '../form/fields.js';
import { questionStep } from '../form/layout.js';
import type { StepHost } from '../form/step-host.js';

/** This step's own styles: they join the form's when the step loads. */
export const styles = css`
  .privacy {
    max-height: none;
  }
  .privacy h3 {
    font-size: 1.125rem;
    margin-top: 1rem;
  }
  .device {
    margin-top: 2rem;
    padding-top: 1rem;
    border-top: 1px solid var(--ak1-color-border, #b1b4b6);
  }
  .device .link-button {
    margin-top: 0.5rem;
  }
`;


/**
 * Step 7: the privacy notice of UU PDP No. 27/2022 (Pasal 21: who receives the data, why, what, how long,
 * the applicant's rights and whom to ask) and the consent, unticked until the applicant ticks it. The
 * notice's version goes into the application.
 */
export function render(host: StepHost) {
  const p = host.j.privacy;
  const office = host.office;
  const officeName = office?.officeName || office?.districtName || host.j.privacy.theOffice;
  return questionStep(
    host,
    p.title,
    html`<div class="privacy">
        ${p.sections(officeName, office?.officeAddress ?? '').map(
          (section) => html`<h3>${section.heading}</h3>
            ${section.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}`,
        )}
        <p class="hint">${p.versionLabel(p.version)}</p>
      </div>
      ${choiceField(host, { path: 'consent', legend: p.consentLegend, multiple: true, options: [['true', p.consentLabel]] })}`,
  );
}

import { html, type SafeHtml } from '../html';
import { href, type PageContext } from '../page-context';
import type { RecordProof } from '../proof-state';
import { layout } from './layout';
import { asArray, asRecord, detailFacts, facts, str, when } from './parts';
import { proofBlock } from './proof-block';
import { stepLabel } from '../messages/step-labels';

export type ConsultationPageData = Readonly<{
  consultationId: string;
  state: Record<string, unknown>;
  entries: readonly Record<string, unknown>[];
  publicView: Record<string, unknown> | null;
  violations: readonly Record<string, unknown>[];
  proof: RecordProof | undefined;
}>;

/** Violations with links to the timeline entries of the events that show them. */
export const violationList = (ctx: PageContext, violations: readonly Record<string, unknown>[], eventHref: (eventId: string) => string): SafeHtml =>
  violations.length === 0
    ? html`<p>${ctx.t('noViolations')}</p>`
    : html`<ul class="violations">${violations.map(
        (v) => html`<li><span class="rule">${str(v['rule'])}</span> ${str(v['code'])} — ${str(v['message'])}
${ctx.t('events')}: ${asArrayOfStrings(v['eventIds']).map((id) => html`<a class="event-link" href="${eventHref(id)}">${id.slice(-12)}</a> `)}</li>`,
      )}</ul>`;

const asArrayOfStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []);

/** A consultation's timeline in procedure order: occurred vs recorded, deviations, the meeting decision, publication and feedback, violations. */
export const consultationPage = (ctx: PageContext, d: ConsultationPageData): SafeHtml => {
  const { t } = ctx;
  const overdue = asArray(d.state['overdueSteps']);
  const entry = (e: Record<string, unknown>, i: number) => {
    const p = asRecord(e['provenance']);
    const deviation = e['deviation'] === null ? null : asRecord(e['deviation']);
    const decision = e['meetingDecision'] === null ? null : asRecord(e['meetingDecision']);
    const flags = [
      e['recordedLate'] === true ? html`<span class="warn">${t('recordedLate', Number(e['recordingDelayDays'] ?? 0))}</span>` : '',
      e['occurredBeforePrevious'] === true ? html`<span class="warn">${t('outOfOrder')}</span>` : '',
      typeof e['supersededBy'] === 'string' ? html`<span class="warn">${t('superseded', e['supersededBy'])}</span>` : '',
    ];
    return html`<li id="ev-${str(p['eventId'])}" class="step">
<h3><span class="step-no">${i + 1}.</span> ${stepLabel(ctx.lang, e['step'])} <code class="step-code">${str(e['step'])}</code></h3>
<p class="times"><span>${t('occurredAt')}: <time class="occurred" datetime="${str(e['occurredAt'])}">${when(e['occurredAt'], ctx.timeZone)}</time></span>
<span>${t('recordedAt')}: <time class="recorded" datetime="${str(e['recordedAt'])}">${when(e['recordedAt'], ctx.timeZone)}</time></span> ${flags}</p>
${deviation === null ? '' : html`<p class="deviation"><strong>${t('deviation')}</strong> ${str(deviation['rule'])} ${stepLabel(ctx.lang, deviation['step'])}${deviation['reason'] === undefined ? '' : html` — ${t('deviationReason')}: ${str(deviation['reason'])}`}</p>`}
${decision === null ? '' : html`<p class="decision">${t('meetingDecision')}: <a href="${href(ctx, `/meetings/${encodeURIComponent(str(decision['meetingId']) ?? '')}`)}">${str(decision['meetingId'])}</a> · ${str(decision['decisionId'])} · ${decision['adopted'] === true ? t('adopted') : t('rejected')} · ${when(decision['decidedAt'], ctx.timeZone)}</p>`}
${detailFacts(ctx.lang, e['details'], ctx.timeZone)}
</li>`;
  };
  const pv = d.publicView;
  return layout(
    ctx,
    t('consultationTitle', str(d.state['title']) ?? d.consultationId),
    html`<p class="crumbs"><a href="${href(ctx, `/communities/${encodeURIComponent(str(d.state['communityId']) ?? '')}`)}">${str(d.state['communityId'])}</a> › ${d.consultationId}</p>
${facts([[t('status'), d.state['status']], [t('overdueSteps'), overdue.length === 0 ? t('none') : overdue.map((o) => `${stepLabel(ctx.lang, o['step'])} (${str(o['dueBy']) ?? ''})`).join('、')]])}
${proofBlock(ctx, d.proof, { kind: 'consultation', id: d.consultationId })}
<section aria-labelledby="tl"><h2 id="tl">${t('step')}</h2>
<ol class="timeline">${d.entries.map(entry)}</ol>
</section>
<section aria-labelledby="pub"><h2 id="pub">${t('publicationAndFeedback')}</h2>
${pv === null ? html`<p>${t('none')}</p>` : html`<ul>${asArray(pv['publications']).map((p) => html`<li>${detailFacts(ctx.lang, p, ctx.timeZone)}</li>`)}</ul>${pv['satisfaction'] === null || pv['satisfaction'] === undefined ? '' : detailFacts(ctx.lang, pv['satisfaction'], ctx.timeZone)}`}
</section>
<section aria-labelledby="vio"><h2 id="vio">${t('violations')}</h2>
${violationList(ctx, d.violations, (id) => `#ev-${id}`)}
</section>`,
  );
};

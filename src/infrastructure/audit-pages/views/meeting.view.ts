import { html, type SafeHtml } from '../html';
import { href, type PageContext } from '../page-context';
import type { RecordProof } from '../proof-state';
import { layout } from './layout';
import { asArray, asRecord, facts, str, when } from './parts';
import { proofBlock } from './proof-block';

/** A meeting's record: notice, attendance against quorum, votes against the threshold in force, corrections. */
export const meetingPage = (ctx: PageContext, record: Record<string, unknown>, proof: RecordProof | undefined): SafeHtml => {
  const { t } = ctx;
  const convening = record['convening'] === null ? null : asRecord(record['convening']);
  const attendance = record['attendance'] === null ? null : asRecord(record['attendance']);
  const items = asArray(record['items']);
  return layout(
    ctx,
    t('meetingTitle', str(record['meetingId']) ?? ''),
    html`<p class="crumbs"><a href="${href(ctx, `/communities/${encodeURIComponent(str(record['communityId']) ?? '')}`)}">${str(record['communityId'])}</a> › ${str(record['meetingId'])} (${str(record['kind'])})</p>
${proofBlock(ctx, proof, { kind: 'meeting', id: str(record['meetingId']) ?? '' })}
<section aria-labelledby="notice"><h2 id="notice">${t('notice')}</h2>
${convening === null ? html`<p>${t('none')}</p>` : facts([[t('scheduledFor'), when(convening['scheduledFor'], ctx.timeZone)], [t('noticeGivenOn'), convening['noticeDate']], [t('noticeDays'), `${str(convening['noticeDays']) ?? ''} / ${str(convening['minimumNoticeDays']) ?? '–'} ${str(convening['noticeRule']) ?? ''}`]])}
</section>
<section aria-labelledby="att"><h2 id="att">${t('attendance')}</h2>
${attendance === null
      ? html`<p>${t('none')}</p>`
      : html`${facts([[t('present'), attendance['present']], [t('quorum'), `${str(attendance['quorumRule']) ?? ''} ${str(attendance['quorumFormula']) ?? ''}`.trim()]])}
<p class="${attendance['quorumMet'] === true ? 'ok' : 'warn'}">${attendance['quorumMet'] === true ? t('quorumMet') : t('quorumNotMet')}</p>`}
</section>
<section aria-labelledby="votes"><h2 id="votes">${t('agenda')}</h2>
${items.map((i) => {
      const vote = i['vote'] === null ? null : asRecord(i['vote']);
      const actions = asArray(i['actions']);
      return html`<article class="record item"><h3>${str(i['title'])}</h3>
${vote === null
        ? html`<p>${t('notVoted')}</p>`
        : html`<table class="vote"><caption>${t('votes')}</caption><tbody>
<tr><th scope="row">${t('yes')}</th><td>${str(vote['yes'])}</td></tr>
<tr><th scope="row">${t('no')}</th><td>${str(vote['no'])}</td></tr>
<tr><th scope="row">${t('abstain')}</th><td>${str(vote['abstain'])}</td></tr>
<tr><th scope="row">${t('threshold')}</th><td>${str(vote['rule'])} · ${str(vote['formula'])} · ${str(vote['ruleText'])}</td></tr>
<tr><th scope="row">${t('outcome')}</th><td class="${vote['outcome'] === 'adopted' ? 'ok' : 'warn'}">${vote['outcome'] === 'adopted' ? t('adopted') : t('rejected')}</td></tr>
</tbody></table>`}
${i['decisionStatus'] === null || i['decisionStatus'] === undefined ? '' : html`<p>${t('decisionStatus')}: ${str(i['decisionStatus'])}</p>`}
${actions.length === 0 ? '' : html`<h4>${t('corrections')}</h4><ul>${actions.map((a) => html`<li>${str(a['action'])} · ${str(a['rule'])} · ${str(a['by'])}${a['reason'] === undefined ? '' : ` — ${str(a['reason']) ?? ''}`}</li>`)}</ul>`}
</article>`;
    })}
${record['closed'] === null ? '' : html`<p>${t('closed')}</p>`}
</section>`,
  );
};

import { html, type SafeHtml } from '../html';
import type { PageContext } from '../page-context';
import type { RecordProof } from '../proof-state';

/**
 * A record's proof state and its "verify" button. The browser script (audit.js, the offline
 * verifier bundled) fetches each event's inclusion proof, the checkpoint and the log key and checks
 * them itself; the messages it shows come from the data attributes, in the page's language.
 */
export const proofBlock = (ctx: PageContext, proof: RecordProof | undefined): SafeHtml => {
  const { t } = ctx;
  if (proof === undefined || proof.events.length === 0) return html``;
  const state =
    proof.treeSize === null
      ? t('proofNoCheckpoint')
      : proof.uncovered === 0
        ? t('proofCovered', proof.events.length, proof.treeSize)
        : t('proofPartly', proof.events.length, proof.uncovered);
  const covered = proof.treeSize !== null && proof.uncovered === 0;
  return html`<div class="proof" data-proof-stream="${proof.stream}" data-proof-events="${JSON.stringify(proof.events)}"
 data-msg-verifying="${t('verifying')}" data-msg-ok="${t('verifyOk', '{0}', '{1}', '{2}')}" data-msg-failed="${t('verifyFailed', '{0}')}">
<p class="proof-state ${covered ? 'covered' : 'uncovered'}"><span class="label">${t('proof')}:</span> ${state}</p>
<button type="button" class="verify" aria-describedby="vr-${proof.stream}">${t('verify')}</button>
<p class="verify-result" id="vr-${proof.stream}" role="status" aria-live="polite"></p>
</div>`;
};

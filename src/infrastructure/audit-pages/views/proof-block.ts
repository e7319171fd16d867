import { html, type SafeHtml } from '../html';
import type { PageContext } from '../page-context';
import type { PublicBundleKind } from '../../transparency/proof-bundles';
import type { RecordProof } from '../proof-state';

/** A public record whose public proof bundle the page offers (GET /api/v1/log/bundles/{kind}/{id}/public). */
export type PublicBundleRef = Readonly<{ kind: PublicBundleKind; id: string }>;

/**
 * A record's proof state and its "verify" button. The browser script (audit.js, the offline
 * verifier bundled) fetches each event's inclusion proof, the checkpoint and the log key and checks
 * them itself; the messages it shows come from the data attributes, in the page's language.
 * With `bundle` (the public record kinds: consultations, meetings, publications on the public board,
 * a jurisdiction's work-item lists): a link to download the record's public proof
 * bundle and a second button that verifies that bundle in the browser (verifyBundle), its result
 * in the same status line.
 */
export const proofBlock = (ctx: PageContext, proof: RecordProof | undefined, bundle?: PublicBundleRef): SafeHtml => {
  const { t } = ctx;
  if (proof === undefined || proof.events.length === 0) return html``;
  const state =
    proof.treeSize === null
      ? t('proofNoCheckpoint')
      : proof.uncovered === 0
        ? t('proofCovered', proof.events.length, proof.treeSize)
        : t('proofPartly', proof.events.length, proof.uncovered);
  const covered = proof.treeSize !== null && proof.uncovered === 0;
  // Only when the stream is the bundle's `<kind>-<id>` and a checkpoint covers it (else the endpoint has nothing to give).
  const offered = bundle !== undefined && proof.stream === `${bundle.kind}-${bundle.id}` && proof.treeSize !== null ? bundle : undefined;
  const bundleUrl = offered === undefined ? '' : `/api/v1/log/bundles/${offered.kind}/${encodeURIComponent(offered.id)}/public`;
  return html`<div class="proof" data-proof-stream="${proof.stream}" data-proof-events="${JSON.stringify(proof.events)}"
 data-msg-verifying="${t('verifying')}" data-msg-ok="${t('verifyOk', '{0}', '{1}', '{2}')}" data-msg-failed="${t('verifyFailed', '{0}')}"${offered === undefined ? '' : html`
 data-bundle-url="${bundleUrl}" data-bundle-kind="${offered.kind}" data-bundle-id="${offered.id}" data-msg-bundle-ok="${t('bundleVerifyOk', '{0}', '{1}', '{2}', '{3}', '{4}')}"`}>
<p class="proof-state ${covered ? 'covered' : 'uncovered'}"><span class="label">${t('proof')}:</span> ${state}</p>
<button type="button" class="verify" aria-describedby="vr-${proof.stream}">${t('verify')}</button>
${offered === undefined ? '' : html`<button type="button" class="verify-bundle" aria-describedby="vr-${proof.stream}">${t('bundleVerify')}</button>
<a class="bundle-download" href="${bundleUrl}" download="${offered.kind}-${offered.id}.public-bundle.json" type="application/json">${t('bundleDownload')}</a>`}
<p class="verify-result" id="vr-${proof.stream}" role="status" aria-live="polite"></p>
</div>`;
};

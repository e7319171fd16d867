/**
 * Person references (docs/architecture.md "The event envelope"): events name persons by reference, never by
 * name, ID-card number or phone. A reference that carries a mainland mobile number
 * (1[3-9] + 9 digits) or a resident ID number (17 digits + a digit or X) is personal data in
 * disguise and is refused wherever a reference is accepted.
 */
const MOBILE_NUMBER = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const RESIDENT_ID_NUMBER = /(?<!\d)\d{17}[\dXx](?![\dXx])/;

/** Why a reference is refused as personal data, or null when it is not shaped like any. */
export const personalDataInRef = (ref: string): string | null => {
  if (MOBILE_NUMBER.test(ref)) return 'must not contain a mobile phone number';
  if (RESIDENT_ID_NUMBER.test(ref)) return 'must not contain a resident ID number';
  return null;
};

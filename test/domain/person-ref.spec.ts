import { personalDataInRef } from '../../src/domain/shared';

describe('person references never carry a phone or resident ID number (docs/architecture.md "The event envelope")', () => {
  it.each(['13900001111', 'tel-13900001111', 'p:19912345678', '220102198001011234', '22010219800101123X', 'id-22010219800101123x'])('refuses %s', (ref) => {
    expect(personalDataInRef(ref)).not.toBeNull();
  });
  it.each(['p-1', 'person-42', '12900001111', '139000011112', 'census-2026', '1234567890123456', 'p-2201021980010112345'])('accepts %s', (ref) => {
    expect(personalDataInRef(ref)).toBeNull();
  });
});

import {
  adoption,
  atLeastFraction,
  cadenceStatus,
  isReservedMatter,
  minimumForFraction,
  minimumForMajority,
  moreThanFraction,
  moreThanHalf,
  noticeRule,
  partyPreDeliberationRule,
  petitionObliges,
  quorum,
  type Roster,
} from '../../src/domain/rules';

const roster = (r: Partial<Roster>): Roster => ({ adults: 0, households: 0, members: 0, representatives: 0, residentGroups: 0, ...r });
const att = (present: number, householdsRepresented = 0, observers = 0) => ({ present, householdsRepresented, observers });

describe('D-1/D-2 integer thresholds', () => {
  it.each([
    [5, 10, false],
    [6, 10, true],
    [5, 11, false],
    [6, 11, true],
  ])('D-2: 过半数 2*%i > %i is %s (n even and odd)', (x, n, expected) => {
    expect(moreThanHalf(x, n)).toBe(expected);
  });

  it('D-1: 三分之二以上 includes the boundary (3*x >= 2*n) while EL-4 超过三分之二 excludes it (3*x > 2*n)', () => {
    expect(atLeastFraction(20, 30, 2, 3)).toBe(true);
    expect(moreThanFraction(20, 30, 2, 3)).toBe(false);
    expect(moreThanFraction(21, 30, 2, 3)).toBe(true);
    expect(atLeastFraction(19, 30, 2, 3)).toBe(false);
    // n not divisible by 3: 2/3 of 31 is 20.67, so 21 is the first count that reaches it
    expect(atLeastFraction(20, 31, 2, 3)).toBe(false);
    expect(atLeastFraction(21, 31, 2, 3)).toBe(true);
  });

  it('D-1: minimum counts in integers, no float rounding', () => {
    expect(minimumForFraction(31, 2, 3)).toBe(21);
    expect(minimumForFraction(30, 2, 3)).toBe(20);
    expect(minimumForFraction(101, 1, 10)).toBe(11);
    expect(minimumForMajority(10)).toBe(6);
    expect(minimumForMajority(11)).toBe(6);
  });
});

describe('quorum and adoption formulas', () => {
  it('VM-5: quorum by adults 2*x > n, exactly on the boundary', () => {
    expect(quorum('villagers_meeting', roster({ adults: 100, households: 40 }), att(50)).met).toBe(false);
    expect(quorum('villagers_meeting', roster({ adults: 100, households: 40 }), att(51)).met).toBe(true);
    expect(quorum('villagers_meeting', roster({ adults: 101, households: 40 }), att(50)).met).toBe(false);
    expect(quorum('villagers_meeting', roster({ adults: 101, households: 40 }), att(51)).met).toBe(true);
  });

  it('VM-5: quorum by household representatives 3*x >= 2*n, exactly on the boundary', () => {
    expect(quorum('villagers_meeting', roster({ adults: 100, households: 30 }), att(19, 19)).met).toBe(false);
    expect(quorum('villagers_meeting', roster({ adults: 100, households: 30 }), att(20, 20)).met).toBe(true);
  });

  it('VM-11: a group meeting needs 2/3 of the group adults (stricter than VM-5)', () => {
    expect(quorum('village_group_meeting', roster({ adults: 30, households: 12 }), att(19)).met).toBe(false);
    expect(quorum('village_group_meeting', roster({ adults: 30, households: 12 }), att(20)).met).toBe(true);
    expect(quorum('village_group_meeting', roster({ adults: 30, households: 12 }), att(16, 8)).met).toBe(true);
    expect(quorum('village_group_meeting', roster({ adults: 30, households: 12 }), att(16, 7)).met).toBe(false);
  });

  it('VM-10 / RM-5: representative meetings need 3*present >= 2*members; observers never count (RM-4)', () => {
    expect(quorum('village_representatives_meeting', roster({ members: 30 }), att(19, 0, 50)).met).toBe(false);
    expect(quorum('village_representatives_meeting', roster({ members: 30 }), att(20)).met).toBe(true);
    expect(quorum('residents_representatives_meeting', roster({ members: 31 }), att(20, 0, 10)).met).toBe(false);
    expect(quorum('residents_representatives_meeting', roster({ members: 31 }), att(21)).met).toBe(true);
  });

  it('RM-3: residents meeting counts adults or households according to its mode', () => {
    const r = roster({ adults: 200, households: 80 });
    expect(quorum('residents_meeting', r, att(100), 'adults').met).toBe(false);
    expect(quorum('residents_meeting', r, att(101), 'adults').met).toBe(true);
    expect(quorum('residents_meeting', r, att(40), 'households').met).toBe(false);
    expect(quorum('residents_meeting', r, att(41), 'households').met).toBe(true);
  });

  it.each(['villagers_meeting', 'village_representatives_meeting', 'village_group_meeting', 'residents_meeting', 'residents_representatives_meeting'] as const)(
    'VM-5/VM-10/VM-11/RM-3/RM-5: %s adopts on 2*yes > present only',
    (kind) => {
      expect(adoption(kind, 10, 20).met).toBe(false);
      expect(adoption(kind, 11, 20).met).toBe(true);
      expect(adoption(kind, 10, 21).met).toBe(false);
      expect(adoption(kind, 11, 21).met).toBe(true);
    },
  );
});

describe('petitions, notice, reserved matters, Party pre-deliberation', () => {
  it('VM-2: 1/10 of villagers or 1/3 of representatives, boundary included', () => {
    const r = roster({ adults: 101, representatives: 31 });
    expect(petitionObliges('villagers_meeting', '2025', 'adults', 10, r).met).toBe(false);
    expect(petitionObliges('villagers_meeting', '2025', 'adults', 11, r)).toMatchObject({ met: true, rule: 'VM-2', required: 11 });
    expect(petitionObliges('villagers_meeting', '2018', 'representatives', 10, r).met).toBe(false);
    expect(petitionObliges('villagers_meeting', '2018', 'representatives', 11, r).met).toBe(true);
  });

  it('RM-2: 1/10 under the 2025 text, 1/5 under the 2018 text; resident groups only in 2018', () => {
    const r = roster({ adults: 100, households: 50, residentGroups: 6 });
    expect(petitionObliges('residents_meeting', '2025', 'adults', 10, r).met).toBe(true);
    expect(petitionObliges('residents_meeting', '2018', 'adults', 10, r).met).toBe(false);
    expect(petitionObliges('residents_meeting', '2018', 'adults', 20, r).met).toBe(true);
    expect(petitionObliges('residents_meeting', '2018', 'resident_groups', 2, r).met).toBe(true);
    expect(petitionObliges('residents_meeting', '2025', 'resident_groups', 2, r).applicable).toBe(false);
  });

  it('VM-10 / RM-4: 1/5 of representatives oblige a representative meeting', () => {
    const r = roster({ representatives: 26 });
    expect(petitionObliges('village_representatives_meeting', '2025', 'representatives', 5, r).met).toBe(false);
    expect(petitionObliges('village_representatives_meeting', '2025', 'representatives', 6, r).met).toBe(true);
    expect(petitionObliges('residents_representatives_meeting', '2025', 'representatives', 6, r)).toMatchObject({ met: true, rule: 'RM-4' });
  });

  it('VM-3 / RM-2: notice rules by text', () => {
    expect(noticeRule('villagers_meeting', '2018')).toEqual({ minimumDays: 10, urgencyException: false, rule: 'VM-3' });
    expect(noticeRule('villagers_meeting', '2025')).toEqual({ minimumDays: 10, urgencyException: true, rule: 'VM-3' });
    expect(noticeRule('residents_meeting', '2018')).toBeNull();
    expect(noticeRule('residents_meeting', '2025')).toEqual({ minimumDays: 10, urgencyException: true, rule: 'RM-2' });
  });

  it('VM-6: the reserved list changed in 2025 (land matters moved out)', () => {
    expect(isReservedMatter('village', '2018', 'homestead_plan')).toBe(true);
    expect(isReservedMatter('village', '2025', 'homestead_plan')).toBe(false);
    expect(isReservedMatter('village', '2025', 'key_assistance')).toBe(true);
    expect(isReservedMatter('village', '2025', 'other')).toBe(false);
  });

  it('VM-7 / RM-7: pre-deliberation only under the 2025 texts, not for group meetings', () => {
    expect(partyPreDeliberationRule('villagers_meeting', '2018')).toBeNull();
    expect(partyPreDeliberationRule('village_representatives_meeting', '2025')).toBe('VM-7');
    expect(partyPreDeliberationRule('residents_meeting', '2025')).toBe('RM-7');
    expect(partyPreDeliberationRule('village_group_meeting', '2025')).toBeNull();
  });
});

describe('cadence', () => {
  it('VM-4: yearly 村民会议 is required only from the 2025 text (switch as configuration)', () => {
    const status = cadenceStatus('villagers_meeting', ['2027-03-01'], '2025-06-01', '2028-05-01');
    expect(status?.periods.map((p) => [p.period, p.status])).toEqual([
      ['2025', 'not_required'],
      ['2026', 'missed'],
      ['2027', 'met'],
      ['2028', 'open'],
    ]);
    const earlySwitch = cadenceStatus('villagers_meeting', [], '2025-06-01', '2025-12-31', '2025-01-01');
    expect(earlySwitch?.periods.map((p) => p.status)).toEqual(['open']);
  });

  it('VM-10: quarterly 村民代表会议 under both texts, last day of the quarter counts', () => {
    const status = cadenceStatus('village_representatives_meeting', ['2025-03-31', '2025-07-01'], '2025-01-15', '2025-12-31');
    expect(status?.periods.map((p) => [p.period, p.status])).toEqual([
      ['2025-Q1', 'met'],
      ['2025-Q2', 'missed'],
      ['2025-Q3', 'met'],
      ['2025-Q4', 'open'],
    ]);
    expect(status?.missed).toBe(1);
  });

  it('RM-4: half-yearly 居民代表会议 from the 2025 text', () => {
    const status = cadenceStatus('residents_representatives_meeting', ['2026-08-01'], '2025-07-01', '2027-01-02');
    expect(status?.periods.map((p) => [p.period, p.status])).toEqual([
      ['2025-H2', 'not_required'],
      ['2026-H1', 'missed'],
      ['2026-H2', 'met'],
      ['2027-H1', 'open'],
    ]);
  });

  it('no cadence for group meetings and residents meetings', () => {
    expect(cadenceStatus('village_group_meeting', [], '2026-01-01', '2026-12-31')).toBeNull();
    expect(cadenceStatus('residents_meeting', [], '2026-01-01', '2026-12-31')).toBeNull();
  });
});

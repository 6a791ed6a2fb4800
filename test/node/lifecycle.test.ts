import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodedLength, REGISTRATION_STATUSES, validateApplication, type Ak1Application, type RegistrationStatus } from '../../src/schema/index.js';
import {
  OFFICE_ACTIONS,
  OFFICE_ACTION_RULES,
  OFFICER_ROLES,
  STATUS_TRANSITIONS,
  type Ak1OfficeAction,
  type Ak1OfficerRole,
} from '../../src/schema/lifecycle.js';
import type { Ak1OfficeActionRequest } from '../../src/schema/office.js';
import { decideAction, decideView, officeHistory, type ActionContext } from '../../src/server/office/lifecycle.js';
import { decideExpiry, isDue } from '../../src/server/office/expiry.js';
import type { Ak1RecordUpdate, Ak1StoredRecord } from '../../src/server/store.js';
import { fullApplication, TINY_JPEG_BASE64, TODAY } from '../fixtures/application.js';

const NIP = '196903121994032001';
const SIGNER = { id: 'o-siti', name: 'Siti Aminah', nip: NIP, roles: ['pengantar-kerja'] as Ak1OfficerRole[] };
const PETUGAS = { id: 'o-budi', name: 'Budi Santoso', roles: ['petugas'] as Ak1OfficerRole[] };

function application(): Ak1Application {
  const result = validateApplication(fullApplication(), { today: TODAY });
  assert.ok(result.ok);
  return result.value;
}

function record(status: RegistrationStatus = 'RECEIVED', changes: Partial<Ak1StoredRecord['registration']> = {}): Ak1StoredRecord {
  const app = application();
  return {
    registration: {
      id: 'r1',
      registrationNumber: '3604-000001-281126',
      status,
      registeredAt: '2026-11-28T09:00:00+07:00',
      registrationDate: TODAY,
      validUntil: '2028-11-28',
      reportDueDates: ['2027-05-28', '2027-11-28', '2028-05-28'],
      token: 'a.b.c',
      fullName: app.fullName,
      version: 3,
      nik: app.nik,
      ...changes,
    },
    application: app,
    history: [{ at: '2026-11-28T09:00:00+07:00', actor: { kind: 'applicant' }, event: 'submit', to: 'RECEIVED' }],
  };
}

let keys = 0;
function context(officer: ActionContext['officer'] = SIGNER, changes: Partial<ActionContext> = {}): ActionContext {
  return {
    officer,
    at: '2026-12-01T08:15:00+07:00',
    today: '2026-12-01',
    idempotencyKey: `key-${++keys}`,
    signerTitle: 'Pengantar Kerja Ahli Muda',
    accessCodeHash: 'a'.repeat(64),
    ...changes,
  };
}

/** A request each action takes as complete: reasons where needed, a change, a placement. */
function completeRequest(action: Ak1OfficeAction, version = 3): Ak1OfficeActionRequest {
  return {
    action,
    version,
    ...(OFFICE_ACTION_RULES[action].needsReason ? { reason: [{ code: 'photo' as const }] } : {}),
    ...(action === 'edit' ? { changes: [{ path: ['fullName'], after: 'Siti Nuraini' }] } : {}),
    ...(action === 'place' ? { placement: { kind: 'placed' as const, employer: 'PT Krakatau Steel', position: 'Staf Administrasi', startDate: '2026-12-15' } } : {}),
    ...(action === 'karirhub' ? { karirhubNumber: 'KH-3604-2026-000123' } : {}),
  };
}

function written(decision: ReturnType<typeof decideAction>): Ak1RecordUpdate {
  assert.ok('write' in decision, `expected a write, got ${JSON.stringify(decision)}`);
  return decision.write;
}

/** Role sets an office may give: each role alone, and the usual combinations. */
const ROLE_SETS: Ak1OfficerRole[][] = [...OFFICER_ROLES.map((role) => [role]), ['petugas', 'admin'], ['pengantar-kerja', 'admin']];

describe('lifecycle: the table', () => {
  it('every status change an action makes is one of STATUS_TRANSITIONS, and every transition but the applicant\'s correction has an action', () => {
    const made = new Set<string>();
    for (const action of OFFICE_ACTIONS) {
      const { from, to } = OFFICE_ACTION_RULES[action];
      if (!to) continue;
      for (const status of from) {
        assert.ok(STATUS_TRANSITIONS[status].includes(to), `${action}: ${status} → ${to} is not in STATUS_TRANSITIONS`);
        made.add(`${status}→${to}`);
      }
    }
    for (const [status, targets] of Object.entries(STATUS_TRANSITIONS)) {
      for (const target of targets) {
        if (status === 'NEEDS_CORRECTION' && target === 'RECEIVED') continue;
        assert.ok(made.has(`${status}→${target}`), `no office action makes ${status} → ${target}`);
      }
    }
  });

  for (const action of OFFICE_ACTIONS) {
    it(`${action}: every status × every role: the write, forbidden or transition-not-allowed`, () => {
      const rule = OFFICE_ACTION_RULES[action];
      for (const status of REGISTRATION_STATUSES) {
        for (const roles of ROLE_SETS) {
          const may = rule.roles.some((role) => roles.includes(role));
          const decision = decideAction(record(status), completeRequest(action), context({ ...SIGNER, roles }));
          const label = `${action} from ${status} by ${roles.join('+')}`;
          if (!may) assert.deepEqual(decision, { refuse: 'forbidden' }, label);
          else if (!(rule.from as readonly string[]).includes(status)) assert.deepEqual(decision, { refuse: 'transition-not-allowed' }, label);
          else {
            const update = written(decision);
            assert.equal(update.status, rule.to, label);
            assert.equal(update.history.event, action, label);
            assert.deepEqual(update.history.actor, { kind: 'officer', id: SIGNER.id, name: SIGNER.name }, label);
            if (rule.to) assert.deepEqual([update.history.from, update.history.to], [status, rule.to], label);
            else assert.equal(update.history.to, undefined, label);
          }
        }
      }
    });
  }

  it('a petugas may not sign; a Pengantar Kerja may do all a petugas may', () => {
    assert.deepEqual(decideAction(record('VERIFIED'), completeRequest('sign'), context(PETUGAS)), { refuse: 'forbidden' });
    for (const action of OFFICE_ACTIONS) {
      if (OFFICE_ACTION_RULES[action].roles.includes('petugas')) assert.ok(OFFICE_ACTION_RULES[action].roles.includes('pengantar-kerja'), action);
    }
  });
});

describe('lifecycle: checks before the action', () => {
  it('a stale version is a version-conflict with the current version; roles come first', () => {
    assert.deepEqual(decideAction(record('RECEIVED'), completeRequest('verify', 2), context()), { refuse: 'version-conflict', version: 3 });
    assert.deepEqual(decideAction(record('VERIFIED'), completeRequest('sign', 2), context(PETUGAS)), { refuse: 'forbidden' });
    // A stale view is why a transition looks wrong: the officer is asked to reload, not told it is not allowed.
    assert.deepEqual(decideAction(record('VERIFIED'), completeRequest('verify', 2), context()), { refuse: 'version-conflict', version: 3 });
  });

  it('a key that already wrote an entry of this record is answered, not taken twice', () => {
    const r = record('RECEIVED');
    r.history.push({ at: '2026-12-01T08:00:00+07:00', actor: { kind: 'officer', id: 'o-budi' }, event: 'check-in', idempotencyKey: 'same' });
    assert.deepEqual(decideAction(r, completeRequest('check-in'), context(SIGNER, { idempotencyKey: 'same' })), { refuse: 'replayed' });
    assert.deepEqual(officeHistory(r.history)[1], { at: '2026-12-01T08:00:00+07:00', actor: { kind: 'officer', id: 'o-budi' }, event: 'check-in' });
  });

  it('request-correction and reject need a reason; other needs a note; a reason gets its default field', () => {
    for (const action of ['request-correction', 'reject'] as const) {
      assert.deepEqual(decideAction(record(), { action, version: 3 }, context()), {
        refuse: 'invalid-action',
        errors: [{ path: ['reason'], code: 'reason.required' }],
      });
      assert.deepEqual(decideAction(record(), { action, version: 3, reason: [{ code: 'photo' }, { code: 'other' }] }, context()), {
        refuse: 'invalid-action',
        errors: [{ path: ['reason', 1, 'note'], code: 'reason.other.noteRequired' }],
      });
    }
    const update = written(
      decideAction(
        record(),
        { action: 'request-correction', version: 3, reason: [{ code: 'photo' }, { code: 'data-mismatch', path: ['birthPlace'] }, { code: 'other', note: 'Bawa KK asli' }] },
        context(),
      ),
    );
    assert.deepEqual(update.history.reason, [
      { code: 'photo', path: ['photo'] },
      { code: 'data-mismatch', path: ['birthPlace'] },
      { code: 'other', note: 'Bawa KK asli' },
    ]);
    assert.equal(update.status, 'NEEDS_CORRECTION');
  });

  it('a note is kept, trimmed; verify needs no reason', () => {
    const update = written(decideAction(record(), { action: 'verify', version: 3, note: '  KTP asli dicek  ' }, context()));
    assert.equal(update.history.note, 'KTP asli dicek');
    assert.equal(update.history.reason, undefined);
  });
});

describe('lifecycle: signing', () => {
  it('fixes issuedAt (the district\'s today), validUntil 24 months on, reports at 6, 12 and 18 months, and the signer', () => {
    const update = written(decideAction(record('VERIFIED'), completeRequest('sign'), context()));
    assert.equal(update.status, 'SIGNED');
    assert.deepEqual(update.set, {
      issuedAt: '2026-12-01',
      validUntil: '2028-12-01',
      reportDueDates: ['2027-06-01', '2027-12-01', '2028-06-01'],
      reports: [{ due: '2027-06-01' }, { due: '2027-12-01' }, { due: '2028-06-01' }],
      signedBy: { officerId: 'o-siti', name: 'Siti Aminah', nip: NIP, title: 'Pengantar Kerja Ahli Muda' },
    });
  });

  it('months clamp to the month\'s last day (31 August: 28 or 29 February)', () => {
    const update = written(decideAction(record('VERIFIED'), completeRequest('sign'), context(SIGNER, { today: '2027-08-31' })));
    assert.equal(update.set?.validUntil, '2029-08-31');
    assert.deepEqual(update.set?.reportDueDates, ['2028-02-29', '2028-08-31', '2029-02-28']);
  });

  it('without an NIP or a title the signer is the name alone', () => {
    const update = written(decideAction(record('VERIFIED'), completeRequest('sign'), context({ id: 'o-2', name: 'Andi', roles: ['pengantar-kerja'] }, { signerTitle: undefined })));
    assert.deepEqual(update.set?.signedBy, { officerId: 'o-2', name: 'Andi' });
  });
});

describe('lifecycle: edit', () => {
  it('applies the changes, validates the whole application again and records before and after per path', () => {
    const update = written(
      decideAction(
        record('NEEDS_CORRECTION'),
        { action: 'edit', version: 3, changes: [{ path: ['fullName'], after: 'Siti Nuraini' }, { path: ['address', 'rt'], after: '7' }] },
        context(),
      ),
    );
    assert.equal(update.application?.fullName, 'Siti Nuraini');
    // Normalised like a new application: RT padded.
    assert.equal(update.application?.address.rt, '007');
    assert.deepEqual(update.history.changes, [
      { path: ['fullName'], before: 'Siti Nur’aini', after: 'Siti Nuraini' },
      { path: ['address', 'rt'], before: '003', after: '007' },
    ]);
    assert.equal(update.status, undefined);
  });

  it('the NIK and the birth date may change together (with the KTP in hand)', () => {
    const update = written(
      decideAction(
        record('RECEIVED'),
        { action: 'edit', version: 3, changes: [{ path: ['nik'], after: '3604055309900003' }, { path: ['birthDate'], after: '1990-09-13' }] },
        context(),
      ),
    );
    assert.equal(update.application?.nik, '3604055309900003');
    assert.equal(update.application?.birthDate, '1990-09-13');
  });

  it('a change that leaves the application invalid is refused with its issues', () => {
    // Too young on the registration's day (judged then, not on the day of the edit).
    const decision = decideAction(record(), { action: 'edit', version: 3, changes: [{ path: ['birthDate'], after: '2010-09-12' }] }, context());
    assert.equal('refuse' in decision && decision.refuse, 'invalid-application');
    assert.ok('errors' in decision && decision.errors.some((issue) => issue.path[0] === 'birthDate'), JSON.stringify(decision));
    const empty = decideAction(record(), { action: 'edit', version: 3, changes: [{ path: ['fullName'], after: '' }] }, context());
    assert.equal('refuse' in empty && empty.refuse, 'invalid-application');
  });

  it('attachments: the history says that they changed and how big they are, never their bytes', () => {
    const photo = { mediaType: 'image/jpeg', dataBase64: TINY_JPEG_BASE64 + '' };
    const r = record();
    // A different photo: the same tiny JPEG is all the fixtures have, so the change is to the documents' list.
    const update = written(
      decideAction(
        r,
        { action: 'edit', version: 3, changes: [{ path: ['documents'], after: [...r.application.documents!, { kind: 'IJAZAH', ...photo }] }] },
        context(),
      ),
    );
    const text = JSON.stringify(update.history);
    assert.ok(!text.includes(TINY_JPEG_BASE64), 'no bytes in the history');
    assert.deepEqual(update.history.changes?.[0]?.after, [
      { kind: 'KTP', mediaType: 'image/jpeg', byteLength: decodedLength(TINY_JPEG_BASE64) },
      { kind: 'IJAZAH', mediaType: 'image/jpeg', byteLength: decodedLength(TINY_JPEG_BASE64) },
    ]);
    assert.equal(update.application?.documents?.length, 2);
  });

  it('refuses paths an officer does not change, unsafe paths, no changes and changes that change nothing', () => {
    for (const path of [['consent', 'acceptedAt'], ['schemaVersion'], ['preferredVisitDate'], ['__proto__', 'x'], ['address', 'constructor']]) {
      assert.deepEqual(decideAction(record(), { action: 'edit', version: 3, changes: [{ path, after: 'x' }] }, context()), {
        refuse: 'invalid-action',
        errors: [{ path: ['changes', 0, 'path'], code: 'changes.pathNotEditable' }],
      });
    }
    assert.deepEqual(decideAction(record(), { action: 'edit', version: 3 }, context()), {
      refuse: 'invalid-action',
      errors: [{ path: ['changes'], code: 'changes.required' }],
    });
    assert.deepEqual(decideAction(record(), { action: 'edit', version: 3, changes: [{ path: ['birthPlace'], after: 'Serang' }] }, context()), {
      refuse: 'invalid-action',
      errors: [{ path: ['changes'], code: 'changes.unchanged' }],
    });
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('an optional field is removed when its change has no after', () => {
    const update = written(decideAction(record(), { action: 'edit', version: 3, changes: [{ path: ['email'] }] }, context()));
    assert.equal(update.application?.email, undefined);
    assert.deepEqual(update.history.changes, [{ path: ['email'], before: 'siti.nuraini@example.com' }]);
  });
});

describe('lifecycle: the counter\'s other actions', () => {
  it('check-in sets checkedInAt once; a second check-in is recorded and keeps the first', () => {
    const first = written(decideAction(record(), completeRequest('check-in'), context()));
    assert.deepEqual(first.set, { checkedInAt: '2026-12-01T08:15:00+07:00' });
    const second = written(decideAction(record('RECEIVED', { checkedInAt: '2026-12-01T08:15:00+07:00' }), completeRequest('check-in'), context()));
    assert.equal(second.set, undefined);
    assert.equal(second.history.event, 'check-in');
  });

  it('report marks the open report nearest to today as made; none open is refused; placed is the place action', () => {
    const signed = record('SIGNED', { reports: [{ due: '2027-06-01' }, { due: '2027-12-01' }, { due: '2028-06-01' }] });
    const update = written(decideAction(signed, completeRequest('report'), context(SIGNER, { today: '2027-11-20', at: '2027-11-20T10:00:00+07:00' })));
    assert.deepEqual(update.set?.reports, [
      { due: '2027-06-01' },
      { due: '2027-12-01', madeAt: '2027-11-20T10:00:00+07:00', kind: 'seeking' },
      { due: '2028-06-01' },
    ]);
    assert.deepEqual(update.history.changes, [{ path: ['reports', 1], after: { due: '2027-12-01', madeAt: '2027-11-20T10:00:00+07:00', kind: 'seeking' } }]);
    const allMade = record('SIGNED', { reports: ['2027-06-01', '2027-12-01', '2028-06-01'].map((due) => ({ due, madeAt: '2027-01-01T00:00:00+07:00', kind: 'seeking' as const })) });
    assert.deepEqual(decideAction(allMade, completeRequest('report'), context()), { refuse: 'invalid-action', errors: [{ path: ['report'], code: 'report.noneOpen' }] });
    assert.deepEqual(decideAction(signed, { action: 'report', version: 3, report: { kind: 'placed' } }, context()), {
      refuse: 'invalid-action',
      errors: [{ path: ['report', 'kind'], code: 'report.placedIsPlace' }],
    });
  });

  it('report on a signed record made before reports were stored counts from its due dates', () => {
    const update = written(decideAction(record('SIGNED'), completeRequest('report'), context(SIGNER, { today: '2027-05-01' })));
    assert.equal(update.set?.reports?.[0]?.kind, 'seeking');
    assert.equal(update.set?.reports?.length, 3);
  });

  it('place moves to PLACED with the employer, position and start date in the history, and marks a report', () => {
    const update = written(decideAction(record('SIGNED'), completeRequest('place'), context()));
    assert.equal(update.status, 'PLACED');
    assert.deepEqual(update.history.changes, [
      { path: ['placement', 'employer'], after: 'PT Krakatau Steel' },
      { path: ['placement', 'position'], after: 'Staf Administrasi' },
      { path: ['placement', 'startDate'], after: '2026-12-15' },
    ]);
    assert.equal(update.set?.reports?.[0]?.kind, 'placed');
    assert.deepEqual(decideAction(record('SIGNED'), { action: 'place', version: 3 }, context()), {
      refuse: 'invalid-action',
      errors: [{ path: ['placement'], code: 'placement.required' }],
    });
  });

  it('reissue-code stores the new hash; print and collect change nothing but the history', () => {
    assert.deepEqual(written(decideAction(record('SIGNED'), completeRequest('reissue-code'), context())).set, { accessCodeHash: 'a'.repeat(64) });
    for (const action of ['print', 'collect'] as const) {
      const update = written(decideAction(record('SIGNED'), completeRequest(action), context()));
      assert.deepEqual(Object.keys(update), ['history']);
    }
  });

  it('a view is an entry with the officer and nothing else', () => {
    assert.deepEqual(decideView(PETUGAS, '2026-12-01T08:00:00+07:00'), {
      write: { history: { at: '2026-12-01T08:00:00+07:00', actor: { kind: 'officer', id: 'o-budi', name: 'Budi Santoso' }, event: 'view' } },
    });
  });
});

describe('lifecycle: expiry', () => {
  it('an active registration past validUntil expires once, dated the day after validUntil', () => {
    for (const status of ['RECEIVED', 'NEEDS_CORRECTION', 'VERIFIED', 'SIGNED'] as const) {
      const r = record(status, { validUntil: '2028-12-01' });
      assert.deepEqual(decideExpiry(r, '2028-12-01'), { refuse: 'not-due' }, 'valid through its last day');
      assert.deepEqual(decideExpiry(r, '2028-12-05', 'Asia/Jakarta'), {
        write: {
          status: 'EXPIRED',
          history: { at: '2028-12-02T00:00:00+07:00', actor: { kind: 'system' }, event: 'expire', from: status, to: 'EXPIRED' },
        },
      });
      assert.equal(isDue({ status: 'EXPIRED', validUntil: '2028-12-01' }, '2028-12-05'), false, 'never twice');
    }
    assert.equal(
      (decideExpiry(record('SIGNED', { validUntil: '2028-12-01' }), '2029-01-01', 'Asia/Jayapura') as { write: Ak1RecordUpdate }).write.history.at,
      '2028-12-02T00:00:00+09:00',
    );
  });

  it('statuses that are not active never expire', () => {
    for (const status of ['PLACED', 'REJECTED', 'CANCELLED', 'EXPIRED'] as const) {
      assert.deepEqual(decideExpiry(record(status, { validUntil: '2020-01-01' }), '2028-12-05'), { refuse: 'not-due' });
    }
  });
});

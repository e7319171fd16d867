import { isStoreUnavailable } from '../../src/infrastructure/http/store-unavailable';

const pgError = (code: string, severity = 'ERROR', message = 'x') => Object.assign(new Error(message), { code, severity });

describe('which errors mean "the store is unavailable" (503 STORE.UNAVAILABLE)', () => {
  it.each([
    ['terminated by an administrator (57P01)', pgError('57P01', 'FATAL', 'terminating connection due to administrator command')],
    ['the server is starting or stopping (57P03)', pgError('57P03', 'FATAL')],
    ['statement_timeout (57014)', pgError('57014', 'ERROR', 'canceling statement due to statement timeout')],
    ['lock_timeout (55P03)', pgError('55P03', 'ERROR', 'canceling statement due to lock timeout')],
    ['a connection exception (08006)', pgError('08006')],
    ['a database that refuses connections (FATAL 55000)', pgError('55000', 'FATAL', 'database "x" is not currently accepting connections')],
    ['too many connections (53300)', pgError('53300', 'FATAL')],
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a session that ended under a query', new Error('Connection terminated unexpectedly')],
    ['a pool that waited too long for a connection', new Error('timeout exceeded when trying to connect')],
    ['a driver error wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: pgError('57P01', 'FATAL') })],
    ['a cause chain', new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ECONNRESET' }) })],
    ['every address refused (AggregateError)', new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'all failed')],
  ])('%s', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', pgError('23505')],
    ['a syntax error (42601)', pgError('42601')],
    ['an invalid input (22P02)', pgError('22P02')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['not an error at all', 'boom'],
  ])('not %s', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});

/**
 * The shared store's Lua scripts. Each runs atomically in Redis, so a commit checks the version it
 * decided on and writes in one step (optimistic concurrency across instances). KEYS, in order:
 * version, customers, files, pending, rest, log, format, changed (the channel).
 * Collection numbers in ARGV: 1 customers, 2 files, 3 pending, 4 rest (the other fields).
 */

/** Catching up from version `since`, as REFRESH_SCRIPT answers; `fields` lists (collection, field) at `step`. */
const CATCH_UP = (first: number, step: number) => `
local since = tonumber(ARGV[1])
if current < since or current == 0 then return {current, 'gone'} end
local values = {}
for i = ${first}, #ARGV, ${step} do
  values[#values + 1] = redis.call('HGET', KEYS[1 + tonumber(ARGV[i])], ARGV[i + 1]) or ''
end
if current == since then return {current, 'same', values, {}} end
local from = (since + 1) .. '-1'
local entries = redis.call('XRANGE', KEYS[6], from, '+')
if #entries == 0 or entries[1][1] ~= from then return {current, 'gap'} end
local payloads = {}
for _, entry in ipairs(entries) do payloads[#payloads + 1] = entry[2][2] end
return {current, 'log', values, payloads}
`;

/**
 * ARGV: expected version, full ('1': replace everything), log payload, format, hint, then triples of
 * (collection, field, JSON; '' deletes). Returns {1, new version}, or when another commit came first
 * (nothing written) what REFRESH_SCRIPT answers for the fields of the triples.
 */
export const COMMIT_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current ~= tonumber(ARGV[1]) then
${CATCH_UP(6, 3)}
end
if ARGV[2] == '1' then redis.call('DEL', KEYS[2], KEYS[3], KEYS[4], KEYS[5]) end
redis.call('SET', KEYS[7], ARGV[4])
for i = 6, #ARGV, 3 do
  local key = KEYS[1 + tonumber(ARGV[i])]
  if ARGV[i + 2] == '' then redis.call('HDEL', key, ARGV[i + 1])
  else redis.call('HSET', key, ARGV[i + 1], ARGV[i + 2]) end
end
local nextVersion = current + 1
redis.call('SET', KEYS[1], nextVersion)
redis.call('XADD', KEYS[6], 'MAXLEN', '~', 2000, nextVersion .. '-1', 'c', ARGV[3])
redis.call('PUBLISH', KEYS[8], nextVersion .. ':' .. ARGV[5])
return {1, nextVersion}
`;

/**
 * ARGV: the version the caller holds, then pairs (collection, field) whose current value it wants.
 * Returns {version, kind, values, payloads}: kind 'same' (nothing new), 'log' (payloads of the
 * commits since), 'gap' (the log no longer reaches back: load everything) or 'gone' (the state is
 * older or missing: it was lost).
 */
export const REFRESH_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
${CATCH_UP(2, 2)}
`;

/** Returns {version, format, customers, files, pending, rest} (each hash as a flat field/value list). */
export const LOAD_SCRIPT = `
return {
  tonumber(redis.call('GET', KEYS[1]) or '0'),
  redis.call('GET', KEYS[7]) or '',
  redis.call('HGETALL', KEYS[2]),
  redis.call('HGETALL', KEYS[3]),
  redis.call('HGETALL', KEYS[4]),
  redis.call('HGETALL', KEYS[5]),
}
`;

/**
 * Share links: valid scenarios and positions survive the round trip exactly; garbage of every kind
 * (random text, damaged payloads, wrong versions, oversized data, decompression bombs) is answered
 * with a message that starts with the field, never with an exception; and what decodes is either
 * a valid scenario or refused by the scenario validator with a message naming the field.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/validate.ts';
import { fromBase64Url, toBase64Url } from '../src/ui/share/base64url.ts';
import { decodeLink, encodeLink, LINK_KEY, linkOfHash, MAX_LINK_JSON_BYTES, type SharedLab } from '../src/ui/share/share-link.ts';
import { build, planArb } from './support/scenario-fuzz.ts';

const example = readFileSync(new URL('./scenarios/every-step.json', import.meta.url), 'utf8');

async function roundTrip(lab: SharedLab): Promise<SharedLab> {
  const link = await encodeLink(lab);
  if (!link.ok) throw new Error(link.message);
  expect(link.value.startsWith(`${LINK_KEY}1.`)).toBe(true);
  expect(link.value).toMatch(/^#lab=1\.[A-Za-z0-9_-]+$/);
  const decoded = await decodeLink(linkOfHash(link.value)!);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.value;
}

async function deflate(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/** Decoding never throws; a refusal is a `link…` message, a success is an object the validator judges. */
async function expectSound(link: string): Promise<void> {
  const decoded = await decodeLink(link);
  if (!decoded.ok) {
    expect(decoded.message).toMatch(/^link(\.position|\.scenario)?: \S/);
    return;
  }
  const checked = validateScenario(JSON.parse(decoded.value.scenario));
  if (!checked.ok) expect(checked.message).toMatch(/^[\w[\].]*: ?\S|^\S/);
}

describe('base64url', () => {
  it('round-trips any bytes and names the first bad character', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const back = fromBase64Url(toBase64Url(bytes));
        expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
      }),
      { numRuns: 1000 },
    );
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(fromBase64Url('abcdefghijklmnop+rst')).toEqual({ ok: false, message: 'not base64url at character 17' });
    expect(fromBase64Url('abcde')).toEqual({ ok: false, message: 'the data is cut short (5 characters)' });
  });
});

describe('share links', () => {
  it('carry a scenario and a position unchanged (the example file, end and a step)', async () => {
    const scenario = JSON.stringify(JSON.parse(example));
    expect(await roundTrip({ scenario, position: null })).toEqual({ scenario, position: null });
    expect(await roundTrip({ scenario, position: 7 })).toEqual({ scenario, position: 7 });
  });

  it('round-trip 1,000 generated scenarios with positions, and each still validates', async () => {
    await fc.assert(
      fc.asyncProperty(planArb, fc.option(fc.nat(5000)), async (plan, position) => {
        const scenario = JSON.stringify(build(plan).scenario);
        const back = await roundTrip({ scenario, position });
        expect(back).toEqual({ scenario, position });
        expect(validateScenario(JSON.parse(back.scenario)).ok).toBe(validateScenario(JSON.parse(scenario)).ok);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('name the problem of wrong versions, characters, data and fields', async () => {
    const body = await deflate(JSON.stringify({ position: 2, scenario: { version: 1 } }));
    const cases: Array<[string, string]> = [
      [`7.${body}`, 'link: version 7 is newer than this lab knows (1)'],
      [`0.${body}`, 'link: version 0 does not exist (versions start at 1)'],
      [`x.${body}`, 'link: version "x" is not a number'],
      [body, 'link: expected <version>.<data> after #lab='],
      ['1.abcdefghijklmnop+rst', 'link: not base64url at character 17'],
      ['1.abcdefgh', 'link: the data is damaged (not deflate-raw)'],
      [`1.${await deflate('{"position":1')}`, 'link: the data is not JSON text'],
      [`1.${await deflate('[1,2]')}`, 'link: expected an object with "position" and "scenario"'],
      [`1.${await deflate('{"position":-1,"scenario":{}}')}`, 'link.position: expected a step number (an integer ≥ 0) or null'],
      [`1.${await deflate('{"position":1.5,"scenario":{}}')}`, 'link.position: expected a step number (an integer ≥ 0) or null'],
      [`1.${await deflate('{"position":1,"scenario":"<img src=x onerror=alert(1)>"}')}`, 'link.scenario: expected a scenario object'],
      [`1.${await deflate('{"position":1,"scenario":{},"run":"alert(1)"}')}`, 'link: unknown field "run"'],
    ];
    for (const [link, message] of cases) expect(await decodeLink(link), link.slice(0, 30)).toEqual({ ok: false, message });
  });

  it('refuse labs above 64 KiB when encoding and when decoding (a decompression bomb stops early)', async () => {
    const big = JSON.stringify({ version: 1, name: 'x'.repeat(MAX_LINK_JSON_BYTES), disks: [], steps: [] });
    const encoded = await encodeLink({ scenario: big, position: null });
    expect(encoded.ok === false && encoded.message).toMatch(/^link: the shared lab is 65 KiB, more than a link may carry \(64 KiB\)/);
    const bomb = await deflate(JSON.stringify({ position: 0, scenario: { name: ' '.repeat(50 * MAX_LINK_JSON_BYTES) } }));
    expect(bomb.length).toBeLessThan(20_000);
    const decoded = await decodeLink(`1.${bomb}`);
    expect(decoded.ok === false && decoded.message).toMatch(/^link: the shared lab is more than that, more than a link may carry/);
    expect(await decodeLink(`1.${'A'.repeat(200_000)}`)).toEqual({ ok: false, message: 'link: 200000 characters of data, more than a link may carry (88747)' });
  });

  it('never throw on garbage: random text, damaged payloads, random JSON envelopes (over 3,000 cases)', async () => {
    const good = (await encodeLink({ scenario: example, position: 3 })) as { ok: true; value: string };
    const payload = linkOfHash(good.value)!;
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), expectSound), { numRuns: 1000 });
    await fc.assert(
      fc.asyncProperty(fc.nat(payload.length - 1), fc.constantFrom(...'AZaz09-_.~+/= '), async (at, char) => {
        await expectSound(payload.slice(0, at) + char + payload.slice(at + 1));
        await expectSound(payload.slice(0, at));
      }),
      { numRuns: 1000 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ position: fc.jsonValue({ maxDepth: 1 }), scenario: fc.jsonValue({ maxDepth: 3 }) })), async (value) => {
        await expectSound(`1.${await deflate(JSON.stringify(value) ?? 'null')}`);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('reads a lab only from a #lab= hash', () => {
    expect(linkOfHash('#lab=1.abc')).toBe('1.abc');
    expect(linkOfHash('#other=1')).toBeNull();
    expect(linkOfHash('')).toBeNull();
  });
});

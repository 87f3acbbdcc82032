import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestContext, type TestContext } from '../support/services';
import { application, loginResident, submit } from '../support/residents';

let t: TestContext;
let alice: string;
let bob: string;
let trackingNo: string;
beforeAll(async () => {
  t = await createTestContext();
  alice = await loginResident(t.app, 'att-alice');
  bob = await loginResident(t.app, 'att-bob');
  trackingNo = (await submit(t.app, alice, 'key-attach-0001', application())).json.trackingNo;
});
afterAll(() => t.close());

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);

const upload = (token: string, bytes: Uint8Array, name: string, type: string, no = trackingNo) => {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  return t.app.request(`/api/v1/cases/${no}/attachments`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
};

describe('case attachments', () => {
  it('stores a photo and a PDF, told by content, and gives them back to the owner only', async () => {
    const photo = await upload(alice, JPEG, 'id-card.jpg', 'image/jpeg');
    expect(photo.status).toBe(201);
    const created = (await photo.json()) as any;
    expect(created).toMatchObject({ mime: 'image/jpeg', size: JPEG.length });
    // A PDF sent with a misleading name and type is still stored as what it is.
    const pdf = await upload(alice, PDF, 'photo.png', 'image/png');
    expect(((await pdf.json()) as any).mime).toBe('application/pdf');

    const list = await call(t.app, 'GET', `/api/v1/cases/${trackingNo}/attachments`, undefined, { authorization: `Bearer ${alice}` });
    expect(list.json.items).toHaveLength(2);
    const back = await t.app.request(`/api/v1/cases/${trackingNo}/attachments/${created.id}`, { headers: { authorization: `Bearer ${alice}` } });
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(JPEG);
    const other = await t.app.request(`/api/v1/cases/${trackingNo}/attachments/${created.id}`, { headers: { authorization: `Bearer ${bob}` } });
    expect(other.status).toBe(404);
  });

  it('refuses a program disguised as a photo with 415 naming file', async () => {
    const res = await upload(alice, EXE, 'photo.jpg', 'image/jpeg');
    expect(res.status).toBe(415);
    const body = (await res.json()) as any;
    expect(body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(body.errors[0].path).toBe('file');
  });

  it('refuses a file over 10 MB with 413, and an empty or missing file with 422', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 10);
    big.set(JPEG.slice(0, 4));
    expect((await upload(alice, big, 'big.jpg', 'image/jpeg')).status).toBe(413);
    expect((await upload(alice, new Uint8Array(0), 'empty.jpg', 'image/jpeg')).status).toBe(422);
    const none = await t.app.request(`/api/v1/cases/${trackingNo}/attachments`, { method: 'POST', body: new FormData(), headers: { authorization: `Bearer ${alice}` } });
    expect(none.status).toBe(422);
  });

  it("answers 404 for uploads to someone else's case and 401 without a token", async () => {
    expect((await upload(bob, JPEG, 'x.jpg', 'image/jpeg')).status).toBe(404);
    const anon = await t.app.request(`/api/v1/cases/${trackingNo}/attachments`, { method: 'POST', body: new FormData() });
    expect(anon.status).toBe(401);
  });
});

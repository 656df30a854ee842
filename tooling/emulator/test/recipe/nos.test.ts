// test/nos.test.ts — any test file of the run
import { expect, inject, it } from 'vitest';
import { nos } from '@yunstore/nos';

it('stores an object in the bucket the emulator started with', async () => {
  const client = new nos.Client({
    access_key_id: 'AKIDyunstoreEMULATOR',
    access_key_secret: 'yunstore-emulator-secret',
    end_point: inject('emulatorEndpoints').nos,
  });
  await client.put_object({ bucket: 'nos-test-bucket', key: 'hello.txt', body: 'hello' });
  const { response } = await client.list_objects({ bucket: 'nos-test-bucket' });
  expect(response.findall('Contents').map((c) => c.findtext('Key'))).toEqual(['hello.txt']);
  await client.close();
});

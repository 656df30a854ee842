/**
 * Seed code ported line by line, as a migrating user writes it. This file is
 * never run: `tsc` (pnpm lint) and test/typing.test.ts compile it under the
 * repository's strict options (exactOptionalPropertyTypes included), so a
 * type that stops these lines compiling fails the build.
 */
import { statSync } from 'node:fs';
import { BceHttpClientError, type BosClient, canned_acl, type PartListItem } from '../../src/index.ts';

/** The seed's "上传分块" loop, then "完成分块上传". */
export async function seedMultipartLoop(bos_client: BosClient, bucket_name: string, object_key: string, file_name: string): Promise<string> {
  const upload_id = (await bos_client.initiate_multipart_upload(bucket_name, object_key)).upload_id;
  let left_size = statSync(file_name).size;
  let offset = 0;
  let part_number = 1;
  const part_list: PartListItem[] = [];
  while (left_size > 0) {
    let part_size = 5 * 1024 * 1024;
    if (left_size < part_size) part_size = left_size;
    const response = await bos_client.upload_part_from_file(bucket_name, object_key, upload_id, part_number, part_size, file_name, offset, {
      progress_callback: (consumed_bytes: number, total_bytes: number) => void [consumed_bytes, total_bytes],
    });
    left_size -= part_size;
    offset += part_size;
    part_list.push({
      partNumber: part_number,
      eTag: response.metadata.e_tag,
    });
    part_number += 1;
  }
  const done = await bos_client.complete_multipart_upload(bucket_name, object_key, upload_id, part_list);
  return done.e_tag;
}

/** The seed's exception sample, reading Python's fields off `last_error`. */
export async function seedErrorHandling(bos_client: BosClient, bucket_name: string, object_key: string): Promise<string> {
  try {
    await bos_client.delete_object(bucket_name, object_key);
    return 'deleted';
  } catch (e) {
    if (!(e instanceof BceHttpClientError)) throw e;
    const status: number | undefined = e.last_error.status_code;
    const code: string = e.last_error.code;
    return `${status ?? 'no answer'} ${code} ${e.message}`;
  }
}

/** Metadata fields are plain strings; the ETag of a HEAD and of a PUT is always there. */
export async function seedMetadata(bos_client: BosClient, bucket_name: string, object_key: string): Promise<string[]> {
  const put = await bos_client.put_object_from_string(bucket_name, object_key, Buffer.from('bytes, as Python takes them'), {
    user_metadata: { author: '张三' },
  });
  const response = await bos_client.get_object_meta_data(bucket_name, object_key);
  const author: string | undefined = response.metadata.bce_meta_author;
  const etags: string[] = [put.metadata.e_tag, response.e_tag, response.metadata.etag];
  return [...etags, author ?? '', response.bce_meta['author'] ?? ''];
}

/** Canned ACLs are a union: the seed's constants and their strings pass, anything else does not compile. */
export async function seedCannedAcl(bos_client: BosClient, bucket_name: string): Promise<void> {
  await bos_client.set_bucket_canned_acl(bucket_name, canned_acl.PRIVATE);
  await bos_client.setBucketCannedAcl(bucket_name, 'public-read');
  // @ts-expect-error 'public' is not a BOS canned ACL
  await bos_client.set_bucket_canned_acl(bucket_name, 'public');
}

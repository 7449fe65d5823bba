/**
 * The branding cache on disk (userData/branding):
 *
 *   images/<sha256>.<ext>                 image bytes, named by their content hash, shared by every profile
 *   profiles/<profile>/index.json         the integration list: order, when it was fetched, from which host
 *   profiles/<profile>/platforms/<key>.json   one platform's metadata and branding (image file names)
 *
 * Every file is written whole to a temporary name and renamed, so a crash or a full disk leaves the old file or the
 * new one. A file that cannot be read or does not match its schema is treated as absent (and so fetched again); an
 * image whose bytes no longer match its name is deleted. Images are kept under a size bound: the least recently used go
 * first, "used" being the file's modification time, which reads and writes move to now.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { sourceTypeSchema } from '@shared/codat/schemas';
import { brandingSlotsOf } from '@shared/contract';
import { safeFileSegment, writeFileAtomically } from '../storage/durable-file';
import { imageContentTypes, imageKinds, type ImageKind } from './images';

const imageFileName = new RegExp(`^[0-9a-f]{64}\\.(${imageKinds.join('|')})$`);

export const imageRefSchema = z.object({
  file: z.string().regex(imageFileName),
  alt: z.string(),
  /** Where it was downloaded from, so an unchanged image need not be fetched twice in one refresh. */
  source: z.string(),
});
export type ImageRef = z.infer<typeof imageRefSchema>;

export const brandingRefsSchema = brandingSlotsOf(imageRefSchema);
export type BrandingRefs = z.infer<typeof brandingRefsSchema>;

export const platformFileSchema = z.object({
  version: z.literal(1),
  cachedAt: z.string(),
  integration: z.object({
    key: z.string(),
    name: z.string(),
    sourceType: sourceTypeSchema.optional(),
    enabled: z.boolean(),
    isOfflineConnector: z.boolean(),
    isBeta: z.boolean(),
    logoUrl: z.string(),
  }),
  branding: brandingRefsSchema,
  note: z.string().optional(),
});
export type PlatformFile = z.infer<typeof platformFileSchema>;

export const indexFileSchema = z.object({
  version: z.literal(1),
  cachedAt: z.string(),
  baseUrl: z.string(),
  keys: z.array(z.string().min(1)),
  poweredBy: imageRefSchema.nullable(),
});
export type IndexFile = z.infer<typeof indexFileSchema>;

export interface BrandingStoreOptions {
  /** userData/branding */
  root: string;
  now(): number;
  /** Told about files that were unreadable and will be fetched again. */
  onProblem?(message: string): void;
}

export type BrandingStore = ReturnType<typeof createBrandingStore>;

export function createBrandingStore(options: BrandingStoreOptions) {
  const imagesDir = path.join(options.root, 'images');
  const profileDir = (profileId: string) => path.join(options.root, 'profiles', safeFileSegment(profileId));
  /** Images whose bytes were checked against their name in this run. */
  const verified = new Set<string>();

  async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return null;
    }
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through: unreadable JSON is the same as a wrong shape
    }
    options.onProblem?.(
      `Ignored an unreadable branding cache file (${path.basename(file)}); it will be fetched again.`,
    );
    await rm(file, { force: true });
    return null;
  }

  const touch = async (file: string) => {
    const now = new Date(options.now());
    await utimes(file, now, now).catch(() => undefined);
  };

  const store = {
    readIndex: (profileId: string) => readJson(path.join(profileDir(profileId), 'index.json'), indexFileSchema),
    writeIndex: (profileId: string, index: IndexFile) =>
      writeFileAtomically(path.join(profileDir(profileId), 'index.json'), JSON.stringify(index, null, 1)),
    readPlatform: (profileId: string, key: string) =>
      readJson(path.join(profileDir(profileId), 'platforms', `${safeFileSegment(key)}.json`), platformFileSchema),
    writePlatform: (profileId: string, file: PlatformFile) =>
      writeFileAtomically(
        path.join(profileDir(profileId), 'platforms', `${safeFileSegment(file.integration.key)}.json`),
        JSON.stringify(file, null, 1),
      ),

    /** Stores checked bytes under their content hash; returns the file name. */
    async putImage(bytes: Buffer, kind: ImageKind): Promise<string> {
      const name = `${createHash('sha256').update(bytes).digest('hex')}.${kind}`;
      const file = path.join(imagesDir, name);
      if (!verified.has(name) || !(await exists(file))) await writeFileAtomically(file, bytes);
      await touch(file);
      verified.add(name);
      return name;
    },

    /** Whether the image is on disk with the bytes its name promises (checked once a run). */
    async hasImage(name: string): Promise<boolean> {
      return (await store.readImage(name, { touch: false })) !== null;
    },

    /** The image's bytes, or null when it is missing, misnamed or corrupt (a corrupt one is deleted). */
    async readImage(
      name: string,
      { touch: shouldTouch = true }: { touch?: boolean } = {},
    ): Promise<{ bytes: Buffer; contentType: string } | null> {
      const match = imageFileName.exec(name);
      if (!match) return null;
      const file = path.join(imagesDir, name);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch {
        verified.delete(name);
        return null;
      }
      if (!verified.has(name)) {
        if (createHash('sha256').update(bytes).digest('hex') !== name.slice(0, 64)) {
          options.onProblem?.(`Deleted a damaged cached image (${name}); it will be fetched again.`);
          await rm(file, { force: true });
          return null;
        }
        verified.add(name);
      }
      if (shouldTouch) await touch(file);
      return { bytes, contentType: imageContentTypes[match[1] as ImageKind] };
    },

    /** Marks images as used now (the ones a listing shows), so eviction takes others first. */
    async markUsed(names: Iterable<string>): Promise<void> {
      await Promise.all(Array.from(new Set(names), (name) => touch(path.join(imagesDir, name))));
    },

    /** Deletes least recently used images until the rest fit in `maxBytes`; also clears stray temporary files. */
    async evict(maxBytes: number): Promise<{ removed: string[]; totalBytes: number }> {
      let entries: string[];
      try {
        entries = await readdir(imagesDir);
      } catch {
        return { removed: [], totalBytes: 0 };
      }
      const images: { name: string; size: number; usedAt: number }[] = [];
      for (const name of entries) {
        const file = path.join(imagesDir, name);
        const info = await stat(file).catch(() => null);
        if (!info) continue;
        if (name.endsWith('.tmp')) {
          if (options.now() - info.mtimeMs > 60_000) await rm(file, { force: true });
          continue;
        }
        if (imageFileName.test(name)) images.push({ name, size: info.size, usedAt: info.mtimeMs });
      }
      let totalBytes = images.reduce((sum, image) => sum + image.size, 0);
      const removed: string[] = [];
      images.sort((a, b) => a.usedAt - b.usedAt || a.name.localeCompare(b.name));
      for (const image of images) {
        if (totalBytes <= maxBytes) break;
        await rm(path.join(imagesDir, image.name), { force: true });
        verified.delete(image.name);
        totalBytes -= image.size;
        removed.push(image.name);
      }
      return { removed, totalBytes };
    },
  };
  return store;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

import type { CollectionBeforeOperationHook } from 'payload';
import { ValidationError } from 'payload';

/** Largest file the media library takes: a photo from a phone fits, a video does not. */
export const maxUploadBytes = 10 * 1024 * 1024;

/** Images the site can show; SVG stays subject to Payload's own check of its content. */
export const allowedUploadTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/avif', 'image/svg+xml'] as const;

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} Mo`;

export const uploadTooLargeMessage = `Ce fichier est trop lourd : ${megabytes(maxUploadBytes)} au plus. Réduisez l’image (par exemple à 2000 pixels de large) puis envoyez-la de nouveau.`;

/**
 * Payload's multipart parser aborts an upload over `upload.limits.fileSize` (413, same message);
 * a file that reaches an operation another way is checked here before anything is written. The
 * declared type is checked here in French; Payload then checks the content against the same list
 * (and inspects SVG for scripts).
 */
export const checkUpload: CollectionBeforeOperationHook = ({ args, operation, req, collection }) => {
  if (operation !== 'create' && operation !== 'update') return args;
  const file = req.file;
  if (!file) return args;
  const reject = (message: string): never => {
    throw new ValidationError({ collection: collection.slug, errors: [{ path: 'file', message }], req });
  };
  if ((file as { truncated?: boolean }).truncated || file.size > maxUploadBytes) {
    reject(uploadTooLargeMessage);
  }
  const type = file.mimetype.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(allowedUploadTypes as readonly string[]).includes(type)) {
    reject('Ce type de fichier n’est pas accepté : envoyez une image PNG, JPEG, WebP, AVIF ou SVG.');
  }
  return args;
};

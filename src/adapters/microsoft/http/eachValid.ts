import { z } from 'zod';

/**
 * A list read item by item: an item in a shape the adapter cannot use is left out rather than
 * failing the whole list (one odd environment, licence or role must not hide all the others). The
 * list itself must be there: a body without it is not an empty list.
 */
export const eachValid = <T extends z.ZodTypeAny>(item: T) =>
  z.array(z.unknown()).transform((items) =>
    items.flatMap((raw): z.infer<T>[] => {
      const parsed = item.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    }),
  );

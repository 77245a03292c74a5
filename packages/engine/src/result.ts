/**
 * The one result shape of the repository's packages, zod's own (`safeParse`): a function that can
 * fail on its input returns its data or its error, and never throws for bad input. The target-set
 * loader and the xlsx reader and writer return it.
 */
export type Result<T, E> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: E };

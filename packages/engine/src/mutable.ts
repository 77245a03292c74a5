/** `T` with its fields writable: an object built field by field, then handed out as `T`. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

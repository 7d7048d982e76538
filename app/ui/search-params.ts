/** A page's query parameter as one value: the first when the URL repeats it (`?t=0.3&t=0.4`). */
export const firstParam = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

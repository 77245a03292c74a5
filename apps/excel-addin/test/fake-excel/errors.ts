/** The errors the fake throws as Excel does: Office.js's RichApi.Error with Excel's codes. */

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

export function invalid(message: string): FakeOfficeError {
  return new FakeOfficeError('InvalidArgument', message);
}

/** What Excel answers when it cannot read a conditional format (office-js#6827, #6835). */
export function generalException(): FakeOfficeError {
  return new FakeOfficeError(
    'GeneralException',
    'There was an internal error while processing the request.',
  );
}

/** Reading a property that no sync has loaded: the add-in forgot a load() or a sync(). */
export function notLoaded(path: string, name: string): Error {
  return new Error(
    `PropertyNotLoaded: ${path}.${name} was read before load() and context.sync() (or was not loaded).`,
  );
}
